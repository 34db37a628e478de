import type { StateCreator } from 'zustand';
import type { DocumentSummary, Tag } from '../../../shared/domain';
import { callApi } from '../api/client';
import type { AppState } from './app-store';

export interface WorkspaceSlice {
  loadState: 'loading' | 'ready' | 'failed';
  loadError: string | null;
  documents: DocumentSummary[];
  tags: Tag[];
  /** Start-up messages from the backend, shown until dismissed. */
  notices: string[];
  /** Loads the library and opens the document the analyst last had open (the sample on a first start). */
  loadWorkspace(): Promise<void>;
  dismissNotice(index: number): void;
}

export const createWorkspaceSlice: StateCreator<AppState, [], [], WorkspaceSlice> = (set, get) => ({
  loadState: 'loading',
  loadError: null,
  documents: [],
  tags: [],
  notices: [],
  async loadWorkspace() {
    try {
      const workspace = await callApi('getWorkspace', {});
      set({ documents: workspace.documents, tags: workspace.tags, notices: workspace.notices });
      const documentId = workspace.settings.lastDocumentId ?? workspace.documents[0]?.id;
      if (documentId) await get().openDocument(documentId);
      set({ loadState: 'ready' });
    } catch (error) {
      set({ loadState: 'failed', loadError: (error as Error).message });
    }
  },
  dismissNotice(index) {
    set((s) => ({ notices: s.notices.filter((_, i) => i !== index) }));
  },
});
