/** The end of a dialog's form: what is wrong with it (alerted), then Cancel and the form's own action. */
export function FormFooter({
  problem,
  onCancel,
  submitLabel,
  busy = false,
}: {
  problem: string | null;
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
