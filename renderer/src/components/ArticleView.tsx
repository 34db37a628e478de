import { memo, useEffect, useLayoutEffect, useMemo, useRef, type MouseEvent } from 'react';
import { highlightsAt } from '../article/highlight-order';
import { pointToOffset, rangeToSpan, spanToRange } from '../article/dom-offsets';
import { paintHighlights, syncHighlightStyles } from '../article/paint-highlights';
import { splitParagraphs, trimSpan } from '../article/paragraphs';
import { appStore, useAppStore } from '../store/app-store';

/** The text alone: it renders once per document and never again when highlights change. */
const ArticleText = memo(function ArticleText({ text }: { text: string }) {
  const paragraphs = useMemo(() => splitParagraphs(text), [text]);
  return (
    <>
      {paragraphs.map((p) => (
        <p key={p.start} data-start={p.start}>
          {p.text}
        </p>
      ))}
    </>
  );
});

export function ArticleView() {
  const document = useAppStore((s) => s.document);
  const highlights = useAppStore((s) => s.highlights);
  const tags = useAppStore((s) => s.tags);
  const selectedId = useAppStore((s) => s.selectedHighlightId);
  const rootRef = useRef<HTMLDivElement>(null);
  const paragraphsRef = useRef<HTMLElement[]>([]);
  const text = document?.text ?? '';

  useLayoutEffect(() => {
    paragraphsRef.current = [...(rootRef.current?.querySelectorAll<HTMLElement>('p[data-start]') ?? [])];
  }, [text]);

  useLayoutEffect(() => syncHighlightStyles(tags), [tags]);

  useLayoutEffect(() => {
    paintHighlights(paragraphsRef.current, highlights, tags, selectedId);
  }, [text, highlights, tags, selectedId]);

  // A selected highlight out of view (chosen in the list, say) is scrolled to.
  useEffect(() => {
    const selected = highlights.find((h) => h.id === selectedId);
    const root = rootRef.current;
    if (!selected || !root) return;
    const rect = spanToRange(paragraphsRef.current, selected)?.getBoundingClientRect();
    const view = root.getBoundingClientRect();
    if (rect && (rect.top < view.top || rect.bottom > view.bottom)) {
      root.scrollBy({ top: rect.top - view.top - view.height / 3 });
    }
  }, [highlights, selectedId]);

  // The passage selected in the article becomes the pending selection, trimmed of surrounding white space.
  useEffect(() => {
    const onSelectionChange = (): void => {
      const root = rootRef.current;
      const selection = window.getSelection();
      if (!root || !selection || selection.rangeCount === 0) return;
      const range = selection.getRangeAt(0);
      if (!root.contains(range.commonAncestorContainer)) return;
      const span = range.collapsed ? null : rangeToSpan(paragraphsRef.current, range);
      appStore.getState().setPendingSelection(span && trimSpan(text, span.start, span.end));
    };
    window.document.addEventListener('selectionchange', onSelectionChange);
    return () => window.document.removeEventListener('selectionchange', onSelectionChange);
  }, [text]);

  // A plain click on highlighted text selects the innermost highlight there; clicking again cycles outwards.
  const onClick = (event: MouseEvent): void => {
    const selection = window.getSelection();
    if (selection && !selection.isCollapsed) return;
    const point = caretAt(event.clientX, event.clientY);
    if (!point) return;
    const offset = pointToOffset(paragraphsRef.current, point.node, point.offset);
    const state = appStore.getState();
    const hits = offset === null ? [] : highlightsAt(state.highlights, offset);
    const current = hits.findIndex((h) => h.id === state.selectedHighlightId);
    state.selectHighlight(hits[(current + 1) % Math.max(hits.length, 1)]?.id ?? null);
  };

  if (!document) return null;
  return (
    <div className="article-scroller" ref={rootRef} onClick={onClick}>
      <article className="article" aria-label={`Article: ${document.title}`}>
        <h1 className="article-title">{document.title}</h1>
        <ArticleText text={document.text} />
      </article>
    </div>
  );
}

function caretAt(x: number, y: number): { node: Node; offset: number } | null {
  const position = window.document.caretPositionFromPoint?.(x, y);
  if (position) return { node: position.offsetNode, offset: position.offset };
  const range = window.document.caretRangeFromPoint?.(x, y);
  return range ? { node: range.startContainer, offset: range.startOffset } : null;
}
