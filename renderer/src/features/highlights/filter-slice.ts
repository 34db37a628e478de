import type { StateCreator } from 'zustand';
import type { Highlight, StanceValue } from '../../../../shared/domain';
import type { AppState } from '../../store/app-store';

export interface HighlightFilter {
  text: string;
  tagId: string | null;
  holderId: string | null;
  targetId: string | null;
  stance: StanceValue | null;
}

export const emptyFilter: HighlightFilter = { text: '', tagId: null, holderId: null, targetId: null, stance: null };

export interface FilterSlice {
  filter: HighlightFilter;
  /** The coder layer: whose highlights the article and the list show (null: every coder's). */
  layerCoder: string | null;
  /** Side by side: the coder whose highlights a second copy of the article shows (the first shows `layerCoder`'s). */
  compareCoder: string | null;
  /** One coder's layer (or every coder's, with null); ends a side-by-side comparison. */
  setLayerCoder(coder: string | null): void;
  /** Two coders side by side: `left`'s highlights in the article, `right`'s in a copy beside it. */
  setSideBySide(left: string, right: string): void;
  setFilter(changes: Partial<HighlightFilter>): void;
  clearFilter(): void;
}

export const createFilterSlice: StateCreator<AppState, [], [], FilterSlice> = (set) => ({
  filter: emptyFilter,
  layerCoder: null,
  compareCoder: null,
  setLayerCoder: (layerCoder) => set({ layerCoder, compareCoder: null }),
  setSideBySide: (left, right) => set({ layerCoder: left, compareCoder: right, curating: false }),
  setFilter: (changes) => set((s) => ({ filter: { ...s.filter, ...changes } })),
  clearFilter: () => set({ filter: emptyFilter }),
});

export function isFilterActive(filter: HighlightFilter): boolean {
  return (
    filter.text.trim() !== '' ||
    filter.tagId !== null ||
    filter.holderId !== null ||
    filter.targetId !== null ||
    filter.stance !== null
  );
}

/**
 * Whether a highlight passes the filter. The stance conditions must hold for one and the same stance: "holder
 * Grushko, stance against" matches only a highlight where Grushko is against something.
 */
export function matchesFilter(highlight: Highlight, filter: HighlightFilter): boolean {
  if (filter.tagId && !highlight.tagIds.includes(filter.tagId)) return false;
  if (filter.holderId || filter.targetId || filter.stance) {
    const hit = highlight.stances.some(
      (s) =>
        (!filter.holderId || s.holderId === filter.holderId) &&
        (!filter.targetId || s.targetId === filter.targetId) &&
        (!filter.stance || s.stance === filter.stance),
    );
    if (!hit) return false;
  }
  const text = filter.text.trim().toLocaleLowerCase();
  if (text && !`${highlight.quote}\n${highlight.note}`.toLocaleLowerCase().includes(text)) return false;
  return true;
}

const layerMemo = {
  highlights: null as Highlight[] | null,
  coder: null as string | null,
  result: [] as Highlight[],
};

/** The open document's highlights in the chosen coder layer, in text order (the same array while nothing changed). */
export function selectLayerHighlights(state: Pick<AppState, 'highlights' | 'layerCoder'>): Highlight[] {
  if (layerMemo.highlights !== state.highlights || layerMemo.coder !== state.layerCoder) {
    layerMemo.highlights = state.highlights;
    layerMemo.coder = state.layerCoder;
    layerMemo.result =
      state.layerCoder === null ? state.highlights : state.highlights.filter((h) => h.annotator === state.layerCoder);
  }
  return layerMemo.result;
}

const memo = {
  highlights: null as Highlight[] | null,
  filter: null as HighlightFilter | null,
  result: [] as Highlight[],
};

/**
 * The open document's highlights in the coder layer that pass the filter, in text order (the same array while nothing
 * changed).
 */
export function selectVisibleHighlights(state: Pick<AppState, 'highlights' | 'filter' | 'layerCoder'>): Highlight[] {
  const layer = selectLayerHighlights(state);
  if (memo.highlights !== layer || memo.filter !== state.filter) {
    memo.highlights = layer;
    memo.filter = state.filter;
    memo.result = isFilterActive(state.filter) ? layer.filter((h) => matchesFilter(h, state.filter)) : layer;
  }
  return memo.result;
}

/** Everyone who coded the open document, and the current coder: the layers to choose from, by name. */
export function documentCoders(highlights: readonly Highlight[], current: string): string[] {
  const names = new Set(highlights.map((h) => h.annotator));
  if (current !== '') names.add(current);
  names.delete('');
  return [...names].sort((a, b) => a.localeCompare(b));
}
