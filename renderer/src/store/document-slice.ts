import type { StateCreator } from 'zustand';
import type { Highlight, StoredDocument } from '../../../shared/domain';
import { callApi } from '../api/client';
import { sortByPosition } from '../article/highlight-order';
import type { AppState } from './app-store';

export interface TextSpan {
  start: number;
  end: number;
}

export interface DocumentSlice {
  document: StoredDocument | null;
  /** The open document's highlights, always in text order. */
  highlights: Highlight[];
  selectedHighlightId: string | null;
  /** The passage selected in the article and not yet made a highlight. */
  pendingSelection: TextSpan | null;
  /** The last failed action, for the analyst; cleared by the next success. */
  actionError: string | null;
  openDocument(documentId: string): Promise<void>;
  setPendingSelection(span: TextSpan | null): void;
  selectHighlight(highlightId: string | null): void;
  /** Makes the pending selection a highlight with this tag. */
  highlightSelection(tagId: string): Promise<void>;
  /** Adds the tag to the selected highlight, or removes it when it is there already. */
  toggleTagOnSelected(tagId: string): Promise<void>;
  deleteHighlight(highlightId: string): Promise<void>;
}

export const createDocumentSlice: StateCreator<AppState, [], [], DocumentSlice> = (set, get) => {
  /** Runs a change through the save tracker and reports a failure in the UI instead of throwing. */
  const change = async (write: () => Promise<void>): Promise<void> => {
    try {
      await get().trackWrite(write);
      set({ actionError: null });
    } catch (error) {
      set({ actionError: (error as Error).message });
    }
  };
  const replaceHighlight = (updated: Highlight): void =>
    set((s) => ({ highlights: s.highlights.map((h) => (h.id === updated.id ? updated : h)) }));

  return {
    document: null,
    highlights: [],
    selectedHighlightId: null,
    pendingSelection: null,
    actionError: null,

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

    async highlightSelection(tagId) {
      const { document, pendingSelection } = get();
      if (!document || !pendingSelection) return;
      const { start, end } = pendingSelection;
      await change(async () => {
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
      const selected = get().highlights.find((h) => h.id === get().selectedHighlightId);
      if (!selected) return;
      const tagIds = selected.tagIds.includes(tagId)
        ? selected.tagIds.filter((id) => id !== tagId)
        : [...selected.tagIds, tagId];
      await change(async () =>
        replaceHighlight(await callApi('setHighlightTags', { highlightId: selected.id, tagIds })),
      );
    },

    async deleteHighlight(highlightId) {
      await change(async () => {
        await callApi('deleteHighlight', { highlightId });
        set((s) => ({
          highlights: s.highlights.filter((h) => h.id !== highlightId),
          selectedHighlightId: s.selectedHighlightId === highlightId ? null : s.selectedHighlightId,
        }));
      });
    },
  };
};
