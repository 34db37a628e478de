import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../test-support';
import { FileSetWriter, JOURNAL_FILE_NAME, journalBytes, recoverFileSet } from './file-set-writer';

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
    const id = '0123456789abcdef';
    await writeFile(`${b}.${id}.pending`, 'new b');
    await writeFile(`${c}.${id}.remove.pending`, '');
    await writeFile(a, 'new a');
    const journal = {
      id,
      files: [
        { file: 'documents/b.json', remove: false },
        { file: 'documents/c.json', remove: true },
        { file: 'library.json', remove: false },
      ],
    };
    await writeFile(path.join(dir, JOURNAL_FILE_NAME), JSON.stringify(journal));
    expect(await recoverFileSet(dir, [path.join(dir, 'documents')])).toEqual([]);
    expect(await readFile(a, 'utf8')).toBe('new a');
    expect(await readFile(b, 'utf8')).toBe('new b');
    await expect(readFile(c, 'utf8')).rejects.toThrow(/ENOENT/);
    expect(await readdir(dir)).not.toContain(JOURNAL_FILE_NAME);
    expect((await readdir(path.join(dir, 'documents'))).sort()).toEqual(['b.json']);
  });

  it('refuses a stale journal that would remove the library file it never staged: kept aside, reported', async () => {
    const { dir, a, b } = await folderWithFiles();
    const journal = { id: 'fedcba9876543210', files: [{ file: 'library.json', remove: true }] };
    await writeFile(path.join(dir, JOURNAL_FILE_NAME), JSON.stringify(journal));
    // Staged files of another set (another journal id) are not this journal's either.
    await writeFile(`${b}.0123456789abcdef.pending`, 'someone else');
    const notices = await recoverFileSet(dir, [path.join(dir, 'documents')]);
    expect(await readFile(a, 'utf8')).toBe('old a');
    expect(await readFile(b, 'utf8')).toBe('old b');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/did not stage \(it would remove library\.json\)/);
    const names = await readdir(dir);
    expect(names).not.toContain(JOURNAL_FILE_NAME);
    const aside = names.find((n) => n.startsWith(`${JOURNAL_FILE_NAME}.refused-`));
    expect(aside).toBeDefined();
    expect(JSON.parse(await readFile(path.join(dir, aside!), 'utf8'))).toEqual(journal);
  });

  it('refuses a journal of the old shape (no id) or one that is not JSON', async () => {
    for (const text of [JSON.stringify({ files: [{ file: 'library.json', remove: true }] }), '{"files": [']) {
      const { dir, a } = await folderWithFiles();
      await writeFile(path.join(dir, JOURNAL_FILE_NAME), text);
      const notices = await recoverFileSet(dir, []);
      expect(await readFile(a, 'utf8')).toBe('old a');
      expect(notices).toHaveLength(1);
    }
  });

  it('discards, at the next start, pending files whose journal was never written: the old contents stand', async () => {
    const { dir, a, b } = await folderWithFiles();
    await writeFile(`${b}.0123456789abcdef.pending`, 'new b');
    await writeFile(`${a}.0123456789abcdef.pending`, 'new a');
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
      JSON.stringify({ id: '0123456789abcdef', files: [{ file: path.relative(dir, outside), remove: true }] }),
    );
    expect(await recoverFileSet(dir, [])).toHaveLength(1);
    expect(await readFile(outside, 'utf8')).toBe('keep me');
    await rm(outside);
  });
});

describe('journalBytes', () => {
  it('encodes the journal, in pieces, exactly as JSON.stringify writes it whole', async () => {
    const files = [
      { file: 'documents/a.json', remove: false },
      { file: 'documents/"quoted" é.json', remove: true },
    ];
    // Lines long enough to fill several pieces, with quotes, escapes, non-ASCII and astral characters.
    const appends = Array.from({ length: 40 }, (_, i) => ({
      file: `documents/d${i}.abc.log`,
      offset: i * 1000,
      line: `{"put":[{"quote":"Kyïv \\ \\"${i}\\" 𝔘"}],"remove":[]}\n`.repeat(2000 + i),
    }));
    for (const [f, a] of [
      [files, appends],
      [[], appends],
      [files, []],
      [[], []],
    ] as const) {
      const pieces = await journalBytes('0123456789abcdef', f, a);
      expect(Buffer.concat(pieces).toString('utf8')).toBe(
        JSON.stringify({ id: '0123456789abcdef', files: f, appends: a }),
      );
    }
    expect((await journalBytes('0123456789abcdef', files, appends)).length).toBeGreaterThan(4);
  });
});
