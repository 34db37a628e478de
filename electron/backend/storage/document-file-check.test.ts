import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDocumentFile } from './document-file-check';
import { validate } from './document-file-validator.generated';
import { documentFileSchema } from './library-layout';

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

/** Where a value can be replaced or removed: every field of the file, of a highlight and of a stance. */
const PLACES: ReadonlyArray<readonly (string | number)[]> = [
  [],
  ...Object.keys(FILE).map((key) => [key]),
  ['highlights', 0],
  ...Object.keys(HIGHLIGHT).map((key) => ['highlights', 0, key]),
  ['highlights', 0, 'tagIds', 0],
  ['highlights', 0, 'stances', 0],
  ...Object.keys(HIGHLIGHT.stances[0]!).map((key) => ['highlights', 0, 'stances', 0, key]),
];

/** Values at the edges of what the schema allows, besides any JSON value. */
const EDGES = [
  '',
  'x'.repeat(64),
  'x'.repeat(65),
  // 32 and 33 characters outside the BMP: 64 and 66 UTF-16 units, which zod counts (a code point count would pass both).
  '😀'.repeat(32),
  '😀'.repeat(33),
  0,
  -1,
  -0,
  1.5,
  2 ** 53 - 1,
  2 ** 53,
  1e300,
  null,
  [],
  {},
  'favor',
  'neutral',
  'orphan',
  'Fuzzy',
  'fedcba9876543210',
  '0123456789ABCDEF',
  '0123456789abcdef0',
  '2025-02-28T23:59:59Z',
  '2024-02-29T00:00:00.1Z',
  '2025-02-29T00:00:00Z',
  '2025-04-31T00:00:00Z',
  '2025-01-01T24:00:00Z',
  '2025-01-01T10:00:00+01:00',
  '2025-01-01t10:00:00z',
  '2025-01-01T10:00Z',
  '2025-01-01',
  '2025-01-01T10:00:00.123456789Z',
  ' 2025-01-01T10:00:00Z',
  '2025-01-01T10:00:00Z\n',
];

const copyOf = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** The file with the value at `place` replaced (or removed, for `undefined`), as JSON.parse would give it. */
function changed(place: readonly (string | number)[], value: unknown): unknown {
  const file = copyOf(FILE) as unknown as Record<string | number, unknown>;
  if (place.length === 0) return value === undefined ? null : copyOf(value);
  let parent = file;
  for (const key of place.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = place.at(-1)!;
  if (value === undefined) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else parent[last] = copyOf(value);
  return file;
}

/** zod's verdict, and Ajv's on a copy (it drops unnamed properties in place): the same, with the same value kept. */
function expectSameVerdict(file: unknown): void {
  const zod = documentFileSchema.safeParse(copyOf(file));
  const checked = copyOf(file);
  expect(validate(checked), JSON.stringify(file)).toBe(zod.success);
  if (zod.success) expect(checked).toEqual(zod.data);
}

describe('the document file check', () => {
  it('accepts a well-formed file as zod does, and drops the properties the schema does not name', () => {
    expectSameVerdict(FILE);
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
    for (const place of PLACES) {
      for (const value of [undefined, ...EDGES]) expectSameVerdict(changed(place, value));
    }
  });

  it('gives the verdict zod gives on any value in any place', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PLACES), fc.oneof(fc.jsonValue(), fc.constantFrom(...EDGES)), (place, value) =>
        expectSameVerdict(changed(place, value)),
      ),
      { numRuns: 2_000 },
    );
  });

  it('says what is wrong with a file as zod says it', () => {
    const checked = checkDocumentFile(changed(['highlights', 0, 'start'], -1));
    expect(checked.success).toBe(false);
    expect(!checked.success && checked.error.issues[0]!.path).toEqual(['highlights', 0, 'start']);
  });
});
