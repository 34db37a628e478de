import type { StoredDocument } from './domain';

/** A document for tests of any layer: what a test cares about (its id, title, text…) overrides it. */
export const testDocument = (overrides: Partial<StoredDocument> = {}): StoredDocument => ({
  id: 'doc',
  title: 'An article',
  text: 'NATO said so.',
  source: { kind: 'paste' },
  meta: {},
  memo: '',
  variables: {},
  sha256: '0'.repeat(64),
  addedAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});
