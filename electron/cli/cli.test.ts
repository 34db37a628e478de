import { execFileSync, spawn } from 'node:child_process';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA_FILE_NAME } from '../backend/data-dir';
import { openStore } from '../backend/store';
import { libraryOnDisk, useTempDirs } from '../backend/test-support';
import { cli, writeLibrary } from './test/cli-test-support';
import { hardCaseLibrary } from '../backend/test/hard-cases';

const tempDir = useTempDirs();

describe('stance-annotator export / import', () => {
  it('backup → import into a fresh data dir → backup again gives identical JSON', async () => {
    const source = await tempDir();
    await writeLibrary(source, hardCaseLibrary());
    const first = path.join(source, 'backup.json');
    expect((await cli('export', '--data-dir', source, '--what', 'backup', '--out', first)).status).toBe(0);

    const fresh = path.join(await tempDir(), 'new-library');
    const imported = await cli('import', '--data-dir', fresh, '--in', first);
    expect(imported.status).toBe(0);
    expect(imported.stderr).toContain('highlights: 8 added, 0 already there');
    const second = path.join(source, 'backup-again.json');
    expect((await cli('export', '--data-dir', fresh, '--what', 'backup', '--out', second)).status).toBe(0);
    expect(await readFile(second, 'utf8')).toBe(await readFile(first, 'utf8'));
  });

  it('imports a backup written by an earlier schema, migrated on the way in', async () => {
    const source = await tempDir();
    await writeLibrary(source, hardCaseLibrary());
    const current = path.join(source, 'backup.json');
    await cli('export', '--data-dir', source, '--what', 'backup', '--out', current);
    // As version 2 wrote it: no reading positions in the settings.
    const backup = JSON.parse(await readFile(current, 'utf8')) as Record<string, unknown> & {
      settings: Record<string, unknown>;
    };
    const { readingPositions: _positions, ...settings } = backup.settings;
    const old = path.join(source, 'backup-v2.json');
    await writeFile(old, JSON.stringify({ ...backup, schemaVersion: 2, settings }));

    const fresh = path.join(await tempDir(), 'new-library');
    const imported = await cli('import', '--data-dir', fresh, '--in', old);
    expect(imported.stderr).toContain('highlights: 8 added, 0 already there');
    expect(imported.status).toBe(0);
    expect((await libraryOnDisk(fresh)).highlights).toEqual((await libraryOnDisk(source)).highlights);
  });

  it('refuses a file it cannot read as anything, into a new folder, with the reason and no folder left', async () => {
    // Not a backup by its first bytes, so read whole through the app's own import; a new library takes its first
    // backup at once, and removing the failed import's files under that backup used to fail (ENOTEMPTY), hiding why.
    const dir = await tempDir();
    const file = path.join(dir, 'noise.json');
    await writeFile(file, Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919 + 13) % 256)));
    const fresh = path.join(dir, 'new-library');
    const imported = await cli('import', '--data-dir', fresh, '--in', file);
    expect(imported.status).toBe(1);
    expect(imported.stderr).toMatch(/noise\.json/);
    expect(imported.stderr).not.toMatch(/ENOTEMPTY|ENOENT/);
    expect(await readdir(dir)).toEqual(['noise.json']);
  });

  it('imports into a library in use without loss or duplicates, however often', async () => {
    const source = await tempDir();
    await writeLibrary(source, hardCaseLibrary());
    const backup = path.join(source, 'backup.json');
    await cli('export', '--data-dir', source, '--what', 'backup', '--out', backup);

    const target = await tempDir();
    const store = await openStore(target); // the sample article and the starter codebook ("Claim" among them)
    const before = structuredClone(store.data);
    expect((await cli('import', '--data-dir', target, '--in', backup)).status).toBe(0);
    const again = await cli('import', '--data-dir', target, '--in', backup);
    expect(again.stderr).toContain('highlights: 0 added, 8 already there');
    expect(again.stderr).toContain('documents: 0 added, 3 already there');

    const after = await libraryOnDisk(target);
    expect(after.documents).toHaveLength(before.documents.length + 3);
    expect(after.highlights).toHaveLength(8);
    expect(after.tags.map((t) => t.name)).toEqual([...before.tags.map((t) => t.name), 'Claim, "main"', '=cmd']);
    expect(after.settings).toEqual(before.settings); // a library in use keeps its own settings
    const names = after.tags.map((t) => t.name.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
  });

  it('writes annotations as W3C Web Annotation JSON-LD with quote and position selectors', async () => {
    const dir = await tempDir();
    const library = hardCaseLibrary();
    await writeLibrary(dir, library);
    const { stdout, status } = await cli('export', '--data-dir', dir, '--format', 'json', '--out', '-');
    expect(status).toBe(0);
    const collection = JSON.parse(stdout);
    expect(collection.type).toBe('AnnotationCollection');
    expect(collection['@context'][0]).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(collection.items).toHaveLength(library.highlights.length);
    const first = collection.items[0];
    expect(first.target.selector[0]).toMatchObject({ type: 'TextQuoteSelector', exact: library.highlights[0]!.quote });
    expect(first.target.selector[1].type).toBe('TextPositionSelector');
    expect(first.body).toContainEqual({ type: 'TextualBody', purpose: 'tagging', value: 'Claim, "main"' });
    expect(first.body).toContainEqual(
      expect.objectContaining({ purpose: 'classifying', value: 'against', 'stance:holder': 'Грушко' }),
    );
    // Positions are code points: the emoji highlight starts where Array.from counts it.
    const emoji = collection.items.find((i: { target: { selector: Array<{ exact?: string }> } }) =>
      i.target.selector[0]!.exact!.startsWith('😀'),
    );
    const text = library.documents[1]!.text;
    expect(emoji.target.selector[1].start).toBe(Array.from(text.slice(0, text.indexOf('😀'))).length);
  });

  it('imports its own JSON-LD into another library: the same document by --document, every highlight anchored', async () => {
    const source = await tempDir();
    const library = hardCaseLibrary();
    await writeLibrary(source, library);
    const file = path.join(source, 'annotations.jsonld');
    expect((await cli('export', '--data-dir', source, '--format', 'json', '--out', file)).status).toBe(0);

    // The target library holds the second document under another id: the URNs name nothing there.
    const target = await tempDir();
    const document = { ...library.documents[1]!, id: 'another-id' };
    await writeLibrary(target, { ...library, documents: [document], highlights: [] });
    const unmatched = await cli('import', '--data-dir', target, '--in', file);
    expect(unmatched.status).toBe(0);
    expect(unmatched.stderr).toMatch(/highlights: 0 added/);
    expect(unmatched.stderr).toMatch(/choose the document they belong to/);

    const expected = library.highlights.filter((h) => h.documentId === library.documents[1]!.id);
    const chosen = await cli('import', '--data-dir', target, '--in', file, '--document', 'another-id');
    expect(chosen.status).toBe(0);
    // Annotations of the other documents are looked for in this text too: the ones not there stay orphans.
    expect(chosen.stderr).toMatch(/anchored: \d+ exactly, \d+ approximately, \d+ not found/);
    const imported = (await libraryOnDisk(target)).highlights;
    for (const h of expected) {
      expect(imported.find((i) => i.id === h.id)).toMatchObject({ start: h.start, end: h.end, quote: h.quote });
    }
  });

  it('limits an export to one document with --document', async () => {
    const dir = await tempDir();
    const library = hardCaseLibrary();
    await writeLibrary(dir, library);
    const id = library.documents[2]!.id;
    const { stdout } = await cli('export', '--data-dir', dir, '--document', id, '--out', '-', '--no-bom');
    const rows = stdout.trimEnd().split('\r\n').slice(1);
    expect(rows.every((r) => r.startsWith(id))).toBe(true);
    expect(rows).toHaveLength(3);
  });

  it('says what is wrong and exits non-zero on bad arguments or a bad data file', async () => {
    const dir = await tempDir();
    await writeLibrary(dir, hardCaseLibrary());
    const usage = [
      await cli(),
      await cli('explode'),
      await cli('export', '--data-dir', dir),
      await cli('export', '--data-dir', dir, '--out', '-', '--what', 'everything'),
      await cli('export', '--data-dir', dir, '--out', '-', '--format', 'xml'),
      await cli('export', '--data-dir', dir, '--out', '-', '--bogus'),
      await cli('import', '--data-dir', dir),
    ];
    for (const run of usage) expect(run.status).toBe(2);
    expect(usage[3]!.stderr).toContain('--what must be one of annotations, documents, codebook, backup');
    expect((await cli('--help')).status).toBe(0);

    const empty = await tempDir();
    const missing = await cli('export', '--data-dir', empty, '--out', '-');
    expect(missing).toMatchObject({ status: 1, stderr: expect.stringContaining('There is no library in') });
    expect((await cli('export', '--data-dir', dir, '--document', 'nope', '--out', '-')).status).toBe(1);

    const broken = await tempDir();
    await writeFile(path.join(broken, DATA_FILE_NAME), '{"schemaVersion": 2, "documents": [');
    const corrupt = await cli('export', '--data-dir', broken, '--out', '-');
    expect(corrupt).toMatchObject({ status: 1, stderr: expect.stringContaining('not valid JSON') });
    // The export only reads: the broken file is still there, untouched.
    expect(await readFile(path.join(broken, DATA_FILE_NAME), 'utf8')).toBe('{"schemaVersion": 2, "documents": [');

    const future = await tempDir();
    await writeFile(path.join(future, DATA_FILE_NAME), '{"schemaVersion": 99}');
    expect((await cli('export', '--data-dir', future, '--out', '-')).stderr).toContain('newer version');

    const notBackup = path.join(dir, 'not-a-backup.json');
    await writeFile(notBackup, '{"hello": 1}');
    expect(await cli('import', '--data-dir', dir, '--in', notBackup)).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('not a Stance Annotator backup'),
    });
  });

  it('refuses an inconsistent backup as a whole', async () => {
    const dir = await tempDir();
    const library = hardCaseLibrary();
    library.highlights[0] = { ...library.highlights[0]!, quote: 'not the text' };
    await writeFile(path.join(dir, 'bad.json'), JSON.stringify({ format: 'stance-annotator-backup', ...library }));
    const target = await tempDir();
    const run = await cli('import', '--data-dir', target, '--in', path.join(dir, 'bad.json'));
    expect(run).toMatchObject({ status: 1, stderr: expect.stringContaining('does not match its document') });
    // Where there was no library, there is none after a failed import: an empty folder stays empty, and a folder
    // the import made is gone (a backup cut short, read whole or streamed).
    expect(await readdir(target)).toEqual([]);
    const text = await readFile(path.join(dir, 'bad.json'), 'utf8');
    await writeFile(path.join(dir, 'cut.json'), text.slice(0, text.length / 2));
    const made = path.join(await tempDir(), 'new-library');
    for (const file of ['bad.json', 'cut.json']) {
      expect((await cli('import', '--data-dir', made, '--in', path.join(dir, file))).status).toBe(1);
      await expect(readdir(made)).rejects.toThrow(/ENOENT/);
    }
  });
});

describe('stance-annotator and REFI-QDA', () => {
  it('exports a .qdpx and a .qdc, and imports them into a fresh library, telling the kind by the content', async () => {
    const source = await tempDir();
    await writeLibrary(source, hardCaseLibrary());
    const project = path.join(source, 'project.bin'); // no telling extension: the content says what it is
    const exported = await cli('export', '--data-dir', source, '--what', 'qdpx', '--out', project);
    expect(exported.status).toBe(0);
    expect((await readFile(project)).subarray(0, 2).toString()).toBe('PK');
    expect((await cli('export', '--data-dir', source, '--what', 'qdpx', '--out', '-')).status).toBe(2);
    const codebook = await cli('export', '--data-dir', source, '--what', 'qdc', '--out', '-');
    expect(codebook.stdout).toContain('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"');

    const fresh = path.join(await tempDir(), 'new-library');
    const imported = await cli('import', '--data-dir', fresh, '--in', project);
    expect(imported.status).toBe(0);
    expect(imported.stderr).toContain('highlights: 8 added, 0 already there');
    const library = await libraryOnDisk(fresh);
    expect(library.highlights.map((h) => h.quote).sort()).toEqual(
      hardCaseLibrary()
        .highlights.map((h) => h.quote)
        .sort(),
    );

    const qdc = path.join(source, 'codebook.qdc');
    await writeFile(qdc, codebook.stdout);
    const again = await cli('import', '--data-dir', fresh, '--in', qdc);
    expect(again.stderr).toContain('tags: 0 added, 2 already there');
  });
});

describe('stance-annotator: where it writes and reads', () => {
  // Named pipes (mkfifo) are POSIX.
  it.skipIf(process.platform === 'win32')(
    'writes into a pipe rather than replacing it, and says plainly when a path is a folder, missing or a file',
    async () => {
      const source = await tempDir();
      await writeLibrary(source, hardCaseLibrary());
      const dir = await tempDir();

      // A named pipe, read by another process as `--out /dev/stdout` would be: renaming a finished file over it (as
      // root, over a device: /dev/full took the export) would leave the reader waiting and the pipe gone.
      const pipe = path.join(dir, 'pipe');
      execFileSync('mkfifo', [pipe]);
      const reader = spawn('cat', [pipe]);
      let read = '';
      reader.stdout.on('data', (chunk: Buffer) => (read += chunk.toString('utf8')));
      const readerDone = new Promise((resolve) => reader.once('exit', resolve));
      const exported = await cli('export', '--data-dir', source, '--what', 'codebook', '--out', pipe);
      const stillAPipe = (await stat(pipe)).isFIFO();
      if (!stillAPipe) reader.kill();
      await readerDone;
      expect(stillAPipe).toBe(true);
      expect(exported.status).toBe(0);
      const toStdout = await cli('export', '--data-dir', source, '--what', 'codebook', '--out', '-');
      expect(read).toBe(toStdout.stdout);
      expect(read).toContain('Claim');

      const refusal = async (...args: string[]) => {
        const result = await cli(...args);
        expect(result.status).toBe(1);
        expect(result.stderr).not.toMatch(/E[A-Z]{4,}|\.partial/);
        return result.stderr;
      };
      expect(await refusal('export', '--data-dir', source, '--out', dir)).toContain(`${dir} is a folder`);
      const nowhere = path.join(dir, 'no-such-folder');
      expect(await refusal('export', '--data-dir', source, '--out', path.join(nowhere, 'a.csv'))).toContain(
        `The folder ${nowhere} does not exist.`,
      );
      expect(await refusal('stats', '--data-dir', source, '--what', 'tags', '--out', dir)).toContain(
        `${dir} is a folder`,
      );
      const aFile = path.join(dir, 'a-file');
      await writeFile(aFile, 'not a folder');
      expect(await refusal('export', '--data-dir', aFile, '--out', '-')).toContain(
        `${aFile} is a file, not a library's folder.`,
      );
      expect(await refusal('import', '--data-dir', aFile, '--in', path.join(source, DATA_FILE_NAME))).toContain(
        `${aFile} is a file`,
      );
      const made = path.join(dir, 'made');
      expect(await refusal('import', '--data-dir', made, '--in', dir)).toContain(
        `Cannot read ${dir}: it is a folder, not a file.`,
      );
      expect(await refusal('import', '--data-dir', made, '--in', path.join(dir, 'gone.json'))).toContain(
        `Cannot read ${path.join(dir, 'gone.json')}: there is no such file.`,
      );
      expect(await readFile(aFile, 'utf8')).toBe('not a folder');
      expect((await readdir(dir)).sort()).toEqual(['a-file', 'pipe']);
    },
  );
});
