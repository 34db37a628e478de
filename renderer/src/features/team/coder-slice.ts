import type { StateCreator } from 'zustand';
import type { Highlight } from '../../../../shared/domain';
import { CURATED_CODER } from '../../../../shared/agreement/disagreements';
import { callApi } from '../../api/client';
import { sortByPosition } from '../article/highlight-order';
import type { AppState } from '../../store/app-store';
import type { TextSpan } from '../article/text-span';

export interface CoderSlice {
  /** The name offered when the coder is asked for theirs (the login name on this computer). */
  suggestedCoder: string;
  /** A highlight waiting for the coder's name before it is made: its passage and the tag it gets. */
  coderPrompt: { tagId: string; span: TextSpan } | null;
  /** Names who is coding (no undo step: who works is not an edit of the work). Resolves to success. */
  setCoder(name: string): Promise<boolean>;
  askCoderThenHighlight(tagId: string): void;
  /** Names the coder, then makes the highlight that was waiting for it. */
  answerCoderPrompt(name: string): Promise<boolean>;
  cancelCoderPrompt(): void;
  /** Whether the current coder may change this highlight: their own, or one made before coders were named. */
  isOwnHighlight(highlight: Pick<Highlight, 'annotator'>): boolean;
  /** Copies another coder's highlight as the current coder's, and selects the copy. */
  adoptHighlight(highlightId: string): Promise<void>;
  /** Accepts a coder's version of a disagreement into the curated layer, and selects it there (to edit if need be). */
  curateHighlight(highlightId: string): Promise<void>;
  /** Rejects a disagreement in the open document, or reopens it. */
  rejectDisagreement(documentId: string, key: string, rejected: boolean): Promise<void>;
}

export const createCoderSlice: StateCreator<AppState, [], [], CoderSlice> = (set, get) => ({
  suggestedCoder: '',
  coderPrompt: null,

  async setCoder(name) {
    const trimmed = name.trim();
    set((s) => ({ settings: { ...s.settings, annotator: trimmed } }));
    return get().runChange(async () => set({ settings: await callApi('setCoder', { name: trimmed }) }), {
      undoStep: false,
    });
  },

  askCoderThenHighlight(tagId) {
    const span = get().pendingSelection;
    if (span) set({ coderPrompt: { tagId, span } });
  },

  async answerCoderPrompt(name) {
    const prompt = get().coderPrompt;
    if (!(await get().setCoder(name))) return false;
    set({ coderPrompt: null });
    // The dialog took the focus, and with it the article's selection: the passage is put back to be highlighted.
    if (prompt) {
      set({ pendingSelection: prompt.span });
      await get().highlightSelection(prompt.tagId);
    }
    return true;
  },

  cancelCoderPrompt() {
    set({ coderPrompt: null });
  },

  isOwnHighlight(highlight) {
    const { annotator } = highlight;
    // The curated layer is the team's adjudicated version: whoever adjudicates edits it.
    return annotator === '' || annotator === CURATED_CODER || annotator === get().settings.annotator;
  },

  async adoptHighlight(highlightId) {
    await get().runChange(async () => {
      const copy = await callApi('adoptHighlight', { highlightId, id: crypto.randomUUID() });
      set((s) => ({ highlights: sortByPosition([...s.highlights, copy]), selectedHighlightId: copy.id }));
    });
  },

  async curateHighlight(highlightId) {
    await get().runChange(async () => {
      const copy = await callApi('curateHighlight', { highlightId, id: crypto.randomUUID() });
      set((s) => ({ highlights: sortByPosition([...s.highlights, copy]), selectedHighlightId: copy.id }));
    });
  },

  async rejectDisagreement(documentId, key, rejected) {
    await get().runChange(async () => {
      set({ settings: await callApi('rejectDisagreement', { documentId, key, rejected }) });
    });
  },
});
