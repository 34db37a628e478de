// What the tests of the compiled file checks (compiled-check.ts) share: values at the edges of the schemas, every
// place in a sample file, and the file with one value replaced or removed there.
import fc from 'fast-check';
import { expect } from 'vitest';
import type { z } from 'zod';

/** Values at the edges of what the schemas allow, besides any JSON value. */
export const EDGES = [
  '',
  'x'.repeat(64),
  'x'.repeat(65),
  // 32 and 33 characters outside the BMP: 64 and 66 UTF-16 units. zod counts code points and passes both under a
  // maximum of 64; the compiled code counts units (format-docs.test.ts) and leaves the second to zod.
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

export type Place = readonly (string | number)[];

export const copyOf = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Every place in `value`: itself, and each property and item within it, however deep. */
export function placesIn(value: unknown, at: Place = []): Place[] {
  const places: Place[] = [at];
  if (Array.isArray(value)) value.forEach((item, i) => places.push(...placesIn(item, [...at, i])));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) places.push(...placesIn(item, [...at, key]));
  }
  return places;
}

/** `file` with the value at `place` replaced (or removed, for `undefined`), as JSON.parse would give it. */
export function changedAt(file: unknown, place: Place, value: unknown): unknown {
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
export function expectNoLooserThanZod(
  schema: z.ZodType,
  fastCheck: (value: unknown) => boolean,
  file: unknown,
): boolean {
  const zod = schema.safeParse(copyOf(file));
  const checked = copyOf(file);
  const accepted = fastCheck(checked);
  if (accepted) {
    expect(zod.success, `accepted what zod refuses: ${JSON.stringify(file)}`).toBe(true);
    expect(checked).toEqual(zod.success ? zod.data : undefined);
  }
  return accepted;
}

/** `expectVerdict` holds for `file` with every edge value (or none) in every place of it. */
export function forEveryEdgeInEveryPlace(file: unknown, expectVerdict: (changed: unknown) => void): void {
  for (const place of placesIn(file)) {
    for (const value of [undefined, ...EDGES]) expectVerdict(changedAt(file, place, value));
  }
}

/** `expectVerdict` holds for `file` with any JSON value (or an edge) in any place of it: a property test. */
export function forAnyValueInAnyPlace(file: unknown, expectVerdict: (changed: unknown) => void): void {
  fc.assert(
    fc.property(
      fc.constantFrom(...placesIn(file)),
      fc.oneof(fc.jsonValue(), fc.constantFrom(...EDGES)),
      (place, value) => expectVerdict(changedAt(file, place, value)),
    ),
    { numRuns: 2_000 },
  );
}
