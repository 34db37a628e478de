import type { StateCreator } from 'zustand';
import type { DocumentListItem, Entity, Settings, Tag, Variable } from '../../../shared/domain';
import type { ApiArgs, RecoverableDocumentInfo, Workspace } from '../../../shared/api-contract';
import { callApi } from '../api/client';
import type { AppState } from './app-store';
import { pageIdle } from './page-idle';

export interface WorkspaceSlice {
  loadState: 'loading' | 'ready' | 'failed';
  loadError: string | null;
  documents: DocumentListItem[];
  /**
   * Whether {@link documents} has come: the listing follows the first screen (at 20,000 documents it is 4.5 MB), so the
   * Library may be shown a moment before it.
   */
  documentsListed: boolean;
  /** The revision of {@link documents} (api-contract.ts, `DocumentListing`): asked again, it is sent only if changed. */
  listingRevision: string | null;
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
  /** Fetches the holders, targets and variables again, e.g. after a change created entries. */
  reloadEntities(): Promise<void>;
  /** Fetches the documents' listing again, if it changed since the one the page holds. */
  reloadDocuments(): Promise<void>;
  /** Both: the lists the Library shows (documents with their counts and variables' values). */
  reloadLibrary(): Promise<void>;
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
const libraryLists = ({ tags, entities, variables, settings, recoverable }: Workspace) => ({
  recoverable,
  tags,
  entities,
  variables,
  settings,
});

/** How long after the listing has come the backend is asked to read the documents, if the page is never idle. */
const READ_DOCUMENTS_WITHIN_MS = 1_000;

/**
 * The listing last asked for, until it has come. Listings are asked for one at a time: one asked for while another is
 * on its way waits for it, then sends the revision it brought, and is answered in some 60 bytes if nothing changed
 * since. Asked for at once, both came whole: at 20,000 documents the Library clicked just after the start's
 * document showed asked for its 4.5 MB a second time, and showed its rows only once that copy had come (0.3 s later).
 * In order, too, the last answer is the one asked for last.
 */
let listingOnItsWay: Promise<unknown> = Promise.resolve();

export const createWorkspaceSlice: StateCreator<AppState, [], [], WorkspaceSlice> = (set, get) => ({
  loadState: 'loading',
  loadError: null,
  documents: [],
  documentsListed: false,
  listingRevision: null,
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
      const documentId = workspace.startDocumentId;
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
      // The listing comes while the document is shown, asked for once the document has come: the document does not
      // need it, and at 20,000 documents it is 4.5 MB for the backend to write (which would hold up the document) and
      // for the page to read.
      const listed = get().reloadDocuments();
      if (opened !== null) {
        set((s) => ({ view: 'library', notices: [...s.notices, `The last document could not be opened: ${opened}`] }));
      }
      set({ loadState: 'ready' });
      await listed;
      // Just after start-up the backend has not read the documents yet: it reads them when asked, asked here once the
      // page is idle (at 20,000 documents, seconds of a processor that the Library's first rows need). Once it has,
      // take any notice about a document it had to restore, and the listing if reading them changed it (counts
      // corrected, a document restored).
      if (workspace.loading) {
        await pageIdle(READ_DOCUMENTS_WITHIN_MS);
        const loaded = await callApi('documentsLoaded', {});
        set((s) => ({
          recoverable: loaded.recoverable,
          notices: [...s.notices, ...loaded.notices.slice(workspace.notices.length)],
        }));
        await get().reloadDocuments();
      }
    } catch (error) {
      set({ loadState: 'failed', loadError: (error as Error).message });
    }
  },

  async refresh() {
    const [workspace] = await Promise.all([callApi('getWorkspace', {}), get().reloadDocuments()]);
    set(libraryLists(workspace));
    const { document, selectedHighlightId, documents } = get();
    if (document && documents.some((d) => d.id === document.id)) {
      await get().openDocument(document.id);
      if (get().highlights.some((h) => h.id === selectedHighlightId)) set({ selectedHighlightId });
    } else {
      // The open document is gone (deleted, or an undone import): open the one the library remembers, if any.
      const next = workspace.startDocumentId;
      if (next && documents.some((d) => d.id === next)) await get().openDocument(next);
      else set({ document: null, highlights: [], orphans: [], selectedHighlightId: null });
    }
  },

  async reloadEntities() {
    const { entities, variables } = await callApi('getWorkspace', {});
    set({ entities, variables });
  },

  async reloadLibrary() {
    await Promise.all([get().reloadEntities(), get().reloadDocuments()]);
  },

  reloadDocuments() {
    // Asked for once the listing on its way (if any) has come, whether or not it came.
    const asked = listingOnItsWay.then(
      () => listDocuments(set, get),
      () => listDocuments(set, get),
    );
    listingOnItsWay = asked;
    return asked;
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

/** Asks for the listing, unless the page holds its current revision, and takes it. */
async function listDocuments(set: Parameters<StateCreator<AppState>>[0], get: () => AppState): Promise<void> {
  const held = get().listingRevision;
  const { revision, documents } = await callApi('listDocuments', held === null ? {} : { unlessRevision: held });
  set({ listingRevision: revision, documentsListed: true, ...(documents && { documents }) });
}
