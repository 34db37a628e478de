import { useEffect, useState } from 'react';
import type { ExportKind } from '../../../../shared/export/build-export';
import { callApi } from '../../api/client';
import { saveExport } from '../../api/save-export';
import { useAppStore } from '../../store/app-store';
import { isFilterActive } from '../highlights/filter-slice';
import type { ExportScopeChoice } from '../../../../shared/domain';
import { exportChoicesFrom, type ExportChoices } from './export-choices';
import { Modal } from '../../ui/Modal';
import { useJob } from '../../ui/use-job';
import { WorkStatus } from '../../ui/WorkStatus';
import { ProjectImport } from './ProjectImport';
import { CoderCheckboxes } from '../team/CoderCheckboxes';

const KINDS: Array<{ kind: ExportKind; label: string; scoped: boolean }> = [
  { kind: 'annotations', label: 'Annotations (annotations.csv: one row per highlight × stance)', scoped: true },
  { kind: 'documents', label: 'Documents (documents.csv, with their text)', scoped: true },
  { kind: 'codebook', label: 'Codebook (codebook.csv, with counts)', scoped: true },
  { kind: 'web-annotation', label: 'Annotations as W3C Web Annotation JSON-LD', scoped: true },
  { kind: 'backup', label: 'Project backup (everything, JSON, to import back)', scoped: false },
  { kind: 'qdpx', label: 'REFI-QDA project (.qdpx: MAXQDA, ATLAS.ti, NVivo…)', scoped: true },
  { kind: 'qdc', label: 'Codebook (.qdc, REFI-QDA)', scoped: false },
];

/** Export (Ctrl/Cmd+E): what, which part, the CSV options; and importing another project (ProjectImport). */
export function ExportDialog({ onClose }: { onClose(): void }) {
  const document = useAppStore((s) => s.document);
  const filterActive = useAppStore((s) => isFilterActive(s.filter));
  const visible = useAppStore((s) => s.visibleHighlights());
  const settings = useAppStore((s) => s.settings);
  const rememberExportChoices = useAppStore((s) => s.rememberExportChoices);
  const choices = exportChoicesFrom(settings);
  const { kind, scope, bom, formulaEscape } = choices;
  const choose = (change: Partial<ExportChoices>): void => void rememberExportChoices({ ...choices, ...change });
  const setKind = (value: ExportKind) => choose({ kind: value });
  const setScope = (value: ExportScopeChoice) => choose({ scope: value });
  const setBom = (value: boolean) => choose({ bom: value });
  const setFormulaEscape = (value: boolean) => choose({ formulaEscape: value });
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const scoped = KINDS.find((k) => k.kind === kind)!.scoped;
  // Whose highlights: every coder's unless some are unticked (shown when the library has more than one coder).
  const [coders, setCoders] = useState<string[]>([]);
  const [unticked, setUnticked] = useState<string[]>([]);
  const loadCoders = (): void =>
    void callApi('listCoders', {}).then(
      (list) => setCoders(list.map((c) => c.name)),
      () => setCoders([]),
    );
  useEffect(loadCoders, []);
  const byCoder = scoped && kind !== 'documents';
  const coderScope = byCoder && unticked.length > 0 ? { coders: coders.filter((c) => !unticked.includes(c)) } : {};
  const isCsv = kind === 'annotations' || kind === 'documents' || kind === 'codebook';

  const job = useJob();
  const runExport = async (): Promise<void> => {
    setBusy('Exporting…');
    setMessage(null);
    const jobId = job.start();
    try {
      const result = await saveExport({
        kind,
        jobId,
        ...(scoped && scope !== 'all' && document ? { documentIds: [document.id] } : {}),
        ...(scoped && scope === 'filtered' ? { highlightIds: visible.map((h) => h.id) } : {}),
        ...coderScope,
        bom,
        formulaEscape,
      });
      if (result.saved) setMessage({ text: `Saved ${result.path}.`, error: false });
      else if (job.cancelled()) setMessage({ text: 'Cancelled: nothing was saved.', error: false });
      else if ('error' in result) setMessage({ text: `The export failed: ${result.error}`, error: true });
      else setMessage({ text: 'Not saved: the save was cancelled.', error: false });
    } catch (error) {
      setMessage({ text: `The export failed: ${(error as Error).message}`, error: true });
    } finally {
      job.stop();
      setBusy(null);
    }
  };

  return (
    <Modal title="Export" onClose={onClose} className="export-dialog">
      <fieldset>
        <legend>What</legend>
        {KINDS.map((k) => (
          <label key={k.kind} className="choice">
            <input type="radio" name="export-kind" checked={kind === k.kind} onChange={() => setKind(k.kind)} />
            {k.label}
          </label>
        ))}
      </fieldset>
      <fieldset disabled={!scoped}>
        <legend>Which part</legend>
        <label className="choice">
          <input
            type="radio"
            name="export-scope"
            checked={scope === 'document'}
            onChange={() => setScope('document')}
          />
          This document{document ? ` (${document.title})` : ''}
        </label>
        <label className="choice">
          <input type="radio" name="export-scope" checked={scope === 'all'} onChange={() => setScope('all')} />
          All documents
        </label>
        <label className="choice">
          <input
            type="radio"
            name="export-scope"
            checked={scope === 'filtered'}
            onChange={() => setScope('filtered')}
          />
          The highlights the list shows now ({visible.length}
          {filterActive ? ', filtered' : ''})
        </label>
      </fieldset>
      {coders.length > 1 && (
        <CoderCheckboxes
          legend="Coders"
          coders={coders}
          unticked={unticked}
          onChange={setUnticked}
          disabled={!byCoder}
        />
      )}
      <fieldset disabled={!isCsv}>
        <legend>CSV options</legend>
        <label className="choice">
          <input type="checkbox" checked={bom} onChange={(e) => setBom(e.target.checked)} />
          UTF-8 byte order mark (for Excel; turn off for pipelines)
        </label>
        <label className="choice">
          <input type="checkbox" checked={formulaEscape} onChange={(e) => setFormulaEscape(e.target.checked)} />
          Neutralise cells that start like a formula (= + - @ …) with a leading &apos;
        </label>
      </fieldset>
      <WorkStatus busy={busy} message={message} job={job} />
      <ProjectImport busy={!!busy} setBusy={setBusy} say={setMessage} onImported={loadCoders} job={job} />
      <div className="dialog-actions">
        <button type="button" className="primary" disabled={!!busy} onClick={() => void runExport()}>
          Export
        </button>
      </div>
    </Modal>
  );
}
