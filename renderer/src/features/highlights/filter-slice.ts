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
  /** The open document's highlights in the chosen coder layer, in text order (the same array while nothing changed). */
  layerHighlights(): Highlight[];
  /** Those of them that pass the filter, in text order (the same array while nothing changed). */
  visibleHighlights(): Highlight[];
}

export const createFilterSlice: StateCreator<AppState, [], [], FilterSlice> = (set, get) => {
  // The two derived lists, each kept while what it comes from is the same (so a selector returns the same array, and
  // the article and the list repaint only on a real change); per store, so a test's fresh store starts clean.
  const layer = { highlights: null as Highlight[] | null, coder: null as string | null, result: [] as Highlight[] };
  const visible = {
    layer: null as Highlight[] | null,
    filter: null as HighlightFilter | null,
    result: [] as Highlight[],
  };
  const layerHighlights = (): Highlight[] => {
    const { highlights, layerCoder } = get();
    if (layer.highlights !== highlights || layer.coder !== layerCoder) {
      layer.highlights = highlights;
      layer.coder = layerCoder;
      layer.result = layerCoder === null ? highlights : highlights.filter((h) => h.annotator === layerCoder);
    }
    return layer.result;
  };
  return {
    filter: emptyFilter,
    layerCoder: null,
    compareCoder: null,
    setLayerCoder: (layerCoder) => set({ layerCoder, compareCoder: null }),
    setSideBySide: (left, right) => set({ layerCoder: left, compareCoder: right, curating: false }),
    setFilter: (changes) => set((s) => ({ filter: { ...s.filter, ...changes } })),
    clearFilter: () => set({ filter: emptyFilter }),
    layerHighlights,
    visibleHighlights() {
      const shown = layerHighlights();
      const { filter } = get();
      if (visible.layer !== shown || visible.filter !== filter) {
        visible.layer = shown;
        visible.filter = filter;
        visible.result = isFilterActive(filter) ? shown.filter((h) => matchesFilter(h, filter)) : shown;
      }
      return visible.result;
    },
  };
};

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

/** Everyone who coded the open document, and the current coder: the layers to choose from, by name. */
export function documentCoders(highlights: readonly Highlight[], current: string): string[] {
  const names = new Set(highlights.map((h) => h.annotator));
  if (current !== '') names.add(current);
  names.delete('');
  return [...names].sort((a, b) => a.localeCompare(b));
}
