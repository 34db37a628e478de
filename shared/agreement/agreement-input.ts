import type { CsvOptions } from '../csv';
import { isPlaced } from '../domain-values';
import type { Database } from '../domain';
import { documentsAgreementCsv, reliabilityCsv, spansCsv } from './agreement-csv';
import {
  computeAgreement,
  type AgreementDocument,
  type AgreementHighlight,
  type AgreementOptions,
} from './compute-agreement';
import { listIn } from '../collections';

/** What an agreement covers: two or more coders, and optionally the documents and the tags. */
export interface AgreementRequest {
  coders: readonly string[];
  documentIds?: readonly string[];
  tagIds?: readonly string[];
}

/** A request that names what the library does not hold, or finds nothing to compare. */
export class AgreementRequestError extends Error {}

/**
 * What an agreement request covers, from the library as it is now: the chosen documents (default: every document
 * where each chosen coder has a highlight) with those coders' highlights. The app's Agreement view and the command
 * line both start here, so they report the same numbers.
 */
export function agreementInput(
  data: Database,
  { coders, documentIds, tagIds }: AgreementRequest,
): { documents: AgreementDocument[]; options: AgreementOptions } {
  const tagIdSet = new Set(data.tags.map((t) => t.id));
  const unknownTag = tagIds?.find((id) => !tagIdSet.has(id));
  if (unknownTag !== undefined) throw new AgreementRequestError(`There is no tag with id "${unknownTag}".`);
  const chosen = new Set(documentIds ?? []);
  const documentIdSet = new Set(data.documents.map((d) => d.id));
  const unknownDocument = documentIds?.find((id) => !documentIdSet.has(id));
  if (unknownDocument !== undefined) {
    throw new AgreementRequestError(`There is no document with id "${unknownDocument}".`);
  }
  const coderSet = new Set(coders);

  // Records are never changed in place, so the lists built here stay as they are while the computation runs.
  const byDocument = new Map<string, AgreementHighlight[]>();
  for (const highlight of data.highlights) {
    // An orphan has no place in the text, so no words to agree on (domain.ts, `anchor`).
    if (!coderSet.has(highlight.annotator) || !isPlaced(highlight)) continue;
    if (documentIds && !chosen.has(highlight.documentId)) continue;
    listIn(byDocument, highlight.documentId).push(highlight);
  }
  const documents: AgreementDocument[] = [];
  for (const document of data.documents) {
    const highlights = byDocument.get(document.id);
    if (documentIds ? !chosen.has(document.id) : !codedByAll(highlights, coderSet)) continue;
    documents.push({ id: document.id, title: document.title, text: document.text, highlights: highlights ?? [] });
  }
  if (documents.length === 0) {
    throw new AgreementRequestError(
      `No document has highlights by each of ${coders.join(', ')}: choose the documents, or coders who coded the same ones.`,
    );
  }
  return { documents, options: { coders, tags: data.tags, tagIds } };
}

/** The agreement report as one of its CSV files, from the library as it is (for exports and the command line). */
export function agreementCsv(
  data: Database,
  request: AgreementRequest,
  part: 'reliability' | 'spans' | 'documents',
  csv: CsvOptions,
): string {
  const { documents, options } = agreementInput(data, request);
  const report = computeAgreement(documents, options);
  if (part === 'spans') return spansCsv(report, csv);
  if (part === 'documents') return documentsAgreementCsv(report, csv);
  return reliabilityCsv(report, csv);
}

function codedByAll(highlights: readonly AgreementHighlight[] | undefined, coders: ReadonlySet<string>): boolean {
  if (!highlights) return false;
  const seen = new Set(highlights.map((h) => h.annotator));
  return [...coders].every((coder) => seen.has(coder));
}
