import { useEffect } from 'react';
import { appStore } from './store/app-store';
import { applyTag } from './store/apply-tag';

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

/** Keys 1–9 apply the codebook's first nine tags; Delete removes the selected highlight; Escape deselects. */
export function useShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      const state = appStore.getState();
      if (/^[1-9]$/.test(event.key)) {
        const tag = state.tags[Number(event.key) - 1];
        if (tag && (state.pendingSelection || state.selectedHighlightId)) {
          event.preventDefault();
          void applyTag(tag.id);
        }
      } else if ((event.key === 'Delete' || event.key === 'Backspace') && state.selectedHighlightId) {
        event.preventDefault();
        void state.deleteHighlight(state.selectedHighlightId);
      } else if (event.key === 'Escape') {
        state.selectHighlight(null);
        window.getSelection()?.removeAllRanges();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
