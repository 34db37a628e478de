import type { AgreementDocument, AgreementHighlight, AgreementOptions } from '../../shared/agreement/compute-agreement';
import type { ApiArgs } from '../../shared/api-contract';
import type { Database } from '../../shared/domain';
import { ApiFailure } from './api-error';
import { findDocument, findTag } from './handlers/lookup';

/**
 * What an agreement request covers, from the library as it is now: the chosen documents (default: every document
 * where each chosen coder has a highlight) with those coders' highlights. The app's Agreement view and the command
 * line both start here, so they report the same numbers.
 */
export function agreementInput(
  data: Database,
  { coders, documentIds, tagIds }: ApiArgs<'getAgreement'>,
): { documents: AgreementDocument[]; options: AgreementOptions } {
  for (const id of tagIds ?? []) findTag(data, id);
  const chosen = new Set(documentIds ?? []);
  for (const id of chosen) findDocument(data, id);
  const coderSet = new Set(coders);

  // Records are never changed in place, so the lists built here stay as they are while the computation runs.
  const byDocument = new Map<string, AgreementHighlight[]>();
  for (const highlight of data.highlights) {
    if (!coderSet.has(highlight.annotator)) continue;
    if (documentIds && !chosen.has(highlight.documentId)) continue;
    let list = byDocument.get(highlight.documentId);
    if (!list) byDocument.set(highlight.documentId, (list = []));
    list.push(highlight);
  }
  const documents: AgreementDocument[] = [];
  for (const document of data.documents) {
    const highlights = byDocument.get(document.id);
    if (documentIds ? !chosen.has(document.id) : !codedByAll(highlights, coderSet)) continue;
    documents.push({ id: document.id, title: document.title, text: document.text, highlights: highlights ?? [] });
  }
  if (documents.length === 0) {
    throw new ApiFailure(
      'invalid-request',
      `No document has highlights by each of ${coders.join(', ')}: choose the documents, or coders who coded the same ones.`,
    );
  }
  return { documents, options: { coders, tags: data.tags, tagIds } };
}

function codedByAll(highlights: readonly AgreementHighlight[] | undefined, coders: ReadonlySet<string>): boolean {
  if (!highlights) return false;
  const seen = new Set(highlights.map((h) => h.annotator));
  return [...coders].every((coder) => seen.has(coder));
}
