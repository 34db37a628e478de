/** A dialog's work under way (a progress bar with what is being done) and its outcome (said, or alerted if it failed). */
export function WorkStatus({
  busy,
  message,
}: {
  busy: string | null;
  message: { text: string; error: boolean } | null;
}) {
  return (
    <>
      {busy && (
        <div className="export-progress">
          <progress aria-label={busy} />
          <span>{busy}</span>
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
