import type { StateCreator } from 'zustand';
import type { ApiArgs } from '../../../../shared/api-contract';
import type { Highlight, StoredDocument } from '../../../../shared/domain';
import { quoteWithContext } from '../../../../shared/text-context';
import { callApi } from '../../api/client';
import { sortByPosition } from './highlight-order';
import { moveBoundary, type BoundaryMove } from './word-boundaries';
import type { AppState } from '../../store/app-store';
import { compactHighlights, keepUnchanged } from './compact-highlights';
import type { TextSpan } from './text-span';
import { ArticleDom } from './article-dom';
import { ArticlePainter } from './paint-highlights';

type HighlightFields = Omit<ApiArgs<'updateHighlight'>, 'highlightId'>;

export interface DocumentSlice {
  /** The article as rendered (registered by ArticleView): offsets to DOM ranges and back. */
  articleDom: ArticleDom;
  /** Paints the open document's highlights over the article, changing only what changed since its last paint. */
  painter: ArticlePainter;
  document: StoredDocument | null;
  /** The open document's highlights, always in text order. */
  highlights: Highlight[];
  /** Its highlights that lost their place when its text was replaced (domain.ts, `anchor`). */
  orphans: Highlight[];
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
  /** Gives an orphan the passage selected in the article as its place: one step to undo. */
  reattachOrphan(highlightId: string): Promise<boolean>;
}

export const createDocumentSlice: StateCreator<AppState, [], [], DocumentSlice> = (set, get) => {
  /**
   * Creations not yet acknowledged, by highlight id. A new highlight is shown, selected and editable at once (its id
   * is chosen here), and a change to it waits for its creation to be acknowledged, so the backend sees them in order.
   */
  const creating = new Map<string, Promise<boolean>>();
  /** The boundary moves asked for, one after another (adjustSelectedBoundary). */
  let boundaryMoves: Promise<void> = Promise.resolve();
  const replaceHighlight = (updated: Highlight): void =>
    set((s) => ({ highlights: sortByPosition(s.highlights.map((h) => (h.id === updated.id ? updated : h))) }));
  const selected = (): Highlight | undefined => get().highlights.find((h) => h.id === get().selectedHighlightId);
  /** The selected highlight if the coder may change it; else says whose it is (in the article's hint line). */
  const selectedOwn = (): Highlight | undefined => {
    const highlight = selected();
    if (highlight && !get().isOwnHighlight(highlight)) {
      get().setArticleHint(`This highlight is ${highlight.annotator}'s: adopt it to change your own copy.`);
      return undefined;
    }
    return highlight;
  };
  const waitForCreation = async (highlightId: string): Promise<void> => {
    const pending = creating.get(highlightId);
    if (pending && !(await pending)) throw new Error('This highlight is not saved yet: its creation failed.');
  };

  return {
    articleDom: new ArticleDom(),
    painter: new ArticlePainter(),
    document: null,
    highlights: [],
    orphans: [],
    selectedHighlightId: null,
    pendingSelection: null,

    async openDocument(documentId) {
      const opened = await callApi('getDocument', { documentId });
      const current = get();
      // Reopening the document on screen (after an undo, say): records that did not change stay the same objects,
      // so the article repaints only what did.
      const previous = current.document?.id === documentId ? current.highlights : [];
      set({
        document: opened.document,
        highlights: sortByPosition(keepUnchanged(previous, compactHighlights(opened.highlights, opened.document))),
        orphans: opened.orphans,
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
      const visible = get().visibleHighlights();
      if (visible.length === 0) return;
      const index = visible.findIndex((h) => h.id === get().selectedHighlightId);
      const next = index < 0 ? (delta > 0 ? 0 : visible.length - 1) : index + delta;
      const target = visible[Math.max(0, Math.min(visible.length - 1, next))];
      if (target) set({ selectedHighlightId: target.id, pendingSelection: null });
    },

    async highlightSelection(tagId) {
      const { document, pendingSelection, settings } = get();
      if (!document || !pendingSelection) return false;
      // Every highlight records its coder: the first one waits for the coder's name.
      if (settings.annotator === '') {
        get().askCoderThenHighlight(tagId);
        return false;
      }
      const { start, end } = pendingSelection;
      const timestamp = new Date().toISOString();
      const shown: Highlight = {
        id: crypto.randomUUID(),
        documentId: document.id,
        start,
        end,
        ...quoteWithContext(document.text, start, end),
        tagIds: [tagId],
        stances: [],
        note: '',
        annotator: settings.annotator,
        createdAt: timestamp,
        updatedAt: timestamp,
      };
      set((s) => ({
        highlights: sortByPosition([...s.highlights, shown]),
        selectedHighlightId: shown.id,
        pendingSelection: null,
      }));
      // If the write fails the highlight stays on screen, and "Try again" repeats this same creation.
      const created = get().runChange(async () => {
        const saved = await callApi('createHighlight', {
          id: shown.id,
          documentId: shown.documentId,
          start,
          end,
          quote: shown.quote,
          tagIds: [...shown.tagIds],
        });
        replaceHighlight(saved);
      });
      creating.set(shown.id, created);
      const ok = await created;
      if (ok) creating.delete(shown.id);
      return ok;
    },

    async toggleTagOnSelected(tagId) {
      const highlight = selectedOwn();
      if (!highlight) return;
      const tagIds = highlight.tagIds.includes(tagId)
        ? highlight.tagIds.filter((id) => id !== tagId)
        : [...highlight.tagIds, tagId];
      await get().updateHighlight(highlight.id, { tagIds });
    },

    async updateHighlight(highlightId, fields) {
      return get().runChange(async () => {
        // A change to a highlight just made goes after its creation, or the backend would not know it yet.
        await waitForCreation(highlightId);
        replaceHighlight(await callApi('updateHighlight', { highlightId, ...fields }));
      });
    },

    async adjustSelectedBoundary(move) {
      const highlightId = selectedOwn()?.id;
      if (!highlightId) return;
      // Each move starts from where the one before it left the highlight: `]` pressed three times quickly is three
      // words, not one (each would otherwise be measured from the same, not yet answered, place).
      const moved = boundaryMoves.then(async () => {
        const highlight = get().highlights.find((h) => h.id === highlightId);
        const { document, settings } = get();
        if (!highlight || !document || document.id !== highlight.documentId) return;
        const span = moveBoundary(document.text, highlight, move, settings.snapToWords);
        if (!span) return;
        await get().updateHighlight(highlightId, {
          bounds: { ...span, quote: document.text.slice(span.start, span.end) },
        });
      });
      boundaryMoves = moved.catch(() => undefined);
      await moved;
    },

    async reattachOrphan(highlightId) {
      const { document, pendingSelection } = get();
      const orphan = get().orphans.find((h) => h.id === highlightId);
      if (!document || !orphan) return false;
      if (!pendingSelection) {
        get().setArticleHint('Select the passage in the article first, then choose “Re-attach”.');
        return false;
      }
      if (!get().isOwnHighlight(orphan)) {
        get().setArticleHint(`This highlight is ${orphan.annotator}'s: only they can re-attach it.`);
        return false;
      }
      const { start, end } = pendingSelection;
      return get().runChange(async () => {
        const placed = await callApi('updateHighlight', {
          highlightId,
          bounds: { start, end, quote: document.text.slice(start, end) },
        });
        set((s) => ({
          orphans: s.orphans.filter((h) => h.id !== highlightId),
          highlights: sortByPosition([...s.highlights, placed]),
          selectedHighlightId: placed.id,
          pendingSelection: null,
        }));
      });
    },

    async deleteHighlight(highlightId) {
      const highlight =
        get().highlights.find((h) => h.id === highlightId) ?? get().orphans.find((h) => h.id === highlightId);
      if (highlight && !get().isOwnHighlight(highlight)) {
        get().setArticleHint(`This highlight is ${highlight.annotator}'s: only they can delete it.`);
        return;
      }
      await get().runChange(async () => {
        await waitForCreation(highlightId);
        await callApi('deleteHighlight', { highlightId });
        set((s) => ({
          highlights: s.highlights.filter((h) => h.id !== highlightId),
          orphans: s.orphans.filter((h) => h.id !== highlightId),
          selectedHighlightId: s.selectedHighlightId === highlightId ? null : s.selectedHighlightId,
        }));
      });
    },
  };
};
