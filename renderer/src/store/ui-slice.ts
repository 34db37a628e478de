import type { StateCreator } from 'zustand';
import type { AppState } from './app-store';

export type OpenDialog =
  | 'codebook'
  | 'entities'
  | 'export'
  | 'agreement'
  | 'search'
  | 'stance-map'
  | 'tag-matrix'
  | 'replace-text'
  | 'coded-segments'
  | 'timeline'
  | null;

export interface UiSlice {
  openDialog: OpenDialog;
  findOpen: boolean;
  /** A short message about the last click in the article (e.g. how many highlights overlap there). */
  articleHint: string | null;
  /** The selected-highlight panel folded to one line, leaving the list the room (kept while the app runs). */
  panelCollapsed: boolean;
  /** Curation mode: the side pane lists the coders' disagreements in the open document, to resolve. */
  curating: boolean;
  setCurating(curating: boolean): void;
  setPanelCollapsed(collapsed: boolean): void;
  setOpenDialog(dialog: OpenDialog): void;
  setFindOpen(open: boolean): void;
  setArticleHint(hint: string | null): void;
}

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  openDialog: null,
  findOpen: false,
  articleHint: null,
  panelCollapsed: false,
  curating: false,
  // Curating shows every coder's highlights (a disagreement is between layers), and folds the selected highlight's
  // panel to one line, leaving the list of disagreements the room.
  setCurating: (curating) =>
    set(curating ? { curating, layerCoder: null, compareCoder: null, panelCollapsed: true } : { curating }),
  setPanelCollapsed: (panelCollapsed) => set({ panelCollapsed }),
  setOpenDialog: (openDialog) => set({ openDialog }),
  setFindOpen: (findOpen) => set({ findOpen }),
  setArticleHint: (articleHint) => set({ articleHint }),
});
