import { appStore } from '../../store/app-store';

/** What a tag button or number key does: highlight the selected passage, else toggle the tag on the selected highlight. */
export async function applyTag(tagId: string): Promise<void> {
  let state = appStore.getState();
  // The selection may have moved in this very task (Shift+arrow, then a number key): read it now.
  const span = state.document && state.articleDom.selectedSpan(state.document.text, state.settings.snapToWords);
  if (span !== undefined && span !== null) {
    state.setPendingSelection(span);
    state = appStore.getState();
  }
  if (state.pendingSelection) {
    const created = state.highlightSelection(tagId);
    // The new highlight is painted now; the browser's selection over it would only hide it.
    window.getSelection()?.removeAllRanges();
    await created;
  } else if (state.selectedHighlightId) {
    await state.toggleTagOnSelected(tagId);
  }
}
