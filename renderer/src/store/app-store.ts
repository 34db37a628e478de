import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { createDocumentSlice, type DocumentSlice } from './document-slice';
import { createSaveSlice, type SaveSlice } from './save-slice';
import { createWorkspaceSlice, type WorkspaceSlice } from './workspace-slice';

/** The renderer's one store, built from feature slices (zustand's slices pattern). */
export type AppState = WorkspaceSlice & DocumentSlice & SaveSlice;

/** A fresh store; tests make their own so that each starts clean. */
export function createAppStore() {
  return createStore<AppState>()((...a) => ({
    ...createWorkspaceSlice(...a),
    ...createDocumentSlice(...a),
    ...createSaveSlice(...a),
  }));
}

export const appStore = createAppStore();

export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, selector);
}
