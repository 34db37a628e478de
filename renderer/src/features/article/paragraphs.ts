export interface Paragraph {
  /** UTF-16 offset of the paragraph's first character in the document text. */
  start: number;
  text: string;
}

/**
 * The article is shown one paragraph per line of its text. The line breaks themselves are not rendered, so a
 * paragraph's text node holds exactly `text.slice(start, start + text.length)` and DOM offsets map to text offsets
 * by simple addition.
 */
export function splitParagraphs(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    paragraphs.push({ start, text: line });
    start += line.length + 1;
  }
  return paragraphs;
}

/** Shrinks [start, end) past whitespace at either end; null when nothing but whitespace is left. */
export function trimSpan(text: string, start: number, end: number): { start: number; end: number } | null {
  while (start < end && /\s/.test(text[start] ?? '')) start++;
  while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
  return end > start ? { start, end } : null;
}
