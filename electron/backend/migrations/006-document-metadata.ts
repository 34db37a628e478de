import { isPublishedDate, parsePublishedDate } from '../../../shared/published-date';
import { asRecord, type Migration } from './migration';

/**
 * 5 → 6: documents as analysts model them. A publication date is an ISO 8601 date (it was free text): one that reads
 * as a date without a guess is converted; one that does not is kept, word for word, as `publishedText`, and reported
 * once. Each document gains a memo and a value per document variable; the library gains the variables' definitions.
 */
export const documentMetadata: Migration = {
  to: 6,
  records: (data) => ({
    ...data,
    variables: Array.isArray(data.variables) ? data.variables : [],
    documents: Array.isArray(data.documents) ? data.documents.map(migrateDocument) : data.documents,
  }),
  report(before) {
    const kept = (Array.isArray(before.documents) ? before.documents : [])
      .map(asRecord)
      .map((d) => ({ title: String(d.title), date: asRecord(d.meta).publishedAt }))
      .filter((d): d is { title: string; date: string } => typeof d.date === 'string' && readDate(d.date) === null);
    if (kept.length === 0) return [];
    const listed = kept
      .slice(0, 5)
      .map((d) => `"${d.date}" (${d.title})`)
      .join(', ');
    const more = kept.length > 5 ? ` and ${kept.length - 5} more` : '';
    return [
      `${kept.length} publication date${kept.length > 1 ? 's' : ''} could not be read as a date and ` +
        `${kept.length > 1 ? 'were' : 'was'} kept as text: ${listed}${more}. Choose the date in each document's ` +
        'details; the text stays in the export (published_text) until then.',
    ];
  },
};

/** A date as the earlier version stored it, read as a date; null when it is not one (an empty one counts as none). */
function readDate(value: string): string | null | undefined {
  if (!value.trim()) return undefined;
  return isPublishedDate(value) ? value : parsePublishedDate(value);
}

function migrateDocument(raw: unknown): unknown {
  const document = asRecord(raw);
  const { publishedAt, ...meta } = asRecord(document.meta);
  const date = typeof publishedAt === 'string' ? readDate(publishedAt) : undefined;
  return {
    ...document,
    meta: {
      ...meta,
      ...(date && { publishedAt: date }),
      ...(date === null && { publishedText: publishedAt }),
    },
    memo: typeof document.memo === 'string' ? document.memo : '',
    variables: asRecord(document.variables),
  };
}
