/** Why the last request failed, announced as it appears; nothing when there is no problem. */
export function ProblemAlert({ problem }: { problem: string | null }) {
  if (!problem) return null;
  return (
    <p role="alert" className="field-error">
      {problem}
    </p>
  );
}
