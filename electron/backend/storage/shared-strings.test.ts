import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Highlight } from '../../../shared/domain';
import { quoteWithContext } from '../../../shared/text-context';
import { createBackend } from '../backend';
import { openStore } from '../store';
import { callOk, SAMPLE_CLAIM, useTempDirs } from '../test-support';
import { isQuotingText } from './quoting-text';
import { SharedStrings } from './shared-strings';

const tempDir = useTempDirs();

/**
 * A highlight as the parser gives it from a file the app wrote (its properties in the schema's order): every string a
 * copy of its own (built from parts, so never one V8 shares).
 */
const copy = (value: string): string => [...value].join('');
const parsed = ({
  start,
  end,
  quote,
  ...fields
}: Partial<Highlight> & Pick<Highlight, 'start' | 'end' | 'quote'>): Highlight =>
  JSON.parse(
    JSON.stringify({
      id: copy(`h-${start}`),
      documentId: copy('document-1'),
      start,
      end,
      quote,
      prefix: '',
      suffix: '',
      tagIds: [copy('tag-claim')],
      stances: [{ holderId: copy('holder-nato'), targetId: copy('target-peace'), stance: 'against' }],
      note: '',
      annotator: copy('ann'),
      createdAt: copy('2026-11-01T09:00:00.000Z'),
      updatedAt: copy('2026-11-01T09:00:00.000Z'),
      ...fields,
    }),
  ) as Highlight;

describe('SharedStrings', () => {
  it('leaves every highlight equal to what was parsed', () => {
    // Ids may hold any character: one that looks like two joined must not be taken for them.
    const id = fc.constantFrom(
      'a',
      'b',
      'a\nb',
      'a,b',
      'a\tb',
      'tag-1',
      'holder-1',
      'a-much-longer-identifier-of-a-tag',
    );
    const stance = fc.record({
      holderId: fc.option(id, { nil: null }),
      targetId: id,
      stance: fc.constantFrom('favor' as const, 'against' as const, 'neutral' as const, 'unclear' as const),
    });
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 120 }),
        fc.array(
          fc.record({
            at: fc.nat(),
            length: fc.nat({ max: 40 }),
            own: fc.boolean(),
            ruled: fc.boolean(),
            tagIds: fc.array(id, { maxLength: 3 }),
            stances: fc.array(stance, { maxLength: 3 }),
            annotator: fc.constantFrom('', 'ann', 'ben'),
          }),
          { maxLength: 12 },
        ),
        (text, drawn) => {
          const highlights = drawn.map((d) => {
            const start = d.at % text.length;
            const end = Math.min(text.length, start + Math.max(1, d.length));
            // Some quotes are not what the text holds at their place (an orphan's, a damaged file's).
            const quote = d.own ? `${text.slice(start, end)}!` : text.slice(start, end);
            // Most contexts are what the app saves (CONTEXT_LENGTH each side); some were saved under another rule.
            const { prefix, suffix } = d.ruled
              ? quoteWithContext(text, start, end)
              : { prefix: text.slice(Math.max(0, start - 20), start), suffix: text.slice(end, end + 20) };
            return parsed({
              start,
              end,
              quote,
              prefix: d.own ? `${prefix}?` : prefix,
              suffix,
              tagIds: d.tagIds,
              stances: d.stances,
              annotator: d.annotator,
            });
          });
          const before = structuredClone(highlights);
          const shared = new SharedStrings();
          expect(shared.shareIn(highlights, 'document-1', text)).toEqual(before);
          // Those whose quote and context the text holds read them from it (quoting-text.ts).
          const asTheTextHolds = before.map((h) => {
            const held = quoteWithContext(text, h.start, h.end);
            return h.quote === held.quote && h.prefix === held.prefix && h.suffix === held.suffix;
          });
          expect(highlights.map(isQuotingText)).toEqual(asTheTextHolds);
          // Its key order too: the files written from them stay byte for byte the same.
          expect(highlights.map((h) => JSON.stringify(h))).toEqual(before.map((h) => JSON.stringify(h)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('makes the highlights of a library share the strings and lists they repeat, and quote their text', () => {
    const text = 'The ministry said that NATO and peacekeeping do not go hand in hand, officials added.';
    const at = text.indexOf('NATO');
    const shared = new SharedStrings();
    const first = shared.shareIn(
      [parsed({ start: at, end: at + 20, quote: text.slice(at, at + 20) })],
      'document-1',
      text,
    )[0]!;
    const second = shared.shareIn(
      [parsed({ start: 0, end: 3, quote: 'The', tagIds: [copy('tag-claim')] })],
      copy('document-1'),
      text,
    )[0]!;
    // Lists are shared by identity (a string's sharing JavaScript cannot see: the bench's memory row shows it).
    expect(first.tagIds).toBe(second.tagIds);
    expect(first.stances).toBe(second.stances);
    expect(first.quote).toBe(text.slice(at, at + 20));
  });

  it('never takes one list for another that joins to the same text', () => {
    const lists = [['a\nb'], ['a', 'b'], ['a,b'], ['a\tb'], ['a', 'b', '']];
    const highlights = lists.map((tagIds, i) =>
      parsed({
        start: i,
        end: i + 1,
        quote: 'x',
        tagIds,
        stances: [{ holderId: tagIds.join('\t'), targetId: 't', stance: 'favor' }],
      }),
    );
    new SharedStrings().shareIn(highlights, 'document-1', 'xxxxxx');
    expect(highlights.map((h) => h.tagIds)).toEqual(lists);
    expect(highlights.map((h) => h.stances[0]!.holderId)).toEqual(lists.map((l) => l.join('\t')));
  });

  it('never takes an unknown holder for one named "null", nor one stance for another', () => {
    const stances = [
      { holderId: null, targetId: 't', stance: 'favor' },
      { holderId: 'null', targetId: 't', stance: 'favor' },
      { holderId: 'h', targetId: 't', stance: 'favor' },
      { holderId: 'h', targetId: 't', stance: 'against' },
      { holderId: 'h', targetId: 'u', stance: 'favor' },
    ] as const;
    const highlights = [...stances, ...stances].map((stance, i) =>
      parsed({ start: i, end: i + 1, quote: 'x', stances: [stance] }),
    );
    new SharedStrings().shareIn(highlights, 'document-1', 'x'.repeat(10));
    expect(highlights.map((h) => h.stances)).toEqual([...stances, ...stances].map((s) => [s]));
    // Equal stances share their list, and only they do.
    expect(new Set(highlights.map((h) => h.stances)).size).toBe(stances.length);
    expect(highlights[0]!.stances).toBe(highlights[stances.length]!.stances);
  });

  it('is how the store holds the highlights it reads', async () => {
    const dir = await tempDir();
    const first = await openStore(dir);
    const backend = createBackend(first);
    const document = first.data.documents[0]!;
    const start = document.text.indexOf(SAMPLE_CLAIM);
    const tagIds = [first.data.tags[0]!.id];
    for (const end of [start + SAMPLE_CLAIM.length, start + SAMPLE_CLAIM.length - 1]) {
      await callOk(backend, 'createHighlight', {
        documentId: document.id,
        start,
        end,
        quote: document.text.slice(start, end),
        tagIds,
      });
    }
    await first.close();
    const store = await openStore(dir, { documentsInBackground: true });
    await store.loaded;
    const [a, b] = store.data.highlights;
    expect(a!.tagIds).toEqual(tagIds);
    expect(a!.tagIds).toBe(b!.tagIds);
    await store.close();
  });
});
