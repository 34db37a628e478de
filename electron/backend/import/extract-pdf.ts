/** Text from a PDF with pdf.js: pages in order, lines kept, words split by a line-end hyphen joined again. */
export async function extractPdfText(data: Uint8Array): Promise<{ text: string; title?: string }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({
    // pdf.js wants a plain Uint8Array (not a Node Buffer), and takes it over: give it a copy.
    data: new Uint8Array(data),
    verbosity: 0,
    // No fonts, no network, no eval: only the text layer is read.
    disableFontFace: true,
    isEvalSupported: false,
    useSystemFonts: false,
    stopAtErrors: false,
  });
  const pdf = await task.promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      let line = '';
      const lines: string[] = [];
      for (const item of content.items) {
        if (!('str' in item)) continue;
        line += item.str;
        if (item.hasEOL) {
          lines.push(line);
          line = '';
        }
      }
      if (line) lines.push(line);
      pages.push(
        lines
          .map((l) => l.replace(/\s+/g, ' ').trim())
          .filter(Boolean)
          .join('\n'),
      );
      page.cleanup();
    }
    const metadata = await pdf.getMetadata().catch(() => null);
    const info = metadata?.info as { Title?: unknown } | undefined;
    return {
      text: mendHyphenation(pages.filter(Boolean).join('\n')),
      title: typeof info?.Title === 'string' ? info.Title : undefined,
    };
  } finally {
    await pdf.destroy();
  }
}

/**
 * Joins a word broken over two lines by a hyphen ("peace-\nkeeping" → "peacekeeping") where that is safe: a
 * lower-case letter before the hyphen and a lower-case letter starting the next line. "Anglo-\nAmerican" stays.
 */
export function mendHyphenation(text: string): string {
  return text.replace(/(\p{Ll})-\n(\p{Ll})/gu, '$1$2');
}
