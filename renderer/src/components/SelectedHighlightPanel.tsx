import { useEffect, useRef } from 'react';
import type { BoundaryMove } from '../article/word-boundaries';
import { BOUNDARY_KEYS } from '../article/boundary-keys';
import { isTextField } from '../dom/is-text-field';
import { useAppStore } from '../store/app-store';
import { NoteEditor } from './NoteEditor';
import { StanceEditor } from './StanceEditor';
import { TagChips } from './TagChips';

/** Everything about the selected highlight: its quote and ends, tags, stances and note. */
export function SelectedHighlightPanel() {
  const highlight = useAppStore((s) => s.highlights.find((h) => h.id === s.selectedHighlightId));
  const tags = useAppStore((s) => s.tags);
  const historyVersion = useAppStore((s) => s.historyVersion);
  const adjust = useAppStore((s) => s.adjustSelectedBoundary);
  const deleteHighlight = useAppStore((s) => s.deleteHighlight);
  const noteRef = useRef<HTMLTextAreaElement>(null);

  // E goes to the note.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key.toLowerCase() !== 'e' || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTextField(event.target) || !noteRef.current) return;
      event.preventDefault();
      noteRef.current.focus();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  if (!highlight) return null;
  return (
    <section className="selected-highlight" aria-labelledby="selected-heading">
      <div className="section-heading">
        <h2 id="selected-heading">Selected highlight</h2>
        <button
          type="button"
          className="link-button danger"
          aria-keyshortcuts="Delete"
          onClick={() => void deleteHighlight(highlight.id)}
        >
          Delete (Del)
        </button>
      </div>
      <blockquote className="selected-quote">{highlight.quote}</blockquote>
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
    </section>
  );
}
