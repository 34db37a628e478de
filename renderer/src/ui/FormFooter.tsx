/**
 * The end of a dialog's form: what is wrong with it (alerted), or what became of it when nothing went wrong (said, as
 * a cancelled action), then Cancel and the form's own action.
 */
export function FormFooter({
  problem,
  notice = null,
  onCancel,
  submitLabel,
  busy = false,
}: {
  problem: string | null;
  notice?: string | null;
  onCancel(): void;
  submitLabel: string;
  /** While the action runs: the button says so and cannot be pressed twice. */
  busy?: string | false;
}) {
  return (
    <>
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      {notice && (
        <p className="export-done" role="status">
          {notice}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy !== false}>
          {busy || submitLabel}
        </button>
      </div>
    </>
  );
}
