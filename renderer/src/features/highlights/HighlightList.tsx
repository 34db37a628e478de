import { useRef, useState, type KeyboardEvent } from 'react';
import type { Entity, Highlight, Tag } from '../../../../shared/domain';
import { appStore, useAppStore } from '../../store/app-store';
import { isFilterActive } from './filter-slice';
import { HighlightFilters } from './HighlightFilters';
import { StanceSummaries } from '../stances/StanceSummaries';
import { TagChips } from './TagChips';

const QUOTE_PREVIEW = 160;
/** Items rendered at first, and added per "Show more": thousands of list items at once would take seconds. */
const PAGE = 100;
const NOTE_PREVIEW = 90;

const excerpt = (text: string, length: number): string => (text.length > length ? `${text.slice(0, length)}…` : text);

/** Every highlight of the open document in text order, filtered; J/K or the arrow keys move through it. */
export function HighlightList() {
  const all = useAppStore((s) => s.highlights);
  const visible = useAppStore((s) => s.visibleHighlights());
  const filterActive = useAppStore((s) => isFilterActive(s.filter));
  const tags = useAppStore((s) => s.tags);
  const entities = useAppStore((s) => s.entities);
  const selectedId = useAppStore((s) => s.selectedHighlightId);
  const listRef = useRef<HTMLUListElement>(null);
  const [pages, setPages] = useState(1);
  // The selected highlight is always in the rendered part (chosen in the article, or reached with J/K).
  const selectedIndex = visible.findIndex((h) => h.id === selectedId);
  const shownCount = Math.max(pages * PAGE, selectedIndex + PAGE / 4);
  const shown = visible.length > shownCount ? visible.slice(0, shownCount) : visible;

  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    appStore.getState().selectAdjacent(event.key === 'ArrowDown' ? 1 : -1);
    const id = appStore.getState().selectedHighlightId;
    requestAnimationFrame(() =>
      listRef.current?.querySelector<HTMLButtonElement>(`[data-highlight-id="${id}"] .highlight-quote`)?.focus(),
    );
  };

  return (
    <section className="highlights" aria-labelledby="highlights-heading">
      <h2 id="highlights-heading">
        Highlights <span className="count">{filterActive ? `${visible.length} of ${all.length}` : all.length}</span>
      </h2>
      <HighlightFilters />
      {all.length === 0 ? (
        <p className="empty">No highlights yet.</p>
      ) : visible.length === 0 ? (
        <p className="empty">No highlight matches the filters.</p>
      ) : (
        <ul aria-label="Highlights" className="highlight-list" ref={listRef} onKeyDown={onKeyDown} tabIndex={-1}>
          {shown.map((h) => (
            <HighlightItem key={h.id} highlight={h} tags={tags} entities={entities} selected={h.id === selectedId} />
          ))}
        </ul>
      )}
      {shown.length < visible.length && (
        <button type="button" className="show-more" onClick={() => setPages((n) => n + 1)}>
          Show {Math.min(PAGE, visible.length - shown.length)} more ({visible.length - shown.length} not shown)
        </button>
      )}
    </section>
  );
}

function HighlightItem({
  highlight,
  tags,
  entities,
  selected,
}: {
  highlight: Highlight;
  tags: Tag[];
  entities: Entity[];
  selected: boolean;
}) {
  const selectHighlight = useAppStore((s) => s.selectHighlight);
  const deleteHighlight = useAppStore((s) => s.deleteHighlight);
  const own = useAppStore((s) => s.isOwnHighlight(highlight));
  const preview = excerpt(highlight.quote, QUOTE_PREVIEW);

  return (
    <li
      className={selected ? 'highlight-item selected' : 'highlight-item'}
      aria-current={selected || undefined}
      data-highlight-id={highlight.id}
    >
      <button type="button" className="highlight-quote" onClick={() => selectHighlight(highlight.id)}>
        <q>{preview}</q>
      </button>
      {highlight.anchor === 'fuzzy' && (
        <p className="fuzzy-anchor" title="Move its ends with [ ] { } to confirm it">
          Placed approximately after the text changed: check its passage.
        </p>
      )}
      <StanceSummaries highlight={highlight} entities={entities} />
      {highlight.note && <p className="note-excerpt">{excerpt(highlight.note, NOTE_PREVIEW)}</p>}
      <div className="highlight-meta">
        <TagChips highlight={highlight} tags={tags} label="Tags" />
        {highlight.annotator && (
          <span className="coder-name" title="Coder">
            {highlight.annotator}
          </span>
        )}
        {own && (
          <button
            type="button"
            className="delete-button"
            aria-label={`Delete highlight: ${preview}`}
            onClick={() => void deleteHighlight(highlight.id)}
          >
            Delete
          </button>
        )}
      </div>
    </li>
  );
}
