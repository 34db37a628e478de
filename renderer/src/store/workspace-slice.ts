import type { StateCreator } from 'zustand';
import type { DocumentListItem, Entity, Settings, Tag, Variable } from '../../../shared/domain';
import type { ApiArgs, RecoverableDocumentInfo, Workspace } from '../../../shared/api-contract';
import { callApi } from '../api/client';
import type { AppState } from './app-store';

export interface WorkspaceSlice {
  loadState: 'loading' | 'ready' | 'failed';
  loadError: string | null;
  documents: DocumentListItem[];
  tags: Tag[];
  /** Holders and targets: one list. */
  entities: Entity[];
  /** The library's document variables (their values are on each document). */
  variables: Variable[];
  settings: Settings;
  /** Start-up messages from the backend, shown until dismissed. */
  notices: string[];
  /** Documents found intact in files moved aside after damage, which the analyst can bring back. */
  recoverable: RecoverableDocumentInfo[];
  /** Loads the library and opens the document the analyst last had open (the sample on a first start). */
  loadWorkspace(): Promise<void>;
  /** Reloads everything from the backend (after undo, or a change that touched many records). */
  refresh(): Promise<void>;
  /** Fetches the lists (holders, targets, documents with their counts) again, e.g. after a change created entries. */
  reloadEntities(): Promise<void>;
  updateSettings(changes: Partial<Pick<Settings, 'annotator' | 'snapToWords'>>): Promise<void>;
  dismissNotice(index: number): void;
  /**
   * Remembers the Export dialog's choices (shown at once; a failure costs only the preference, so it is not
   * reported).
   */
  rememberExportChoices(choices: ApiArgs<'rememberExportChoices'>): Promise<void>;
  /** Remembers where the analyst is in a document; a failure costs only the place, so it is not reported. */
  saveReadingPosition(documentId: string, offset: number): Promise<void>;
}

/** The parts of the workspace the store keeps as they are. */
const libraryLists = ({ documents, tags, entities, variables, settings, recoverable }: Workspace) => ({
  documents,
  recoverable,
  tags,
  entities,
  variables,
  settings,
});

export const createWorkspaceSlice: StateCreator<AppState, [], [], WorkspaceSlice> = (set, get) => ({
  loadState: 'loading',
  loadError: null,
  documents: [],
  tags: [],
  entities: [],
  variables: [],
  settings: { annotator: '', lastDocumentId: null, snapToWords: true, readingPositions: {} },
  notices: [],
  recoverable: [],

  async loadWorkspace() {
    try {
      const workspace = await callApi('getWorkspace', {});
      set({
        ...libraryLists(workspace),
        notices: workspace.notices,
        suggestedCoder: workspace.suggestedCoder,
        canUndo: workspace.history.undoLabel !== null,
        canRedo: workspace.history.redoLabel !== null,
      });
      const documentId = workspace.settings.lastDocumentId ?? workspace.documents[0]?.id;
      // A document that cannot be opened never keeps the analyst from the rest of the library: the Library shows
      // instead, with the reason.
      const opened = documentId
        ? await get()
            .openDocument(documentId)
            .then(
              () => null,
              (error: Error) => error.message,
            )
        : null;
      if (opened !== null) {
        set((s) => ({ view: 'library', notices: [...s.notices, `The last document could not be opened: ${opened}`] }));
      }
      set({ loadState: 'ready' });
      // Just after start-up the backend is still reading the documents: once it has, take the listing if reading
      // them changed it (counts corrected, a document restored), and any notice about a document it had to restore.
      if (workspace.loading) {
        const loaded = await callApi('documentsLoaded', {});
        set((s) => ({
          ...(loaded.documents && { documents: loaded.documents }),
          recoverable: loaded.recoverable,
          notices: [...s.notices, ...loaded.notices.slice(workspace.notices.length)],
        }));
      }
    } catch (error) {
      set({ loadState: 'failed', loadError: (error as Error).message });
    }
  },

  async refresh() {
    const workspace = await callApi('getWorkspace', {});
    set(libraryLists(workspace));
    const { document, selectedHighlightId } = get();
    if (document && workspace.documents.some((d) => d.id === document.id)) {
      await get().openDocument(document.id);
      if (get().highlights.some((h) => h.id === selectedHighlightId)) set({ selectedHighlightId });
    } else {
      // The open document is gone (deleted, or an undone import): open the one the library remembers, if any.
      const next = workspace.settings.lastDocumentId ?? workspace.documents[0]?.id;
      if (next && workspace.documents.some((d) => d.id === next)) await get().openDocument(next);
      else set({ document: null, highlights: [], orphans: [], selectedHighlightId: null });
    }
  },

  async reloadEntities() {
    const { entities, documents, variables } = await callApi('getWorkspace', {});
    set({ entities, documents, variables });
  },

  async updateSettings(changes) {
    // Shown at once (a checkbox must follow the click); if the save fails, the status says so and offers a retry.
    set((s) => ({ settings: { ...s.settings, ...changes } }));
    await get().runChange(async () => set({ settings: await callApi('updateSettings', changes) }));
  },

  async rememberExportChoices(exportChoices) {
    set((s) => ({ settings: { ...s.settings, exportChoices } }));
    await callApi('rememberExportChoices', exportChoices).catch(() => undefined);
  },

  async saveReadingPosition(documentId, offset) {
    if (get().settings.readingPositions[documentId] === offset) return;
    set((s) => ({
      settings: { ...s.settings, readingPositions: { ...s.settings.readingPositions, [documentId]: offset } },
    }));
    await callApi('setReadingPosition', { documentId, offset }).catch(() => undefined);
  },

  dismissNotice(index) {
    set((s) => ({ notices: s.notices.filter((_, i) => i !== index) }));
  },
});
