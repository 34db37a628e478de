import type { TextSpan } from '../store/document-slice';
import { spanToRange } from './dom-offsets';

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
