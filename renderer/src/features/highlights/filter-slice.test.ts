import { describe, expect, it } from 'vitest';
import type { Highlight } from '../../../../shared/domain';
import { emptyFilter, isFilterActive, matchesFilter, selectVisibleHighlights, documentCoders } from './filter-slice';

const highlight = (overrides: Partial<Highlight>): Highlight => ({
  id: 'h',
  documentId: 'd',
  start: 0,
  end: 4,
  quote: 'NATO',
  prefix: '',
  suffix: '',
  tagIds: [],
  stances: [],
  note: '',
  annotator: '',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});

describe('matchesFilter', () => {
  const grushkoAgainstNato = highlight({
    tagIds: ['claim'],
    stances: [
      { holderId: 'grushko', targetId: 'nato', stance: 'against' },
      { holderId: 'russia', targetId: 'mission', stance: 'favor' },
    ],
    note: 'Strong Wording',
  });

  it('passes everything with no filter', () => {
    expect(isFilterActive(emptyFilter)).toBe(false);
    expect(matchesFilter(grushkoAgainstNato, emptyFilter)).toBe(true);
  });

  it('filters by tag and by free text in the quote or the note, ignoring case', () => {
    expect(matchesFilter(grushkoAgainstNato, { ...emptyFilter, tagId: 'claim' })).toBe(true);
    expect(matchesFilter(grushkoAgainstNato, { ...emptyFilter, tagId: 'quote' })).toBe(false);
    expect(matchesFilter(grushkoAgainstNato, { ...emptyFilter, text: 'nato' })).toBe(true);
    expect(matchesFilter(grushkoAgainstNato, { ...emptyFilter, text: 'strong wording' })).toBe(true);
    expect(matchesFilter(grushkoAgainstNato, { ...emptyFilter, text: 'absent' })).toBe(false);
  });

  it('requires holder, target and value to hold for one and the same stance', () => {
    expect(matchesFilter(grushkoAgainstNato, { ...emptyFilter, holderId: 'grushko', stance: 'against' })).toBe(true);
    expect(matchesFilter(grushkoAgainstNato, { ...emptyFilter, holderId: 'grushko', stance: 'favor' })).toBe(false);
    expect(matchesFilter(grushkoAgainstNato, { ...emptyFilter, holderId: 'russia', targetId: 'mission' })).toBe(true);
    expect(matchesFilter(grushkoAgainstNato, { ...emptyFilter, targetId: 'nato', stance: 'favor' })).toBe(false);
  });
});

describe('selectVisibleHighlights', () => {
  it('returns the same array while neither the highlights nor the filter change', () => {
    const highlights = [highlight({ id: 'a', tagIds: ['x'] }), highlight({ id: 'b' })];
    const filter = { ...emptyFilter, tagId: 'x' };
    const first = selectVisibleHighlights({ highlights, filter, layerCoder: null });
    expect(first.map((h) => h.id)).toEqual(['a']);
    expect(selectVisibleHighlights({ highlights, filter, layerCoder: null })).toBe(first);
    expect(selectVisibleHighlights({ highlights, filter: emptyFilter, layerCoder: null })).toBe(highlights);
  });

  it('shows one coder’s layer: their highlights only, then filtered', () => {
    const highlights = [
      highlight({ id: 'a', annotator: 'ann', tagIds: ['x'] }),
      highlight({ id: 'b', annotator: 'ben', tagIds: ['x'] }),
      highlight({ id: 'c', annotator: 'ben' }),
    ];
    const ids = (state: Parameters<typeof selectVisibleHighlights>[0]) =>
      selectVisibleHighlights(state).map((h) => h.id);
    expect(ids({ highlights, filter: emptyFilter, layerCoder: 'ben' })).toEqual(['b', 'c']);
    expect(ids({ highlights, filter: { ...emptyFilter, tagId: 'x' }, layerCoder: 'ben' })).toEqual(['b']);
    expect(ids({ highlights, filter: emptyFilter, layerCoder: 'zoe' })).toEqual([]);
    expect(documentCoders(highlights, 'cy')).toEqual(['ann', 'ben', 'cy']);
    expect(documentCoders([highlight({ annotator: '' })], '')).toEqual([]);
  });
});
