import { rangeToSpan, spanToRange } from './dom-offsets';
import { trimSpan } from './paragraphs';
import type { TextSpan } from './text-span';
import { snapToWords } from './word-boundaries';

/**
 * The rendered article's paragraphs and scrolling element, registered by ArticleView, so that other parts of the UI
 * (find, keyboard navigation, the analysis views opening a passage) can turn text offsets into DOM ranges without
 * reaching into the component. One per store (`AppState.articleDom`): a test's fresh store starts with none.
 */
export class ArticleDom {
  private paragraphList: HTMLElement[] = [];
  private root: HTMLElement | null = null;

  register(root: HTMLElement | null, paragraphs: HTMLElement[]): void {
    this.root = root;
    this.paragraphList = paragraphs;
  }

  /** The article's scrolling element, as registered (null while no article is shown). */
  scroller(): HTMLElement | null {
    return this.root;
  }

  /** The article's paragraphs as registered (empty while no article is shown). */
  paragraphs(): readonly HTMLElement[] {
    return this.paragraphList;
  }

  /** Scrolls the article so that the span is in view (a third of the way down), if it is not already. */
  scrollSpanIntoView(span: TextSpan): void {
    const rect = spanToRange(this.paragraphList, span)?.getBoundingClientRect();
    if (!rect || !this.root) return;
    const view = this.root.getBoundingClientRect();
    if (rect.top < view.top || rect.bottom > view.bottom)
      this.root.scrollBy({ top: rect.top - view.top - view.height / 3 });
  }

  /** Puts the DOM selection over a span of the article and gives the article the focus. */
  selectSpan(span: TextSpan): void {
    const range = spanToRange(this.paragraphList, span);
    if (!range || !this.root) return;
    this.root.focus({ preventScroll: true });
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
  selectedSpan(text: string, snap: boolean): TextSpan | null | undefined {
    const selection = window.getSelection();
    if (!this.root || !selection) return undefined;
    if (selection.rangeCount === 0) return null; // removed on purpose (tagged, or Escape)
    const range = selection.getRangeAt(0);
    if (!this.root.contains(range.commonAncestorContainer)) return undefined;
    const raw = range.collapsed ? null : rangeToSpan(this.paragraphList, range);
    const trimmed = raw && trimSpan(text, raw.start, raw.end);
    return trimmed && (snap ? snapToWords(text, trimmed) : trimmed);
  }
}
