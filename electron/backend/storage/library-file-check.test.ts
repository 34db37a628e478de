import { describe, expect, it } from 'vitest';
import { isPublishedDate } from '../../../shared/published-date';
import {
  changedAt,
  copyOf,
  expectNoLooserThanZod,
  forAnyValueInAnyPlace,
  forEveryEdgeInEveryPlace,
} from '../test/compiled-check-cases';
import { checkLibraryFile } from './library-file-check';
import { validate } from './library-file-validator.generated';
import { libraryFileSchema } from './library-layout';

const DOCUMENT = {
  id: 'document-1',
  title: 'Treaty talks',
  source: { kind: 'file', path: '/articles/treaty.html', url: 'https://example.org/treaty' },
  meta: { outlet: 'Izvestia', author: 'A. Writer', publishedAt: '2025-05-14' },
  memo: 'Read twice.',
  variables: { 'var-region': 'Baltic', 'var-words': 1200 },
  sha256: 'e'.repeat(64),
  addedAt: '2026-11-01T09:00:00.000Z',
  charCount: 10_000,
  highlightCount: 50,
};
const LIBRARY = {
  schemaVersion: 8,
  layout: 'document-files',
  documents: [
    DOCUMENT,
    {
      ...DOCUMENT,
      id: 'document-2',
      source: { kind: 'paste' },
      meta: { publishedText: 'last Tuesday' },
      variables: {},
    },
  ],
  tags: [
    { id: 'tag-claim', name: 'Claim', color: '#a0b1c2', description: 'A claim', parentId: null },
    { id: 'tag-sub', name: 'Sub-claim', color: '#0f0f0f', description: '', parentId: 'tag-claim' },
  ],
  entities: [{ id: 'entity-nato', name: 'NATO' }],
  variables: [
    { id: 'var-region', name: 'Region', type: 'category', values: ['Baltic', 'Nordic'] },
    { id: 'var-words', name: 'Words', type: 'number', values: [] },
  ],
  settings: {
    annotator: 'ann',
    lastDocumentId: 'document-1',
    snapToWords: true,
    readingPositions: { 'document-1': 120 },
    rejectedDisagreements: { 'document-1': ['pair-1'] },
    exportChoices: { kind: 'annotations', scope: 'all', bom: true, formulaEscape: false },
  },
  entityAliases: { 'target-old': 'entity-nato' },
};

/** The compiled path alone: Ajv's code, then the calendar check of every publication date. */
const fastCheck = (value: unknown): boolean =>
  (validate as (data: unknown) => boolean)(value) &&
  (value as typeof LIBRARY).documents.every((d) => {
    const published = (d.meta as { publishedAt?: string }).publishedAt;
    return published === undefined || isPublishedDate(published);
  });

/** The check as the app makes it gives zod's verdict and value; its compiled path is never looser than zod. */
function expectZodsVerdict(file: unknown): void {
  expectNoLooserThanZod(libraryFileSchema, fastCheck, file);
  const zod = libraryFileSchema.safeParse(copyOf(file));
  const checked = checkLibraryFile(copyOf(file));
  expect(checked.success, JSON.stringify(file)).toBe(zod.success);
  if (zod.success && checked.success) expect(checked.data).toEqual(zod.data);
}

describe('the library file check', () => {
  it('accepts a well-formed file by its compiled path, as zod does, dropping properties the schema does not name', () => {
    expect(expectNoLooserThanZod(libraryFileSchema, fastCheck, LIBRARY)).toBe(true);
    const extra = { ...copyOf(LIBRARY), extra: 1, settings: { ...LIBRARY.settings, theme: 'dark' } };
    const checked = checkLibraryFile(copyOf(extra));
    expect(checked.success && checked.data).toEqual(libraryFileSchema.parse(copyOf(extra)));
    expect(checked.success && Object.keys(checked.data.settings)).not.toContain('theme');
  });

  it('refuses a publication date that is not on the calendar, which its JSON Schema cannot say', () => {
    const file = changedAt(LIBRARY, ['documents', 0, 'meta', 'publishedAt'], '2025-02-29');
    expect((validate as (data: unknown) => boolean)(copyOf(file))).toBe(true);
    const checked = checkLibraryFile(file);
    expect(checked.success).toBe(false);
    expect(!checked.success && checked.error.issues[0]!.path).toEqual(['documents', 0, 'meta', 'publishedAt']);
  });

  it('gives the verdict zod gives on every edge of the schema, in every place', () => {
    forEveryEdgeInEveryPlace(LIBRARY, expectZodsVerdict);
  });

  it('gives the verdict zod gives on any value in any place', () => {
    forAnyValueInAnyPlace(LIBRARY, expectZodsVerdict);
  });
});
