import type { JSDOM as JSDOMClass, VirtualConsole as VirtualConsoleClass } from 'jsdom';
import type { Readability as ReadabilityClass } from '@mozilla/readability';

export interface ExtractedArticle {
  title: string;
  text: string;
  author?: string;
  outlet?: string;
  publishedAt?: string;
  /** The page's own address, as it states it (a canonical link, og:url, or the "saved from" note of a saved page). */
  url?: string;
}

/**
 * The article in a web page (Readability), with its title, byline, site name and publication time, as lines of
 * text: one per block (paragraph, heading, list item…), white space inside collapsed.
 *
 * The page goes into a DOM that runs nothing and fetches nothing: jsdom runs no scripts and loads no resources unless
 * told to (it is not), and its console stays silent. Only text leaves it.
 *
 * Self-contained on purpose (the libraries come in as arguments, nothing from the module scope is used): its source
 * is what the extraction worker evaluates (html-worker.ts), so that a pathological page can be stopped.
 */
export function extractArticleWith(
  JSDOM: typeof JSDOMClass,
  VirtualConsole: typeof VirtualConsoleClass,
  Readability: typeof ReadabilityClass,
  html: string,
  fallbackTitle: string,
): ExtractedArticle {
  const BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, figcaption, dt, dd, td, th';
  const inertDom = (markup: string) =>
    new JSDOM(markup, { url: 'https://stance-annotator.invalid/', virtualConsole: new VirtualConsole() });
  const blocksToText = (root: Element): string => {
    const blocks = [...root.querySelectorAll(BLOCKS)].filter((el) => !el.querySelector(BLOCKS));
    return (blocks.length > 0 ? blocks : [root])
      .map((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim())
      .filter((line) => line.length > 0)
      .join('\n');
  };

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
      // Readability reads article:published_time and JSON-LD; a page with neither may still mark the date up.
      publishedAt:
        article?.publishedTime?.trim() ||
        document.querySelector('time[datetime]')?.getAttribute('datetime')?.trim() ||
        undefined,
      // Where the page says it lives: what web annotations made on the live page name as their source.
      url:
        document.querySelector('link[rel="canonical"]')?.getAttribute('href')?.trim() ||
        document.querySelector('meta[property="og:url"]')?.getAttribute('content')?.trim() ||
        /<!-- saved from url=\(\d+\)(\S+) -->/.exec(html.slice(0, 4096))?.[1] ||
        undefined,
    };
  } finally {
    dom.window.close();
  }
}
