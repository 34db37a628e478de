/** How much text on each side of a highlight is kept for re-anchoring (DESIGN.md, "Data model"). */
export const CONTEXT_LENGTH = 32;

export interface TextQuote {
  quote: string;
  prefix: string;
  suffix: string;
}

/**
 * The quote and its context for the UTF-16 range [start, end) of `text`. The context edges are moved off the
 * middle of a surrogate pair so that an emoji is never cut in half in the saved prefix or suffix.
 */
export function quoteWithContext(text: string, start: number, end: number): TextQuote {
  return {
    quote: text.slice(start, end),
    prefix: text.slice(prefixStart(text, start), start),
    suffix: text.slice(end, suffixEnd(text, end)),
  };
}

/** Where the prefix of a highlight starting at `start` begins: up to CONTEXT_LENGTH before, off a surrogate pair. */
export function prefixStart(text: string, start: number): number {
  const at = Math.max(0, start - CONTEXT_LENGTH);
  return at > 0 && isLowSurrogate(text.charCodeAt(at)) ? at + 1 : at;
}

/** Where the suffix of a highlight ending at `end` ends: up to CONTEXT_LENGTH after, off a surrogate pair. */
export function suffixEnd(text: string, end: number): number {
  const at = Math.min(text.length, end + CONTEXT_LENGTH);
  return at < text.length && isLowSurrogate(text.charCodeAt(at)) ? at - 1 : at;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** True when [start, end) would split a surrogate pair at either edge. */
export function splitsSurrogatePair(text: string, start: number, end: number): boolean {
  return (
    (start > 0 && start < text.length && isLowSurrogate(text.charCodeAt(start))) ||
    (end > 0 && end < text.length && isLowSurrogate(text.charCodeAt(end)))
  );
}
