import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { createNoteSlice, type NoteSlice } from '../features/highlights/note-slice';
import { createCoderSlice, type CoderSlice } from '../features/team/coder-slice';
import { createCodebookSlice, type CodebookSlice } from '../features/codebook/codebook-slice';
import { createConfirmSlice, type ConfirmSlice } from './confirm-slice';
import { createDocumentSlice, type DocumentSlice } from '../features/article/document-slice';
import { createEntitySlice, type EntitySlice } from '../features/stances/entity-slice';
import { createFilterSlice, type FilterSlice } from '../features/highlights/filter-slice';
import { createHistorySlice, type HistorySlice } from './history-slice';
import { createLibrarySlice, type LibrarySlice } from '../features/library/library-slice';
import { createSaveSlice, type SaveSlice } from './save-slice';
import { createUiSlice, type UiSlice } from './ui-slice';
import { createWorkspaceSlice, type WorkspaceSlice } from './workspace-slice';

/** The renderer's one store, built from feature slices (zustand's slices pattern). */
export type AppState = WorkspaceSlice &
  DocumentSlice &
  CodebookSlice &
  EntitySlice &
  FilterSlice &
  HistorySlice &
  ConfirmSlice &
  UiSlice &
  LibrarySlice &
  SaveSlice &
  CoderSlice &
  NoteSlice;

/** A fresh store; tests make their own so that each starts clean. */
export function createAppStore() {
  return createStore<AppState>()((...a) => ({
    ...createWorkspaceSlice(...a),
    ...createDocumentSlice(...a),
    ...createCodebookSlice(...a),
    ...createEntitySlice(...a),
    ...createFilterSlice(...a),
    ...createHistorySlice(...a),
    ...createConfirmSlice(...a),
    ...createUiSlice(...a),
    ...createLibrarySlice(...a),
    ...createSaveSlice(...a),
    ...createCoderSlice(...a),
    ...createNoteSlice(...a),
  }));
}

export const appStore = createAppStore();

export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, selector);
}
