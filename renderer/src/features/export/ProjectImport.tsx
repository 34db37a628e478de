import { useState, type ChangeEvent } from 'react';
import { describeByCoder, type ImportSummary } from '../../../../shared/export/import-summary';
import { looksLikeBackup } from '../../../../shared/export/backup-format';
import { ApiCallError, callApi, importBackupFile } from '../../api/client';
import type { Job } from '../../ui/use-job';
import { readAsBase64 } from '../../api/read-as-base64';
import { appStore, useAppStore } from '../../store/app-store';

/** What the picker accepts: backups, web annotations (JSON-LD, JSON, JSON Lines) and REFI-QDA projects and codebooks. */
const ACCEPT = '.json,application/json,.jsonld,application/ld+json,.jsonl,.qdpx,.qdc,.qde';

type Busy = (what: string | null) => void;
type Say = (message: { text: string; error: boolean } | null) => void;

/**
 * Importing another project into the library: a backup, web annotations or a REFI-QDA project or codebook, the kind
 * told by the content. Web annotations whose page is not in the library are offered a document of the analyst's
 * choosing, and imported there on a second go (what came the first time is recognised and not added twice).
 */
export function ProjectImport({
  busy,
  setBusy,
  say,
  onImported,
  job,
}: {
  busy: boolean;
  setBusy: Busy;
  say: Say;
  onImported(): void;
  /** The backend says how far an import is (a backup, web annotations); the analyst can stop it. */
  job: Job;
}) {
  const refresh = useAppStore((s) => s.refresh);
  const runChange = useAppStore((s) => s.runChange);
  const documents = useAppStore((s) => s.documents);
  const openDocumentId = useAppStore((s) => s.document?.id ?? null);
  const [unmatched, setUnmatched] = useState<{ file: File; count: number; sources: string[] } | null>(null);
  const [chosen, setChosen] = useState<string>('');

  const run = async (file: File, documentId?: string): Promise<void> => {
    setBusy(`Importing ${file.name}…`);
    say(null);
    let summary: ImportSummary | null = null;
    let cancelled = false;
    try {
      // Its first bytes tell a backup (sent as it is, however large) from the rest.
      const head = /\.(json|jsonld|jsonl)$/i.test(file.name) ? await file.slice(0, 200).text() : null;
      const isBackup = head !== null && looksLikeBackup(head);
      const ok = await runChange(async () => {
        const data = isBackup ? null : await readAsBase64(file);
        summary = await followed(job, (jobId) =>
          data === null
            ? importBackupFile(file, jobId)
            : callApi('importProject', { fileName: file.name, data, jobId, ...(documentId && { documentId }) }),
        ).catch((error: unknown) => {
          // Stopped by the analyst: nothing was imported, which is no failure to report.
          if (!(error instanceof ApiCallError && error.error.code === 'cancelled')) throw error;
          cancelled = true;
          return null;
        });
        if (cancelled) return 'unchanged';
        await refresh();
      });
      if (cancelled) say({ text: `Cancelled: nothing of ${file.name} was imported.`, error: false });
      else if (ok && summary) {
        const result: ImportSummary = summary;
        say({ text: describeImport(file.name, result), error: false });
        const left = result.unmatched ?? [];
        const count = left.reduce((n, u) => n + u.count, 0);
        setUnmatched(count > 0 && !documentId ? { file, count, sources: left.map((u) => u.source) } : null);
        setChosen(openDocumentId ?? documents[0]?.id ?? '');
        onImported();
      } else
        say({
          text: `${file.name} was not imported: ${appStore.getState().saveError ?? 'unknown error'}`,
          error: true,
        });
    } catch (error) {
      say({ text: `${file.name} could not be read: ${(error as Error).message}`, error: true });
    } finally {
      setBusy(null);
    }
  };

  const pick = (event: ChangeEvent<HTMLInputElement>): void => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) void run(file);
  };

  return (
    <div className="project-import">
      {unmatched && (
        <fieldset className="unmatched-annotations">
          <legend>
            {unmatched.count} annotation{unmatched.count > 1 ? 's' : ''} of a page not in the library
          </legend>
          <p className="hint">{unmatched.sources.slice(0, 3).join(', ')}</p>
          <label>
            Attach {unmatched.count > 1 ? 'them' : 'it'} to{' '}
            <select value={chosen} onChange={(e) => setChosen(e.target.value)}>
              {documents.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.title}
                </option>
              ))}
            </select>
          </label>{' '}
          <button type="button" disabled={busy || !chosen} onClick={() => void run(unmatched.file, chosen)}>
            Import into this document
          </button>
        </fieldset>
      )}
      <label className="file-button">
        Import backup, web annotations or REFI-QDA…
        <input type="file" accept={ACCEPT} onChange={pick} disabled={busy} />
      </label>
    </div>
  );
}

/**
 * An import run as a job: followed and cancellable while the backend works (a backup read a record at a time, web
 * annotations placed one at a time).
 */
async function followed(job: Job, work: (jobId: string) => Promise<ImportSummary>): Promise<ImportSummary> {
  const jobId = job.start();
  try {
    return await work(jobId);
  } finally {
    job.stop();
  }
}

function describeImport(name: string, s: ImportSummary): string {
  const part = (label: string, n: { added: number; alreadyThere: number }) =>
    `${n.added} ${label} added${n.alreadyThere ? ` (${n.alreadyThere} already there)` : ''}`;
  const anchoring = s.anchoring
    ? ` Anchored: ${s.anchoring.exact} exactly, ${s.anchoring.fuzzy} approximately, ${s.anchoring.orphan} not found (kept as orphans).`
    : '';
  return `Imported ${name}: ${[
    part('documents', s.documents),
    part('highlights', s.highlights),
    part('tags', s.tags),
    part('holders and targets', s.entities),
    part('variables', s.variables),
  ].join(
    ', ',
  )}.${s.highlights.added > 0 ? ` Highlights by coder: ${describeByCoder(s.byCoder)}.` : ''}${anchoring}${s.differentTexts
    .map((d) => ` "${d.title}" has a different text from "${d.libraryTitle}": it was added as a document of its own.`)
    .join('')}${s.notes.map((note) => ` ${note}`).join('')}`;
}
