import { useAppStore } from '../store/app-store';
import { applyTag } from '../store/apply-tag';
import { paintSwatch, tagLabel } from './tag-label';

/** The codebook as buttons: with a passage selected, a tag makes it a highlight; with a highlight selected, it toggles. */
export function CodebookBar({ onManage }: { onManage(): void }) {
  const tags = useAppStore((s) => s.tags);
  const hasSelection = useAppStore((s) => s.pendingSelection !== null);
  const selected = useAppStore((s) => s.highlights.find((h) => h.id === s.selectedHighlightId));
  const enabled = hasSelection || selected !== undefined;

  return (
    <section className="codebook" aria-labelledby="codebook-heading">
      <div className="section-heading">
        <h2 id="codebook-heading">Codebook</h2>
        <button type="button" className="link-button" onClick={onManage}>
          Edit codebook…
        </button>
      </div>
      <p className="hint" aria-live="polite">
        {hasSelection
          ? 'Choose a tag for the selected passage (or press its number).'
          : selected
            ? 'Toggle tags on the selected highlight.'
            : 'Select a passage in the article (mouse, or Ctrl+F / arrow keys), then choose a tag.'}
      </p>
      <div className="tag-buttons">
        {tags.map((tag, i) => (
          <span key={tag.id} className={tag.parentId ? 'tag-button-wrap child' : 'tag-button-wrap'}>
            <button
              type="button"
              className="tag-button"
              disabled={!enabled}
              aria-pressed={!hasSelection && selected ? selected.tagIds.includes(tag.id) : undefined}
              aria-keyshortcuts={i < 9 ? String(i + 1) : undefined}
              aria-describedby={tag.description ? `tag-description-${tag.id}` : undefined}
              // Keep the text selection alive: a mouse press on a button would otherwise clear it first.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => void applyTag(tag.id)}
            >
              <span className="swatch" ref={paintSwatch(tag.color)} />
              {i < 9 && <kbd>{i + 1}</kbd>}
              <span>{tagLabel(tag, tags)}</span>
            </button>
            {tag.description && (
              <span role="tooltip" id={`tag-description-${tag.id}`} className="tooltip">
                {tag.description}
              </span>
            )}
          </span>
        ))}
      </div>
    </section>
  );
}
