import { randomBytes } from 'node:crypto';
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import {
  DurableTextFile,
  fsOps,
  readTextFile,
  removeDurably,
  renameDurably,
  syncFolder,
  writeDataDurably,
  type FileContent,
} from './durable-file';
import { mapLimited } from './map-limited';
import { fileStamp } from './file-stamp';
import { inSlices } from '../in-slices';
import { jsonElementPieces } from './json-pieces';
import {
  appendEntrySchema,
  appendProblem,
  applyAppends,
  finishAppends,
  revertAppends,
  syncAppended,
  type AppendEntry,
} from './journaled-appends';

/** A file to write (`content`) or to remove (`content: null`). */
export interface FileWrite {
  file: string;
  content: FileContent | null;
}

export const JOURNAL_FILE_NAME = 'pending-writes.json';
const PENDING_SUFFIX = '.pending';
/** Staged files written at once: enough to keep the disk busy, few enough never to run out of file handles. */
const STAGING_CONCURRENCY = 16;

const journalSchema = z.object({
  id: z.string().regex(/^[0-9a-f]{16}$/),
  files: z.array(z.object({ file: z.string().min(1), remove: z.boolean() })),
  appends: z.array(appendEntrySchema).default([]),
});
type JournalEntry = z.infer<typeof journalSchema>['files'][number];

/**
 * What a set of writes stages beside a target: its new contents, or (for a removal) an empty marker. Both name the
 * journal, so a journal can only commit what its own writer staged: a stale or foreign journal finds nothing of its
 * own, and is refused (see {@link recoverFileSet}).
 */
const stagedPath = (file: string, journalId: string, remove: boolean): string =>
  `${file}.${journalId}${remove ? '.remove' : ''}${PENDING_SUFFIX}`;

/**
 * Writes text files so that, whatever moment a crash or a power loss comes at, either every one of them holds its new
 * contents or none does, and a write that resolved is on disk to stay. One file is written durably on its own
 * (durable-file.ts: a synced temporary file renamed into place). Several are staged beside their targets first (a
 * removal by an empty marker) and synced; then a journal naming them is renamed into place, which is the moment the
 * change happens; then each is renamed over its target (or its target removed) and the journal removed.
 * {@link recoverFileSet} finishes a set whose journal exists and discards one whose journal was never written.
 */
export class FileSetWriter {
  private readonly adapters = new Map<string, DurableTextFile>();

  constructor(private readonly dataDir: string) {}

  async write(writes: readonly FileWrite[]): Promise<void> {
    const [only] = writes;
    if (writes.length === 1 && only) {
      if (only.content === null) await removeDurably(only.file);
      else await this.adapter(only.file).write(only.content);
      return;
    }
    if (writes.length === 0) return;
    await (
      await this.writeSet(writes, [])
    ).settled;
  }

  /**
   * Writes `writes` and appends each of `appends` to its file (`offset` bytes long now) as one set: resolves once it is
   * durable and in place, with `settled` for the syncing of the files appended to (see {@link StagedFileSet.commit}).
   */
  async writeSet(
    writes: readonly FileWrite[],
    appends: ReadonlyArray<{ file: string; offset: number; line: string }>,
  ): Promise<{ settled: Promise<void> }> {
    const set = this.begin();
    try {
      await mapLimited(writes, STAGING_CONCURRENCY, (w) => set.stage(w.file, w.content));
      for (const { file, offset, line } of appends) set.append(file, offset, line);
    } catch (error) {
      await set.discard();
      throw error;
    }
    return set.commit();
  }

  /**
   * A set of writes staged a file at a time and committed at once (what {@link write} does with a set it is given
   * whole): for a change too large to hold in memory, such as an import of a million highlights.
   */
  begin(): StagedFileSet {
    return new StagedFileSet(this.dataDir, (file) => this.adapter(file));
  }

  /** One adapter per file: it runs the writes to its file one after another. */
  private adapter(file: string): DurableTextFile {
    let adapter = this.adapters.get(file);
    if (!adapter) {
      adapter = new DurableTextFile(file);
      this.adapters.set(file, adapter);
    }
    return adapter;
  }
}

/**
 * Files staged beside their targets, each synced as it is written (a removal as an empty marker), then committed in
 * one step by a journal naming them, or discarded. Until the journal is in place the targets are untouched, and a
 * crash leaves only staged files, which the next opening removes ({@link recoverFileSet}).
 */
export class StagedFileSet {
  readonly id = randomBytes(8).toString('hex');
  private readonly staged = new Map<string, boolean>();
  private readonly appends: AppendEntry[] = [];
  private finished = false;

  constructor(
    private readonly dataDir: string,
    private readonly adapter: (file: string) => DurableTextFile,
  ) {}

  /** Stages `content` for `file` (null: its removal). Staging the same file again replaces what was staged. */
  async stage(file: string, content: FileContent | null): Promise<void> {
    if (this.finished) throw new Error('This set of writes is already committed or discarded.');
    this.staged.set(file, content === null);
    await writeDataDurably(stagedPath(file, this.id, content === null), content ?? '');
  }

  /**
   * Appends `line` to `file` (`offset` bytes long now) with the set. The line goes into the journal, so nothing is
   * written before the commit, and the file itself is synced after it (journaled-appends.ts).
   */
  append(file: string, offset: number, line: string): void {
    if (this.finished) throw new Error('This set of writes is already committed or discarded.');
    this.appends.push({ file: path.relative(this.dataDir, file), offset, line });
  }

  /** The staged text for `file`, as staged. */
  readStaged(file: string): Promise<string | null> {
    return readTextFile(stagedPath(file, this.id, false));
  }

  /**
   * Resolves once the set is durable (its journal synced) and in place, for any reader to see. Files appended to are
   * synced after that: `settled` resolves once they are and the journal is removed. Until then the journal must stay
   * as it is, and the files appended to may only be appended to (journaled-appends.ts). Without appends, it is
   * settled already.
   */
  async commit(): Promise<{ settled: Promise<void> }> {
    this.finished = true;
    const settled = { settled: Promise.resolve() };
    if (this.staged.size === 0 && this.appends.length === 0) return settled;
    // Each staged file's data is synced as it is written, and each folder's names once, when all are written: the
    // journal that names them comes after. (A synced rename per file cost 2,000 folder syncs for a 2,000-document
    // import; a staged file is meaningless until the journal names it, so it needs no rename of its own.)
    const staged = [...this.staged].map(([file, remove]) => stagedPath(file, this.id, remove));
    await Promise.all([...new Set(staged.map((s) => path.dirname(s)))].map(syncFolder));
    const files = [...this.staged].map(([file, remove]) => ({ file: path.relative(this.dataDir, file), remove }));
    const { appends } = this;
    await this.adapter(journalPath(this.dataDir)).write(await journalBytes(this.id, files, appends));
    await applyJournal(this.dataDir, this.id, files);
    try {
      await applyAppends(this.dataDir, appends);
    } catch (error) {
      // Appends alone (a full disk, say) can still be taken back, so that the set has not happened, as the caller
      // will assume; with files renamed into place already, the journal stays for the next opening to finish it.
      if (files.length === 0) {
        await revertAppends(this.dataDir, appends)
          .then(() => removeDurably(journalPath(this.dataDir)))
          .catch(() => undefined);
      }
      throw error;
    }
    const finish = async () => {
      await syncAppended(this.dataDir, appends);
      await removeDurably(journalPath(this.dataDir));
    };
    if (appends.length === 0) await finish();
    else settled.settled = finish();
    return settled;
  }

  /** Removes what was staged: the targets stay as they were. */
  async discard(): Promise<void> {
    this.finished = true;
    await mapLimited([...this.staged], STAGING_CONCURRENCY, ([file, remove]) =>
      unlinkIfThere(stagedPath(file, this.id, remove)),
    );
    this.staged.clear();
  }
}

/**
 * Run when a library is opened, before it is read: completes a set of writes that a crash interrupted after its
 * journal was in place, and removes the staged files of one interrupted before (the old contents still stand).
 *
 * A journal is applied only when the folder is in a state its own writer could have left: every entry either still
 * staged (its staged file, named by the journal, is there) or already applied (a removed target gone, a renamed
 * target there; a file appended to as it was before, or with part or all of its line after that: journaled-appends.ts).
 * Anything else — a journal that does not parse, names files outside the folder, would remove or replace a file it
 * never staged, or would append to a file that has changed since — is refused: moved aside untouched, and reported in
 * the returned notices.
 */
export async function recoverFileSet(
  dataDir: string,
  folders: readonly string[],
  now: Date = new Date(),
): Promise<string[]> {
  const notices: string[] = [];
  const text = await readTextFile(journalPath(dataDir));
  if (text !== null) {
    const problem = await journalProblem(dataDir, text);
    if (problem === null) {
      const journal = journalSchema.parse(JSON.parse(text));
      await applyJournal(dataDir, journal.id, journal.files);
      await finishAppends(dataDir, journal.appends);
      await syncAppended(dataDir, journal.appends);
      await removeDurably(journalPath(dataDir));
    } else {
      const aside = `${journalPath(dataDir)}.refused-${fileStamp(now)}`;
      await renameDurably(journalPath(dataDir), aside);
      notices.push(
        `An unfinished set of writes was found that this library did not stage (${problem}). Nothing in it was ` +
          `applied; it was kept as ${aside}.`,
      );
    }
  }
  for (const folder of [dataDir, ...folders]) {
    let names: string[];
    try {
      names = await readdir(folder);
    } catch {
      continue;
    }
    const staged = names.filter((name) => name.endsWith(PENDING_SUFFIX));
    for (const name of staged) await removeDurably(path.join(folder, name));
  }
  return notices;
}

/** Why the journal's text cannot be one this library's writer left; null when it can. */
async function journalProblem(dataDir: string, text: string): Promise<string | null> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'its journal is not valid JSON';
  }
  const parsed = journalSchema.safeParse(value);
  if (!parsed.success) return 'its journal does not have the expected shape';
  for (const entry of parsed.data.files) {
    if (!isInside(dataDir, entry.file)) return `it names ${entry.file}, outside the data folder`;
    const file = path.join(dataDir, entry.file);
    if ((await exists(stagedPath(file, parsed.data.id, entry.remove))) || (await exists(file)) !== entry.remove) {
      continue;
    }
    return entry.remove ? `it would remove ${entry.file}` : `it would replace ${entry.file} with nothing it staged`;
  }
  for (const entry of parsed.data.appends) {
    if (!isInside(dataDir, entry.file)) return `it names ${entry.file}, outside the data folder`;
    const problem = await appendProblem(dataDir, entry);
    if (problem !== null) return problem;
  }
  return null;
}

/**
 * The journal's text, `JSON.stringify({ id, files, appends })`, encoded a slice at a time: the lines of a step that
 * touched 20,000 documents (a tag deleted from 200,000 highlights) make it some 140 MB.
 */
export async function journalBytes(
  id: string,
  files: readonly JournalEntry[],
  appends: readonly AppendEntry[],
): Promise<Buffer[]> {
  const pieces = [Buffer.from(`{"id":${JSON.stringify(id)},"files":[`)];
  await inSlices(jsonElementPieces(files, pieces));
  pieces.push(Buffer.from('],"appends":['));
  await inSlices(jsonElementPieces(appends, pieces));
  pieces.push(Buffer.from(']}'));
  return pieces;
}

async function applyJournal(dataDir: string, id: string, entries: readonly JournalEntry[]): Promise<void> {
  const folders = new Set<string>();
  for (const entry of entries) {
    const file = path.join(dataDir, entry.file);
    const staged = stagedPath(file, id, entry.remove);
    folders.add(path.dirname(file));
    // Only what this journal staged is committed: a staged file gone means the entry is applied already (by the
    // write itself, or by an earlier recovery that was interrupted in its turn).
    if (!(await exists(staged))) continue;
    // Not synced one by one: the journal stays until every folder is synced below, and a crash before that
    // applies it again (an entry already renamed finds its staged file gone).
    if (entry.remove) {
      await unlinkIfThere(file);
      await unlinkIfThere(staged);
    } else {
      await fsOps.rename(staged, file);
    }
  }
  for (const folder of folders) await syncFolder(folder);
}

async function unlinkIfThere(file: string): Promise<void> {
  try {
    await fsOps.unlink(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await lstat(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

const journalPath = (dataDir: string): string => path.join(dataDir, JOURNAL_FILE_NAME);

const isInside = (dataDir: string, relative: string): boolean => {
  const resolved = path.resolve(dataDir, relative);
  return resolved.startsWith(path.resolve(dataDir) + path.sep);
};
