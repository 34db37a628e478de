import { useAppStore } from '../store/app-store';

const LABELS = { idle: 'All changes saved', saved: 'All changes saved', saving: 'Saving…', failed: 'Not saved' };

/** Saved / saving / failed: a failed save says why, and offers to try the change again. */
export function SaveStatus() {
  const state = useAppStore((s) => s.saveState);
  const error = useAppStore((s) => s.saveError);
  const retry = useAppStore((s) => s.retryFailed);
  const lastHistoryAction = useAppStore((s) => s.lastHistoryAction);
  return (
    <div className={`save-status ${state}`} role="status" aria-live="polite">
      {state === 'failed' ? (
        <>
          <span>
            {LABELS.failed}: {error}
          </span>
          {retry && (
            <button type="button" onClick={() => void retry()}>
              Try again
            </button>
          )}
        </>
      ) : (
        <span>
          {lastHistoryAction && state !== 'saving' ? `${lastHistoryAction} · ` : ''}
          {LABELS[state]}
        </span>
      )}
    </div>
  );
}
