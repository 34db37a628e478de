import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../test-support';
import { FileSetWriter, JOURNAL_FILE_NAME, recoverFileSet } from './file-set-writer';

const tempDir = useTempDirs();
const ID = '0123456789abcdef';
// Lines with letters of more than one byte: the offsets are bytes.
const OLD = '{"n":"ё"}\n';
const LINE = '{"put":["Київ"]}\n';
const LATER = '{"later":true}\n';

/** A data folder with logs as a crash may leave them, and a journal appending LINE to each after OLD. */
async function crashedFolder(logs: Record<string, string | Buffer | null>) {
  const dir = await tempDir();
  await mkdir(path.join(dir, 'documents'));
  const appends = [];
  for (const [name, content] of Object.entries(logs)) {
    const file = `documents/${name}.log`;
    if (content !== null) await writeFile(path.join(dir, file), content);
    const offset = name.startsWith('new') ? 0 : Buffer.byteLength(OLD);
    appends.push({ file, offset, line: LINE });
  }
  const journal = { id: ID, files: [], appends };
  await writeFile(path.join(dir, JOURNAL_FILE_NAME), JSON.stringify(journal));
  const read = (name: string) => readFile(path.join(dir, 'documents', `${name}.log`), 'utf8');
  return { dir, journal, read };
}

describe('a set of writes with lines appended to logs', () => {
  it('appends each line and its journal goes once the logs are synced; the files are not written whole', async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, 'documents'));
    const a = path.join(dir, 'documents', 'a.log');
    await writeFile(a, OLD);
    const set = new FileSetWriter(dir).begin();
    set.append(a, Buffer.byteLength(OLD), LINE);
    set.append(path.join(dir, 'documents', 'b.log'), 0, LINE);
    const { settled } = await set.commit();
    // Acknowledged: the lines are there for any reader, before the logs are synced.
    expect(await readFile(a, 'utf8')).toBe(OLD + LINE);
    expect(await readFile(path.join(dir, 'documents', 'b.log'), 'utf8')).toBe(LINE);
    await settled;
    expect(await readdir(dir)).not.toContain(JOURNAL_FILE_NAME);
  });

  it('takes every line back when one cannot be written: the set has not happened, and no journal is left', async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, 'documents'));
    const [a, b] = ['a.log', 'b.log'].map((name) => path.join(dir, 'documents', name));
    await writeFile(a!, OLD);
    const set = new FileSetWriter(dir).begin();
    set.append(a!, Buffer.byteLength(OLD), LINE);
    set.append(b!, 0, LINE);
    // A log in a folder that is not there: its line cannot be written (as on a full disk, the set fails midway).
    set.append(path.join(dir, 'gone', 'c.log'), 0, LINE);
    await expect(set.commit()).rejects.toThrow(/ENOENT/);
    expect(await readFile(a!, 'utf8')).toBe(OLD);
    expect(await readFile(b!, 'utf8')).toBe('');
    expect(await readdir(dir)).not.toContain(JOURNAL_FILE_NAME);
  });

  it('finishes at the next start whatever a crash left: no line, part of it, all of it, or later lines after it', async () => {
    const { dir, read } = await crashedFolder({
      none: OLD,
      // Part of the line, cut inside a letter of two bytes.
      partial: Buffer.from(OLD + LINE).subarray(0, Buffer.byteLength(OLD) + 12),
      whole: OLD + LINE,
      later: OLD + LINE + LATER,
      newMissing: null,
      newPartial: LINE.slice(0, 5),
    });
    expect(await recoverFileSet(dir, [path.join(dir, 'documents')])).toEqual([]);
    expect(await read('none')).toBe(OLD + LINE);
    expect(await read('partial')).toBe(OLD + LINE);
    expect(await read('whole')).toBe(OLD + LINE);
    // A line appended on its own after the set was acknowledged is kept.
    expect(await read('later')).toBe(OLD + LINE + LATER);
    expect(await read('newMissing')).toBe(LINE);
    expect(await read('newPartial')).toBe(LINE);
    expect(await readdir(dir)).not.toContain(JOURNAL_FILE_NAME);
  });

  it.each([
    ['a log that differs after its offset', { changed: OLD + '{"other":1}\n' }, /changed\.log is not as it was/],
    ['a log shorter than its offset', { short: '{}' }, /short\.log is not as it was/],
    ['a log that is gone', { gone: null }, /gone\.log, to append to, is missing/],
  ])('refuses a journal that would append to %s: nothing applied, kept aside, reported', async (_, logs, message) => {
    const { dir, journal } = await crashedFolder({ none: OLD, ...logs });
    const before = await readFile(path.join(dir, 'documents', 'none.log'), 'utf8');
    const notices = await recoverFileSet(dir, [path.join(dir, 'documents')]);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(message);
    // Not even the entry that could be applied: a journal is applied whole or not at all.
    expect(await readFile(path.join(dir, 'documents', 'none.log'), 'utf8')).toBe(before);
    const aside = (await readdir(dir)).find((n) => n.startsWith(`${JOURNAL_FILE_NAME}.refused-`));
    expect(JSON.parse(await readFile(path.join(dir, aside!), 'utf8'))).toEqual(journal);
  });
});
