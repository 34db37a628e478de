import { memo, useCallback } from 'react';
import type { CodedSegment } from '../../../../shared/analysis/coded-segments';
import { appStore, useAppStore } from '../../store/app-store';

/** Coded segments behind a cell of an analysis, each opened in its document with the passage selected. */
export function SegmentList({
  heading,
  result,
  onOpened,
  onNearEnd,
}: {
  heading: string;
  result: { total: number; segments: CodedSegment[] };
  /** Called once a segment's document is open (the dialog closes, to show it). */
  onOpened(): void;
  /** Called when the list is scrolled near its end (to load the next page). */
  onNearEnd?(): void;
}) {
  const openDocument = useAppStore((s) => s.openDocument);
  const setView = useAppStore((s) => s.setView);
  // The same function while the dialog's own filters change: the rows need not render again then.
  const open = useCallback(
    async (segment: CodedSegment): Promise<void> => {
      await openDocument(segment.documentId);
      setView('document');
      onOpened();
      // The highlight itself is selected (its panel open, its passage outlined and scrolled to), not the passage as
      // text: a tag key then changes that highlight rather than making a second one over it.
      appStore.getState().selectHighlight(segment.highlightId);
    },
    [openDocument, setView, onOpened],
  );
  return (
    <section aria-labelledby="segments-heading" className="segments">
      <h3 id="segments-heading">
        {heading}: {result.total} coded segments
        {result.total > result.segments.length ? ` (the first ${result.segments.length})` : ''}
      </h3>
      <ul
        aria-label="Coded segments"
        onScroll={(event) => {
          const list = event.currentTarget;
          // A screen before the end, so that the next page is there before the analyst reaches it.
          if (onNearEnd && list.scrollTop + 2 * list.clientHeight >= list.scrollHeight) onNearEnd();
        }}
      >
        <SegmentRows segments={result.segments} open={open} />
      </ul>
    </section>
  );
}

/**
 * The rows, rendered again only when the segments change: a filter changed in the dialog renders the dialog at once,
 * and this list (a page of them) only when the new answer comes.
 */
const SegmentRows = memo(function SegmentRows({
  segments,
  open,
}: {
  segments: readonly CodedSegment[];
  open(segment: CodedSegment): Promise<void>;
}) {
  return segments.map((s) => (
    <li key={s.highlightId}>
      {/* The quote in its context: the button (what opens the passage) is the quote alone. */}
      <span className="segment-context">
        {s.left && `…${s.left}`}
        <button type="button" className="link-button" onClick={() => void open(s)}>
          <q>{s.quote.length > 200 ? `${s.quote.slice(0, 200)}…` : s.quote}</q>
        </button>
        {s.right && `${s.right}…`}
      </span>
      <span className="segment-meta">
        {s.title}
        {s.outlet ? `, ${s.outlet}` : ''}
        {s.publishedAt ? `, ${s.publishedAt.slice(0, 10)}` : ''} · {[...s.tags, ...s.stances].join('; ')}
        {s.coder ? ` · ${s.coder}` : ''}
      </span>
      {s.note && <span className="segment-note">Note: {s.note}</span>}
    </li>
  ));
});
