import { writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { hardCaseLibrary } from './test/hard-cases';
import { libraryFilePath } from './storage/library-layout';
import { openStore } from './store';
import { createBackend } from './backend';
import { callOk, libraryOnDisk, useTempDirs } from './test-support';

const tempDir = useTempDirs();

/** More than `list.push(...items)` takes (some 125,000 items here). */
const COUNT = 160_000;

/**
 * Steps over more highlights than a function call takes arguments: the scale step's most used tag is on 200,000
 * highlights, and deleting it failed with "Maximum call stack size exceeded" (the step's changes were appended to its
 * undo entry with `push(...changes)`).
 */
describe('a step that changes hundreds of thousands of highlights', () => {
  it('deletes a tag on 160,000 highlights, and undoes it', async () => {
    const dir = await tempDir();
    const base = hardCaseLibrary();
    const document = base.documents[0]!;
    const template = base.highlights.find((h) => h.documentId === document.id)!;
    const tag = base.tags[0]!;
    // Small records (a word, no note, no stance): the step's size is in their number.
    const start = document.text.indexOf(' ') + 1;
    const end = document.text.indexOf(' ', start);
    const highlight = {
      ...template,
      start,
      end,
      quote: document.text.slice(start, end),
      prefix: '',
      suffix: '',
      note: '',
      stances: [],
      tagIds: [tag.id],
    };
    const highlights = Array.from({ length: COUNT }, (_, i) => ({ ...highlight, id: `b${i}` }));
    // As an earlier version saved it, in one file: opened, it becomes the library file and a file per document.
    await writeFile(libraryFilePath(dir), JSON.stringify({ ...base, highlights }));
    const store = await openStore(dir, { seed: false });
    const backend = createBackend(store);
    await callOk(backend, 'deleteTag', { tagId: tag.id });
    expect(store.data.highlights.filter((h) => h.tagIds.includes(tag.id))).toEqual([]);
    expect((await callOk(backend, 'undo', {})).label).toMatch(/tag/i);
    expect(store.data.highlights.filter((h) => h.tagIds.includes(tag.id))).toHaveLength(COUNT);
    await store.close();
    const onDisk = await libraryOnDisk(dir);
    expect(onDisk.highlights.filter((h) => h.tagIds.includes(tag.id))).toHaveLength(COUNT);
  }, 120_000);

  it('puts every highlight back when the write of a step over thousands of them fails', async () => {
    const dir = await tempDir();
    const base = hardCaseLibrary();
    const tag = base.tags[0]!;
    const highlights = base.documents.flatMap((document) => {
      const template = base.highlights.find((h) => h.documentId === document.id);
      return template
        ? Array.from({ length: 500 }, (_, i) => ({ ...template, id: `${document.id}-${i}`, tagIds: [tag.id] }))
        : [];
    });
    await writeFile(libraryFilePath(dir), JSON.stringify({ ...base, highlights }));
    const store = await openStore(dir, { seed: false });
    const backend = createBackend(store);
    await store.loaded;
    const before = structuredClone(store.data);
    const { save } = store;
    (store as { save: typeof save }).save = () => Promise.reject(new Error('disk full'));
    const result = await backend('deleteTag', { tagId: tag.id });
    expect(result.ok).toBe(false);
    (store as { save: typeof save }).save = save;
    // Taken back by one pass over each list, not a search per record: every record as it was, in its place.
    expect(store.data).toEqual(before);
    expect(await libraryOnDisk(dir)).toEqual(store.data);
    await store.close();
  });
});
