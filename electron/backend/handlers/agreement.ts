import { agreementSteps } from '../../../shared/agreement/compute-agreement';
import type { CoderInfo } from '../../../shared/api-contract';
import {
  agreementInput,
  AgreementRequestError,
  type AgreementRequest,
} from '../../../shared/agreement/agreement-input';
import type { AgreementReport } from '../../../shared/agreement/compute-agreement';
import type { Database } from '../../../shared/domain';
import { ApiFailure } from '../api-error';
import { inSlices } from '../in-slices';
import type { HandlerContext, Handlers } from './types';
import { entryIn } from '../../../shared/collections';

type AgreementHandlers = Pick<Handlers, 'listCoders' | 'getAgreement'>;

export function agreementHandlers({ library }: HandlerContext): AgreementHandlers {
  return {
    async listCoders() {
      const coders = new Map<string, { highlights: number; documents: Set<string> }>();
      for (const highlight of library.data.highlights) {
        if (highlight.annotator === '') continue;
        const coder = entryIn(coders, highlight.annotator, () => ({ highlights: 0, documents: new Set<string>() }));
        coder.highlights++;
        coder.documents.add(highlight.documentId);
      }
      return [...coders]
        .map(([name, { highlights, documents }]): CoderInfo => ({ name, highlights, documents: documents.size }))
        .sort((a, b) => a.name.localeCompare(b.name));
    },

    getAgreement: (request) => agreementOf(library.data, request),
  };
}

/** Agreement as the backend computes it: the input picked at once, then the computation in slices. */
export async function agreementOf(data: Database, request: AgreementRequest): Promise<AgreementReport> {
  let input;
  try {
    input = agreementInput(data, request);
  } catch (error) {
    if (error instanceof AgreementRequestError) throw new ApiFailure('invalid-request', error.message);
    throw error;
  }
  return await inSlices(agreementSteps(input.documents, input.options));
}
