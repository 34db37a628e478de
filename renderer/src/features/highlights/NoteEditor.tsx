import { forwardRef, useState } from 'react';
import type { Highlight } from '../../../../shared/domain';
import { appStore } from '../../store/app-store';

/** The free-text note of a highlight, saved as you type; what is typed stays here even if a save fails. */
export const NoteEditor = forwardRef<HTMLTextAreaElement, { highlight: Highlight }>(function NoteEditor(
  { highlight },
  ref,
) {
  const [text, setText] = useState(highlight.note);
  return (
    <label className="note-editor">
      <span className="field-label">Note (E)</span>
      <textarea
        ref={ref}
        value={text}
        rows={4}
        aria-keyshortcuts="E"
        placeholder="Why this passage matters, context, doubts…"
        onChange={(e) => {
          setText(e.target.value);
          appStore.getState().saveNote(highlight.id, e.target.value);
        }}
      />
    </label>
  );
});
