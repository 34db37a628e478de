import path from 'node:path';
import { IMPORTABLE_EXTENSIONS } from '../../../shared/import-formats';
import { ApiFailure } from '../api-error';
import { parsePublishedDate } from '../../../shared/published-date';
import { decodeText } from './decode-text';
import { splitHeadline } from './headline';
import type { ExtractedArticle } from './html-to-text';
import { MAX_DOCX_EXPANSION_BYTES, zipExpansionProblem } from './zip-expansion';

// The extractors (jsdom, mammoth, pdf.js) are loaded on first use, so that starting the app does not wait for them.

/** The title a file gives when it has none of its own: its name without the extension. */
const titleFromName = (fileName: string): string => path.basename(fileName, path.extname(fileName)) || fileName;

/**
 * Text and metadata from a file, by its kind; a kind not listed, or a file not of its kind, is refused with why. A
 * publication date the file gives is kept when it reads as a date (published-date.ts), and left out otherwise; so is
 * a page's address when it is an absolute web address.
 */
export async function extractFile(fileName: string, bytes: Uint8Array): Promise<ExtractedArticle> {
  const { publishedAt, url, ...article } = await extractByKind(fileName, bytes);
  const date = publishedAt === undefined ? null : parsePublishedDate(publishedAt);
  const address = url === undefined ? null : webAddress(url);
  return { ...article, ...(date && { publishedAt: date }), ...(address && { url: address }) };
}

/** A page's address when it is an absolute http(s) URL (a relative or script one says nothing about the page). */
function webAddress(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

async function extractByKind(fileName: string, bytes: Uint8Array): Promise<ExtractedArticle> {
  const extension = path.extname(fileName).toLowerCase();
  switch (extension) {
    case '.txt':
    case '.md': {
      const text = decodeText(bytes, fileName);
      const headline = splitHeadline(text);
      return headline ? { title: headline.title, text: headline.body } : { title: titleFromName(fileName), text };
    }
    case '.html':
    case '.htm':
      return (await import('./html-worker')).extractArticleInWorker(
        fileName,
        decodeText(bytes, fileName),
        titleFromName(fileName),
      );
    case '.docx': {
      if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) {
        throw new ApiFailure('invalid-request', `${fileName} is not a Word document (.docx files are ZIP archives).`);
      }
      const tooLarge = zipExpansionProblem(bytes, MAX_DOCX_EXPANSION_BYTES);
      if (tooLarge) throw new ApiFailure('invalid-request', `${fileName} ${tooLarge}: it was not imported.`);
      try {
        const { title, ...rest } = await (await import('./extract-docx')).extractDocx(bytes);
        return { title: title ?? titleFromName(fileName), ...rest };
      } catch (error) {
        throw new ApiFailure(
          'invalid-request',
          `${fileName} could not be read as a Word document: ${(error as Error).message}`,
        );
      }
    }
    case '.pdf': {
      if (!Buffer.from(bytes.subarray(0, 5)).toString('latin1').startsWith('%PDF-')) {
        throw new ApiFailure('invalid-request', `${fileName} is not a PDF (it does not start with %PDF-).`);
      }
      try {
        const { text, title } = await (await import('./extract-pdf')).extractPdfText(bytes);
        return { title: title?.trim() || titleFromName(fileName), text };
      } catch (error) {
        throw new ApiFailure('invalid-request', `${fileName} could not be read as a PDF: ${(error as Error).message}`);
      }
    }
    default:
      throw new ApiFailure(
        'invalid-request',
        `${fileName}: ${extension ? `"${extension}" files are` : 'a file without an extension is'} not supported ` +
          `(supported: ${IMPORTABLE_EXTENSIONS.join(', ')}).`,
      );
  }
}
