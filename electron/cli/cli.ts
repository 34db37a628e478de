import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { ApiResults } from '../../shared/api-contract';
import { defaultCsvOptions } from '../../shared/csv';
import { buildExport, rowsAsJson, scopeLibrary, type ExportKind } from '../../shared/export/build-export';
import { CODEBOOK_COLUMNS, codebookRows, documentColumns, documentRows } from '../../shared/export/library-rows';
import type { ApiFailure } from '../backend/api-error';
import { DATA_DIR_ENV, DATA_FILE_NAME, defaultUserDataDir, resolveDataDir } from '../backend/data-dir';
import { acquireDataLock } from '../backend/data-lock';
import { createBackend } from '../backend/backend';
import { openStore } from '../backend/store';
import { readLibrary } from '../backend/storage/read-library';

export const USAGE = `Usage:
  stance-annotator export --out FILE [--data-dir DIR] [--what annotations|documents|codebook|backup]
                          [--document ID] [--format csv|json] [--no-bom] [--no-formula-escape]
  stance-annotator import --in FILE [--data-dir DIR]

export   Writes one export of the library without changing it. FILE "-" writes to standard output.
         --what        annotations (default: one row per highlight × stance), documents, codebook,
                       or backup (the whole project, JSON, to import back)
         --document    only this document (and its highlights)
         --format      csv (default), or json (annotations as W3C Web Annotation JSON-LD)
         --no-bom      no UTF-8 byte order mark (it is there by default, for Excel)
         --no-formula-escape
                       write cells starting with = + - @ tab CR LF as they are (by default they get a
                       leading ' so that spreadsheets never run them)
import   Brings a project backup into the library (created empty if DIR has none yet), without duplicates.

The library is --data-dir DIR, else $${DATA_DIR_ENV}, else ${defaultUserDataDir()}.
Exit status: 0 done, 1 the data or a file could not be used, 2 wrong arguments.`;

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
}

class UsageError extends Error {}

const WHATS = ['annotations', 'documents', 'codebook', 'backup'] as const;
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

type OptionSpecs = Record<string, { type: 'string' | 'boolean'; short?: string }>;

function parse(args: readonly string[], options: OptionSpecs): Record<string, string | boolean | undefined> {
  try {
    return parseArgs({ args: [...args], options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true })
      .values as Record<string, string | boolean | undefined>;
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

function dataDirOf(values: Record<string, unknown>, env: NodeJS.ProcessEnv): string {
  const given = values['data-dir'];
  return resolveDataDir(typeof given === 'string' ? ['--data-dir', given] : [], env, defaultUserDataDir());
}

async function exportCommand(args: readonly string[], io: CliIo): Promise<number> {
  const values = parse(args, {
    'data-dir': { type: 'string' },
    out: { type: 'string' },
    what: { type: 'string' },
    document: { type: 'string' },
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

  const dataDir = dataDirOf(values, io.env);
  const file = await readLibrary(dataDir);
  if (file.kind === 'missing') throw new Error(`There is no library in ${dataDir} (no ${DATA_FILE_NAME}).`);
  if (file.kind === 'unreadable') throw new Error(`${file.reason} (${path.join(dataDir, DATA_FILE_NAME)})`);
  const [damaged] = file.damagedDocuments;
  if (damaged) {
    // An export that silently left documents out would be worse than none. The app restores them from a backup.
    throw new Error(
      `The document "${damaged.details.title}" could not be read (${damaged.reason} ${damaged.files.join(', ')}). ` +
        'Start the app once to restore it from a backup, then export again.',
    );
  }
  const database = file.data;

  const documentId = typeof values.document === 'string' ? values.document : undefined;
  if (documentId !== undefined && !database.documents.some((d) => d.id === documentId)) {
    throw new Error(`There is no document with id "${documentId}" in ${dataDir}.`);
  }
  const scope = documentId ? { documentIds: [documentId] } : {};
  const csv = { bom: !values['no-bom'], formulaEscape: !values['no-formula-escape'] };

  let content: string;
  if (format === 'csv' || what === 'backup') {
    content = buildExport(database, what as ExportKind, scope, csv).content;
  } else if (what === 'annotations') {
    content = buildExport(database, 'web-annotation', scope, defaultCsvOptions).content;
  } else {
    const library = scopeLibrary(database, scope);
    content =
      what === 'documents'
        ? rowsAsJson(documentColumns(library), documentRows(library))
        : rowsAsJson(CODEBOOK_COLUMNS, codebookRows(library));
  }

  if (out === '-') io.stdout(content);
  else {
    await writeFile(out, content, 'utf8');
    io.stderr(`Wrote ${what} (${format}) to ${path.resolve(out)}\n`);
  }
  return 0;
}

async function importCommand(args: readonly string[], io: CliIo): Promise<number> {
  const values = parse(args, { 'data-dir': { type: 'string' }, in: { type: 'string' } });
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (typeof values.in !== 'string' || values.in === '') throw new UsageError('import needs --in FILE.');
  let content: string;
  try {
    content = await readFile(values.in, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read ${values.in}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const dataDir = dataDirOf(values, io.env);
  await mkdir(dataDir, { recursive: true });
  const lock = await acquireDataLock(dataDir, 'command line');
  let summary;
  try {
    // Restoring into a new folder gives exactly the backup: no sample article is added first.
    const store = await openStore(dataDir, { seed: false });
    // The same handler as the app's Import (the payload checked by the same schema), as one undoable step.
    const result = await createBackend(store)('importBackup', { content }, 'command-line');
    if (!result.ok) throw new Error(result.error.message);
    summary = result.value as ApiResults['importBackup'];
    await store.close();
  } finally {
    lock.release();
  }
  const line = (name: string, n: { added: number; alreadyThere: number }) =>
    `  ${name}: ${n.added} added, ${n.alreadyThere} already there\n`;
  io.stderr(
    `Imported ${values.in} into ${dataDir}\n${line('documents', summary.documents)}${line('tags', summary.tags)}` +
      `${line('holders and targets', summary.entities)}${line('variables', summary.variables)}` +
      line('highlights', summary.highlights),
  );
  return 0;
}
