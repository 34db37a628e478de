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
  let prefixStart = Math.max(0, start - CONTEXT_LENGTH);
  if (prefixStart > 0 && isLowSurrogate(text.charCodeAt(prefixStart))) prefixStart += 1;
  let suffixEnd = Math.min(text.length, end + CONTEXT_LENGTH);
  if (suffixEnd < text.length && isLowSurrogate(text.charCodeAt(suffixEnd))) suffixEnd -= 1;
  return {
    quote: text.slice(start, end),
    prefix: text.slice(prefixStart, start),
    suffix: text.slice(end, suffixEnd),
  };
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
