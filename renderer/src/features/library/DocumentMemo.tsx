import { useEffect, useRef, useState } from 'react';
import { appStore, useAppStore } from '../../store/app-store';

/**
 * The analyst's memo about the open document as a whole (as MAXQDA's document memo): beside the article, saved as
 * it is typed, exported in documents.csv. Folded to one line when not in use, showing how it begins.
 */
export function DocumentMemo() {
  const document = useAppStore((s) => s.document);
  if (!document) return null;
  return <MemoField key={document.id} documentId={document.id} saved={document.memo} />;
}

function MemoField({ documentId, saved }: { documentId: string; saved: string }) {
  const [text, setText] = useState(saved);
  const [open, setOpen] = useState(saved !== '');
  const field = useRef<HTMLTextAreaElement>(null);
  // What is saved changes under the field after an undo or redo: shown, unless the analyst is typing in it (then
  // what is saved is what they typed, arriving a moment later).
  useEffect(() => {
    if (window.document.activeElement !== field.current) setText(saved);
  }, [saved]);
  const firstLine = text.split('\n', 1)[0];
  return (
    <details className="document-memo" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Document memo{!open && firstLine ? <span className="memo-preview">: {firstLine}</span> : null}</summary>
      <textarea
        ref={field}
        aria-label="Document memo"
        value={text}
        rows={4}
        placeholder="What this article is, how it frames the issue, what to check…"
        onChange={(e) => {
          setText(e.target.value);
          appStore.getState().saveMemo(documentId, e.target.value);
        }}
      />
    </details>
  );
}
