import { useState, type FormEvent } from 'react';
import { useAppStore } from '../../store/app-store';
import { FormFooter } from '../../ui/FormFooter';
import { Modal } from '../../ui/Modal';

/** A new document from pasted text, with a title. */
export function PasteDialog({ onClose }: { onClose(): void }) {
  const importPastedText = useAppStore((s) => s.importPastedText);
  const openDocument = useAppStore((s) => s.openDocument);
  const setView = useAppStore((s) => s.setView);
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!title.trim() || !text.trim()) return setProblem('A pasted document needs a title and some text.');
    const outcome = await importPastedText(title.trim(), text);
    if (!outcome) return setProblem('The text could not be added: see the status at the top.');
    // Neither replace nor add: the pasted text stays here, to change the title or leave.
    if (outcome === 'cancelled') return;
    onClose();
    // A new document opens; a replaced text (or one the library has already) stays in the Library, whose report
    // says what became of the highlights.
    if (!outcome.added) return;
    await openDocument(outcome.documentId);
    setView('document');
  };

  return (
    <Modal title="Paste text as a new document" onClose={onClose}>
      <form className="stacked-form" onSubmit={(e) => void submit(e)}>
        <label>
          Title
          <input value={title} onChange={(e) => setTitle(e.target.value)} autoFocus />
        </label>
        <label>
          Text
          <textarea value={text} rows={12} onChange={(e) => setText(e.target.value)} />
        </label>
        <FormFooter problem={problem} onCancel={onClose} submitLabel="Add document" />
      </form>
    </Modal>
  );
}
