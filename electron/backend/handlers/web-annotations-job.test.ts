import { describe, expect, it } from 'vitest';
import {
  callOk,
  jobProgressOf as progressOf,
  libraryFiles,
  openSampleBackend,
  underWay,
  useTempDirs,
} from '../test-support';

const tempDir = useTempDirs();

/** A long article of numbered clauses. */
const ARTICLE = Array.from(
  { length: 600 },
  (_, i) => `Clause number ${i + 1} of the treaty was disputed by both sides.`,
).join('\n');

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/**
 * Annotations of the article as another version of it had it: their passages are not in this text, and their
 * positions hold other words, so each is looked for in the whole text (and kept as an orphan) — what annotations of
 * a long page that has changed cost.
 */
function annotationsOfAnotherVersion(documentId: string): string {
  return JSON.stringify({
    rows: Array.from({ length: 400 }, (_, i) => ({
      id: `note-${i}`,
      user: 'acct:zoe@hypothes.is',
      text: `note ${i}`,
      tags: ['Claim'],
      target: [
        {
          source: `urn:stance-annotator:document:${documentId}`,
          selector: [
            {
              type: 'TextQuoteSelector',
              exact: `Paragraph ${i + 1} remains in force for every party, unless a later one says otherwise.`,
              prefix: 'the parties agreed that ',
              suffix: ' and that it stands',
            },
            { type: 'TextPositionSelector', start: i * 60, end: i * 60 + 80 },
          ],
        },
      ],
    })),
  });
}

async function article() {
  const dir = await tempDir();
  const opened = await openSampleBackend(dir);
  const { document } = await callOk(opened.backend, 'importText', { title: 'Treaty', text: ARTICLE });
  return { ...opened, dir, documentId: document.id, file: base64(annotationsOfAnotherVersion(document.id)) };
}

describe('importing web annotations whose passages must be looked for in a long text', () => {
  it('answers other requests and says how many annotations are placed meanwhile', async () => {
    const { backend, file } = await article();
    const jobId = 'web-annotations-1';
    const importing = underWay(callOk(backend, 'importProject', { fileName: 'old.json', data: file, jobId }));
    const progress = await progressOf(backend, jobId, importing);
    // Before, the backend answered nothing until every annotation was placed, and said nothing of how far it was.
    expect(importing.answered).toBe(false);
    expect(progress).toMatchObject({ total: 400 });
    expect(progress.done).toBeLessThan(400);
    const summary = await importing.answer;
    expect(summary.anchoring).toEqual({ exact: 0, fuzzy: 0, orphan: 400 });
    expect(summary.highlights.added).toBe(400);
  });

  it('stops when cancelled, leaving the library and its files as they were', async () => {
    const { backend, store, dir, file } = await article();
    const files = await libraryFiles(dir);
    const highlights = store.data.highlights;
    const jobId = 'web-annotations-2';
    const importing = underWay(backend('importProject', { fileName: 'old.json', data: file, jobId }));
    await progressOf(backend, jobId, importing);
    expect(await callOk(backend, 'cancelJob', { jobId })).toEqual({ cancelled: true });
    expect(await importing.answer).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(store.data.highlights).toBe(highlights);
    expect(await libraryFiles(dir)).toEqual(files);
    expect((await callOk(backend, 'undo', {})).label).not.toBe('Import web annotations');
  });

  it('refuses, with nothing imported, when the document’s text is replaced meanwhile', async () => {
    const { backend, store, documentId, file } = await article();
    const jobId = 'web-annotations-3';
    const importing = underWay(backend('importProject', { fileName: 'old.json', data: file, jobId }));
    await progressOf(backend, jobId, importing);
    await callOk(backend, 'replaceDocumentText', { documentId, text: `${ARTICLE}\nA clause added later.` });
    expect(await importing.answer).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('"Treaty" was changed while the annotations') },
    });
    expect(store.data.highlights.filter((h) => h.documentId === documentId)).toEqual([]);
  });
});
