import { appStore } from './app-store';

/** What a tag button or number key does: highlight the selected passage, else toggle the tag on the selected highlight. */
export async function applyTag(tagId: string): Promise<void> {
  const state = appStore.getState();
  if (state.pendingSelection) {
    if (await state.highlightSelection(tagId)) window.getSelection()?.removeAllRanges();
  } else if (state.selectedHighlightId) {
    await state.toggleTagOnSelected(tagId);
  }
}
