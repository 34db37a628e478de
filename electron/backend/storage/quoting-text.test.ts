import { describe, expect, it } from 'vitest';
import { highlightSchema, type Highlight } from '../../../shared/domain';
import { CONTEXT_LENGTH, quoteWithContext } from '../../../shared/text-context';
import { createBackend } from '../backend';
import { openStore } from '../store';
import { callOk, SAMPLE_CLAIM, useTempDirs } from '../test-support';
import { isQuotingText, quotingText, withCoding } from './quoting-text';

const tempDir = useTempDirs();

const TEXT = `An emoji 😀 opens it. ${'Before the claim. '.repeat(3)}The claim itself.${' After the claim.'.repeat(3)} 😀`;

/** A highlight over [start, end) of `text`, with what the app saves for it, parsed as from its file. */
function parsedHighlight(text: string, start: number, end: number, extra: Partial<Highlight> = {}): Highlight {
  return JSON.parse(
    JSON.stringify({
      id: 'h-1',
      documentId: 'document-1',
      start,
      end,
      ...quoteWithContext(text, start, end),
      tagIds: ['tag-1'],
      stances: [{ holderId: null, targetId: 'target-1', stance: 'against' }],
      note: 'A note.',
      annotator: 'ann',
      createdAt: '2026-11-01T09:00:00.000Z',
      updatedAt: '2026-11-02T09:00:00.000Z',
      ...extra,
    }),
  ) as Highlight;
}

describe('quotingText', () => {
  const start = TEXT.indexOf('The claim');
  const end = start + 'The claim itself.'.length;

  it('gives a record equal to the parsed one wherever a copy, a file or an answer is made of it', () => {
    for (const extra of [{}, { anchor: 'fuzzy' as const }]) {
      const parsed = parsedHighlight(TEXT, start, end, extra);
      const held = quotingText(parsed, TEXT);
      expect(isQuotingText(held)).toBe(true);
      expect(held).not.toBe(parsed);
      expect(held).toEqual(parsed);
      // A plain object to whatever looks at its prototype (made by a constructor: quoting-text.ts).
      expect(Object.getPrototypeOf(held)).toBe(Object.prototype);
      expect(held).toStrictEqual(parsed);
      // Byte for byte, keys in the file's order: a document written whole again is the same file.
      expect(JSON.stringify(held)).toBe(JSON.stringify(parsed));
      // A spread (how a change makes the next version of a record), a structured clone (Electron's IPC, workers).
      expect({ ...held }).toEqual(parsed);
      expect(JSON.stringify({ ...held })).toBe(JSON.stringify(parsed));
      expect(structuredClone(held)).toEqual(parsed);
      expect(Object.keys(held)).toEqual(Object.keys(parsed));
      // Every property the schema names (a new one would be lost here, not in the parsed record).
      expect(Object.keys(held)).toEqual(Object.keys(highlightSchema.shape).filter((key) => key in parsed));
      expect(highlightSchema.parse(held)).toEqual(parsed);
    }
  });

  it('quotes with the context the app saves, at the edges of the text and beside an emoji', () => {
    const first = TEXT.indexOf('😀');
    const last = TEXT.lastIndexOf('😀');
    for (const [from, to] of [
      [0, 2], // at the start: no prefix
      [first, first + 2], // the emoji itself
      [first + 2 + CONTEXT_LENGTH - 1, first + 2 + CONTEXT_LENGTH + 4], // its low half where the prefix would begin
      [last - CONTEXT_LENGTH - 1, last + 1 - CONTEXT_LENGTH], // the suffix would end inside it
      [TEXT.length - 2, TEXT.length], // at the end: no suffix
    ] as const) {
      const parsed = parsedHighlight(TEXT, from, to);
      const held = quotingText(parsed, TEXT);
      expect(isQuotingText(held), `${from}–${to}`).toBe(true);
      expect({ quote: held.quote, prefix: held.prefix, suffix: held.suffix }).toEqual(quoteWithContext(TEXT, from, to));
      expect(JSON.stringify(held)).toBe(JSON.stringify(parsed));
    }
  });

  it('keeps a record whose quote or context the text does not hold as it is', () => {
    const cases = [
      parsedHighlight(TEXT, start, end, { quote: 'A quote the text lost.', anchor: 'orphan' }),
      parsedHighlight(TEXT, start, end, { prefix: 'claim. ' }),
      parsedHighlight(TEXT, start, end, { suffix: ' After' }),
      parsedHighlight(TEXT, start, TEXT.length + 5, { quote: TEXT.slice(start) }),
    ];
    for (const parsed of cases) expect(quotingText(parsed, TEXT)).toBe(parsed);
  });

  it('stays a record that quotes its text when a step changes its tags or stances', () => {
    const parsed = parsedHighlight(TEXT, start, end, { anchor: 'fuzzy' });
    const coding = { tagIds: ['tag-2', 'tag-3'], stances: [] };
    const changed = withCoding(quotingText(parsed, TEXT), coding);
    expect(isQuotingText(changed)).toBe(true);
    expect(JSON.stringify(changed)).toBe(JSON.stringify({ ...parsed, ...coding }));
    // A record that holds its own quote is spread as it always was.
    const orphan = parsedHighlight(TEXT, start, end, { quote: 'Lost.', anchor: 'orphan' });
    expect(withCoding(orphan, coding)).toEqual({ ...orphan, ...coding });
    expect(isQuotingText(withCoding(orphan, coding))).toBe(false);
  });

  it('keeps quoting the text it was made against', () => {
    // The text is the record's own, not looked up by its document's id: a document whose text is replaced leaves the
    // records made against the old one (the undo history holds them) quoting it.
    const held = quotingText(parsedHighlight(TEXT, start, end), TEXT);
    const other = quotingText(parsedHighlight(TEXT.toUpperCase(), start, end), TEXT.toUpperCase());
    expect(held.quote).toBe('The claim itself.');
    expect(other.quote).toBe('THE CLAIM ITSELF.');
    expect(() => {
      (held as { quote: string }).quote = 'changed';
    }).toThrow(TypeError);
  });

  it('is how a reopened library holds its highlights, through a replaced text, its undo and its redo', async () => {
    const dir = await tempDir();
    const first = await openStore(dir);
    const firstBackend = createBackend(first);
    const document = first.data.documents[0]!;
    const at = document.text.indexOf(SAMPLE_CLAIM);
    const tagIds = [first.data.tags[0]!.id];
    for (const [from, to] of [
      [at, at + SAMPLE_CLAIM.length],
      [0, 12],
      [document.text.length - 20, document.text.length],
    ] as const) {
      await callOk(firstBackend, 'createHighlight', {
        documentId: document.id,
        start: from,
        end: to,
        quote: document.text.slice(from, to),
        tagIds,
      });
    }
    await first.close();

    const store = await openStore(dir, { documentsInBackground: true });
    const backend = createBackend(store);
    await store.loaded;
    const asRead = JSON.stringify(store.data.highlights);
    expect(store.data.highlights.map(isQuotingText)).toEqual([true, true, true]);

    const replaced = `A paragraph added at the top.\n\n${document.text.replace('NATO', 'The alliance')}`;
    await callOk(backend, 'replaceDocumentText', { documentId: document.id, text: replaced });
    const moved = store.data.highlights;
    expect(moved.map((h) => h.quote)).toContain(document.text.slice(0, 12));
    for (const h of moved.filter((h) => h.anchor !== 'orphan')) {
      expect(h.quote).toBe(replaced.slice(h.start, h.end));
    }

    await callOk(backend, 'undo', {});
    // The records as they were read, back from the undo history, still quoting the text they were read with.
    expect(JSON.stringify(store.data.highlights)).toBe(asRead);
    expect(store.data.highlights.map(isQuotingText)).toEqual([true, true, true]);
    await callOk(backend, 'redo', {});
    expect(JSON.stringify(store.data.highlights)).toBe(JSON.stringify(moved));
    await store.close();
  });
});
