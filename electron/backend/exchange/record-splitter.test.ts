import { describe, expect, it } from 'vitest';
import { RecordSplitter, SplitError, type SplitPart } from './record-splitter';

/** Splits `text`, fed in chunks of the given sizes (cycled), and gives back the object its parts make. */
function reassemble(text: string, sizes: readonly number[]): Record<string, unknown> {
  const bytes = Buffer.from(text, 'utf8');
  const splitter = new RecordSplitter(new Set(['documents', 'highlights']));
  const parts: SplitPart[] = [];
  for (let at = 0, k = 0; at < bytes.length; k++) {
    const size = sizes[k % sizes.length]!;
    parts.push(...splitter.feed(bytes.subarray(at, at + size)));
    at += size;
  }
  parts.push(...splitter.end());
  const object: Record<string, unknown> = {};
  for (const part of parts) {
    if (part.kind === 'member') object[part.key] = JSON.parse(part.bytes.toString('utf8'));
    else if (part.kind === 'list-start') object[part.key] = [];
    else if (part.kind === 'element') {
      const list = object[part.key] as unknown[];
      expect(part.index).toBe(list.length);
      expect(bytes.subarray(part.at, part.at + part.bytes.length).equals(part.bytes)).toBe(true);
      list.push(JSON.parse(part.bytes.toString('utf8')));
    } else expect(part.count).toBe((object[part.key] as unknown[]).length);
  }
  return object;
}

/** A small deterministic generator, so that a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Strings that try the splitter: quotes, backslashes, brackets and commas inside strings, and every script. */
const TRICKY = ['a"b', 'back\\slash\\', '{[}],:', '😀 Кыїв ‏عربي', '\\"', '"', '\u0000\n\t', '', ' ] } ', '1e5'];

function value(next: () => number, depth: number): unknown {
  const r = next();
  if (depth > 3 || r < 0.4) {
    const scalars = [TRICKY[Math.floor(next() * TRICKY.length)], -12.5e3, 0, true, false, null, 42];
    return scalars[Math.floor(next() * scalars.length)];
  }
  if (r < 0.7) return Array.from({ length: Math.floor(next() * 4) }, () => value(next, depth + 1));
  return Object.fromEntries(
    Array.from({ length: Math.floor(next() * 4) }, (_, i) => [
      `${TRICKY[i % TRICKY.length]}${i}`,
      value(next, depth + 1),
    ]),
  );
}

describe('splitting a backup into its records', () => {
  it('gives back exactly the object, whatever the chunks, the spacing and the strings', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const next = random(seed);
      const object = {
        format: 'stance-annotator-backup',
        schemaVersion: 8,
        documents: Array.from({ length: Math.floor(next() * 5) }, () => ({ text: value(next, 1), n: value(next, 2) })),
        tags: value(next, 1),
        highlights: Array.from({ length: Math.floor(next() * 6) }, () => value(next, 1)),
        settings: { a: value(next, 1) },
        last: seed % 2 ? 7 : null,
      };
      const text = JSON.stringify(object, null, seed % 3 === 0 ? undefined : seed % 3);
      const sizes = [1 + Math.floor(next() * 7), 1 + Math.floor(next() * 60), 4096];
      expect(reassemble(text, sizes), `seed ${seed}`).toEqual(object);
    }
  });

  it('takes a byte order mark, empty lists and an empty object', () => {
    expect(reassemble('\ufeff{"documents":[],"highlights":[ ],"x":1}', [2])).toEqual({
      documents: [],
      highlights: [],
      x: 1,
    });
    expect(reassemble(' { } \n', [1])).toEqual({});
  });

  it('says where the text stops being one object', () => {
    const cases: Array<[string, RegExp, number]> = [
      ['[1,2]', /^is damaged at its start \(at byte 0\): "\[" where a JSON object \("\{"\) should be$/, 0],
      ['{"a":1 "b":2}', /^is damaged in or after its "a" \(at byte 7\): """ where "," or "\}" should be$/, 7],
      [
        '{"highlights":[{}{}]}',
        /^is damaged in its highlights, after 1 record \(at byte 17\): "\{" where "," or "\]" should be$/,
        17,
      ],
      [
        '{"a":1} x',
        /^is damaged in or after its "a" \(at byte 8\): "x" where nothing after the end of the object should be$/,
        8,
      ],
      [
        '{"highlights":[{"a":"}',
        /^ends too soon: it is cut short in its highlights, after 0 records \(at byte 22\)$/,
        22,
      ],
      ['{"a":1,', /^ends too soon: it is cut short in or after its "a" \(at byte 7\)$/, 7],
    ];
    for (const [text, message, byte] of cases) {
      let error: unknown;
      try {
        reassemble(text, [3]);
      } catch (caught) {
        error = caught;
      }
      expect(error, text).toBeInstanceOf(SplitError);
      expect((error as SplitError).message, text).toMatch(message);
      expect((error as SplitError).byteOffset, text).toBe(byte);
    }
  });
});
