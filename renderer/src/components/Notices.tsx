import { useAppStore } from '../store/app-store';

/** Messages the analyst must see: start-up notices from the backend, and the last failed action. */
export function Notices() {
  const notices = useAppStore((s) => s.notices);
  const dismissNotice = useAppStore((s) => s.dismissNotice);
  const actionError = useAppStore((s) => s.actionError);
  if (notices.length === 0 && !actionError) return null;
  return (
    <div className="notices">
      {actionError && (
        <p role="alert" className="notice error">
          {actionError}
        </p>
      )}
      {notices.map((notice, i) => (
        <p role="alert" className="notice" key={notice}>
          {notice}
          <button type="button" onClick={() => dismissNotice(i)}>
            Dismiss
          </button>
        </p>
      ))}
    </div>
  );
}
