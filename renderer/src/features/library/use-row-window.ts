import { useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { rowWindow, type RowWindow } from './row-window';

/** Rows kept beyond each edge of the view: enough for a page of keyboard focus or a quick flick. */
const MARGIN = 12;
/** A row's height until one is measured (the stylesheet's, at the default font size). */
const ROW_HEIGHT_GUESS = 41;

/**
 * The rows of a long table to render, following the scrolling of `scroller` (the element that scrolls the table
 * vertically) and the size of the window. Every row of the table has one height, measured from the rows rendered;
 * the rows not rendered are stood in for by spacers of their height, so the scroll bar is that of the whole table.
 *
 * Rendering every row of a library of 2,000 documents took half a second to show it; a window of the rows in view
 * takes the same time for any size of library.
 */
export function useRowWindow(
  count: number,
  scroller: RefObject<HTMLElement | null>,
  body: RefObject<HTMLTableSectionElement | null>,
): RowWindow & { rowHeight: number } {
  const [view, setView] = useState(() => ({
    rowHeight: ROW_HEIGHT_GUESS,
    scrolledPast: 0,
    viewHeight: typeof window === 'undefined' ? 0 : window.innerHeight,
  }));
  const frame = useRef(0);

  useLayoutEffect(() => {
    const scrollElement = scroller.current;
    if (!scrollElement) return;
    const measure = (): void => {
      frame.current = 0;
      const bodyElement = body.current;
      if (!bodyElement) return;
      const next = {
        rowHeight: rowPitch(bodyElement) ?? ROW_HEIGHT_GUESS,
        scrolledPast: scrollElement.getBoundingClientRect().top - bodyElement.getBoundingClientRect().top,
        viewHeight: scrollElement.clientHeight,
      };
      setView((current) =>
        current.rowHeight === next.rowHeight &&
        current.scrolledPast === next.scrolledPast &&
        current.viewHeight === next.viewHeight
          ? current
          : next,
      );
    };
    // One measure per frame however many scroll events come in it.
    const schedule = (): void => {
      if (!frame.current) frame.current = requestAnimationFrame(measure);
    };
    measure();
    scrollElement.addEventListener('scroll', schedule, { passive: true });
    const resized = new ResizeObserver(schedule);
    resized.observe(scrollElement);
    return () => {
      scrollElement.removeEventListener('scroll', schedule);
      resized.disconnect();
      cancelAnimationFrame(frame.current);
      frame.current = 0;
    };
  }, [scroller, body]);

  // A filter or sort that changes the count keeps the scroll position; the window follows at once.
  return { ...rowWindow({ count, margin: MARGIN, ...view }), rowHeight: view.rowHeight };
}

/**
 * The distance from one row's top to the next's, over the rows rendered: a row's own box is half a pixel shorter at
 * the table's top, where it shares no border with a row above.
 */
function rowPitch(body: HTMLTableSectionElement): number | null {
  const rows = body.querySelectorAll<HTMLTableRowElement>('tr[data-row]');
  if (rows.length === 0) return null;
  if (rows.length === 1) return rows[0]!.getBoundingClientRect().height || null;
  const first = rows[0]!.getBoundingClientRect().top;
  const last = rows[rows.length - 1]!.getBoundingClientRect().top;
  return (last - first) / (rows.length - 1) || null;
}
