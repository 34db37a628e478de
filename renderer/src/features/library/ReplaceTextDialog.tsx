import { useState, type FormEvent } from 'react';
import type { DocumentSummary, StoredDocument } from '../../../../shared/domain';
import { IMPORTABLE_EXTENSIONS } from '../../../../shared/import-formats';
import { useAppStore } from '../../store/app-store';
import { FormFooter } from '../../ui/FormFooter';
import { Modal } from '../../ui/Modal';
import { useJob } from '../../ui/use-job';
import { formatCount } from '../../ui/format-count';

/**
 * An updated version of an article in place of a document's text, pasted or read from a file: its highlights move
 * to where their passages now are, those with a few words changed are marked to check, and those not found are kept
 * as orphans. One step to undo; the account of what moved is shown when it is done. Re-anchoring thousands of
 * highlights in a long text takes a while: its progress is shown, and Cancel (or closing the dialog) stops it with
 * nothing changed.
 */
export function ReplaceTextDialog({
  document,
  onClose,
}: {
  document: Pick<StoredDocument | DocumentSummary, 'id' | 'title'>;
  onClose(): void;
}) {
  const replaceDocumentText = useAppStore((s) => s.replaceDocumentText);
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [account, setAccount] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const job = useJob();

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!file && !text.trim()) return setProblem('Paste the new text, or choose a file that holds it.');
    setBusy(true);
    setProblem(null);
    setNotice(null);
    const jobId = job.start();
    const done = await replaceDocumentText(document.id, file ? { file } : { text }, jobId);
    job.stop();
    setBusy(false);
    if (done === null) return setProblem('The text was not replaced: see the status at the top.');
    // The analyst's own choice, not a problem with the form: said, not alerted.
    if (done === 'cancelled') return setNotice('Cancelled: the text was not replaced, and nothing changed.');
    setAccount(done);
  };
  const progress = job.progress;

  if (account !== null) {
    return (
      <Modal title={`Text of “${document.title}” replaced`} onClose={onClose}>
        <p role="status">{account}</p>
        <p className="hint">
          Highlights placed approximately say so in the list; orphaned ones are listed under “Orphaned highlights”. Undo
          (Ctrl+Z) puts the old text back.
        </p>
        <div className="dialog-actions">
          <button type="button" className="primary" autoFocus onClick={onClose}>
            Done
          </button>
        </div>
      </Modal>
    );
  }

  return (
    <Modal title={`Replace the text of “${document.title}”`} onClose={onClose}>
      <form className="stacked-form" onSubmit={(e) => void submit(e)}>
        <p className="hint">
          For an updated version of the same article. Its highlights move to where their passages are in the new text;
          any not found are kept as orphaned highlights, to re-attach by hand.
        </p>
        <label>
          New text
          <textarea
            value={text}
            rows={10}
            disabled={file !== null}
            onChange={(e) => setText(e.target.value)}
            autoFocus
          />
        </label>
        <label>
          …or read it from a file
          <input
            type="file"
            accept={IMPORTABLE_EXTENSIONS.join(',')}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </label>
        {busy && (
          <div className="export-progress">
            {progress ? (
              <progress aria-label="Re-anchoring the highlights" value={progress.done} max={progress.total} />
            ) : (
              <progress aria-label="Re-anchoring the highlights" />
            )}
            <span>
              {progress
                ? `Re-anchoring highlight ${formatCount(progress.done)} of ${formatCount(progress.total)}…`
                : 'Replacing…'}
            </span>
          </div>
        )}
        {/* While it runs, Cancel stops the replacement rather than leave it running behind a closed dialog. */}
        <FormFooter
          problem={problem}
          notice={notice}
          onCancel={busy ? job.cancel : onClose}
          submitLabel="Replace text"
          busy={busy && 'Replacing…'}
        />
      </form>
    </Modal>
  );
}
