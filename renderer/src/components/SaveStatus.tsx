import { useAppStore } from '../store/app-store';

const LABELS = { idle: 'All changes saved', saved: 'All changes saved', saving: 'Saving…', failed: 'Save failed' };

/** Saved / saving / failed, and why a save failed. */
export function SaveStatus() {
  const state = useAppStore((s) => s.saveState);
  const error = useAppStore((s) => s.saveError);
  return (
    <div className={`save-status ${state}`} role="status" title={state === 'failed' ? (error ?? undefined) : undefined}>
      {LABELS[state]}
      {state === 'failed' && error ? `: ${error}` : ''}
    </div>
  );
}
