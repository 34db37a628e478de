import { useAppStore } from '../../store/app-store';
import { formatCount } from '../../ui/format-count';

/**
 * Documents found intact in files that were moved aside when the library could not be read, and that the restored
 * library does not hold: the analyst's work, one click from coming back.
 */
export function RecoverableDocuments() {
  const recoverable = useAppStore((s) => s.recoverable);
  const bringBack = useAppStore((s) => s.bringBackDocument);
  if (recoverable.length === 0) return null;
  return (
    <section className="recoverable" aria-labelledby="recoverable-heading">
      <h2 id="recoverable-heading">Documents found in moved files</h2>
      <p>
        These were intact in files moved aside after damage, but the restored library does not list them. Bringing one
        back adds it with its highlights (its title is its first line; edit it afterwards).
      </p>
      <ul>
        {recoverable.map((r) => (
          <li key={r.documentId}>
            <span className="recoverable-title">{r.title}</span>{' '}
            <span className="recoverable-counts">
              {formatCount(r.highlightCount)} highlight{r.highlightCount === 1 ? '' : 's'}, {formatCount(r.charCount)}{' '}
              characters
            </span>{' '}
            <button type="button" onClick={() => void bringBack(r.documentId)} aria-label={`Bring back "${r.title}"`}>
              Bring back
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
