import { useState, type FormEvent } from 'react';
import type { DocumentSummary } from '../../../shared/domain';
import { useAppStore } from '../store/app-store';
import { Modal } from './Modal';

/** Title and metadata of a document (its text never changes once imported). */
export function DocumentEditDialog({ document, onClose }: { document: DocumentSummary; onClose(): void }) {
  const update = useAppStore((s) => s.updateDocumentMeta);
  const [fields, setFields] = useState({
    title: document.title,
    outlet: document.meta.outlet ?? '',
    author: document.meta.author ?? '',
    publishedAt: document.meta.publishedAt ?? '',
  });
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!fields.title.trim()) return;
    if (await update(document.id, { ...fields, title: fields.title.trim() })) onClose();
  };
  const field = (key: keyof typeof fields, label: string) => (
    <label>
      {label}
      <input value={fields[key]} onChange={(e) => setFields((f) => ({ ...f, [key]: e.target.value }))} />
    </label>
  );
  return (
    <Modal title={`Edit “${document.title}”`} onClose={onClose}>
      <form className="stacked-form" onSubmit={(e) => void submit(e)}>
        {field('title', 'Title')}
        {field('outlet', 'Outlet')}
        {field('author', 'Author')}
        {field('publishedAt', 'Published (e.g. 2025-03-16)')}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary">
            Save
          </button>
        </div>
      </form>
    </Modal>
  );
}
