import { BACKUP_FORMAT, looksLikeBackup, type Backup } from '../../../shared/export/backup-format';
import type { ImportSummary } from '../../../shared/export/import-summary';
import { CURRENT_SCHEMA_VERSION } from '../../../shared/domain';
import { IMPORTABLE_EXTENSIONS } from '../../../shared/import-formats';
import { ApiFailure } from '../api-error';
import { codesAsTags } from '../exchange/refi-qda/codes-to-tags';
import { isZip, openQdpx, projectAsBackup } from '../exchange/refi-qda/qdpx-import';
import { readQdc } from '../exchange/refi-qda/qdc';
import { parseBackup, planImport, readBackupContent } from '../import-backup';
import type { Library } from '../library';
import { parseXml } from '../exchange/refi-qda/xml-read';
import { annotationsAsBackup } from '../exchange/web-annotations/annotations-as-backup';
import { AnnotationFileError, readWebAnnotations } from '../../../shared/web-annotations/read-annotations';
import { asJob, inSlices } from '../in-slices';
import type { JobControl } from '../jobs';
import { findDocument } from './lookup';
import type { HandlerContext, Handlers } from './types';

type ExchangeHandlers = Pick<Handlers, 'importBackup' | 'importProject' | 'getJobProgress' | 'cancelJob'>;

/** Backup and REFI-QDA imports. (Exports are files, not answers: export-writer.ts writes them.) */
export function exchangeHandlers({ library, now, jobs }: HandlerContext): ExchangeHandlers {
  return {
    importBackup: ({ content, jobId }) =>
      jobs.run(jobId, async (control) => {
        // Read a record at a time, as the command line reads a backup file, answering progress and cancellation
        // between its parts; nothing changes until the whole backup is read and checked.
        const backup = await readBackupContent(content, control);
        const { changes, summary } = planImport(library.data, backup);
        control.signal.throwIfAborted();
        await library.commit('Import backup', changes);
        return summary;
      }),

    async getJobProgress({ jobId }) {
      return jobs.progress(jobId);
    },

    async cancelJob({ jobId }) {
      return { cancelled: jobs.cancel(jobId) };
    },

    importProject: ({ fileName, data, documentId, jobId }) =>
      jobs.run(jobId, async (control) => {
        const bytes = Buffer.from(data, 'base64');
        if (isZip(bytes) && !isArticleFile(fileName)) {
          const { qde, internal } = await openQdpx(bytes);
          return importAsBackup(
            library,
            'Import REFI-QDA project',
            await projectAsBackup(qde, internal, library.data, now()),
          );
        }
        const text = bytes.toString('utf8').replace(/^\ufeff/, '');
        const start = text.trimStart().charAt(0);
        if (looksLikeBackup(text)) {
          return importAsBackup(library, 'Import backup', { backup: parseBackup(text), notes: [] });
        }
        if (start === '{' || start === '[')
          return importWebAnnotations(library, text, fileName, documentId, now(), control);
        // An article given here (an HTML page is no XML project, a .docx no REFI-QDA zip) is told where articles go.
        if (start !== '<' || isArticleFile(fileName)) throw notAnImport(fileName);
        const root = parseXml(text, fileName);
        if (root.localName === 'Project') {
          // A bare project.qde: its texts must be inside it (PlainTextContent); internal files are not there.
          return importAsBackup(
            library,
            'Import REFI-QDA project',
            await projectAsBackup(text, async () => null, library.data, now()),
          );
        }
        const asTags = codesAsTags(library.data.tags, readQdc(text));
        const backup: Backup = {
          format: BACKUP_FORMAT,
          schemaVersion: CURRENT_SCHEMA_VERSION,
          documents: [],
          tags: asTags.tags,
          entities: [],
          variables: [],
          highlights: [],
          settings: library.data.settings,
        };
        const notes = [...asTags.notes];
        if (asTags.stanceCodes.length > 0)
          notes.push('The "Stances" codes were left out: a codebook has no highlights.');
        return importAsBackup(library, 'Import codebook', { backup, notes });
      }),
  };
}

async function importAsBackup(
  library: Library,
  label: string,
  { backup, notes }: { backup: Backup; notes: string[] },
): Promise<ImportSummary> {
  const { changes, summary } = planImport(library.data, backup, { tagsMatched: true });
  await library.commit(label, changes);
  return { ...summary, notes: [...summary.notes, ...notes] };
}

/**
 * Web annotations brought in as one step to undo (exchange/web-annotations/): each on the document its source names,
 * or on `documentId` when its source names none; the summary says how each was anchored, and which sources matched
 * no document.
 */
async function importWebAnnotations(
  library: Library,
  text: string,
  fileName: string,
  documentId: string | undefined,
  now: Date,
  control: JobControl,
): Promise<ImportSummary> {
  let read;
  try {
    read = readWebAnnotations(text);
  } catch (error) {
    if (error instanceof AnnotationFileError) throw new ApiFailure('invalid-request', `${fileName}: ${error.message}`);
    throw error;
  }
  if (documentId !== undefined) findDocument(library.data, documentId);
  const options = { documentId, coder: library.data.settings.annotator, now };
  // In slices, as a job: other requests are answered meanwhile, and the analyst sees how far it is and can stop it.
  const plan = await inSlices(
    asJob(annotationsAsBackup(library.data, read, options), read.annotations.length, control),
  );
  // Placed in the texts as they were when it began: a document whose text was replaced, or that was deleted, meanwhile
  // (in another window) would get passages of a text it no longer has.
  for (const placed of plan.backup.documents) {
    if (library.data.documents.find((d) => d.id === placed.id)?.text !== placed.text) {
      throw new ApiFailure(
        'conflict',
        `"${placed.title}" was changed while the annotations were being placed: nothing was imported. Import the file again.`,
      );
    }
  }
  control.signal.throwIfAborted();
  const { changes, summary } = planImport(library.data, plan.backup);
  await library.commit('Import web annotations', changes);
  const notes = [...summary.notes, ...plan.notes];
  if (plan.unmatched.length > 0) {
    const count = plan.unmatched.reduce((n, u) => n + u.count, 0);
    notes.push(
      `${count} annotation${count > 1 ? 's' : ''} name${count > 1 ? '' : 's'} a page that is not in the library ` +
        `(${plan.unmatched
          .map((u) => u.source)
          .slice(0, 3)
          .join(', ')}${plan.unmatched.length > 3 ? '…' : ''}): ` +
        'choose the document they belong to and import the file again.',
    );
  }
  return { ...summary, notes, anchoring: plan.anchoring, unmatched: plan.unmatched };
}

function notAnImport(fileName: string): ApiFailure {
  return new ApiFailure(
    'invalid-request',
    `${fileName} is not a Stance Annotator backup (.json), web annotations (.jsonld, .json, .jsonl), ` +
      'a REFI-QDA project (.qdpx, .qde) or codebook (.qdc).' +
      (isArticleFile(fileName)
        ? ` Articles (${IMPORTABLE_EXTENSIONS.join(', ')}) are added in the Library: "Import files…".`
        : ''),
  );
}

/** Whether a file's name says it is an article (the Library's import), by its extension. */
const isArticleFile = (fileName: string): boolean =>
  (IMPORTABLE_EXTENSIONS as readonly string[]).includes(fileName.slice(fileName.lastIndexOf('.')).toLowerCase());
