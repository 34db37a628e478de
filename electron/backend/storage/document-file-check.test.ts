import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
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

/** Values at the edges of what the schemas allow, besides any JSON value. */
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
  true,
  null,
  [],
  {},
  'favor',
  'neutral',
  'orphan',
  'Fuzzy',
  'paste',
  'category',
  'all',
  '#a0b1c2',
  '#A0B1C2',
  '#a0b1c',
  'fedcba9876543210',
  '0123456789ABCDEF',
  '0123456789abcdef0',
  'e'.repeat(64),
  '2025-02-28T23:59:59Z',
  '2024-02-29T00:00:00.1Z',
  '2025-02-29T00:00:00Z',
  '2025-04-31T00:00:00Z',
  '2025-01-01T24:00:00Z',
  '2025-01-01T10:00:00+01:00',
  '2025-01-01T10:00:00+15:00',
  '2025-01-01t10:00:00z',
  '2025-01-01T10:00Z',
  '2025-01-01',
  '2025-02-29',
  '2024-02-29',
  '2025-13-01',
  '2025-01-01T10:00:00.123456789Z',
  ' 2025-01-01T10:00:00Z',
  '2025-01-01T10:00:00Z\n',
];

type Place = readonly (string | number)[];

const copyOf = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Every place in `value`: itself, and each property and item within it, however deep. */
function placesIn(value: unknown, at: Place = []): Place[] {
  const places: Place[] = [at];
  if (Array.isArray(value)) value.forEach((item, i) => places.push(...placesIn(item, [...at, i])));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) places.push(...placesIn(item, [...at, key]));
  }
  return places;
}

/** `file` with the value at `place` replaced (or removed, for `undefined`), as JSON.parse would give it. */
function changedAt(file: unknown, place: Place, value: unknown): unknown {
  if (place.length === 0) return value === undefined ? null : copyOf(value);
  const copy = copyOf(file) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of place.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = place.at(-1)!;
  if (value === undefined) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else parent[last] = copyOf(value);
  return copy;
}

/**
 * The compiled check never accepts what zod refuses, and what it accepts it keeps as zod does (it drops unnamed
 * properties in place, so it is given a copy). Returns whether it accepted, for tests that expect it to.
 */
function expectNoLooserThanZod(schema: z.ZodType, fastCheck: (value: unknown) => boolean, file: unknown): boolean {
  const zod = schema.safeParse(copyOf(file));
  const checked = copyOf(file);
  const accepted = fastCheck(checked);
  if (accepted) {
    expect(zod.success, `accepted what zod refuses: ${JSON.stringify(file)}`).toBe(true);
    expect(checked).toEqual(zod.success ? zod.data : undefined);
  }
  return accepted;
}

/** Where a value can be replaced or removed: every field of the file, of a highlight and of a stance. */
const PLACES = placesIn(FILE);

/** zod's verdict, and Ajv's on a copy (it drops unnamed properties in place): the same, with the same value kept. */
function expectSameVerdict(file: unknown): void {
  const accepted = expectNoLooserThanZod(documentFileSchema, validate as (value: unknown) => boolean, file);
  expect(accepted, JSON.stringify(file)).toBe(documentFileSchema.safeParse(copyOf(file)).success);
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
      for (const value of [undefined, ...EDGES]) expectSameVerdict(changedAt(FILE, place, value));
    }
  });

  it('gives the verdict zod gives on any value in any place', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PLACES), fc.oneof(fc.jsonValue(), fc.constantFrom(...EDGES)), (place, value) =>
        expectSameVerdict(changedAt(FILE, place, value)),
      ),
      { numRuns: 2_000 },
    );
  });

  it('says what is wrong with a file as zod says it', () => {
    const checked = checkDocumentFile(changedAt(FILE, ['highlights', 0, 'start'], -1));
    expect(checked.success).toBe(false);
    expect(!checked.success && checked.error.issues[0]!.path).toEqual(['highlights', 0, 'start']);
  });
});
