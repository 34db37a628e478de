import type { StateCreator } from 'zustand';
import type { ApiArgs } from '../../../shared/api-contract';
import type { Highlight, StoredDocument } from '../../../shared/domain';
import { callApi } from '../api/client';
import { sortByPosition } from '../article/highlight-order';
import { moveBoundary, type BoundaryMove } from '../article/word-boundaries';
import type { AppState } from './app-store';
import { selectVisibleHighlights } from './filter-slice';

export interface TextSpan {
  start: number;
  end: number;
}

type HighlightFields = Omit<ApiArgs<'updateHighlight'>, 'highlightId'>;

export interface DocumentSlice {
  document: StoredDocument | null;
  /** The open document's highlights, always in text order. */
  highlights: Highlight[];
  selectedHighlightId: string | null;
  /** The passage selected in the article (snapped to words when that is on) and not yet made a highlight. */
  pendingSelection: TextSpan | null;
  openDocument(documentId: string): Promise<void>;
  setPendingSelection(span: TextSpan | null): void;
  selectHighlight(highlightId: string | null): void;
  /** Moves the selection to the next (+1) or previous (-1) highlight of the list as filtered. */
  selectAdjacent(delta: 1 | -1): void;
  /** Makes the pending selection a highlight with this tag. */
  highlightSelection(tagId: string): Promise<boolean>;
  /** Adds the tag to the selected highlight, or removes it when it is there already. */
  toggleTagOnSelected(tagId: string): Promise<void>;
  updateHighlight(highlightId: string, fields: HighlightFields): Promise<boolean>;
  /** Moves one end of the selected highlight by a word (or a character when word snapping is off). */
  adjustSelectedBoundary(move: BoundaryMove): Promise<void>;
  deleteHighlight(highlightId: string): Promise<void>;
}

export const createDocumentSlice: StateCreator<AppState, [], [], DocumentSlice> = (set, get) => {
  const replaceHighlight = (updated: Highlight): void =>
    set((s) => ({ highlights: sortByPosition(s.highlights.map((h) => (h.id === updated.id ? updated : h))) }));
  const selected = (): Highlight | undefined => get().highlights.find((h) => h.id === get().selectedHighlightId);

  return {
    document: null,
    highlights: [],
    selectedHighlightId: null,
    pendingSelection: null,

    async openDocument(documentId) {
      const opened = await callApi('getDocument', { documentId });
      set({
        document: opened.document,
        highlights: sortByPosition(opened.highlights),
        selectedHighlightId: null,
        pendingSelection: null,
      });
    },

    setPendingSelection(span) {
      set({ pendingSelection: span });
    },

    selectHighlight(highlightId) {
      set({ selectedHighlightId: highlightId });
    },

    selectAdjacent(delta) {
      const visible = selectVisibleHighlights(get());
      if (visible.length === 0) return;
      const index = visible.findIndex((h) => h.id === get().selectedHighlightId);
      const next = index < 0 ? (delta > 0 ? 0 : visible.length - 1) : index + delta;
      const target = visible[Math.max(0, Math.min(visible.length - 1, next))];
      if (target) set({ selectedHighlightId: target.id, pendingSelection: null });
    },

    async highlightSelection(tagId) {
      const { document, pendingSelection } = get();
      if (!document || !pendingSelection) return false;
      const { start, end } = pendingSelection;
      return get().runChange(async () => {
        const created = await callApi('createHighlight', {
          documentId: document.id,
          start,
          end,
          quote: document.text.slice(start, end),
          tagIds: [tagId],
        });
        set((s) => ({
          highlights: sortByPosition([...s.highlights, created]),
          selectedHighlightId: created.id,
          pendingSelection: null,
        }));
      });
    },

    async toggleTagOnSelected(tagId) {
      const highlight = selected();
      if (!highlight) return;
      const tagIds = highlight.tagIds.includes(tagId)
        ? highlight.tagIds.filter((id) => id !== tagId)
        : [...highlight.tagIds, tagId];
      await get().updateHighlight(highlight.id, { tagIds });
    },

    async updateHighlight(highlightId, fields) {
      return get().runChange(async () =>
        replaceHighlight(await callApi('updateHighlight', { highlightId, ...fields })),
      );
    },

    async adjustSelectedBoundary(move) {
      const highlight = selected();
      const { document, settings } = get();
      if (!highlight || !document) return;
      const span = moveBoundary(document.text, highlight, move, settings.snapToWords);
      if (!span) return;
      await get().updateHighlight(highlight.id, {
        bounds: { ...span, quote: document.text.slice(span.start, span.end) },
      });
    },

    async deleteHighlight(highlightId) {
      await get().runChange(async () => {
        await callApi('deleteHighlight', { highlightId });
        set((s) => ({
          highlights: s.highlights.filter((h) => h.id !== highlightId),
          selectedHighlightId: s.selectedHighlightId === highlightId ? null : s.selectedHighlightId,
        }));
      });
    },
  };
};
