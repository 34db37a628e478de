import type { Highlight, Tag } from '../../../shared/domain';
import { useAppStore } from '../store/app-store';

const QUOTE_PREVIEW = 160;

/** Every highlight of the open document, in text order. */
export function HighlightList() {
  const highlights = useAppStore((s) => s.highlights);
  const tags = useAppStore((s) => s.tags);
  const selectedId = useAppStore((s) => s.selectedHighlightId);

  return (
    <section className="highlights" aria-labelledby="highlights-heading">
      <h2 id="highlights-heading">
        Highlights <span className="count">{highlights.length}</span>
      </h2>
      {highlights.length === 0 ? (
        <p className="empty">No highlights yet.</p>
      ) : (
        <ul aria-label="Highlights" className="highlight-list">
          {highlights.map((h) => (
            <HighlightItem key={h.id} highlight={h} tags={tags} selected={h.id === selectedId} />
          ))}
        </ul>
      )}
    </section>
  );
}

function HighlightItem({ highlight, tags, selected }: { highlight: Highlight; tags: Tag[]; selected: boolean }) {
  const selectHighlight = useAppStore((s) => s.selectHighlight);
  const deleteHighlight = useAppStore((s) => s.deleteHighlight);
  const itemTags = highlight.tagIds.map((id) => tags.find((t) => t.id === id)).filter((t) => t !== undefined);
  const preview =
    highlight.quote.length > QUOTE_PREVIEW ? `${highlight.quote.slice(0, QUOTE_PREVIEW)}…` : highlight.quote;

  return (
    <li className={selected ? 'highlight-item selected' : 'highlight-item'} aria-current={selected || undefined}>
      <button type="button" className="highlight-quote" onClick={() => selectHighlight(highlight.id)}>
        <q>{preview}</q>
      </button>
      <div className="highlight-meta">
        <ul className="tag-chips" aria-label="Tags">
          {itemTags.length === 0 && <li className="tag-chip untagged">untagged</li>}
          {itemTags.map((tag) => (
            <li key={tag.id} className="tag-chip">
              <span className="swatch" ref={(el) => el?.style.setProperty('background-color', tag.color)} />
              {tag.name}
            </li>
          ))}
        </ul>
        <button
          type="button"
          className="delete-button"
          aria-label={`Delete highlight: ${preview}`}
          title="Delete highlight (Delete)"
          onClick={() => void deleteHighlight(highlight.id)}
        >
          Delete
        </button>
      </div>
    </li>
  );
}
