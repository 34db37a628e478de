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

const CLOSING = 'Closing remark: the parties will meet again in May.';
/** An article of numbered clauses, each coded; its replacement shares none of them, only the closing remark. */
const ARTICLE =
  Array.from({ length: 600 }, (_, i) => `Clause number ${i + 1} of the treaty was disputed by both sides.`).join('\n') +
  `\n${CLOSING}`;
const OTHER_TEXT =
  Array.from(
    { length: 1_500 },
    (_, i) => `Paragraph ${i + 1} remains in force for every party, unless a later one says otherwise.`,
  ).join('\n') + `\n${CLOSING}`;

/**
 * A library whose second document has 600 highlights that the replacement lacks: each is searched for in the whole
 * new text (several seconds on the whole), which is what a text replaced by a different one costs.
 */
async function codedArticle() {
  const dir = await tempDir();
  const opened = await openSampleBackend(dir);
  const { backend, tagIds } = opened;
  await callOk(backend, 'setCoder', { name: 'ann' });
  const { document } = await callOk(backend, 'importText', { title: 'Treaty', text: ARTICLE });
  const coded = await callOk(backend, 'codeMatches', {
    query: 'Clause number \\d+ of the treaty',
    regex: true,
    tagId: tagIds[0]!,
  });
  expect(coded.coded).toBe(600);
  return { ...opened, dir, documentId: document.id };
}

describe('replacing a long document’s text with a different one', () => {
  it('answers other requests and says how far it is meanwhile', async () => {
    const { backend, documentId } = await codedArticle();
    const jobId = 'replace-text-1';
    const replacing = underWay(callOk(backend, 'replaceDocumentText', { documentId, text: OTHER_TEXT, jobId }));
    const progress = await progressOf(backend, jobId, replacing);
    // Asked and answered while the highlights were being searched for: before, the backend answered nothing until
    // the whole re-anchoring was over (and said nothing of its progress).
    expect(replacing.answered).toBe(false);
    expect(progress.total).toBe(600);
    expect(progress.done).toBeLessThan(600);
    const { reanchored } = await replacing.answer;
    expect(reanchored.orphaned).toHaveLength(600);
  });

  it('stops when cancelled, leaving the document, its highlights and the files as they were', async () => {
    const { backend, store, dir, documentId } = await codedArticle();
    const files = await libraryFiles(dir);
    const highlights = store.data.highlights;
    const jobId = 'replace-text-2';
    const replacing = underWay(backend('replaceDocumentText', { documentId, text: OTHER_TEXT, jobId }));
    await progressOf(backend, jobId, replacing);
    expect(await callOk(backend, 'cancelJob', { jobId })).toEqual({ cancelled: true });
    expect(await replacing.answer).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(store.data.documents.find((d) => d.id === documentId)!.text).toBe(ARTICLE);
    expect(store.data.highlights).toBe(highlights);
    expect(await libraryFiles(dir)).toEqual(files);
    expect((await callOk(backend, 'undo', {})).label).toBe('Code 600 matches');
  });

  it('keeps what other windows change meanwhile: a note written, a highlight added, one deleted', async () => {
    const { backend, store, documentId, tagIds } = await codedArticle();
    const ofDocument = () => store.data.highlights.filter((h) => h.documentId === documentId);
    const [noted, deleted] = ofDocument();
    const jobId = 'replace-text-3';
    const replacing = underWay(callOk(backend, 'replaceDocumentText', { documentId, text: OTHER_TEXT, jobId }));
    await progressOf(backend, jobId, replacing);
    await callOk(backend, 'updateHighlight', { highlightId: noted!.id, note: 'written meanwhile' });
    await callOk(backend, 'deleteHighlight', { highlightId: deleted!.id });
    const start = ARTICLE.indexOf(CLOSING);
    const added = await callOk(backend, 'createHighlight', {
      documentId,
      start,
      end: start + CLOSING.length,
      quote: CLOSING,
      tagIds: [tagIds[1]!],
    });
    // All three while the new text was being anchored.
    expect(replacing.answered).toBe(false);
    await replacing.answer;

    const now = new Map(ofDocument().map((h) => [h.id, h]));
    expect(now.get(noted!.id)).toMatchObject({ note: 'written meanwhile', anchor: 'orphan' });
    expect(now.has(deleted!.id)).toBe(false);
    // Made on the old text while the new one was being anchored: placed in the new text too.
    const placed = now.get(added.id)!;
    expect(OTHER_TEXT.slice(placed.start, placed.end)).toBe(CLOSING);
    expect(placed.anchor).toBeUndefined();
    expect(now.size).toBe(600);
  });
});
