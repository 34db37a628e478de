import { useEffect, useMemo, useState } from 'react';
import { CURATED_CODER, findDisagreements, type Disagreement } from '../../../../shared/agreement/disagreements';
import type { Entity, Highlight, Tag } from '../../../../shared/domain';
import { paintDisagreements } from '../article/paint-highlights';
import { appStore, useAppStore } from '../../store/app-store';
import { documentCoders } from '../highlights/filter-slice';
import { CoderCheckboxes } from './CoderCheckboxes';

const EXCERPT = 120;

/**
 * Curation of the open document: every passage where the chosen coders disagree (one lacks it, or codes it with other
 * bounds, tags or stances), underlined in the text. Each is resolved by accepting one coder's version into the
 * `curated` layer (then edited there like any highlight), or rejected; each step is one undo.
 */
export function CurationPanel() {
  const document = useAppStore((s) => s.document);
  const highlights = useAppStore((s) => s.highlights);
  const tags = useAppStore((s) => s.tags);
  const entities = useAppStore((s) => s.entities);
  const settings = useAppStore((s) => s.settings);
  const selectHighlight = useAppStore((s) => s.selectHighlight);
  const curate = useAppStore((s) => s.curateHighlight);
  const reject = useAppStore((s) => s.rejectDisagreement);
  const setCurating = useAppStore((s) => s.setCurating);
  const setPanelCollapsed = useAppStore((s) => s.setPanelCollapsed);
  const everyCoder = useMemo(
    () => documentCoders(highlights, settings.annotator).filter((c) => c !== CURATED_CODER),
    [highlights, settings.annotator],
  );
  const [unticked, setUnticked] = useState<string[]>([]);
  const [openOnly, setOpenOnly] = useState(true);
  const coders = useMemo(() => everyCoder.filter((c) => !unticked.includes(c)), [everyCoder, unticked]);
  const documentId = document?.id ?? '';
  const rejected = settings.rejectedDisagreements?.[documentId];
  const disagreements = useMemo(
    () => (coders.length < 2 ? [] : findDisagreements(highlights, coders, new Set(rejected))),
    [highlights, coders, rejected],
  );
  const open = useMemo(() => disagreements.filter((d) => d.resolution === null), [disagreements]);
  const shown = openOnly ? open : disagreements;

  // The open disagreements are underlined in the text while curating.
  useEffect(() => {
    const { articleDom } = appStore.getState();
    paintDisagreements(articleDom.paragraphs(), open);
    return () => paintDisagreements(articleDom.paragraphs(), []);
  }, [open]);

  if (!document) return null;
  return (
    <section className="curation" aria-labelledby="curation-heading">
      <div className="section-heading">
        <h2 id="curation-heading">Curation</h2>
        <button type="button" className="link-button" onClick={() => setCurating(false)}>
          Done
        </button>
      </div>
      <CoderCheckboxes
        legend="Coders compared"
        className="curation-coders"
        coders={everyCoder}
        unticked={unticked}
        onChange={setUnticked}
      />
      {coders.length < 2 ? (
        <p className="empty">Curation compares two coders or more: this document has {everyCoder.length}.</p>
      ) : (
        <>
          <p className="count" role="status">
            {open.length} of {disagreements.length} disagreements open
          </p>
          <label className="choice">
            <input type="checkbox" checked={openOnly} onChange={(e) => setOpenOnly(e.target.checked)} />
            Open ones only
          </label>
          {shown.length === 0 && (
            <p className="empty">{disagreements.length === 0 ? 'The coders agree everywhere.' : 'All resolved.'}</p>
          )}
          <ul className="disagreements" aria-label="Disagreements">
            {shown.map((d) => (
              <DisagreementItem
                key={d.key}
                disagreement={d}
                text={document.text}
                tags={tags}
                entities={entities}
                onShow={(h) => selectHighlight(h.id)}
                onAccept={(h) => void curate(h.id)}
                onReject={(rejectIt) => void reject(documentId, d.key, rejectIt)}
                onEdit={(id) => {
                  selectHighlight(id);
                  setPanelCollapsed(false);
                }}
              />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function DisagreementItem({
  disagreement,
  text,
  tags,
  entities,
  onShow,
  onAccept,
  onReject,
  onEdit,
}: {
  disagreement: Disagreement;
  text: string;
  tags: Tag[];
  entities: Entity[];
  onShow(highlight: Highlight): void;
  onAccept(highlight: Highlight): void;
  onReject(reject: boolean): void;
  /** Selects the curated version, with the panel open to edit it. */
  onEdit(curatedId: string): void;
}) {
  const passage = text.slice(disagreement.start, disagreement.end);
  const first = disagreement.versions.flatMap((v) => v.highlights)[0];
  const tagName = (id: string) => tags.find((t) => t.id === id)?.name ?? '?';
  const entityName = (id: string | null) =>
    id === null ? 'someone' : (entities.find((e) => e.id === id)?.name ?? '?');
  const describe = (h: Highlight) =>
    [
      h.tagIds.map(tagName).join(', ') || 'no tag',
      ...h.stances.map((s) => `${entityName(s.holderId)} → ${entityName(s.targetId)}: ${s.stance}`),
      h.start === disagreement.start && h.end === disagreement.end ? '' : `“${text.slice(h.start, h.end)}”`,
    ]
      .filter(Boolean)
      .join('; ');
  return (
    <li className={`disagreement ${disagreement.resolution ?? 'open'}`}>
      <button type="button" className="highlight-quote" onClick={() => first && onShow(first)}>
        <q>{passage.length > EXCERPT ? `${passage.slice(0, EXCERPT)}…` : passage}</q>
      </button>
      <ul className="versions">
        {disagreement.versions.map(({ coder, highlights }) => (
          <li key={coder}>
            <span className="coder-name">{coder}</span>{' '}
            {highlights.length === 0 ? (
              <span className="muted">none</span>
            ) : (
              highlights.map((h) => (
                <span key={h.id} className="version">
                  {describe(h)}{' '}
                  {disagreement.resolution === null && (
                    <button type="button" onClick={() => onAccept(h)}>
                      Accept {coder}&apos;s
                    </button>
                  )}
                </span>
              ))
            )}
          </li>
        ))}
      </ul>
      <div className="disagreement-actions">
        {disagreement.resolution === null && (
          <button type="button" onClick={() => onReject(true)}>
            Reject
          </button>
        )}
        {disagreement.resolution === 'rejected' && (
          <>
            <span className="muted">Rejected.</span>{' '}
            <button type="button" onClick={() => onReject(false)}>
              Reopen
            </button>
          </>
        )}
        {disagreement.resolution === 'accepted' && disagreement.curatedId && (
          <>
            <span className="muted">Accepted into “{CURATED_CODER}”.</span>{' '}
            <button type="button" onClick={() => onEdit(disagreement.curatedId!)}>
              Edit
            </button>
          </>
        )}
      </div>
    </li>
  );
}
