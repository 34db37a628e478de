import { mkdir, open, readdir, readFile, rm, rmdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { agreementCsv } from '../../shared/agreement/agreement-input';
import { apiArgumentSchemas, type ApiResults } from '../../shared/api-contract';
import type { Database } from '../../shared/domain';
import { searchCells, searchDocuments, SearchQueryError, SEARCH_COLUMNS } from '../../shared/analysis/library-search';
import { STANCE_MAP_COLUMNS, stanceMap, stanceMapCells } from '../../shared/analysis/stance-map';
import { tagMatrix, tagMatrixCsv, type TagMatrixGrouping } from '../../shared/analysis/tag-matrix';
import { intervals, timeline, timelineCells, TIMELINE_COLUMNS } from '../../shared/analysis/timeline';
import { csvBlocks, defaultCsvOptions } from '../../shared/csv';
import { sameName } from '../../shared/names';
import { isPublishedDate } from '../../shared/published-date';
import { describeByCoder, type ImportSummary } from '../../shared/export/import-summary';
import { looksLikeBackup } from '../../shared/export/backup-format';
import type { ApiFailure } from '../backend/api-error';
import { DATA_DIR_ENV, DATA_FILE_NAME, defaultUserDataDir, resolveDataDir } from '../backend/data-dir';
import { acquireDataLock, LOCK_FILE_NAME } from '../backend/data-lock';
import { qdcText } from '../backend/exchange/refi-qda/qdc';
import { qdpxBlocks } from '../backend/exchange/refi-qda/qdpx-export';
import type { ExportWorkers } from '../backend/exchange/export-workers';
import { openLibrarySource } from '../backend/exchange/library-source';
import { importBackupStreamed, NotStreamable } from '../backend/exchange/streamed-import';
import { withSpill, writeFileAtomically } from '../backend/export-writer';
import { streamedExport, type StreamedKind } from '../../shared/export/streamed-export';
import { createBackend } from '../backend/backend';
import { openStore } from '../backend/store';
import { readLibrary } from '../backend/storage/read-library';

export const USAGE = `Usage:
  stance-annotator export --out FILE [--data-dir DIR] [--what annotations|documents|codebook|backup|qdpx|qdc]
                          [--document ID] [--coder NAME]... [--format csv|json] [--no-bom] [--no-formula-escape]
  stance-annotator import --in FILE [--data-dir DIR] [--document ID]
  stance-annotator agreement --coders A,B[,C…] [--data-dir DIR] [--documents ID,…] [--what reliability|spans]
                             [--out FILE] [--bom]
  stance-annotator stats --what stance-map|tags|timeline [--data-dir DIR] [--by document|outlet|VARIABLE]
                         [--target NAME] [--interval week|month] [--coder NAME]... [--from DATE] [--to DATE]
                         [--out FILE] [--bom]
  stance-annotator search --query TEXT [--regex] [--data-dir DIR] [--out FILE] [--bom]

export   Writes one export of the library without changing it. FILE "-" writes to standard output.
         --what        annotations (default: one row per highlight × stance), documents, codebook,
                       backup (the whole project, JSON, to import back), or for MAXQDA, ATLAS.ti,
                       NVivo…: qdpx (a REFI-QDA project) or qdc (a REFI-QDA codebook)
         --document    only this document (and its highlights)
         --coder       only this coder's highlights (repeat for several coders)
         --format      csv (default), or json (annotations as W3C Web Annotation JSON-LD)
         --no-bom      no UTF-8 byte order mark (it is there by default, for Excel)
         --no-formula-escape
                       write cells starting with = + - @ tab CR LF as they are (by default they get a
                       leading ' so that spreadsheets never run them)
import   Brings a project backup, a REFI-QDA project (.qdpx) or codebook (.qdc), or W3C web annotations
         (JSON-LD from this app, Hypothesis or Recogito; a collection, a list or one per line) into the
         library (created empty if DIR has none yet), without duplicates; the kind is told by the file's
         content. Documents are matched by their text's SHA-256; each coder's highlights stay theirs; codes
         merge by name path. Web annotations go to the document their source names (this app's URN or the
         document's URL), anchored by position, quote or approximately, else kept as orphans.
         --document    the document (id) for web annotations whose source names none in the library
agreement
         Intercoder agreement as CSV (the definitions are in the README), to FILE or standard output.
         --coders      two or more coder names, comma-separated
         --documents   these documents (ids, comma-separated); default: every document each coder coded
         --what        reliability (default: per tag at word level, then stances) or spans (precision,
                       recall and F1 per pair of coders, exact and overlap matches)
         --bom         start with a UTF-8 byte order mark (for Excel)
stats    Numbers across the library as CSV: stance-map (holders × targets, stances by value and the number
         of documents), tags (each tag's highlights, sub-tags included, per document, outlet or document
         variable: --by), timeline (stances per --interval of the publication dates, for one --target or
         all; an "undated" row counts documents without a date). --coder, --from and --to (YYYY-MM-DD, the
         publication date) limit what is counted.
search   Every match of words or a phrase in every text, ignoring case and diacritics (or a --regex), as
         CSV: document_id,document_title,start,end,match,left_context,right_context (code point offsets).

The library is --data-dir DIR, else $${DATA_DIR_ENV}, else ${defaultUserDataDir()}.
Exit status: 0 done, 1 the data or a file could not be used, 2 wrong arguments.`;

export interface CliIo {
  /** Text, or an export's UTF-8 bytes (a block may end inside a character). */
  stdout(text: string | Uint8Array): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
  /** Stops a long command (an import) when the user interrupts it (Ctrl+C). */
  signal?: AbortSignal;
  /** How far a long command is, from 0 to 1 (shown on a terminal). */
  progress?(fraction: number): void;
  /** Threads that read and format an export's documents (the built command line has their script); else one does. */
  exportWorkers?: ExportWorkers;
}

class UsageError extends Error {}

const WHATS = ['annotations', 'documents', 'codebook', 'backup', 'qdpx', 'qdc'] as const;
const FORMATS = ['csv', 'json'] as const;

/** Runs the command line; returns the exit status. Never throws for a user's mistake: it says what is wrong. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.stdout(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    }
    if (command === 'export') return await exportCommand(rest, io);
    if (command === 'import') return await importCommand(rest, io);
    if (command === 'agreement') return await agreementCommand(rest, io);
    if (command === 'stats') return await statsCommand(rest, io);
    if (command === 'search') return await searchCommand(rest, io);
    throw new UsageError(`Unknown command "${command}".`);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`stance-annotator: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    io.stderr(`stance-annotator: ${(error as Error | ApiFailure).message}\n`);
    return 1;
  }
}

type OptionSpecs = Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;
type OptionValues = Record<string, string | boolean | string[] | undefined>;

function parse(args: readonly string[], options: OptionSpecs): OptionValues {
  try {
    return parseArgs({ args: [...args], options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true })
      .values as OptionValues;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (not "${value}").`);
  }
  return value as T;
}

/** The library's folder the command names (or the default); one that is a file is refused, not read as missing. */
async function dataDirOf(values: Record<string, unknown>, env: NodeJS.ProcessEnv): Promise<string> {
  const given = values['data-dir'];
  const dataDir = resolveDataDir(typeof given === 'string' ? ['--data-dir', given] : [], env, defaultUserDataDir());
  const found = await stat(dataDir).catch(() => null);
  if (found && !found.isDirectory()) throw new Error(`${dataDir} is a file, not a library's folder.`);
  return dataDir;
}

async function exportCommand(args: readonly string[], io: CliIo): Promise<number> {
  const values = parse(args, {
    'data-dir': { type: 'string' },
    out: { type: 'string' },
    what: { type: 'string' },
    document: { type: 'string' },
    coder: { type: 'string', multiple: true },
    format: { type: 'string' },
    'no-bom': { type: 'boolean' },
    'no-formula-escape': { type: 'boolean' },
  });
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const out = values.out;
  if (typeof out !== 'string' || out === '')
    throw new UsageError('export needs --out FILE (or --out - for standard output).');
  const what = oneOf(String(values.what ?? 'annotations'), WHATS, '--what');
  const format = oneOf(String(values.format ?? (what === 'backup' ? 'json' : 'csv')), FORMATS, '--format');
  if (what === 'backup' && format === 'csv') throw new UsageError('A backup is JSON: drop --format csv.');

  const dataDir = await dataDirOf(values, io.env);
  const documentId = typeof values.document === 'string' ? values.document : undefined;
  const coders = Array.isArray(values.coder) ? values.coder : undefined;
  if (coders && what !== 'annotations' && what !== 'codebook' && what !== 'qdpx') {
    throw new UsageError('--coder chooses highlights: it goes with --what annotations, codebook or qdpx.');
  }
  const scope = { ...(documentId ? { documentIds: [documentId] } : {}), ...(coders ? { coders } : {}) };
  const csv = { bom: !values['no-bom'], formulaEscape: !values['no-formula-escape'] };
  const noDocument = () => new Error(`There is no document with id "${documentId}" in ${dataDir}.`);

  if (out === '-' && what === 'qdpx') throw new UsageError('A .qdpx is a zip: give --out FILE.');
  // Read from the library's files a document at a time and written as it is read, so that memory stays small at any
  // library size (streamed-export.ts, qdpx-export.ts).
  const opened = await openLibrarySource(dataDir, io.exportWorkers);
  if (opened.kind === 'missing') throw new Error(`There is no library in ${dataDir} (no ${DATA_FILE_NAME}).`);
  if (opened.kind === 'unreadable') throw new Error(opened.reason);
  if (documentId !== undefined && !opened.entries.some((d) => d.id === documentId)) throw noDocument();
  if (what === 'qdpx' || what === 'qdc') {
    // REFI-QDA for MAXQDA, ATLAS.ti, NVivo…: a zip (project) or XML (codebook), the same as the app's Export.
    if (what === 'qdc') await writeOut(out, qdcText(opened.source.tags), what, io);
    else {
      await writeFileAtomically(out, qdpxBlocks(opened.source, scope, new Date(), opened.sourceParts));
      io.stderr(`Wrote ${what} to ${path.resolve(out)}\n`);
    }
    return 0;
  }
  const kind: StreamedKind = what === 'annotations' && format === 'json' ? 'web-annotation' : what;
  const blocks = withSpill((spill) =>
    streamedExport(opened.source, kind, scope, {
      csv: format === 'json' ? defaultCsvOptions : csv,
      json: format === 'json',
      spill,
      ...(io.signal && { signal: io.signal }),
      ...(io.progress && { progress: (done: number, total: number) => io.progress!(total === 0 ? 1 : done / total) }),
    }),
  );
  if (out === '-') {
    for await (const block of blocks) io.stdout(block);
  } else {
    await writeFileAtomically(out, blocks);
    io.stderr(`Wrote ${what} (${format}) to ${path.resolve(out)}\n`);
  }
  return 0;
}

/** A library read as a consistent snapshot; a document that cannot be read stops the command rather than go missing. */
async function readWholeLibrary(dataDir: string, action: string): Promise<Database> {
  const file = await readLibrary(dataDir);
  if (file.kind === 'missing') throw new Error(`There is no library in ${dataDir} (no ${DATA_FILE_NAME}).`);
  if (file.kind === 'unreadable') throw new Error(`${file.reason} (${path.join(dataDir, DATA_FILE_NAME)})`);
  const [damaged] = file.damagedDocuments;
  if (damaged) {
    // An answer that silently left documents out would be worse than none. The app restores them from a backup.
    throw new Error(
      `The document "${damaged.details.title}" could not be read (${damaged.reason} ${damaged.files.join(', ')}). ` +
        `Start the app once to restore it from a backup, then ${action} again.`,
    );
  }
  return file.data;
}

async function writeOut(out: string, content: string, what: string, io: CliIo): Promise<void> {
  if (out === '-') io.stdout(content);
  else {
    await writeFileAtomically(out, [content]);
    io.stderr(`Wrote ${what} to ${path.resolve(out)}\n`);
  }
}

const AGREEMENT_WHATS = ['reliability', 'spans'] as const;

async function agreementCommand(args: readonly string[], io: CliIo): Promise<number> {
  const values = parse(args, {
    'data-dir': { type: 'string' },
    coders: { type: 'string' },
    documents: { type: 'string' },
    what: { type: 'string' },
    out: { type: 'string' },
    bom: { type: 'boolean' },
  });
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const list = (value: unknown) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((item) => item.trim())
          .filter((item) => item !== '')
      : undefined;
  const coders = list(values.coders);
  if (!coders || coders.length < 2) throw new UsageError('agreement needs --coders with two names or more (A,B).');
  const what = oneOf(String(values.what ?? 'reliability'), AGREEMENT_WHATS, '--what');
  const request = apiArgumentSchemas.getAgreement.safeParse({ coders, documentIds: list(values.documents) });
  if (!request.success) throw new UsageError(request.error.issues[0]?.message ?? 'Invalid --coders or --documents.');

  const dataDir = await dataDirOf(values, io.env);
  const database = await readWholeLibrary(dataDir, 'compute agreement');
  const known = new Set(database.highlights.map((h) => h.annotator));
  const unknown = coders.filter((coder) => !known.has(coder));
  if (unknown.length > 0) {
    const names = [...known].filter((name) => name !== '').sort();
    throw new Error(
      `No highlight in ${dataDir} is by ${unknown.map((c) => `"${c}"`).join(', ')}. ` +
        `Coders there: ${names.length > 0 ? names.join(', ') : 'none'}.`,
    );
  }
  const content = agreementCsv(database, request.data, what, { bom: values.bom === true, formulaEscape: true });
  await writeOut(
    typeof values.out === 'string' && values.out !== '' ? values.out : '-',
    content,
    `agreement (${what})`,
    io,
  );
  return 0;
}

async function importCommand(args: readonly string[], io: CliIo): Promise<number> {
  const values = parse(args, { 'data-dir': { type: 'string' }, in: { type: 'string' }, document: { type: 'string' } });
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (typeof values.in !== 'string' || values.in === '') throw new UsageError('import needs --in FILE.');
  // Its first bytes tell a backup from the rest.
  const bytes = await readHead(values.in, 200);
  const dataDir = await dataDirOf(values, io.env);
  // An import that fails leaves the library as it was; where there was none (a new or empty folder), none.
  const before = await readdir(dataDir).catch(() => null);
  await mkdir(dataDir, { recursive: true });
  const lock = await acquireDataLock(dataDir, 'command line');
  let summary: ImportSummary;
  let failed = true;
  try {
    // A backup is streamed into the library a record at a time (any size, in bounded memory); one of an earlier
    // schema, or with its parts in an unusual order, is read whole. Anything else (REFI-QDA, web annotations) as bytes.
    summary = looksLikeBackup(bytes.toString('utf8'))
      ? await importBackupStreamed(dataDir, values.in, { signal: io.signal, progress: io.progress }).catch(
          (error: unknown) => {
            if (error instanceof NotStreamable) return importWhole(dataDir, values.in as string, values.document);
            throw error;
          },
        )
      : await importWhole(dataDir, values.in, values.document);
    failed = false;
  } finally {
    const leaveNothing = failed && (before === null || before.length === 0);
    // What could not be removed is said, and never takes the place of the reason the import failed.
    if (leaveNothing)
      await removeCreated(dataDir).catch((error: Error) =>
        io.stderr(`The files the failed import made in ${dataDir} could not all be removed: ${error.message}\n`),
      );
    lock.release();
    // A folder it made goes too (rmdir: only if nothing else has come into it since).
    if (leaveNothing && before === null) await rmdir(dataDir).catch(() => undefined);
  }
  const line = (name: string, n: { added: number; alreadyThere: number }) =>
    `  ${name}: ${n.added} added, ${n.alreadyThere} already there\n`;
  io.stderr(
    `Imported ${values.in} into ${dataDir}\n${line('documents', summary.documents)}${line('tags', summary.tags)}` +
      `${line('holders and targets', summary.entities)}${line('variables', summary.variables)}` +
      line('highlights', summary.highlights) +
      (summary.highlights.added > 0 ? `  highlights by coder: ${describeByCoder(summary.byCoder)}\n` : '') +
      summary.differentTexts
        .map((d) => `  "${d.title}" has a different text from "${d.libraryTitle}": added as a document of its own\n`)
        .join('') +
      (summary.anchoring
        ? `  anchored: ${summary.anchoring.exact} exactly, ${summary.anchoring.fuzzy} approximately, ` +
          `${summary.anchoring.orphan} not found (kept as orphans)\n`
        : '') +
      summary.notes.map((note) => `  ${note}\n`).join(''),
  );
  return 0;
}

/** Removes what a failed import created in a folder that held nothing but its lock, which it still holds. */
async function removeCreated(dataDir: string): Promise<void> {
  for (const name of await readdir(dataDir)) {
    if (name !== LOCK_FILE_NAME) await rm(path.join(dataDir, name), { recursive: true, force: true });
  }
}

/** Why a file given to read could not be, in words. */
function whyUnreadable(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
      return 'there is no such file.';
    case 'EISDIR':
      return 'it is a folder, not a file.';
    case 'EACCES':
    case 'EPERM':
      return 'there is no permission to read it.';
    default:
      return error.message;
  }
}

/** The first `length` bytes of a file (all of it when shorter). */
async function readHead(file: string, length: number): Promise<Buffer> {
  let handle;
  try {
    handle = await open(file, 'r');
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } catch (error) {
    throw new Error(`Cannot read ${file}: ${whyUnreadable(error as NodeJS.ErrnoException)}`);
  } finally {
    await handle?.close();
  }
}

/**
 * Imports a file read whole, through the same handler as the app's Import (the payload checked by the same schema):
 * a backup of an earlier schema (migrated on the way in), a REFI-QDA project or codebook, or web annotations.
 */
async function importWhole(dataDir: string, file: string, document: unknown): Promise<ImportSummary> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new Error(`Cannot read ${file}: ${whyUnreadable(error as NodeJS.ErrnoException)}`);
  }
  // Restoring into a new folder gives exactly the backup: no sample article is added first.
  const store = await openStore(dataDir, { seed: false });
  const backend = createBackend(store);
  const documentId = typeof document === 'string' ? { documentId: document } : {};
  const result = looksLikeBackup(bytes.toString('utf8', 0, 200))
    ? await backend('importBackup', { content: bytes.toString('utf8') }, 'command-line')
    : await backend(
        'importProject',
        { fileName: path.basename(file), data: bytes.toString('base64'), ...documentId },
        'command-line',
      );
  if (!result.ok) {
    // Closed first, failed or not: a new library takes its first backup at once, and the failed import's files are
    // removed next (removing them while that backup was written failed, and its error hid this one).
    await store.close().catch(() => undefined);
    throw new Error(result.error.message);
  }
  await store.close();
  return result.value as ApiResults['importBackup'];
}

const STATS_WHATS = ['stance-map', 'tags', 'timeline'] as const;

async function statsCommand(args: readonly string[], io: CliIo): Promise<number> {
  const values = parse(args, {
    'data-dir': { type: 'string' },
    what: { type: 'string' },
    by: { type: 'string' },
    target: { type: 'string' },
    interval: { type: 'string' },
    coder: { type: 'string', multiple: true },
    from: { type: 'string' },
    to: { type: 'string' },
    out: { type: 'string' },
    bom: { type: 'boolean' },
  });
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (typeof values.what !== 'string') throw new UsageError('stats needs --what stance-map, tags or timeline.');
  const what = oneOf(values.what, STATS_WHATS, '--what');
  for (const flag of ['from', 'to'] as const) {
    const day = values[flag];
    if (typeof day === 'string' && !(/^\d{4}-\d{2}-\d{2}$/.test(day) && isPublishedDate(day))) {
      throw new UsageError(`--${flag} must be a day written YYYY-MM-DD (not "${day}").`);
    }
  }
  const filter = {
    ...(Array.isArray(values.coder) ? { coders: values.coder } : {}),
    ...(typeof values.from === 'string' ? { from: values.from } : {}),
    ...(typeof values.to === 'string' ? { to: values.to } : {}),
  };
  const dataDir = await dataDirOf(values, io.env);
  const library = await readWholeLibrary(dataDir, 'compute the numbers');
  const csv = { bom: values.bom === true, formulaEscape: true };
  let content: string;
  if (what === 'stance-map') {
    content = [...csvBlocks(STANCE_MAP_COLUMNS, stanceMap(library, filter).map(stanceMapCells), csv)].join('');
  } else if (what === 'tags') {
    const by = String(values.by ?? 'document');
    let grouping: TagMatrixGrouping;
    if (by === 'document' || by === 'outlet') grouping = { by };
    else {
      const variable = library.variables.find((v) => sameName(v.name, by));
      if (!variable) {
        const names = library.variables.map((v) => v.name);
        throw new UsageError(
          `--by must be document, outlet or a document variable (${names.length > 0 ? names.join(', ') : 'this library has none'}), not "${by}".`,
        );
      }
      grouping = { by: 'variable', variableId: variable.id };
    }
    content = [...tagMatrixCsv(tagMatrix(library, grouping, filter), csv)].join('');
  } else {
    const interval = oneOf(String(values.interval ?? 'month'), intervals, '--interval');
    let targetId: string | undefined;
    if (typeof values.target === 'string') {
      const target = library.entities.find((e) => sameName(e.name, values.target as string));
      if (!target) throw new Error(`No holder or target is named "${values.target}" in ${dataDir}.`);
      targetId = target.id;
    }
    const result = timeline(library, { interval, ...(targetId ? { targetId } : {}) }, filter);
    content = [...csvBlocks(TIMELINE_COLUMNS, timelineCells(result), csv)].join('');
    if (result.undated.documents.length > 0) {
      io.stderr(
        `${result.undated.documents.length} documents without a publication date are counted in the "undated" row: ` +
          `${result.undated.documents.map((d) => `"${d.title}"`).join(', ')}\n`,
      );
    }
  }
  await writeOut(
    typeof values.out === 'string' && values.out !== '' ? values.out : '-',
    content,
    `stats (${what})`,
    io,
  );
  return 0;
}

async function searchCommand(args: readonly string[], io: CliIo): Promise<number> {
  const values = parse(args, {
    'data-dir': { type: 'string' },
    query: { type: 'string' },
    regex: { type: 'boolean' },
    out: { type: 'string' },
    bom: { type: 'boolean' },
  });
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (typeof values.query !== 'string' || values.query.trim() === '')
    throw new UsageError('search needs --query TEXT.');
  const dataDir = await dataDirOf(values, io.env);
  const library = await readWholeLibrary(dataDir, 'search');
  let matches;
  try {
    matches = searchDocuments(library.documents, values.query, { regex: values.regex === true });
  } catch (error) {
    if (error instanceof SearchQueryError) throw new UsageError(error.message);
    throw error;
  }
  const csv = { bom: values.bom === true, formulaEscape: true };
  const content = [...csvBlocks(SEARCH_COLUMNS, searchCells(library.documents, matches), csv)].join('');
  await writeOut(typeof values.out === 'string' && values.out !== '' ? values.out : '-', content, 'search', io);
  if (values.out !== undefined && values.out !== '-') io.stderr(`${matches.length} matches\n`);
  return 0;
}
