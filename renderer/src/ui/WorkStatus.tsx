import type { Job } from './use-job';

/** A dialog's work under way (a progress bar with what is being done) and its outcome (said, or alerted if it failed). */
export function WorkStatus({
  busy,
  message,
  job,
}: {
  busy: string | null;
  message: { text: string; error: boolean } | null;
  /** Work the backend reports on: its share done, and a Cancel button. */
  job?: Job;
}) {
  const progress = job?.running ? job.progress : null;
  const percent = progress ? Math.floor((100 * progress.done) / progress.total) : null;
  // Everything read: what is left is writing it, which is not stopped halfway.
  const writing = progress !== null && progress.done >= progress.total;
  return (
    <>
      {busy && (
        <div className="export-progress">
          {progress ? (
            <progress aria-label={busy} value={progress.done} max={progress.total} />
          ) : (
            <progress aria-label={busy} />
          )}
          <span>
            {busy}
            {writing ? ' saving…' : percent !== null && ` ${percent}%`}
          </span>
          {job?.running && !writing && (
            <button type="button" onClick={job.cancel}>
              Cancel
            </button>
          )}
        </div>
      )}
      {message && (
        <p role={message.error ? 'alert' : 'status'} className={message.error ? 'field-error' : 'export-done'}>
          {message.text}
        </p>
      )}
    </>
  );
}
