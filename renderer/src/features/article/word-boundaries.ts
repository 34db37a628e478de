import type { TextSpan } from './text-span';

/**
 * Word-wise movement over the document text, for snapping selections and adjusting highlight boundaries.
 * A word is a run of letters, digits and marks; an apostrophe or hyphen between two such characters belongs to the
 * word ("Grushko's", "three-year-old"). Everything else (spaces, punctuation) is not part of a word.
 */

const WORD = /[\p{L}\p{N}\p{M}_]/u;
const JOINER = /['’\u2011-]/u;

export function isWordChar(text: string, i: number): boolean {
  const c = text[i];
  if (c === undefined) return false;
  if (WORD.test(c)) return true;
  return JOINER.test(c) && WORD.test(text[i - 1] ?? '') && WORD.test(text[i + 1] ?? '');
}

/** Grows a span to whole words at both ends; never adds the space around them. */
export function snapToWords(text: string, span: TextSpan): TextSpan {
  let { start, end } = span;
  if (isWordChar(text, start)) while (start > 0 && isWordChar(text, start - 1)) start--;
  if (isWordChar(text, end - 1)) while (end < text.length && isWordChar(text, end)) end++;
  return { start, end };
}

/** The start of the word before `offset` (skipping what is not a word first), or 0. */
export function previousWordStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && !isWordChar(text, i - 1)) i--;
  while (i > 0 && isWordChar(text, i - 1)) i--;
  return i;
}

/** The end of the word after `offset` (skipping what is not a word first), or the text's length. */
export function nextWordEnd(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && !isWordChar(text, i)) i++;
  while (i < text.length && isWordChar(text, i)) i++;
  return i;
}

/** The start of the next word after `offset` (past the rest of this word and what follows it). */
export function nextWordStart(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && isWordChar(text, i)) i++;
  while (i < text.length && !isWordChar(text, i)) i++;
  return i;
}

/** The end of the word before `offset` (back past the rest of this word and what precedes it). */
export function previousWordEnd(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && isWordChar(text, i - 1)) i--;
  while (i > 0 && !isWordChar(text, i - 1)) i--;
  return i;
}

export type BoundaryMove = 'extend-start' | 'shrink-start' | 'shrink-end' | 'extend-end';

/**
 * A highlight's span after moving one of its ends by a word (or by one character when `byWord` is off).
 * Returns null when the move would leave nothing highlighted or go past the text.
 */
export function moveBoundary(text: string, span: TextSpan, move: BoundaryMove, byWord: boolean): TextSpan | null {
  let { start, end } = span;
  const step = (offset: number, delta: -1 | 1): number => {
    let next = offset + delta;
    // Keep surrogate pairs whole.
    const code = text.charCodeAt(next);
    if (next > 0 && next < text.length && code >= 0xdc00 && code <= 0xdfff) next += delta;
    return next;
  };
  switch (move) {
    case 'extend-start':
      start = byWord ? previousWordStart(text, start) : step(start, -1);
      break;
    case 'shrink-start':
      start = byWord ? nextWordStart(text, start) : step(start, 1);
      break;
    case 'shrink-end':
      end = byWord ? previousWordEnd(text, end) : step(end, -1);
      break;
    case 'extend-end':
      end = byWord ? nextWordEnd(text, end) : step(end, 1);
      break;
    default:
      throw new Error(`Unknown move ${String(move satisfies never)}`);
  }
  if (start < 0 || end > text.length || end <= start) return null;
  if (start === span.start && end === span.end) return null;
  return { start, end };
}
