import type { Highlight } from '../../../../shared/domain';
import { useAppStore } from '../../store/app-store';
import { StanceSummaries } from '../stances/StanceSummaries';
import { TagChips } from './TagChips';

const QUOTE_PREVIEW = 200;

/**
 * The open document's orphaned highlights: those whose passage was not found when its text was replaced, or that came
 * from web annotations of a text that differs. Each keeps its quote, tags, stances and note, and is put back by
 * selecting its passage in the article and choosing "Re-attach" (one step to undo).
 */
export function OrphanList() {
  const orphans = useAppStore((s) => s.orphans);
  const pending = useAppStore((s) => s.pendingSelection !== null);
  if (orphans.length === 0) return null;
  return (
    <section className="orphans" aria-labelledby="orphans-heading">
      <h2 id="orphans-heading">
        Orphaned highlights <span className="count">{orphans.length}</span>
      </h2>
      <p className="hint">
        Not found in the current text. Select where each belongs in the article, then choose “Re-attach”.
      </p>
      <ul aria-label="Orphans" className="highlight-list">
        {orphans.map((h) => (
          <OrphanItem key={h.id} orphan={h} canReattach={pending} />
        ))}
      </ul>
    </section>
  );
}

function OrphanItem({ orphan, canReattach }: { orphan: Highlight; canReattach: boolean }) {
  const tags = useAppStore((s) => s.tags);
  const entities = useAppStore((s) => s.entities);
  const own = useAppStore((s) => s.isOwnHighlight(orphan));
  const reattach = useAppStore((s) => s.reattachOrphan);
  const deleteHighlight = useAppStore((s) => s.deleteHighlight);
  const quote = orphan.quote.length > QUOTE_PREVIEW ? `${orphan.quote.slice(0, QUOTE_PREVIEW)}…` : orphan.quote;
  return (
    <li className="highlight-item orphan" data-highlight-id={orphan.id}>
      <p className="orphan-quote">
        <span className="orphan-context">{orphan.prefix && `…${orphan.prefix.slice(-20)}`}</span>
        <q>{quote}</q>
        <span className="orphan-context">{orphan.suffix && `${orphan.suffix.slice(0, 20)}…`}</span>
      </p>
      <StanceSummaries highlight={orphan} entities={entities} />
      {orphan.note && <p className="note-excerpt">{orphan.note}</p>}
      <div className="highlight-meta">
        <TagChips highlight={orphan} tags={tags} label="Tags" />
        {orphan.annotator && (
          <span className="coder-name" title="Coder">
            {orphan.annotator}
          </span>
        )}
        {own && (
          <>
            <button
              type="button"
              disabled={!canReattach}
              title={
                canReattach ? 'Give it the passage selected in the article' : 'Select its passage in the article first'
              }
              onClick={() => void reattach(orphan.id)}
            >
              Re-attach
            </button>
            <button
              type="button"
              className="delete-button"
              aria-label={`Delete orphaned highlight: ${quote}`}
              onClick={() => void deleteHighlight(orphan.id)}
            >
              Delete
            </button>
          </>
        )}
      </div>
    </li>
  );
}
