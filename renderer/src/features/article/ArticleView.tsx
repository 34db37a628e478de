import {
  memo,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import { pointToOffset } from './dom-offsets';
import { highlightsAt } from './highlight-order';
import { caretRect, handleCaretKey } from './keyboard-caret';
import { otherCoderStyles, paintPendingSelection } from './paint-highlights';
import { splitParagraphs } from './paragraphs';
import { appStore, useAppStore } from '../../store/app-store';
import { documentCoders, isFilterActive } from '../highlights/filter-slice';

/** Paragraphs per block of the article: the unit the browser may skip while it is off screen. */
const BLOCK = 40;

/**
 * The text alone: it renders once per document and never again when highlights change. Paragraphs come in blocks
 * that the browser neither styles, lays out nor paints while they are off screen (`content-visibility: auto` in
 * styles.css): a 1 MB article has 2,000 paragraphs, and styling them all took longer than everything else in opening
 * it. The blocks change nothing else: each paragraph is still one `<p data-start>` with one text node.
 */
export const ArticleText = memo(function ArticleText({ text }: { text: string }) {
  const blocks = useMemo(() => {
    const paragraphs = splitParagraphs(text);
    return Array.from({ length: Math.ceil(paragraphs.length / BLOCK) }, (_, i) =>
      paragraphs.slice(i * BLOCK, (i + 1) * BLOCK),
    );
  }, [text]);
  return (
    <>
      {blocks.map((block) => (
        <div className="article-block" key={block[0]!.start}>
          {block.map((p) => (
            <p key={p.start} data-start={p.start}>
              {p.text}
            </p>
          ))}
        </div>
      ))}
    </>
  );
});

/** Selects the highlight under a text offset: the innermost first, the next one out on each further call. */
function selectHighlightAt(offset: number | null): void {
  const state = appStore.getState();
  const hits = offset === null ? [] : highlightsAt(state.layerHighlights(), offset);
  const current = hits.findIndex((h) => h.id === state.selectedHighlightId);
  const next = hits[(current + 1) % Math.max(hits.length, 1)];
  state.selectHighlight(next?.id ?? null);
  state.setArticleHint(
    hits.length > 1
      ? `${hits.length} highlights overlap here (${((current + 1) % hits.length) + 1} of ${hits.length}); click or press Enter again for the next.`
      : null,
  );
}

export function ArticleView() {
  const document = useAppStore((s) => s.document);
  const highlights = useAppStore((s) => s.layerHighlights());
  const allHighlights = useAppStore((s) => s.highlights);
  const coder = useAppStore((s) => s.settings.annotator);
  const layerCoder = useAppStore((s) => s.layerCoder);
  // Showing every coder, each other coder's highlights carry a line of their own style: coinciding spans show as two.
  const coderStyles = useMemo(
    () => (layerCoder === null ? otherCoderStyles(documentCoders(allHighlights, coder), coder) : null),
    [allHighlights, coder, layerCoder],
  );
  const tags = useAppStore((s) => s.tags);
  const selectedId = useAppStore((s) => s.selectedHighlightId);
  // While the list is filtered, what it hides is dimmed in the text (visibleHighlights is memoised).
  const filterActive = useAppStore((s) => isFilterActive(s.filter));
  const visible = useAppStore((s) => s.visibleHighlights());
  const shownIds = useMemo(() => (filterActive ? new Set(visible.map((h) => h.id)) : null), [filterActive, visible]);
  const pending = useAppStore((s) => s.pendingSelection);
  const hint = useAppStore((s) => s.articleHint);
  const articleDom = useAppStore((s) => s.articleDom);
  const painter = useAppStore((s) => s.painter);
  const rootRef = useRef<HTMLDivElement>(null);
  const paragraphsRef = useRef<HTMLElement[]>([]);
  const [caret, setCaret] = useState<{ left: number; top: number; height: number } | null>(null);
  const text = document?.text ?? '';

  useLayoutEffect(() => {
    paragraphsRef.current = [...(rootRef.current?.querySelectorAll<HTMLElement>('p[data-start]') ?? [])];
    articleDom.register(rootRef.current, paragraphsRef.current);
  }, [articleDom, text]);

  // Back where the analyst left off in this document: its first visible paragraph, kept by the backend as a text
  // offset (so it survives another window size, and browser mode's changing port).
  const documentId = document?.id;
  useLayoutEffect(() => {
    const root = rootRef.current;
    if (!root || !documentId) return;
    const offset = appStore.getState().settings.readingPositions[documentId] ?? 0;
    scrollToOffset(root, paragraphsRef.current, offset);
  }, [documentId]);
  const saveTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const onScroll = (): void => {
    clearTimeout(saveTimer.current);
    saveTimer.current = setTimeout(() => {
      const root = rootRef.current;
      if (root && documentId)
        void appStore.getState().saveReadingPosition(documentId, topOffset(root, paragraphsRef.current));
    }, 400);
  };

  useLayoutEffect(() => painter.syncStyles(tags, highlights), [painter, tags, highlights]);

  useLayoutEffect(() => {
    painter.paint(paragraphsRef.current, highlights, tags, selectedId, shownIds, coderStyles);
  }, [painter, text, highlights, tags, selectedId, shownIds, coderStyles]);

  useLayoutEffect(() => paintPendingSelection(paragraphsRef.current, pending), [text, pending]);

  // A selected highlight out of view (chosen in the list, say) is scrolled to.
  useEffect(() => {
    const selected = highlights.find((h) => h.id === selectedId);
    if (selected) articleDom.scrollSpanIntoView(selected);
  }, [articleDom, highlights, selectedId]);

  // The passage selected in the article becomes the pending selection: trimmed of surrounding white space, and
  // grown to whole words when snapping is on. The keyboard caret is drawn where a collapsed selection sits.
  useEffect(() => {
    const onSelectionChange = (): void => {
      const root = rootRef.current;
      const state = appStore.getState();
      const span = state.articleDom.selectedSpan(text, state.settings.snapToWords);
      if (!root || span === undefined) return;
      setCaret(window.document.activeElement === root ? caretRect(root) : null);
      state.setPendingSelection(span);
    };
    window.document.addEventListener('selectionchange', onSelectionChange);
    return () => window.document.removeEventListener('selectionchange', onSelectionChange);
  }, [text]);

  const onClick = (event: MouseEvent): void => {
    const selection = window.getSelection();
    if (selection && !selection.isCollapsed) return;
    const point = caretAt(event.clientX, event.clientY);
    selectHighlightAt(point && pointToOffset(paragraphsRef.current, point.node, point.offset));
  };

  const onKeyDown = (event: KeyboardEvent): void => {
    const root = rootRef.current;
    if (!root) return;
    if (event.key === 'Enter') {
      const selection = window.getSelection();
      if (selection?.rangeCount && root.contains(selection.anchorNode)) {
        event.preventDefault();
        selectHighlightAt(pointToOffset(paragraphsRef.current, selection.anchorNode!, selection.anchorOffset));
      }
      return;
    }
    if (handleCaretKey(event.nativeEvent, paragraphsRef.current[0], root)) event.preventDefault();
  };

  if (!document) return null;
  return (
    <div
      // A new element per document: it starts at the top, so opening one at its start touches no scroll position
      // (setting it would make the browser lay the article out before its first frame).
      key={document.id}
      className="article-scroller"
      ref={rootRef}
      tabIndex={0}
      role="region"
      aria-label="Article text: arrow keys move a caret, Shift+arrows select, Enter picks the highlight at the caret"
      onClick={onClick}
      onKeyDown={onKeyDown}
      onScroll={onScroll}
      onFocus={() => setCaret(rootRef.current && caretRect(rootRef.current))}
      onBlur={() => setCaret(null)}
    >
      <article className="article" aria-label={`Article: ${document.title}`}>
        <h1 className="article-title">{document.title}</h1>
        <ArticleText text={document.text} />
      </article>
      {caret && (
        <span
          className="keyboard-caret"
          aria-hidden="true"
          ref={(el) => {
            el?.style.setProperty('left', `${caret.left}px`);
            el?.style.setProperty('top', `${caret.top}px`);
            el?.style.setProperty('height', `${caret.height}px`);
          }}
        />
      )}
      {hint && (
        <p className="article-hint" role="status">
          {hint}
        </p>
      )}
    </div>
  );
}

/** The text offset of the first paragraph in view. */
function topOffset(root: HTMLElement, paragraphs: readonly HTMLElement[]): number {
  const top = root.getBoundingClientRect().top;
  let low = 0;
  let high = paragraphs.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (paragraphs[mid]!.getBoundingClientRect().bottom <= top) low = mid + 1;
    else high = mid;
  }
  return Number(paragraphs[low]?.dataset.start ?? 0);
}

/** Scrolls the paragraph holding `offset` to the top of the view (a new scroller starts at the top: 0 needs nothing). */
function scrollToOffset(root: HTMLElement, paragraphs: readonly HTMLElement[], offset: number): void {
  if (offset === 0) return;
  const paragraph = [...paragraphs].reverse().find((p) => Number(p.dataset.start) <= offset);
  if (!paragraph) return;
  root.scrollTop += paragraph.getBoundingClientRect().top - root.getBoundingClientRect().top;
}

export function caretAt(x: number, y: number): { node: Node; offset: number } | null {
  const position = window.document.caretPositionFromPoint?.(x, y);
  if (position) return { node: position.offsetNode, offset: position.offset };
  const range = window.document.caretRangeFromPoint?.(x, y);
  return range ? { node: range.startContainer, offset: range.startOffset } : null;
}
