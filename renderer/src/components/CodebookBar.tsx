import { useAppStore } from '../store/app-store';
import { applyTag } from '../store/apply-tag';

/** The codebook as buttons: with a passage selected, a tag makes it a highlight; with a highlight selected, it toggles. */
export function CodebookBar() {
  const tags = useAppStore((s) => s.tags);
  const hasSelection = useAppStore((s) => s.pendingSelection !== null);
  const selected = useAppStore((s) => s.highlights.find((h) => h.id === s.selectedHighlightId));
  const enabled = hasSelection || selected !== undefined;

  return (
    <section className="codebook" aria-labelledby="codebook-heading">
      <h2 id="codebook-heading">Codebook</h2>
      <p className="hint" aria-live="polite">
        {hasSelection
          ? 'Choose a tag for the selected passage.'
          : selected
            ? 'Toggle tags on the selected highlight.'
            : 'Select a passage in the article, then choose a tag.'}
      </p>
      <div className="tag-buttons">
        {tags.map((tag, i) => (
          <button
            key={tag.id}
            type="button"
            className="tag-button"
            disabled={!enabled}
            title={tag.description}
            aria-pressed={!hasSelection && selected ? selected.tagIds.includes(tag.id) : undefined}
            aria-keyshortcuts={i < 9 ? String(i + 1) : undefined}
            // Keep the text selection alive: a mouse press on a button would otherwise clear it first.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => void applyTag(tag.id)}
          >
            <span className="swatch" ref={(el) => el?.style.setProperty('background-color', tag.color)} />
            {i < 9 && <kbd>{i + 1}</kbd>}
            <span>{tag.name}</span>
          </button>
        ))}
      </div>
    </section>
  );
}
