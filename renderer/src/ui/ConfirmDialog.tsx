import { useAppStore } from '../store/app-store';
import { Modal } from './Modal';

/** The app's question before anything destructive; the safe answer has the focus. */
export function ConfirmDialog() {
  const confirmation = useAppStore((s) => s.confirmation);
  const answer = useAppStore((s) => s.answerConfirmation);
  if (!confirmation) return null;
  return (
    <Modal title="Please confirm" onClose={() => answer(false)} className="confirm-dialog">
      <p>{confirmation.message}</p>
      <div className="dialog-actions">
        <button type="button" autoFocus onClick={() => answer(false)}>
          Cancel
        </button>
        {confirmation.alternativeLabel && (
          <button type="button" onClick={() => answer('alternative')}>
            {confirmation.alternativeLabel}
          </button>
        )}
        <button type="button" className="danger" onClick={() => answer(true)}>
          {confirmation.confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
