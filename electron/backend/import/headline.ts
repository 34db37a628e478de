/** The longest first line taken for a headline, in characters: longer is a paragraph. */
const MAX_HEADLINE_LENGTH = 160;

/**
 * A plain-text or Markdown article's headline, taken off its text: the first line, when it reads as a headline —
 * short, not ending in a full stop, and followed by more text (after a blank line or not). Markdown's heading marks
 * (`# `) are dropped from it. Otherwise null, and the file's name stays the title.
 */
export function splitHeadline(text: string): { title: string; body: string } | null {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const first = lines.findIndex((line) => line.trim() !== '');
  if (first < 0) return null;
  const title = lines[first]!.trim()
    .replace(/^#{1,6}\s+/, '')
    .replace(/\s+#+$/, '')
    .trim();
  const body = lines
    .slice(first + 1)
    .join('\n')
    .replace(/^\s*\n/, '')
    // A Markdown setext underline (=== or ---) belongs to the headline.
    .replace(/^(?:=+|-+)[ \t]*(?:\n|$)/, '')
    .trim();
  if (!title || title.length > MAX_HEADLINE_LENGTH || title.endsWith('.') || !body) return null;
  return { title, body };
}
