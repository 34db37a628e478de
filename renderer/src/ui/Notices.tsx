import { useAppStore } from '../store/app-store';

/** Start-up messages from the backend (a data file moved aside, say), shown until dismissed. */
export function Notices() {
  const notices = useAppStore((s) => s.notices);
  const dismissNotice = useAppStore((s) => s.dismissNotice);
  if (notices.length === 0) return null;
  return (
    <div className="notices">
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
