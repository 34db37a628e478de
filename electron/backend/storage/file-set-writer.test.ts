import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../test-support';
import { FileSetWriter, JOURNAL_FILE_NAME, recoverFileSet } from './file-set-writer';

const tempDir = useTempDirs();

async function folderWithFiles() {
  const dir = await tempDir();
  await mkdir(path.join(dir, 'documents'));
  const a = path.join(dir, 'library.json');
  const b = path.join(dir, 'documents', 'b.json');
  const c = path.join(dir, 'documents', 'c.json');
  await writeFile(a, 'old a');
  await writeFile(b, 'old b');
  await writeFile(c, 'old c');
  return { dir, a, b, c };
}

describe('FileSetWriter', () => {
  it('writes, and removes, several files as one change, leaving no journal or pending file', async () => {
    const { dir, a, b, c } = await folderWithFiles();
    await new FileSetWriter(dir).write([
      { file: b, content: 'new b' },
      { file: c, content: null },
      { file: a, content: 'new a' },
    ]);
    expect(await readFile(a, 'utf8')).toBe('new a');
    expect(await readFile(b, 'utf8')).toBe('new b');
    expect((await readdir(path.join(dir, 'documents'))).sort()).toEqual(['b.json']);
    expect((await readdir(dir)).sort()).toEqual(['documents', 'library.json']);
  });

  it('finishes, at the next start, a set whose journal was written before the crash', async () => {
    const { dir, a, b, c } = await folderWithFiles();
    // The state a kill leaves right after the journal was renamed into place: one target already renamed.
    await writeFile(`${b}.pending`, 'new b');
    await writeFile(a, 'new a');
    const journal = {
      files: [
        { file: 'documents/b.json', remove: false },
        { file: 'documents/c.json', remove: true },
        { file: 'library.json', remove: false },
      ],
    };
    await writeFile(path.join(dir, JOURNAL_FILE_NAME), JSON.stringify(journal));
    await recoverFileSet(dir, [path.join(dir, 'documents')]);
    expect(await readFile(a, 'utf8')).toBe('new a');
    expect(await readFile(b, 'utf8')).toBe('new b');
    await expect(readFile(c, 'utf8')).rejects.toThrow(/ENOENT/);
    expect(await readdir(dir)).not.toContain(JOURNAL_FILE_NAME);
  });

  it('discards, at the next start, pending files whose journal was never written: the old contents stand', async () => {
    const { dir, a, b } = await folderWithFiles();
    await writeFile(`${b}.pending`, 'new b');
    await writeFile(`${a}.pending`, 'new a');
    await recoverFileSet(dir, [path.join(dir, 'documents')]);
    expect(await readFile(a, 'utf8')).toBe('old a');
    expect(await readFile(b, 'utf8')).toBe('old b');
    expect((await readdir(path.join(dir, 'documents'))).sort()).toEqual(['b.json', 'c.json']);
  });

  it('ignores a journal naming files outside the data folder', async () => {
    const { dir } = await folderWithFiles();
    const outside = path.join(path.dirname(dir), `${path.basename(dir)}-victim.json`);
    await writeFile(outside, 'keep me');
    await writeFile(
      path.join(dir, JOURNAL_FILE_NAME),
      JSON.stringify({ files: [{ file: path.relative(dir, outside), remove: true }] }),
    );
    await recoverFileSet(dir, []);
    expect(await readFile(outside, 'utf8')).toBe('keep me');
    await rm(outside);
  });
});
