/**
 * The one normalisation a text gets, once, at import and before any offset exists: line endings to LF and Unicode
 * NFC, so that the same article always yields the same offsets and the same SHA-256.
 */
export function normaliseText(text: string): string {
  return text.replace(/\r\n?/g, '\n').normalize('NFC');
}
