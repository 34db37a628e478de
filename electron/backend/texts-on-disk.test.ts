import { cp, readdir } from 'node:fs/promises';
import { describe, expect, it, vi } from 'vitest';
import type { ApiMethod } from '../../shared/api-contract';
import { exportKinds } from '../../shared/export/build-export';
import { createBackend } from './backend';
import { writeExportBlocks } from './export-writer';
import { openStore, type Store } from './store';
import { isHoldingText } from './storage/held-documents';
import { HeldTexts } from './storage/held-texts';
import { isQuotingText } from './storage/quoting-text';
import { callOk, libraryFiles, SAMPLE_CLAIM, useTempDirs } from './test-support';

const tempDir = useTempDirs();

/** One clock for both libraries, so that their files can be compared byte for byte. */
function clock() {
  let tick = 0;
  return () => new Date(Date.UTC(2026, 11, 4, 9, 0, tick++));
}

const SECOND_TEXT =
  'Kyiv — Київ. The minister said “the border stays closed”, and 😀 a reporter smiled. ' +
  'Talks resume on Monday, officials in Brussels added, with no date for a vote.';

/** A library of two documents with highlights on each, closed: the files a start reads. */
async function closedLibrary(): Promise<string> {
  const dir = await tempDir();
  const now = clock();
  const store = await openStore(dir, { now });
  const backend = createBackend(store, now);
  const sample = store.data.documents[0]!;
  const tagIds = [store.data.tags[0]!.id];
  const imported = await callOk(backend, 'importText', { title: 'Second', text: SECOND_TEXT });
  for (const [document, quote] of [
    [sample, SAMPLE_CLAIM],
    [sample, sample.text.slice(0, 30)],
    [store.data.documents[1]!, 'the border stays closed'],
    [store.data.documents[1]!, 'Kyiv — Київ'],
  ] as const) {
    const start = document.text.indexOf(quote);
    await callOk(backend, 'createHighlight', {
      documentId: document.id,
      start,
      end: start + quote.length,
      quote,
      tagIds,
    });
  }
  expect(imported.document.title).toBe('Second');
  await store.close();
  return dir;
}

/** What the analyst does, the same on either library: each answer, and every export, as JSON and text. */
async function session(store: Store): Promise<unknown[]> {
  const backend = createBackend(store, clock());
  const answers: unknown[] = [];
  const call = async <M extends ApiMethod>(method: M, args: Parameters<typeof callOk<M>>[2]) => {
    const answer = await callOk(backend, method, args);
    // A listing's revision is drawn anew by each store that opens.
    answers.push(JSON.parse(JSON.stringify(answer, (key, value: unknown) => (key === 'revision' ? null : value))));
    return answer;
  };
  const [sample, second] = store.data.documents;
  const tagId = store.data.tags[0]!.id;
  await call('getWorkspace', {});
  await call('listDocuments', {});
  await call('getDocument', { documentId: second!.id });
  await call('updateDocument', { documentId: second!.id, title: 'Second, renamed' });
  const at = SECOND_TEXT.indexOf('Talks resume');
  await call('createHighlight', {
    id: '0b5a3c1e-6d5f-4b8e-9a51-2f1c3e4d5a6b',
    documentId: second!.id,
    start: at,
    end: at + 12,
    quote: 'Talks resume',
    tagIds: [],
  });
  const moved = store.data.highlights.find((h) => h.quote === 'the border stays closed')!;
  await call('updateHighlight', {
    highlightId: moved.id,
    bounds: { start: moved.start, end: moved.end + 1, quote: SECOND_TEXT.slice(moved.start, moved.end + 1) },
  });
  await call('getCodedSegments', { words: 'border' });
  await call('searchLibrary', { query: 'Київ' });
  await call('deleteTag', { tagId });
  await call('undo', {});
  await call('replaceDocumentText', { documentId: sample!.id, text: `A new first line.\n\n${sample!.text}` });
  await call('getDocument', { documentId: sample!.id });
  await call('undo', {});
  await call('getDocument', { documentId: sample!.id });
  // Every export but agreement's, which needs two coders, and the REFI-QDA project, whose GUIDs are drawn anew with
  // each export (search's needs a query: given one).
  for (const kind of exportKinds.filter((k) => !k.startsWith('agreement-') && k !== 'qdpx')) {
    const blocks: Buffer[] = [];
    const request = kind === 'search' ? { kind, query: 'border' } : { kind };
    await writeExportBlocks(store, request, async (block) => void blocks.push(block));
    answers.push(`${kind}: ${Buffer.concat(blocks).toString('latin1')}`);
  }
  return answers;
}

describe('a library whose texts are held on disk', () => {
  it('answers, exports and writes exactly what the same library with its texts in memory does', async () => {
    const closed = await closedLibrary();
    const inMemory = await tempDir();
    const onDisk = await tempDir();
    await cp(closed, inMemory, { recursive: true });
    await cp(closed, onDisk, { recursive: true });

    const memoryStore = await openStore(inMemory, { now: clock() });
    const diskStore = await openStore(onDisk, { now: clock(), textsOnDiskFrom: 0 });
    expect(memoryStore.data.documents.map(isHoldingText)).toEqual([false, false]);
    expect(diskStore.data.documents.map(isHoldingText)).toEqual([true, true]);
    expect(diskStore.data.highlights.map(isQuotingText)).toEqual([true, true, true, true]);
    expect(JSON.stringify(diskStore.data)).toBe(JSON.stringify(memoryStore.data));

    const read = vi.spyOn(HeldTexts.prototype, 'read');
    // The Library's listing counts every document's characters without reading a text back.
    diskStore.listing();
    await callOk(createBackend(diskStore), 'listDocuments', {});
    expect(read).not.toHaveBeenCalled();
    read.mockRestore();

    expect(await session(diskStore)).toEqual(await session(memoryStore));

    // A step across the library (a tag deleted from every highlight that has it) leaves them quoting their texts
    // (quoting-text.ts, withCoding): spread, each would hold its text in memory again, in the slices of its quote.
    const tagId = diskStore.data.tags[0]!.id;
    const quoting = () => diskStore.data.highlights.filter((h) => isQuotingText(h)).map((h) => h.id);
    const before = quoting();
    expect(diskStore.data.highlights.filter((h) => h.tagIds.includes(tagId) && isQuotingText(h)).length).toBe(3);
    await callOk(createBackend(diskStore, clock()), 'deleteTag', { tagId });
    expect(quoting()).toEqual(before);
    await callOk(createBackend(diskStore, clock()), 'undo', {});
    await callOk(createBackend(memoryStore, clock()), 'deleteTag', { tagId });
    await callOk(createBackend(memoryStore, clock()), 'undo', {});
    await memoryStore.close();
    await diskStore.close();
    // Byte for byte, but for the token each store draws to name its documents' change logs.
    const files = async (dir: string) =>
      Object.entries(await libraryFiles(dir)).map(([name, text]) => [name, text.replace(/"log":"[0-9a-f]+"/, '')]);
    expect(await files(onDisk)).toEqual(await files(inMemory));
    // The file that held the texts is gone.
    expect((await readdir(onDisk)).filter((name) => name.startsWith('.held-texts'))).toEqual([]);
  });
});
