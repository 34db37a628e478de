import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CURRENT_SCHEMA_VERSION, databaseSchema } from '../../shared/domain';
import { createBackend } from './backend';
import { DATA_FILE_NAME } from './data-dir';
import { openStore } from './store';
import { callOk, useTempDirs } from './test-support';

const tempDir = useTempDirs();
const readJson = async (file: string): Promise<unknown> => JSON.parse(await readFile(file, 'utf8'));

describe('openStore', () => {
  it('starts a new library on disk with the sample article and the starter codebook', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    const onDisk = databaseSchema.parse(await readJson(path.join(dir, DATA_FILE_NAME)));
    expect(onDisk.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(onDisk.documents).toHaveLength(1);
    expect(onDisk.documents[0]!.source.kind).toBe('sample');
    expect(onDisk.documents[0]!.text).toContain('NATO and peacekeeping do not go hand in hand.');
    expect(onDisk.tags.map((t) => t.name)).toEqual(['Claim', 'Evidence', 'Quote', 'Proposal', 'Condition']);
    expect(onDisk.settings.lastDocumentId).toBe(onDisk.documents[0]!.id);
    expect(store.notices).toEqual([]);
  });

  it('puts an acknowledged change in the file on disk, and a reopened store reads it back', async () => {
    const dir = await tempDir();
    const file = path.join(dir, DATA_FILE_NAME);
    const backend = createBackend(await openStore(dir));
    const workspace = await callOk(backend, 'getWorkspace', {});
    const documentId = workspace.documents[0]!.id;
    const tag = workspace.tags[0]!;
    const before = await readFile(file, 'utf8');

    const { document } = await callOk(backend, 'getDocument', { documentId });
    const quote = 'NATO and peacekeeping do not go hand in hand.';
    const start = document.text.indexOf(quote);
    await callOk(backend, 'createHighlight', { documentId, start, end: start + quote.length, quote, tagIds: [tag.id] });

    // Acknowledged means written: the file itself (not lowdb's memory) holds the highlight now.
    const after = await readFile(file, 'utf8');
    expect(after).not.toBe(before);
    const onDisk = databaseSchema.parse(JSON.parse(after));
    expect(onDisk.highlights).toHaveLength(1);
    expect(onDisk.highlights[0]).toMatchObject({ quote, start, end: start + quote.length, tagIds: [tag.id] });
    expect(onDisk.highlights[0]!.prefix).toBe(document.text.slice(start - 32, start));
    expect(onDisk.highlights[0]!.suffix).toBe(document.text.slice(start + quote.length, start + quote.length + 32));

    const reopened = await openStore(dir);
    expect(reopened.data.highlights).toEqual(onDisk.highlights);
  });

  it('moves an unreadable file aside, never overwriting it, and says where it went', async () => {
    for (const contents of ['', '{"schemaVersion": 1, "documents": [', '\0\0\0', '[1, 2]', '{"schemaVersion":1}']) {
      const dir = await tempDir();
      const file = path.join(dir, DATA_FILE_NAME);
      await writeFile(file, contents);
      const store = await openStore(dir);
      expect(store.notices).toHaveLength(1);
      const aside = (await readdir(dir)).find((name) => name.includes('.unreadable-'));
      expect(aside, `moved aside: ${JSON.stringify(contents)}`).toBeDefined();
      expect(await readFile(path.join(dir, aside!), 'utf8')).toBe(contents);
      expect(store.notices[0]).toContain(aside);
      expect(store.data.documents).toHaveLength(1);
    }
  });

  it('moves a file from a newer version aside untouched, and says so', async () => {
    const dir = await tempDir();
    const file = path.join(dir, DATA_FILE_NAME);
    const contents = JSON.stringify({ schemaVersion: CURRENT_SCHEMA_VERSION + 1, documents: [] });
    await writeFile(file, contents);
    const store = await openStore(dir);
    const aside = (await readdir(dir)).find((name) => name.includes('.unreadable-'))!;
    expect(await readFile(path.join(dir, aside), 'utf8')).toBe(contents);
    expect(store.notices[0]).toMatch(/written by a newer version of Stance Annotator/);
    expect(store.notices[0]).toContain(aside);
  });

  it('restores the newest good backup when the data file is damaged in any way', async () => {
    const damaged = {
      empty: '',
      truncated: '{"schemaVersion": 2, "documents": [{"id": "x", "tit',
      'invalid JSON': '{schemaVersion: 2}',
      'NUL bytes': '\0\0\0\0',
      'wrong shape': JSON.stringify({ schemaVersion: 2, documents: 'none', tags: [], highlights: [] }),
      'future schema': JSON.stringify({ schemaVersion: 999 }),
    };
    for (const [kind, contents] of Object.entries(damaged)) {
      const dir = await tempDir();
      const file = path.join(dir, DATA_FILE_NAME);
      // Two launches: the second one's backup holds the highlight made during the first.
      const first = createBackend(await openStore(dir));
      const workspace = await callOk(first, 'getWorkspace', {});
      const { document } = await callOk(first, 'getDocument', { documentId: workspace.documents[0]!.id });
      const quote = 'NATO and peacekeeping do not go hand in hand.';
      const start = document.text.indexOf(quote);
      const tagIds = [workspace.tags[0]!.id];
      await callOk(first, 'createHighlight', {
        documentId: document.id,
        start,
        end: start + quote.length,
        quote,
        tagIds,
      });
      const good = await readFile(file, 'utf8');
      await openStore(dir);
      await writeFile(file, contents);

      const restored = await openStore(dir);
      expect(restored.data, kind).toEqual(JSON.parse(good));
      expect(JSON.parse(await readFile(file, 'utf8')), kind).toEqual(JSON.parse(good));
      const aside = (await readdir(dir)).find((name) => name.includes('.unreadable-'))!;
      expect(await readFile(path.join(dir, aside), 'utf8'), kind).toBe(contents);
      expect(restored.notices[0], kind).toMatch(/restored from the backup .*backups.(launch|daily)-/);
      expect(restored.notices[0], kind).toContain(aside);
    }
  });

  it('keeps the last five launch backups and one backup a day for the last seven days', async () => {
    const dir = await tempDir();
    for (let day = 1; day <= 9; day++) {
      for (let launch = 0; launch < 2; launch++) {
        await openStore(dir, { now: () => new Date(`2026-05-${String(day).padStart(2, '0')}T0${launch}:00:00.000Z`) });
      }
    }
    const names = (await readdir(path.join(dir, 'backups'))).sort();
    expect(names.filter((n) => n.startsWith('launch-'))).toHaveLength(5);
    expect(names.filter((n) => n.startsWith('daily-'))).toEqual(
      [3, 4, 5, 6, 7, 8, 9].map((d) => `daily-2026-05-0${d}.json`),
    );
  });

  it('migrates an older file, keeping a copy of it as it was', async () => {
    const dir = await tempDir();
    const file = path.join(dir, DATA_FILE_NAME);
    const legacy = JSON.stringify({ documents: [], tags: [], highlights: [] });
    await writeFile(file, legacy);
    const store = await openStore(dir);
    expect(store.data.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(await readFile(`${file}.schema-0.bak`, 'utf8')).toBe(legacy);
    expect(databaseSchema.parse(await readJson(file)).schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
  });
});
