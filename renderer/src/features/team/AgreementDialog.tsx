import { useEffect, useState, type ReactNode } from 'react';
import { decimal } from '../../../../shared/agreement/agreement-csv';
import type { AgreementReport } from '../../../../shared/agreement/compute-agreement';
import type { Reliability } from '../../../../shared/agreement/reliability';
import type { CoderInfo } from '../../../../shared/api-contract';
import type { ExportKind } from '../../../../shared/export/build-export';
import { inTreeOrder } from '../../../../shared/tag-paths';
import { callApi } from '../../api/client';
import { saveExport } from '../../api/save-export';
import { useAppStore } from '../../store/app-store';
import { Modal } from '../../ui/Modal';
import { WorkStatus } from '../../ui/WorkStatus';
import { tagLabel } from '../codebook/tag-label';
import { formatCount } from '../../ui/format-count';

/**
 * Intercoder agreement (README, "Agreement"): choose two or more coders and a tag, and read Krippendorff's α, Cohen's
 * κ and percentage agreement per tag and for stances, span matches per pair of coders, and a row per document that
 * opens it with every coder's highlights shown. Each table is saved as the CSV the command line writes.
 */
export function AgreementDialog({ onClose }: { onClose(): void }) {
  const tags = useAppStore((s) => s.tags);
  const openDocument = useAppStore((s) => s.openDocument);
  const setView = useAppStore((s) => s.setView);
  const setSideBySide = useAppStore((s) => s.setSideBySide);
  const [coders, setCoders] = useState<CoderInfo[] | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [tagId, setTagId] = useState<string>('');
  const openDocumentSummary = useAppStore((s) => s.document);
  const ticked = useAppStore((s) => s.tickedDocumentIds);
  const [which, setWhich] = useState<'coded' | 'open' | 'ticked'>('coded');
  const [report, setReport] = useState<AgreementReport | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    callApi('listCoders', {}).then(
      (list) => {
        setCoders(list);
        setChosen(list.map((c) => c.name));
      },
      (error: Error) => setProblem(`The coders could not be listed: ${error.message}`),
    );
  }, []);

  const documentIds =
    which === 'open' && openDocumentSummary ? [openDocumentSummary.id] : which === 'ticked' ? [...ticked] : undefined;
  const request = { coders: chosen, ...(tagId ? { tagIds: [tagId] } : {}), ...(documentIds ? { documentIds } : {}) };
  const compute = async (): Promise<void> => {
    setBusy('Computing agreement…');
    setProblem(null);
    try {
      setReport(await callApi('getAgreement', request));
    } catch (error) {
      setReport(null);
      setProblem((error as Error).message);
    } finally {
      setBusy(null);
    }
  };
  const save = async (kind: ExportKind): Promise<void> => {
    setBusy('Saving…');
    const result = await saveExport({ kind, ...request, bom: true });
    setBusy(null);
    if (!result.saved && 'error' in result && result.error) setProblem(`Not saved: ${result.error}`);
  };
  const openAt = async (documentId: string, coders: readonly string[]): Promise<void> => {
    await openDocument(documentId);
    // The first two coders compared, side by side.
    setSideBySide(coders[0]!, coders[1]!);
    setView('document');
    onClose();
  };
  const toggle = (name: string, on: boolean): void =>
    setChosen((list) => (on ? [...list, name] : list.filter((n) => n !== name)));

  return (
    <Modal title="Intercoder agreement" onClose={onClose} className="agreement-dialog">
      <div className="agreement-choices">
        <fieldset>
          <legend>Coders</legend>
          {coders === null && !problem && <p>Listing coders…</p>}
          {coders?.length === 0 && <p>No highlight has a coder yet.</p>}
          {coders?.map((c) => (
            <label key={c.name} className="choice">
              <input
                type="checkbox"
                checked={chosen.includes(c.name)}
                onChange={(e) => toggle(c.name, e.target.checked)}
              />
              {c.name}{' '}
              <span className="count">
                ({c.highlights} highlights in {c.documents} documents)
              </span>
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Documents</legend>
          <label className="choice">
            <input
              type="radio"
              name="agreement-documents"
              checked={which === 'coded'}
              onChange={() => setWhich('coded')}
            />
            Every document each of them coded
          </label>
          {openDocumentSummary && (
            <label className="choice">
              <input
                type="radio"
                name="agreement-documents"
                checked={which === 'open'}
                onChange={() => setWhich('open')}
              />
              The open document ({openDocumentSummary.title})
            </label>
          )}
          {ticked.size > 0 && (
            <label className="choice">
              <input
                type="radio"
                name="agreement-documents"
                checked={which === 'ticked'}
                onChange={() => setWhich('ticked')}
              />
              The {ticked.size} documents ticked in the Library
            </label>
          )}
        </fieldset>
        <label className="inline-label">
          Tags
          <select value={tagId} onChange={(e) => setTagId(e.target.value)} aria-label="Tags compared">
            <option value="">Every tag</option>
            {inTreeOrder(tags).map((t) => (
              <option key={t.id} value={t.id}>
                {tagLabel(t, tags)} (with its sub-tags)
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="primary" disabled={chosen.length < 2 || !!busy} onClick={() => void compute()}>
          Compute
        </button>
        {chosen.length < 2 && coders && coders.length > 0 && <span className="hint">Choose two coders or more.</span>}
      </div>
      <WorkStatus busy={busy} message={problem ? { text: problem, error: true } : null} />
      {report && (
        <AgreementTables report={report} onOpen={(id) => void openAt(id, report.coders)} onSave={(k) => void save(k)} />
      )}
    </Modal>
  );
}

function AgreementTables({
  report,
  onOpen,
  onSave,
}: {
  report: AgreementReport;
  onOpen(documentId: string): void;
  onSave(kind: ExportKind): void;
}) {
  const percent = (r: Reliability) => (r.percentAgreement === null ? '—' : `${decimal(r.percentAgreement, 100)} %`);
  const coefficient = (value: number | null) => (value === null ? '—' : decimal(value));
  return (
    <div className="agreement-results">
      <p className="hint">
        {report.documentCount} {report.documentCount === 1 ? 'document' : 'documents'}; coders{' '}
        {report.coders.join(', ')}. Tags are compared word by word; stances by (document, holder, target). — means
        undefined (no variation).
      </p>
      <ResultTable
        id="reliability-heading"
        title="Reliability"
        onSave={() => onSave('agreement-reliability')}
        headers={['Scope', 'Name', 'Units', 'Agreement', 'Cohen’s κ', 'Krippendorff’s α']}
      >
        {report.reliability.map((r) => (
          <tr key={`${r.scope}:${r.tagId ?? r.name}`}>
            <td>{r.scope}</td>
            <th scope="row">{r.name}</th>
            <td>{formatCount(r.units)}</td>
            <td>{percent(r)}</td>
            <td>{coefficient(r.cohenKappa)}</td>
            <td>{coefficient(r.krippendorffAlpha)}</td>
          </tr>
        ))}
      </ResultTable>
      <ResultTable
        id="spans-heading"
        title="Spans"
        onSave={() => onSave('agreement-spans')}
        headers={['Coder A', 'Coder B', 'Match', 'Precision', 'Recall', 'F1']}
      >
        {report.spans.map((r) => (
          <tr key={`${r.coderA}:${r.coderB}:${r.match}`}>
            <td>{r.coderA}</td>
            <td>{r.coderB}</td>
            <td>{r.match}</td>
            <td>{coefficient(r.precision)}</td>
            <td>{coefficient(r.recall)}</td>
            <td>{coefficient(r.f1)}</td>
          </tr>
        ))}
      </ResultTable>
      <ResultTable
        id="by-document-heading"
        title="By document"
        onSave={() => onSave('agreement-documents')}
        headers={[
          'Document',
          `Highlights (${report.coders.join(' / ')})`,
          'Tag agreement',
          'Tag α',
          'Stance α',
          'Overlap F1',
        ]}
      >
        {report.documents.map((d) => (
          <tr key={d.documentId}>
            <th scope="row">
              <button type="button" className="link-button" onClick={() => onOpen(d.documentId)}>
                {d.title}
              </button>
            </th>
            <td>{d.highlights.join(' / ')}</td>
            <td>{percent(d.tags)}</td>
            <td>{coefficient(d.tags.krippendorffAlpha)}</td>
            <td>{coefficient(d.stances.krippendorffAlpha)}</td>
            <td>{coefficient(d.overlapF1)}</td>
          </tr>
        ))}
      </ResultTable>
    </div>
  );
}

/** One table of the report, with its heading, column headers and a button that saves it as CSV. */
function ResultTable({
  id,
  title,
  headers,
  onSave,
  children,
}: {
  id: string;
  title: string;
  headers: readonly string[];
  onSave(): void;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id}>
      <div className="section-heading">
        <h3 id={id}>{title}</h3>
        <button type="button" onClick={onSave}>
          Save CSV…
        </button>
      </div>
      <table className="agreement-table">
        <thead>
          <tr>
            {headers.map((header) => (
              <th key={header} scope="col">
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </section>
  );
}
