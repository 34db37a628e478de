import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildExport } from '../../../shared/export/build-export';
import { webAnnotationCollection } from '../../../shared/export/web-annotation';
import { callOk, libraryFiles, libraryOnDisk, openSampleBackend, SAMPLE_CLAIM, useTempDirs } from '../test-support';

const tempDir = useTempDirs();

const EVIDENCE = 'Addressing an interview with Russian newspaper Izvestia on Sunday';
const DELETED = 'Those attempts at diplomacy aside';
const CHANGED = 'Trump is set to explore potential actions';

/** The sample as an updated version of the article: a line added on top, a quote deleted, a word changed. */
const updated = (text: string) =>
  `Updated: this article was revised.\n${text}`
    .replace(`${DELETED}, `, '')
    .replace(CHANGED, 'Trump is set to examine potential actions');

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('replacing a document’s text', () => {
  it('moves highlights, takes a changed wording, keeps the lost one as an orphan; on disk; one undo step', async () => {
    const dir = await tempDir();
    const { backend, store, document, highlight } = await openSampleBackend(dir);
    const claim = await highlight(SAMPLE_CLAIM);
    const evidence = await highlight(EVIDENCE);
    const deleted = await highlight(DELETED);
    const changed = await highlight(CHANGED);
    await callOk(backend, 'updateHighlight', { highlightId: deleted.id, note: 'keep me' });

    const { reanchored } = await callOk(backend, 'replaceDocumentText', {
      documentId: document.id,
      text: updated(document.text),
    });
    expect(reanchored).toEqual({
      same: 0,
      moved: 2,
      changed: [{ highlightId: changed.id, before: CHANGED, after: 'Trump is set to examine potential actions' }],
      orphaned: [{ highlightId: deleted.id, quote: DELETED }],
      reattached: 0,
    });

    const opened = await callOk(backend, 'getDocument', { documentId: document.id });
    const text = opened.document.text;
    const shown = new Map(opened.highlights.map((h) => [h.id, h]));
    expect(text.slice(shown.get(claim.id)!.start, shown.get(claim.id)!.end)).toBe(SAMPLE_CLAIM);
    expect(text.slice(shown.get(evidence.id)!.start, shown.get(evidence.id)!.end)).toBe(EVIDENCE);
    expect(shown.get(changed.id)!.anchor).toBe('fuzzy');
    expect(shown.has(deleted.id)).toBe(false);
    expect(opened.orphans).toMatchObject([{ id: deleted.id, quote: DELETED, note: 'keep me', anchor: 'orphan' }]);

    // On disk: the document's file holds the new text, and the orphan with its note.
    const onDisk = await libraryOnDisk(dir);
    expect(onDisk.documents[0]!.text).toBe(text);
    expect(onDisk.highlights.find((h) => h.id === deleted.id)).toMatchObject({ anchor: 'orphan', note: 'keep me' });

    // annotations.csv: the orphan without offsets; the last column says how each was placed (read as pandas would).
    const csv = buildExport(store.data, 'annotations', {}, { bom: false, formulaEscape: false }).content;
    const file = path.join(dir, 'annotations.csv');
    await writeFile(file, csv);
    const rows = JSON.parse(
      execFileSync('python3', [
        '-c',
        'import csv,json,sys; print(json.dumps([[r["highlight_id"], r["start"], r["end"], r["anchor"]] for r in csv.DictReader(open(sys.argv[1], encoding="utf-8"))]))',
        file,
      ]).toString(),
    ) as string[][];
    expect(rows).toContainEqual([deleted.id, '', '', 'orphan']);
    expect(rows).toContainEqual([changed.id, String(shown.get(changed.id)!.start), expect.any(String), 'fuzzy']);
    expect(rows.find((r) => r[0] === claim.id)![3]).toBe('exact');

    // One step to undo: the old text and places come back, on disk too.
    await callOk(backend, 'undo', {});
    const undone = await libraryOnDisk(dir);
    expect(undone.documents[0]!.text).toBe(document.text);
    expect(undone.highlights.find((h) => h.id === deleted.id)).toEqual(
      deleted.id && { ...deleted, note: 'keep me', updatedAt: expect.any(String) },
    );
  });

  it('re-attaches an orphan where the analyst selects, as an undoable step; a replaced text can bring it back', async () => {
    const dir = await tempDir();
    const { backend, document, highlight } = await openSampleBackend(dir);
    const deleted = await highlight(DELETED);
    await callOk(backend, 'replaceDocumentText', { documentId: document.id, text: updated(document.text) });
    const { document: now } = await callOk(backend, 'getDocument', { documentId: document.id });

    const quote = 'Russia has long been set against NATO monitors';
    const start = now.text.indexOf(quote);
    const reattached = await callOk(backend, 'updateHighlight', {
      highlightId: deleted.id,
      bounds: { start, end: start + quote.length, quote },
    });
    expect(reattached.anchor).toBeUndefined();
    expect(reattached.quote).toBe(quote);
    const history = (await callOk(backend, 'getWorkspace', {})).history;
    expect(history.undoLabel).toBe('Re-attach highlight');

    // Back to an orphan, then the original text again: the orphan is found where it was.
    await callOk(backend, 'undo', {});
    const { reanchored } = await callOk(backend, 'replaceDocumentText', {
      documentId: document.id,
      text: document.text,
    });
    expect(reanchored.reattached).toBe(1);
    const back = await callOk(backend, 'getDocument', { documentId: document.id });
    expect(back.orphans).toEqual([]);
    expect(back.highlights.find((h) => h.id === deleted.id)).toMatchObject({ start: document.text.indexOf(DELETED) });
  });

  it('reads the new text from a file as an import does, and refuses both a text and a file', async () => {
    const { backend, document, highlight } = await openSampleBackend(await tempDir());
    await highlight(SAMPLE_CLAIM);
    const both = await backend('replaceDocumentText', {
      documentId: document.id,
      text: 'x',
      file: { fileName: 'new.txt', data: base64('y') },
    });
    expect(both).toMatchObject({ ok: false, error: { message: expect.stringMatching(/not both/) } });
    const html = `<html><head><title>T</title></head><body><article><p>${updated(document.text).replaceAll('\n', '</p><p>')}</p></article></body></html>`;
    const { reanchored, document: after } = await callOk(backend, 'replaceDocumentText', {
      documentId: document.id,
      file: { fileName: 'new.html', data: base64(html) },
    });
    expect(reanchored.moved).toBe(1);
    expect(after.sha256).not.toBe(document.sha256);
  });

  it('refuses the same text, an empty text, and an unknown document, changing nothing', async () => {
    const dir = await tempDir();
    const { backend, document } = await openSampleBackend(dir);
    const before = await libraryFiles(dir);
    for (const [documentId, text, message] of [
      [document.id, document.text, /has this text already/],
      [document.id, '   \n ', /empty/],
      ['nope', 'Some text.', /No document/],
    ] as const) {
      const result = await backend('replaceDocumentText', { documentId, text });
      expect(result).toMatchObject({ ok: false, error: { message: expect.stringMatching(message) } });
    }
    expect(await libraryFiles(dir)).toEqual(before);
  });

  it('asks before an import of the same title with another text, then replaces or adds as told', async () => {
    const dir = await tempDir();
    const { backend, document, highlight } = await openSampleBackend(dir);
    await highlight(SAMPLE_CLAIM);
    const args = { title: document.title.toUpperCase(), text: updated(document.text) };
    const asked = await callOk(backend, 'importText', args);
    expect(asked).toMatchObject({ status: 'changed', document: { id: document.id } });
    expect((await libraryOnDisk(dir)).documents).toHaveLength(1);

    const replaced = await callOk(backend, 'importText', { ...args, sameTitle: 'replace' });
    expect(replaced).toMatchObject({ status: 'replaced', reanchored: { moved: 1 } });
    const added = await callOk(backend, 'importText', { ...args, text: `${args.text}\nMore.`, sameTitle: 'add' });
    expect(added.status).toBe('imported');
    expect((await libraryOnDisk(dir)).documents).toHaveLength(2);
  });
});

describe('importing web annotations', () => {
  it('brings Hypothesis annotations onto the document they name: by position, by quote, approximately, or as orphans', async () => {
    const dir = await tempDir();
    const { backend, store, document } = await openSampleBackend(dir);
    const claimStart = document.text.indexOf(SAMPLE_CLAIM);
    const row = (id: string, exact: string, extra: object = {}) => ({
      id,
      uri: 'https://example.org/article',
      user: 'acct:zoe@hypothes.is',
      text: `note ${id}`,
      tags: ['Claim', 'Hypothesis tag'],
      created: '2026-03-01T10:00:00.000Z',
      updated: '2026-03-02T10:00:00.000Z',
      target: [
        {
          source: `urn:stance-annotator:document:${document.id}`,
          selector: [
            { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
            ...('position' in extra ? [extra.position] : []),
          ],
        },
      ],
    });
    const file = {
      total: 5,
      rows: [
        row('a1', SAMPLE_CLAIM, {
          position: { type: 'TextPositionSelector', start: claimStart, end: claimStart + SAMPLE_CLAIM.length },
        }),
        // A page's position (the whole web page's text): wrong here, so the quote is looked for.
        row('a2', EVIDENCE, { position: { type: 'TextPositionSelector', start: 9000, end: 9000 + EVIDENCE.length } }),
        row('a3', 'Trump is set to exlpore potential actions'),
        row('a4', 'A sentence this article never had in any version.'),
        {
          id: 'a5',
          uri: 'https://example.org/article',
          text: 'a page note',
          target: [{ source: 'https://example.org/article' }],
        },
      ],
    };
    const summary = await callOk(backend, 'importProject', {
      fileName: 'hypothesis.json',
      data: base64(JSON.stringify(file)),
    });
    expect(summary.anchoring).toEqual({ exact: 2, fuzzy: 1, orphan: 1 });
    expect(summary.highlights).toEqual({ added: 4, alreadyThere: 0 });
    expect(summary.byCoder).toEqual({ zoe: 4 });
    expect(summary.tags.added).toBe(1);
    expect(summary.notes.join('\n')).toMatch(/#5: no TextQuoteSelector.*page/);
    const onDisk = await libraryOnDisk(dir);
    const byNote = new Map(onDisk.highlights.map((h) => [h.note, h]));
    expect(byNote.get('note a1')).toMatchObject({ start: claimStart, quote: SAMPLE_CLAIM, annotator: 'zoe' });
    expect(byNote.get('note a2')!.quote).toBe(EVIDENCE);
    expect(byNote.get('note a3')).toMatchObject({ quote: CHANGED, anchor: 'fuzzy' });
    expect(byNote.get('note a4')).toMatchObject({
      anchor: 'orphan',
      quote: 'A sentence this article never had in any version.',
    });
    const claimTag = store.data.tags.find((t) => t.name === 'Claim')!;
    expect(byNote.get('note a1')!.tagIds[0]).toBe(claimTag.id);

    // The same file again adds nothing.
    const again = await callOk(backend, 'importProject', {
      fileName: 'hypothesis.json',
      data: base64(JSON.stringify(file)),
    });
    expect(again.highlights).toEqual({ added: 0, alreadyThere: 4 });
  });

  it('matches annotations of a live page to the saved page by the address the page states', async () => {
    const dir = await tempDir();
    const { backend } = await openSampleBackend(dir);
    const paragraph = 'The council approved the new budget for public transport after a long debate on Tuesday.';
    const page = `<!-- saved from url=(0034)https://news.example.org/budget -->
<html><head><title>Budget</title><link rel="canonical" href="https://news.example.org/budget/"></head>
<body><article><h1>Budget</h1><p>${paragraph.repeat(3)}</p></article></body></html>`;
    const imported = await callOk(backend, 'importFile', { fileName: 'budget.html', data: base64(page) });
    expect(imported.document.source.url).toBe('https://news.example.org/budget/');
    const annotation = {
      id: 'live-1',
      uri: 'https://news.example.org/budget#comments',
      text: 'the decision',
      target: [
        {
          source: 'https://news.example.org/budget#comments',
          selector: [{ type: 'TextQuoteSelector', exact: 'approved the new budget' }],
        },
      ],
    };
    const summary = await callOk(backend, 'importProject', {
      fileName: 'live.json',
      data: base64(JSON.stringify([annotation])),
    });
    expect(summary.unmatched).toEqual([]);
    expect(summary.highlights.added).toBe(1);
    const onDisk = await libraryOnDisk(dir);
    expect(onDisk.highlights[0]).toMatchObject({ documentId: imported.document.id, quote: 'approved the new budget' });
  });

  it('round-trips this app’s own JSON-LD export into another library, and needs a chosen document for unknown pages', async () => {
    const { backend, store, document, highlight } = await openSampleBackend(await tempDir());
    const h = await highlight(SAMPLE_CLAIM);
    const nato = await callOk(backend, 'createEntity', { name: 'NATO' });
    await callOk(backend, 'updateHighlight', {
      highlightId: h.id,
      note: 'a note',
      stances: [{ holderId: null, targetId: nato.id, stance: 'against' }],
    });
    const exported = JSON.stringify(webAnnotationCollection(store.data));

    // Another library with the same article under another id: the URN names no document there.
    const other = await openSampleBackend(await tempDir());
    const unmatched = await callOk(other.backend, 'importProject', { fileName: 'a.jsonld', data: base64(exported) });
    expect(unmatched.highlights.added).toBe(0);
    expect(unmatched.unmatched).toEqual([{ source: `urn:stance-annotator:document:${document.id}`, count: 1 }]);
    const chosen = await callOk(other.backend, 'importProject', {
      fileName: 'a.jsonld',
      data: base64(exported),
      documentId: other.document.id,
    });
    expect(chosen.highlights.added).toBe(1);
    const [copy] = other.store.data.highlights;
    expect(copy).toMatchObject({ id: h.id, quote: SAMPLE_CLAIM, note: 'a note', start: h.start });
    expect(other.store.data.entities.find((e) => e.id === copy!.stances[0]!.targetId)!.name).toBe('NATO');

    // One annotation per line (JSON Lines) reads the same.
    const lines = (JSON.parse(exported) as { items: object[] }).items.map((item) => JSON.stringify(item)).join('\n');
    const third = await openSampleBackend(await tempDir());
    const fromLines = await callOk(third.backend, 'importProject', {
      fileName: 'a.jsonl',
      data: base64(`${lines}\n${lines}\n`),
      documentId: third.document.id,
    });
    expect(fromLines.highlights).toEqual({ added: 1, alreadyThere: 0 });
    expect(fromLines.notes).toContain('1 annotation repeated in the file counted once.');
  });

  it('refuses a file that holds no annotations, with a clear message, changing nothing', async () => {
    const dir = await tempDir();
    const { backend } = await openSampleBackend(dir);
    const before = await libraryFiles(dir);
    for (const [content, message] of [
      ['{"hello": "world"}', /not a Stance Annotator backup, nor web annotations/],
      ['{"items": [', /not JSON/],
      ['[]', /holds no annotations/],
    ] as const) {
      const result = await backend('importProject', { fileName: 'x.json', data: base64(content) });
      expect(result).toMatchObject({ ok: false, error: { message: expect.stringMatching(message) } });
    }
    expect(await libraryFiles(dir)).toEqual(before);
  });
});
