/** How many characters of context each side of a passage (a match, a coded segment's quote). */
export const CONTEXT_LENGTH = 40;

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * The text just before and just after [start, end) of `text` (UTF-16 offsets), up to `length` code units each, never
 * cutting a character in two: a context that began or ended with half an emoji would show (and export) a lone
 * surrogate, which no CSV reader or JSON tool takes as text.
 */
export function contextAround(
  text: string,
  start: number,
  end: number,
  length: number = CONTEXT_LENGTH,
): { left: string; right: string } {
  let from = Math.max(0, start - length);
  if (from > 0 && isLowSurrogate(text.charCodeAt(from)) && isHighSurrogate(text.charCodeAt(from - 1))) from++;
  let to = Math.min(text.length, end + length);
  if (to < text.length && isLowSurrogate(text.charCodeAt(to)) && isHighSurrogate(text.charCodeAt(to - 1))) to--;
  return { left: text.slice(from, start), right: text.slice(end, to) };
}
