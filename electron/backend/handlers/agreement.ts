import { agreementSteps } from '../../../shared/agreement/compute-agreement';
import type { CoderInfo } from '../../../shared/api-contract';
import { agreementInput, AgreementRequestError } from '../../../shared/agreement/agreement-input';
import { ApiFailure } from '../api-error';
import { inSlices } from '../in-slices';
import type { HandlerContext, Handlers } from './types';

type AgreementHandlers = Pick<Handlers, 'listCoders' | 'getAgreement'>;

export function agreementHandlers({ library }: HandlerContext): AgreementHandlers {
  return {
    async listCoders() {
      const coders = new Map<string, { highlights: number; documents: Set<string> }>();
      for (const highlight of library.data.highlights) {
        if (highlight.annotator === '') continue;
        let coder = coders.get(highlight.annotator);
        if (!coder) coders.set(highlight.annotator, (coder = { highlights: 0, documents: new Set() }));
        coder.highlights++;
        coder.documents.add(highlight.documentId);
      }
      return [...coders]
        .map(([name, { highlights, documents }]): CoderInfo => ({ name, highlights, documents: documents.size }))
        .sort((a, b) => a.name.localeCompare(b.name));
    },

    async getAgreement(request) {
      let input;
      try {
        input = agreementInput(library.data, request);
      } catch (error) {
        if (error instanceof AgreementRequestError) throw new ApiFailure('invalid-request', error.message);
        throw error;
      }
      return await inSlices(agreementSteps(input.documents, input.options));
    },
  };
}
