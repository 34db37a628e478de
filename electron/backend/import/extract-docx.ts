import { DOMParser } from '@xmldom/xmldom';
import JSZip from 'jszip';
import type { ExtractedArticle } from './html-to-text';

const CORE_PROPERTIES = 'docProps/core.xml';
const DC = 'http://purl.org/dc/elements/1.1/';
const DC_TERMS = 'http://purl.org/dc/terms/';

/** The Title style is no heading to mammoth by default; it is the document's title to an analyst. */
const STYLE_MAP = ["p[style-name='Title'] => h1:fresh"];

/**
 * A Word document's text and what it says of itself: the title, author and creation time of its core properties,
 * and its first Title or Heading paragraph (the title when the properties give none). That paragraph, when it opens
 * the text, is not repeated as the first line. The bytes were checked to be a ZIP of sane size before.
 */
export async function extractDocx(bytes: Uint8Array): Promise<Omit<ExtractedArticle, 'title'> & { title?: string }> {
  const { default: mammoth } = await import('mammoth');
  const buffer = Buffer.from(bytes);
  const [raw, html, core] = await Promise.all([
    mammoth.extractRawText({ buffer }),
    mammoth.convertToHtml({ buffer }, { styleMap: STYLE_MAP }),
    coreProperties(buffer),
  ]);
  const lines = raw.value
    .replace(/\n{2,}/g, '\n')
    .trim()
    .split('\n');
  const heading = firstHeading(html.value);
  const opensWithHeading = heading !== undefined && lines[0]?.trim() === heading;
  return {
    title: core.title || heading,
    text: (opensWithHeading ? lines.slice(1) : lines).join('\n').trim(),
    author: core.creator,
    publishedAt: core.created,
  };
}

/** The text of the first heading mammoth made (h1–h6), its markup and escapes undone. */
function firstHeading(html: string): string | undefined {
  const match = /<h([1-6])[^>]*>([\s\S]*?)<\/h\1>/.exec(html);
  if (!match) return undefined;
  const text = match[2]!
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
  return text || undefined;
}

/** dc:title, dc:creator and dcterms:created from the core properties, where the file has them. */
async function coreProperties(buffer: Buffer): Promise<{ title?: string; creator?: string; created?: string }> {
  const zip = await JSZip.loadAsync(buffer);
  const xml = await zip.file(CORE_PROPERTIES)?.async('string');
  if (!xml) return {};
  let document: Document;
  try {
    const quiet = { warning: () => undefined, error: () => undefined };
    document = new DOMParser({ errorHandler: quiet }).parseFromString(xml, 'text/xml');
  } catch {
    // A malformed part is no reason to refuse the text: its properties are left out.
    return {};
  }
  const text = (namespace: string, name: string): string | undefined =>
    document.getElementsByTagNameNS(namespace, name)[0]?.textContent?.trim() || undefined;
  return { title: text(DC, 'title'), creator: text(DC, 'creator'), created: text(DC_TERMS, 'created') };
}
