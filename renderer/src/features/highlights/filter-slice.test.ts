import { describe, expect, it } from 'vitest';
import type { Highlight } from '../../../../shared/domain';
import { createAppStore } from '../../store/app-store';
import { testHighlight } from '../../test-records';
import { documentCoders, emptyFilter, isFilterActive, matchesFilter, type HighlightFilter } from './filter-slice';

const highlight = (overrides: Partial<Highlight>): Highlight =>
  testHighlight({ id: 'h', documentId: 'd', annotator: '', ...overrides });

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

describe('the visible highlights (a fresh store each test)', () => {
  it('returns the same array while neither the highlights nor the filter change', () => {
    const store = createAppStore();
    const highlights = [highlight({ id: 'a', tagIds: ['x'] }), highlight({ id: 'b' })];
    store.setState({ highlights, filter: { ...emptyFilter, tagId: 'x' } });
    const first = store.getState().visibleHighlights();
    expect(first.map((h) => h.id)).toEqual(['a']);
    store.setState({ selectedHighlightId: 'a' }); // another part of the state: the same list
    expect(store.getState().visibleHighlights()).toBe(first);
    store.getState().clearFilter();
    expect(store.getState().visibleHighlights()).toBe(highlights);
  });

  it('shows one coder’s layer: their highlights only, then filtered', () => {
    const store = createAppStore();
    const highlights = [
      highlight({ id: 'a', annotator: 'ann', tagIds: ['x'] }),
      highlight({ id: 'b', annotator: 'ben', tagIds: ['x'] }),
      highlight({ id: 'c', annotator: 'ben' }),
    ];
    const ids = (filter: HighlightFilter, layerCoder: string | null) => {
      store.setState({ highlights, filter, layerCoder });
      return store
        .getState()
        .visibleHighlights()
        .map((h) => h.id);
    };
    expect(ids(emptyFilter, 'ben')).toEqual(['b', 'c']);
    expect(ids({ ...emptyFilter, tagId: 'x' }, 'ben')).toEqual(['b']);
    expect(ids(emptyFilter, 'zoe')).toEqual([]);
    expect(store.getState().layerHighlights()).toEqual([]);
    expect(documentCoders(highlights, 'cy')).toEqual(['ann', 'ben', 'cy']);
    expect(documentCoders([highlight({ annotator: '' })], '')).toEqual([]);
  });

  it('keeps each store’s lists apart', () => {
    const one = createAppStore();
    const two = createAppStore();
    one.setState({ highlights: [highlight({ id: 'a' })] });
    expect(
      one
        .getState()
        .visibleHighlights()
        .map((h) => h.id),
    ).toEqual(['a']);
    expect(two.getState().visibleHighlights()).toEqual([]);
  });
});
