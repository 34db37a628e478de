import type { Highlight } from '../../../shared/domain';
import { testDocument as sharedTestDocument } from '../../../shared/test-records';

/** A highlight for the storage's tests, with strings JSON must escape (quotes, a newline). */
export const testHighlight = (id: string, note = '', documentId = 'doc-1'): Highlight => ({
  id,
  documentId,
  start: 0,
  end: 4,
  quote: 'Line',
  prefix: '',
  suffix: ' "one"\n',
  tagIds: ['t'],
  stances: [{ holderId: null, targetId: 'x', stance: 'against' }],
  note,
  annotator: '',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

/** The document {@link testHighlight} is in: a text with what JSON escapes, a line separator and an emoji. */
export const testDocument = sharedTestDocument({ id: 'doc-1', title: 'T', text: 'Line "one"\n\u2028 and 😀 \\ end' });
