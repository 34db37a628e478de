import { useEffect, useLayoutEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { pointToOffset } from '../article/dom-offsets';
import { highlightsAt } from '../article/highlight-order';
import { ComparePainter } from './paint-compare';
import { appStore, useAppStore } from '../../store/app-store';
import { ArticleText, caretAt } from '../article/ArticleView';

/**
 * The second copy of the article when two coders are compared side by side: the other coder's highlights, scrolled
 * with the first copy. Read-only: a click selects a highlight (shown in the side pane, where it can be adopted).
 */
export function ComparePane() {
  const document = useAppStore((s) => s.document);
  const coder = useAppStore((s) => s.compareCoder);
  const all = useAppStore((s) => s.highlights);
  const tags = useAppStore((s) => s.tags);
  const selectedId = useAppStore((s) => s.selectedHighlightId);
  const selectHighlight = useAppStore((s) => s.selectHighlight);
  const highlights = useMemo(() => all.filter((h) => h.annotator === coder), [all, coder]);
  const rootRef = useRef<HTMLDivElement>(null);
  const paragraphsRef = useRef<HTMLElement[]>([]);
  // The pane's own painter, for as long as the pane is shown.
  const [painter] = useState(() => new ComparePainter());
  const text = document?.text ?? '';

  useLayoutEffect(() => {
    paragraphsRef.current = [...(rootRef.current?.querySelectorAll<HTMLElement>('p[data-start]') ?? [])];
  }, [text]);
  useLayoutEffect(() => {
    painter.paint(paragraphsRef.current, highlights, tags, selectedId);
  }, [painter, text, highlights, tags, selectedId]);
  useEffect(() => () => painter.dispose(), [painter]);

  // The two copies scroll together: both lay out the same text at the same width.
  useEffect(() => {
    const mine = rootRef.current;
    const theirs = appStore.getState().articleDom.scroller();
    if (!mine || !theirs) return;
    let following = false;
    const follow = (from: HTMLElement, to: HTMLElement) => () => {
      if (following) return void (following = false);
      following = true;
      to.scrollTop = from.scrollTop;
    };
    const fromMain = follow(theirs, mine);
    const fromMine = follow(mine, theirs);
    mine.scrollTop = theirs.scrollTop;
    theirs.addEventListener('scroll', fromMain);
    mine.addEventListener('scroll', fromMine);
    return () => {
      theirs.removeEventListener('scroll', fromMain);
      mine.removeEventListener('scroll', fromMine);
    };
  }, [document?.id]);

  const onClick = (event: MouseEvent): void => {
    const point = caretAt(event.clientX, event.clientY);
    const offset = point && pointToOffset(paragraphsRef.current, point.node, point.offset);
    const [hit] = offset === null ? [] : highlightsAt(highlights, offset);
    if (hit) selectHighlight(hit.id);
  };

  if (!document || coder === null) return null;
  return (
    <div
      key={document.id}
      className="article-scroller compare-pane"
      ref={rootRef}
      role="region"
      // Focusable, so that the keyboard scrolls it too.
      tabIndex={0}
      aria-label={`${coder}'s highlights, side by side`}
      onClick={onClick}
    >
      <article className="article" aria-label={`Article as ${coder} coded it: ${document.title}`}>
        <h1 className="article-title">{document.title}</h1>
        <ArticleText text={text} />
      </article>
    </div>
  );
}
