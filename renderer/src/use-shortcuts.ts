import { inTreeOrder } from '../../shared/tag-paths';
import { useEffect } from 'react';
import type { BoundaryMove } from './features/article/word-boundaries';
import { BOUNDARY_KEYS } from './features/article/boundary-keys';
import { isTextField } from './ui/is-text-field';
import { appStore } from './store/app-store';
import { applyTag } from './features/codebook/apply-tag';

const boundaryByKey = new Map(
  (Object.entries(BOUNDARY_KEYS) as Array<[BoundaryMove, { key: string }]>).map(([move, { key }]) => [key, move]),
);

/**
 * The app's keyboard shortcuts. With Ctrl/Cmd: Z undo, Shift+Z or Y redo, F find, Shift+F search the library, Shift+G coded segments, Shift+M the stance map, Shift+L stances over time, E export (in text fields Z and Y stay the
 * field's own). Single keys, when no text field has the focus: 1–9 apply the first nine tags, Delete removes the
 * selected highlight, J/K move through the Highlights list, [ ] { } move the selected highlight's ends, Escape
 * deselects. (S, F/A/N/U and E belong to the selected-highlight panel.)
 */
export function useShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      const state = appStore.getState();
      if (state.openDialog || state.confirmation) return; // a modal dialog has the keyboard
      const key = event.key.toLowerCase();
      const typing = isTextField(event.target);

      if (event.ctrlKey || event.metaKey) {
        if (key === 'f' && !event.shiftKey && !event.altKey) {
          event.preventDefault();
          state.setFindOpen(true);
        } else if (key === 'f' && event.shiftKey && !event.altKey) {
          event.preventDefault();
          state.setOpenDialog('search');
        } else if (key === 'g' && event.shiftKey && !event.altKey) {
          event.preventDefault();
          state.setOpenDialog('coded-segments');
        } else if (key === 'm' && event.shiftKey && !event.altKey) {
          event.preventDefault();
          state.setOpenDialog('stance-map');
        } else if (key === 'l' && event.shiftKey && !event.altKey) {
          event.preventDefault();
          state.setOpenDialog('timeline');
        } else if (key === 'e' && !event.shiftKey && !event.altKey) {
          event.preventDefault();
          state.setOpenDialog('export');
        } else if (!typing && key === 'z') {
          event.preventDefault();
          void (event.shiftKey ? state.redo() : state.undo());
        } else if (!typing && key === 'y') {
          event.preventDefault();
          void state.redo();
        }
        return;
      }
      if (event.altKey || typing) return;

      if (/^[1-9]$/.test(event.key)) {
        // applyTag reads the selection itself: the selectionchange event of a key just pressed may not have come yet.
        // The number a tag shows in the sidebar: its place in the codebook as a tree.
        const tag = inTreeOrder(state.tags)[Number(event.key) - 1];
        if (tag) {
          event.preventDefault();
          void applyTag(tag.id);
        }
      } else if ((event.key === 'Delete' || event.key === 'Backspace') && state.selectedHighlightId) {
        event.preventDefault();
        void state.deleteHighlight(state.selectedHighlightId);
      } else if (key === 'j' || key === 'k') {
        event.preventDefault();
        state.selectAdjacent(key === 'j' ? 1 : -1);
      } else if (boundaryByKey.has(event.key) && state.selectedHighlightId) {
        event.preventDefault();
        void state.adjustSelectedBoundary(boundaryByKey.get(event.key)!);
      } else if (event.key === 'Escape') {
        state.selectHighlight(null);
        state.setArticleHint(null);
        window.getSelection()?.removeAllRanges();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
