import { useEffect, useRef } from 'react';
import type { BoundaryMove } from '../article/word-boundaries';
import { BOUNDARY_KEYS } from '../article/boundary-keys';
import { isTextField } from '../../ui/is-text-field';
import { appStore, useAppStore } from '../../store/app-store';
import { NoteEditor } from './NoteEditor';
import { StanceEditor } from '../stances/StanceEditor';
import { TagChips } from './TagChips';

/** Everything about the selected highlight: its quote and ends, tags, stances and note. */
export function SelectedHighlightPanel() {
  const highlight = useAppStore((s) => s.highlights.find((h) => h.id === s.selectedHighlightId));
  const tags = useAppStore((s) => s.tags);
  const historyVersion = useAppStore((s) => s.historyVersion);
  const adjust = useAppStore((s) => s.adjustSelectedBoundary);
  const deleteHighlight = useAppStore((s) => s.deleteHighlight);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const collapsed = useAppStore((s) => s.panelCollapsed);
  const setCollapsed = useAppStore((s) => s.setPanelCollapsed);
  const own = useAppStore((s) => (highlight ? s.isOwnHighlight(highlight) : true));
  const adopt = useAppStore((s) => s.adoptHighlight);

  // E goes to the note.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key.toLowerCase() !== 'e' || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTextField(event.target)) return;
      // A folded panel opens to take the note.
      if (!noteRef.current && appStore.getState().panelCollapsed && appStore.getState().selectedHighlightId) {
        event.preventDefault();
        appStore.getState().setPanelCollapsed(false);
        requestAnimationFrame(() => noteRef.current?.focus());
        return;
      }
      if (!noteRef.current) return;
      event.preventDefault();
      noteRef.current.focus();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  if (!highlight) return null;
  const heading = (
    <div className="section-heading">
      <h2 id="selected-heading">Selected highlight</h2>
      <span className="section-actions">
        <button
          type="button"
          className="link-button"
          aria-expanded={!collapsed}
          aria-controls="selected-details"
          onClick={() => setCollapsed(!collapsed)}
        >
          {collapsed ? 'Expand' : 'Collapse'}
        </button>
        {own && (
          <button
            type="button"
            className="link-button danger"
            aria-keyshortcuts="Delete"
            onClick={() => void deleteHighlight(highlight.id)}
          >
            Delete (Del)
          </button>
        )}
      </span>
    </div>
  );
  if (collapsed) {
    // One line: what is selected, with its tags; the list below gets the room.
    return (
      <section className="selected-highlight collapsed" aria-labelledby="selected-heading">
        {heading}
        <p className="collapsed-quote" id="selected-details">
          “{highlight.quote}”
        </p>
      </section>
    );
  }
  return (
    <section className="selected-highlight" aria-labelledby="selected-heading">
      {heading}
      <div id="selected-details" className="selected-details">
        {!own && (
          <p className="other-coder" role="note">
            Coded by <strong>{highlight.annotator}</strong>: yours to read, theirs to change.{' '}
            <button type="button" onClick={() => void adopt(highlight.id)}>
              Adopt as mine
            </button>
          </p>
        )}
        <blockquote className="selected-quote">{highlight.quote}</blockquote>
        <fieldset className="plain-fieldset" disabled={!own}>
          <div className="boundary-buttons" role="group" aria-label="Adjust the highlight's ends">
            {(Object.keys(BOUNDARY_KEYS) as BoundaryMove[]).map((move) => (
              <button
                key={move}
                type="button"
                aria-keyshortcuts={BOUNDARY_KEYS[move].key}
                title={`${BOUNDARY_KEYS[move].label} (${BOUNDARY_KEYS[move].key})`}
                onClick={() => void adjust(move)}
              >
                {BOUNDARY_KEYS[move].label} <kbd>{BOUNDARY_KEYS[move].key}</kbd>
              </button>
            ))}
          </div>
          <TagChips highlight={highlight} tags={tags} label="Tags of the selected highlight" />
          <StanceEditor key={`stances:${highlight.id}:${historyVersion}`} highlight={highlight} />
          <NoteEditor key={`note:${highlight.id}:${historyVersion}`} ref={noteRef} highlight={highlight} />
        </fieldset>
      </div>
    </section>
  );
}
