import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';

export interface ExtractedArticle {
  title: string;
  text: string;
  author?: string;
  outlet?: string;
  publishedAt?: string;
}

/**
 * A DOM for untrusted HTML that runs nothing and fetches nothing: jsdom runs no scripts and loads no resources
 * unless told to (it is not told to), and its console stays silent. Only text ever leaves it.
 */
function inertDom(html: string, url?: string): JSDOM {
  return new JSDOM(html, { url: url ?? 'https://stance-annotator.invalid/', virtualConsole: new VirtualConsole() });
}

const BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, figcaption, dt, dd, td, th';

/** The text of HTML as lines: one per block (paragraph, heading, list item…), white space inside collapsed. */
export function blocksToText(root: Element): string {
  const blocks = [...root.querySelectorAll(BLOCKS)].filter((el) => !el.querySelector(BLOCKS));
  const lines = (blocks.length > 0 ? blocks : [root])
    .map((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim())
    .filter((line) => line.length > 0);
  return lines.join('\n');
}

/** The article in a web page (Readability), with its title, byline, site name and publication time. */
export function extractArticle(html: string, fallbackTitle: string): ExtractedArticle {
  const dom = inertDom(html);
  try {
    const document = dom.window.document;
    const article = new Readability(document.cloneNode(true) as Document).parse();
    let text = '';
    if (article?.content) {
      const content = inertDom(`<body>${article.content}</body>`);
      text = blocksToText(content.window.document.body);
      content.window.close();
    }
    if (!text) text = blocksToText(document.body ?? document.documentElement);
    return {
      title: (article?.title || document.title || fallbackTitle).trim(),
      text,
      author: article?.byline?.trim() || undefined,
      outlet: article?.siteName?.trim() || undefined,
      publishedAt: article?.publishedTime?.trim() || undefined,
    };
  } finally {
    dom.window.close();
  }
}
