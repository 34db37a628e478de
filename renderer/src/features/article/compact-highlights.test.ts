import { describe, expect, it } from 'vitest';
import type { DocumentHighlight } from '../../../../shared/api-contract';
import type { Highlight } from '../../../../shared/domain';
import { testDocument } from '../../test-records';
import { compactHighlights, keepUnchanged } from './compact-highlights';

const document = testDocument({ id: 'd1', title: 'T', text: 'NATO and peacekeeping do not go hand in hand.' });
const sent: DocumentHighlight = {
  id: 'h1',
  start: 9,
  end: 21,
  tagIds: ['t1', 't2'],
  stances: [{ holderId: null, targetId: 'x', stance: 'against' }],
  note: 'A note',
  annotator: 'Ana',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-02T00:00:00.000Z',
};
const whole: Highlight = { ...sent, documentId: 'd1', quote: 'peacekeeping', prefix: '', suffix: '' };

describe('compactHighlights', () => {
  it('makes whole records again: the document id, and the quote from the text; the context is left empty', () => {
    expect(compactHighlights([structuredClone(sent)], document)).toEqual([whole]);
  });
});

describe('compactHighlights: shared lists', () => {
  const one = (id: string, tagIds: string[], stances: DocumentHighlight['stances']): DocumentHighlight => ({
    ...structuredClone(sent),
    id,
    tagIds,
    stances,
  });
  const against = { holderId: null, targetId: 'x', stance: 'against' } as const;

  it('gives highlights with the same tags, or the same stances, one list, and changes no value', () => {
    const sentHighlights = [
      one('h1', ['t1', 't2'], [against]),
      one('h2', ['t1', 't2'], [{ ...against }]),
      one('h3', ['t1'], [{ ...against, stance: 'favor' }]),
      one('h4', ['t1'], []),
      one('h5', [], []),
    ];
    const expected = structuredClone(sentHighlights).map((h) => ({
      ...h,
      documentId: 'd1',
      quote: 'peacekeeping',
      prefix: '',
      suffix: '',
    }));
    const [h1, h2, h3, h4, h5] = compactHighlights(structuredClone(sentHighlights), document);
    expect([h1, h2, h3, h4, h5]).toEqual(expected);
    expect(h2!.tagIds).toBe(h1!.tagIds);
    expect(h2!.stances).toBe(h1!.stances);
    expect(h4!.tagIds).toBe(h3!.tagIds);
    expect(h3!.stances).not.toBe(h1!.stances);
    expect(h5!.stances).toBe(h4!.stances);
    // An empty tag list and an empty stance list are not one list: each kind has its own.
    expect(h5!.tagIds).not.toBe(h5!.stances);
  });

  it('keeps apart lists whose ids would join to the same text', () => {
    const [a, b, c] = compactHighlights(
      [one('h1', ['a\nb'], []), one('h2', ['a', 'b'], []), one('h3', ['a,b'], [])],
      document,
    );
    expect(a!.tagIds).toEqual(['a\nb']);
    expect(b!.tagIds).toEqual(['a', 'b']);
    expect(c!.tagIds).toEqual(['a,b']);
  });
});

describe('keepUnchanged', () => {
  it('keeps the earlier object for a record that did not change, and takes the new one for one that did', () => {
    const [before] = compactHighlights([structuredClone(sent)], document);
    const reloaded = compactHighlights(
      [
        structuredClone(sent),
        { ...structuredClone(sent), id: 'h2' },
        { ...structuredClone(sent), id: 'h3', note: 'new' },
      ],
      document,
    );
    const changed = { ...reloaded[0]!, tagIds: ['t1'] };
    expect(keepUnchanged([before!], reloaded)[0]).toBe(before);
    expect(keepUnchanged([before!], [changed])[0]).toBe(changed);
    expect(keepUnchanged([], reloaded)).toBe(reloaded);
  });
});
