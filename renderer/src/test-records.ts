import type { Highlight } from '../../shared/domain';

/** A highlight of "NATO" at the start of a document, for the renderer's tests: what a test cares about overrides it. */
export const testHighlight = (overrides: Partial<Highlight> = {}): Highlight => ({
  id: 'h1',
  documentId: 'doc',
  start: 0,
  end: 4,
  quote: 'NATO',
  prefix: '',
  suffix: '',
  tagIds: [],
  stances: [],
  note: '',
  annotator: 'ann',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});

/** The document {@link testHighlight} is in (shared/test-records.ts). */
export { testDocument } from '../../shared/test-records';
