import type { Database, Highlight, StoredDocument } from '../domain';
import { publishedDay } from '../published-date';

/** The records an analysis reads. */
export type AnalysisLibrary = Pick<Database, 'documents' | 'tags' | 'entities' | 'variables' | 'highlights'>;

/**
 * What every analysis can be limited to: some coders' highlights, and documents published in a date range (both ends
 * included, as YYYY-MM-DD), of an outlet, or with a value of a document variable. A document without a date is
 * outside any range, so a range leaves it out.
 */
export interface AnalysisFilter {
  coders?: readonly string[];
  from?: string;
  to?: string;
  /** Documents of this outlet (ignoring case and surrounding spaces). */
  outlet?: string;
  /** Documents with this value of a document variable (compared as text: a number as it is written). */
  variable?: { variableId: string; value: string };
}

export interface FilteredLibrary {
  library: AnalysisLibrary;
  documents: StoredDocument[];
  highlights: Highlight[];
  documentById: Map<string, StoredDocument>;
}

export function filterLibrary(library: AnalysisLibrary, filter: AnalysisFilter = {}): FilteredLibrary {
  const ranged = filter.from !== undefined || filter.to !== undefined;
  const outlet = filter.outlet?.trim().toLowerCase();
  const { variable } = filter;
  const documents = library.documents.filter((d) => {
    if (outlet !== undefined && (d.meta.outlet ?? '').trim().toLowerCase() !== outlet) return false;
    if (variable && String(d.variables[variable.variableId] ?? '') !== variable.value) return false;
    if (!ranged) return true;
    const day = d.meta.publishedAt ? publishedDay(d.meta.publishedAt) : null;
    return day !== null && (!filter.from || day >= filter.from) && (!filter.to || day <= filter.to);
  });
  const documentById = new Map(documents.map((d) => [d.id, d]));
  const coders = filter.coders && new Set(filter.coders);
  const highlights = library.highlights.filter(
    (h) => documentById.has(h.documentId) && (!coders || coders.has(h.annotator)),
  );
  return { library, documents, highlights, documentById };
}
