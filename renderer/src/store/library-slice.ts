import type { StateCreator } from 'zustand';
import type { ApiArgs } from '../../../shared/api-contract';
import { callApi } from '../api/client';
import type { AppState } from './app-store';

export interface ImportProgress {
  done: number;
  total: number;
  current: string;
}

export interface ImportReport {
  imported: string[];
  duplicates: Array<{ name: string; existing: string }>;
  failed: Array<{ name: string; reason: string }>;
}

export interface LibrarySlice {
  view: 'document' | 'library';
  importProgress: ImportProgress | null;
  importReport: ImportReport | null;
  setView(view: 'document' | 'library'): void;
  /** Imports files one after another; one that fails is reported and the rest go on. */
  importFiles(files: readonly File[]): Promise<void>;
  importPastedText(title: string, text: string): Promise<string | null>;
  updateDocumentMeta(documentId: string, changes: Omit<ApiArgs<'updateDocument'>, 'documentId'>): Promise<boolean>;
  /** Asks first (with how many highlights go with it), then deletes; undoable. */
  deleteDocument(documentId: string): Promise<void>;
  /** Re-adds a document found intact in files moved aside after damage (one undo step). */
  bringBackDocument(documentId: string): Promise<void>;
  dismissImportReport(): void;
}

/** A file's bytes as base64, the way the API takes them. */
function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}

export const createLibrarySlice: StateCreator<AppState, [], [], LibrarySlice> = (set, get) => ({
  view: 'document',
  importProgress: null,
  importReport: null,

  setView(view) {
    set({ view });
    // The library shows current highlight counts.
    if (view === 'library')
      void get()
        .reloadEntities()
        .catch(() => undefined);
  },

  async importFiles(files) {
    const report: ImportReport = { imported: [], duplicates: [], failed: [] };
    set({ importReport: null, importProgress: { done: 0, total: files.length, current: files[0]?.name ?? '' } });
    for (const [index, file] of files.entries()) {
      set({ importProgress: { done: index, total: files.length, current: file.name } });
      try {
        const result = await callApi('importFile', { fileName: file.name, data: await readAsBase64(file) });
        if (result.status === 'imported') report.imported.push(file.name);
        else report.duplicates.push({ name: file.name, existing: result.document.title });
      } catch (error) {
        report.failed.push({ name: file.name, reason: (error as Error).message });
      }
    }
    if (report.imported.length > 0) set({ canUndo: true, canRedo: false });
    set({ importProgress: null, importReport: report });
    await get().refresh();
  },

  async importPastedText(title, text) {
    let documentId: string | null = null;
    await get().runChange(async () => {
      const result = await callApi('importText', { title, text });
      documentId = result.document.id;
      set({
        importReport:
          result.status === 'imported'
            ? { imported: [title], duplicates: [], failed: [] }
            : { imported: [], duplicates: [{ name: title, existing: result.document.title }], failed: [] },
      });
      await get().refresh();
    });
    return documentId;
  },

  async updateDocumentMeta(documentId, changes) {
    return get().runChange(async () => {
      const updated = await callApi('updateDocument', { documentId, ...changes });
      set((s) => ({
        documents: s.documents.map((d) => (d.id === documentId ? updated : d)),
        document:
          s.document?.id === documentId ? { ...s.document, title: updated.title, meta: updated.meta } : s.document,
      }));
    });
  },

  async deleteDocument(documentId) {
    const summary = get().documents.find((d) => d.id === documentId);
    if (!summary) return;
    const ok = await get().confirm(
      `Delete "${summary.title}"? ${summary.highlightCount} highlight(s) go with it. Undo brings both back.`,
      'Delete document',
    );
    if (!ok) return;
    await get().runChange(async () => {
      await callApi('deleteDocument', { documentId });
      if (get().document?.id === documentId) set({ document: null, highlights: [], selectedHighlightId: null });
      await get().refresh();
    });
  },

  async bringBackDocument(documentId) {
    await get().runChange(async () => {
      await callApi('bringBackDocument', { documentId });
      await get().refresh();
    });
  },

  dismissImportReport: () => set({ importReport: null }),
});
