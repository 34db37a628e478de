import { describe, expect, it } from 'vitest';
import { checkDocumentFile } from './document-file-check';
import { validate } from './document-file-validator.generated';
import { documentFileSchema } from './library-layout';
import {
  changedAt,
  copyOf,
  expectNoLooserThanZod,
  forAnyValueInAnyPlace,
  forEveryEdgeInEveryPlace,
} from '../test/compiled-check-cases';

const HIGHLIGHT = {
  id: 'h-1',
  documentId: 'document-1',
  start: 4,
  end: 9,
  quote: 'quick',
  prefix: 'The ',
  suffix: ' brown fox',
  tagIds: ['tag-claim'],
  stances: [{ holderId: 'holder-nato', targetId: 'target-peace', stance: 'against' }],
  note: 'A note',
  annotator: 'ann',
  createdAt: '2026-11-01T09:00:00.000Z',
  updatedAt: '2026-11-01T09:00:00Z',
  anchor: 'fuzzy',
};
const FILE = {
  documentId: 'document-1',
  log: '0123456789abcdef',
  text: 'The quick brown fox',
  highlights: [HIGHLIGHT],
};

/**
 * The check as the app makes it gives zod's verdict and value; its compiled path (Ajv's code, on a copy: it drops
 * unnamed properties in place) is never looser than zod.
 */
function expectSameVerdict(file: unknown): void {
  expectNoLooserThanZod(documentFileSchema, validate as (value: unknown) => boolean, file);
  const zod = documentFileSchema.safeParse(copyOf(file));
  const checked = checkDocumentFile(copyOf(file));
  expect(checked.success, JSON.stringify(file)).toBe(zod.success);
  if (zod.success && checked.success) expect(checked.data).toEqual(zod.data);
}

describe('the document file check', () => {
  it('accepts a well-formed file by its compiled path, as zod does, and drops the properties the schema does not name', () => {
    expect(expectNoLooserThanZod(documentFileSchema, validate as (value: unknown) => boolean, FILE)).toBe(true);
    const extra = {
      ...copyOf(FILE),
      extra: 1,
      highlights: [{ ...HIGHLIGHT, colour: 'red', stances: [{ ...HIGHLIGHT.stances[0], weight: 2 }] }],
    };
    const checked = checkDocumentFile(copyOf(extra));
    expect(checked.success).toBe(true);
    expect(checked.success && checked.data).toEqual(documentFileSchema.parse(copyOf(extra)));
    expect(checked.success && Object.keys(checked.data.highlights[0]!)).not.toContain('colour');
  });

  it('gives the verdict zod gives on every edge of the schema', () => {
    forEveryEdgeInEveryPlace(FILE, expectSameVerdict);
  });

  it('gives the verdict zod gives on any value in any place', () => {
    forAnyValueInAnyPlace(FILE, expectSameVerdict);
  });

  it('says what is wrong with a file as zod says it', () => {
    const checked = checkDocumentFile(changedAt(FILE, ['highlights', 0, 'start'], -1));
    expect(checked.success).toBe(false);
    expect(!checked.success && checked.error.issues[0]!.path).toEqual(['highlights', 0, 'start']);
  });
});
