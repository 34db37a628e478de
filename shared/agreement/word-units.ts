import type { ReliabilityTally } from './reliability';

/**
 * Word-level units for tag agreement: each maximal run of non-whitespace characters (`/\S+/gu`) is a unit, and a
 * coder's value for a word and a tag is 1 when one of their highlights with the tag (or a sub-tag) covers at least one
 * character of it. Computed by a sweep over the highlights' word ranges, never word by word: a 1 MB article has some
 * 150,000 words and most carry no tag for anyone, which is one tally entry.
 */

export interface Words {
  /** UTF-16 offsets of each word's first character, ascending. */
  starts: Int32Array;
  /** UTF-16 offsets just after each word's last character, ascending. */
  ends: Int32Array;
}

export function wordsOf(text: string): Words {
  const starts: number[] = [];
  const ends: number[] = [];
  for (const match of text.matchAll(/\S+/gu)) {
    starts.push(match.index);
    ends.push(match.index + match[0].length);
  }
  return { starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}

/** The first index whose value is greater than `value` (values ascending). */
function firstAbove(values: Int32Array, value: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (values[middle]! > value) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** The words a span [start, end) touches, as indices [from, to); empty when it covers only whitespace. */
export function wordRange(words: Words, start: number, end: number): [number, number] {
  // The first word ending after `start`, up to the first word starting at or after `end`.
  return [firstAbove(words.ends, start), firstAbove(words.starts, end - 1)];
}

/**
 * Tallies every word of a document for one tag: `rangesByCoder[i]` are the word ranges coder i's highlights with the
 * tag cover (overlapping allowed).
 */
export function tallyWords(
  wordCount: number,
  rangesByCoder: readonly (readonly [number, number])[][],
  tally: ReliabilityTally,
): void {
  const coders = rangesByCoder.length;
  const events: number[] = []; // position, coder index, +1 or −1: three numbers an event
  rangesByCoder.forEach((ranges, coder) => {
    for (const [from, to] of ranges) {
      if (from >= to) continue;
      events.push(from, coder, 1, to, coder, -1);
    }
  });
  const order = Array.from({ length: events.length / 3 }, (_, i) => i);
  order.sort((a, b) => events[a * 3]! - events[b * 3]!);
  const depth = new Int32Array(coders);
  const valuesOfMask = new Map<number, string[]>();
  const valuesFor = (mask: number): string[] => {
    let values = valuesOfMask.get(mask);
    if (!values) {
      values = Array.from({ length: coders }, (_, i) => ((mask >> i) & 1 ? '1' : '0'));
      valuesOfMask.set(mask, values);
    }
    return values;
  };
  let mask = 0;
  let position = 0;
  let covered = 0;
  for (const event of order) {
    const at = events[event * 3]!;
    if (at > position && mask !== 0) {
      tally.add(valuesFor(mask), at - position);
      covered += at - position;
    }
    position = at;
    const coder = events[event * 3 + 1]!;
    depth[coder]! += events[event * 3 + 2]!;
    mask = depth[coder]! > 0 ? mask | (1 << coder) : mask & ~(1 << coder);
  }
  tally.add(valuesFor(0), wordCount - covered);
}
