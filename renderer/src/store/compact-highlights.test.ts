import { describe, expect, it } from 'vitest';
import type { Highlight } from '../../../shared/domain';
import { compactHighlights, keepUnchanged } from './compact-highlights';

const text = 'NATO and peacekeeping do not go hand in hand.';
const highlight: Highlight = {
  id: 'h1',
  documentId: 'd1',
  start: 9,
  end: 21,
  quote: 'peacekeeping',
  prefix: 'NATO and ',
  suffix: ' do not go hand in hand.',
  tagIds: ['t1', 't2'],
  stances: [{ holderId: null, targetId: 'x', stance: 'against' }],
  note: 'A note',
  annotator: 'Ana',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-02T00:00:00.000Z',
};

describe('compactHighlights', () => {
  it('keeps every field the renderer uses, and leaves out the context it never shows', () => {
    expect(compactHighlights([highlight], text)).toEqual([{ ...highlight, prefix: '', suffix: '' }]);
  });

  it('keeps a quote that does not match the text (never expected) as it came', () => {
    const [kept] = compactHighlights([{ ...highlight, quote: 'something else' }], text);
    expect(kept!.quote).toBe('something else');
  });
});

describe('keepUnchanged', () => {
  it('keeps the earlier object for a record that did not change, and takes the new one for one that did', () => {
    const [before] = compactHighlights([highlight], text);
    const other = { ...highlight, id: 'h2' };
    const reloaded = compactHighlights([highlight, other, { ...highlight, id: 'h3', note: 'new' }], text);
    const changed = { ...reloaded[0]!, tagIds: ['t1'] };
    expect(keepUnchanged([before!], reloaded)[0]).toBe(before);
    expect(keepUnchanged([before!], [changed])[0]).toBe(changed);
    expect(keepUnchanged([], reloaded)).toBe(reloaded);
  });
});
