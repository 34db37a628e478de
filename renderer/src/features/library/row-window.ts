/** The rows of a long table that are rendered: those in view, and a margin either side. */
export interface RowWindow {
  /** Index of the first row rendered. */
  first: number;
  /** Index after the last row rendered. */
  end: number;
}

export interface RowWindowInput {
  /** Rows in the table. */
  count: number;
  /** Height of one row, in pixels (every row has the same). */
  rowHeight: number;
  /** How far the table's first row is scrolled above the top of the view (negative: it starts lower in the view). */
  scrolledPast: number;
  /** Height of the view. */
  viewHeight: number;
  /** Rows rendered beyond each edge of the view, so that keyboard focus and quick scrolls find rows there. */
  margin: number;
}

/**
 * The rows to render for a view of the table. Before the view is measured (height 0) it is the first screen a tall
 * window shows; a row height that is not positive (nothing measured) counts as one pixel, so never divides by zero.
 */
export function rowWindow({ count, rowHeight, scrolledPast, viewHeight, margin }: RowWindowInput): RowWindow {
  if (count <= 0) return { first: 0, end: 0 };
  const height = rowHeight > 0 ? rowHeight : 1;
  const firstInView = Math.floor(Math.max(0, scrolledPast) / height);
  const inView = Math.ceil((viewHeight + Math.max(0, scrolledPast) - firstInView * height) / height);
  const first = Math.min(Math.max(0, firstInView - margin), count - 1);
  const end = Math.min(count, Math.max(first + 1, firstInView + Math.max(1, inView) + margin));
  return { first, end };
}
