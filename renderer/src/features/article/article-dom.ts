import type { TextSpan } from './document-slice';
import { rangeToSpan, spanToRange } from './dom-offsets';
import { trimSpan } from './paragraphs';
import { snapToWords } from './word-boundaries';

/**
 * The rendered article's paragraphs, registered by ArticleView, so that other parts of the UI (find, keyboard
 * navigation) can turn text offsets into DOM ranges without reaching into the component.
 */
let paragraphs: HTMLElement[] = [];
let scroller: HTMLElement | null = null;

export function registerArticle(root: HTMLElement | null, list: HTMLElement[]): void {
  scroller = root;
  paragraphs = list;
}

/** The article's scrolling element, as registered (null while no article is shown). */
export function articleScroller(): HTMLElement | null {
  return scroller;
}

/** The article's paragraphs as registered (empty while no article is shown). */
export function articleParagraphs(): readonly HTMLElement[] {
  return paragraphs;
}

/** Scrolls the article so that the span is in view (a third of the way down), if it is not already. */
export function scrollSpanIntoView(span: TextSpan): void {
  const rect = spanToRange(paragraphs, span)?.getBoundingClientRect();
  if (!rect || !scroller) return;
  const view = scroller.getBoundingClientRect();
  if (rect.top < view.top || rect.bottom > view.bottom)
    scroller.scrollBy({ top: rect.top - view.top - view.height / 3 });
}

/** Puts the DOM selection over a span of the article and gives the article the focus. */
export function selectSpanInArticle(span: TextSpan): void {
  const range = spanToRange(paragraphs, span);
  if (!range || !scroller) return;
  scroller.focus({ preventScroll: true });
  const selection = window.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
}

/**
 * The passage the browser's selection covers in the article, trimmed of surrounding white space and grown to whole
 * words when `snap` is on; null for a collapsed or removed selection; undefined when the selection is elsewhere.
 * Called on every `selectionchange`, and again right before a tag is applied, because that event arrives a task
 * later than the key that moved the selection.
 */
export function selectedSpanInArticle(text: string, snap: boolean): TextSpan | null | undefined {
  const selection = window.getSelection();
  if (!scroller || !selection) return undefined;
  if (selection.rangeCount === 0) return null; // removed on purpose (tagged, or Escape)
  const range = selection.getRangeAt(0);
  if (!scroller.contains(range.commonAncestorContainer)) return undefined;
  const raw = range.collapsed ? null : rangeToSpan(paragraphs, range);
  const trimmed = raw && trimSpan(text, raw.start, raw.end);
  return trimmed && (snap ? snapToWords(text, trimmed) : trimmed);
}
