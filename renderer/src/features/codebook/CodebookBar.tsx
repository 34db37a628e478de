import type { Tag } from '../../../../shared/domain';
import { useAppStore } from '../../store/app-store';
import { applyTag } from './apply-tag';
import { inTreeOrder } from '../../../../shared/tag-paths';
import { paintSwatch, tagLabel } from './tag-label';

/** The codebook as buttons: with a passage selected, a tag makes it a highlight; with a highlight selected, it toggles. */
export function CodebookBar({ onManage }: { onManage(): void }) {
  const tags = useAppStore((s) => s.tags);
  const hasSelection = useAppStore((s) => s.pendingSelection !== null);
  const selected = useAppStore((s) => s.highlights.find((h) => h.id === s.selectedHighlightId));
  const enabled = hasSelection || selected !== undefined;
  const ordered = inTreeOrder(tags);
  const number = new Map(ordered.map((t, i) => [t.id, i + 1]));
  // Each top-level tag with the sub-tags under it (gathered in one pass: a flat codebook of 5,000 codes made one
  // pass per top-level tag).
  const groups: { tag: Tag; children: Tag[] }[] = [];
  const groupOf = new Map<string, { tag: Tag; children: Tag[] }>();
  for (const tag of ordered) {
    const parent = tag.parentId === null ? undefined : groupOf.get(tag.parentId);
    if (parent) parent.children.push(tag);
    else {
      const group = { tag, children: [] };
      groups.push(group);
      groupOf.set(tag.id, group);
    }
  }

  const button = (tag: Tag) => {
    const n = number.get(tag.id)!;
    const applied = !hasSelection && selected !== undefined && selected.tagIds.includes(tag.id);
    return (
      <span key={tag.id} className={tag.parentId ? 'tag-button-wrap child' : 'tag-button-wrap'}>
        <button
          type="button"
          className="tag-button"
          disabled={!enabled}
          aria-pressed={!hasSelection && selected ? applied : undefined}
          aria-keyshortcuts={n <= 9 ? String(n) : undefined}
          aria-describedby={tag.description ? `tag-description-${tag.id}` : undefined}
          // Keep the text selection alive: a mouse press on a button would otherwise clear it first.
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => void applyTag(tag.id)}
        >
          {applied && (
            <span className="applied" aria-hidden="true">
              ✓
            </span>
          )}
          <span className="swatch" ref={paintSwatch(tag.color)} />
          {n <= 9 && <kbd>{n}</kbd>}
          {/* A sub-tag stands under its parent: its name says enough; the full path is its accessible name. */}
          <span aria-label={tagLabel(tag, tags)}>{tag.name}</span>
        </button>
        {tag.description && (
          <span role="tooltip" id={`tag-description-${tag.id}`} className="tooltip">
            {tag.description}
          </span>
        )}
      </span>
    );
  };

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
        {groups.map(({ tag, children }) =>
          children.length === 0 ? (
            button(tag)
          ) : (
            <div key={tag.id} className="tag-group" role="group" aria-label={`${tag.name} and its sub-tags`}>
              {button(tag)}
              {children.map(button)}
            </div>
          ),
        )}
      </div>
    </section>
  );
}
