import type { StateCreator } from 'zustand';
import type { ApiArgs } from '../../../../shared/api-contract';
import type { DocumentSummary } from '../../../../shared/domain';
import { ApiCallError, callApi } from '../../api/client';
import { readAsBase64 } from '../../api/read-as-base64';
import { describeReanchoring } from '../../../../shared/anchoring/describe-reanchoring';
import type { AppState } from '../../store/app-store';

export interface ImportProgress {
  done: number;
  total: number;
  current: string;
}

export interface ImportReport {
  imported: string[];
  duplicates: Array<{ name: string; existing: string }>;
  /** Files that were an updated version of a document: its text replaced, with what became of its highlights. */
  replaced?: Array<{ name: string; existing: string; highlights: string }>;
  failed: Array<{ name: string; reason: string }>;
}

export interface LibrarySlice {
  view: 'document' | 'library';
  /** The documents ticked in the Library (for a bulk edit, or an agreement over just those). */
  tickedDocumentIds: ReadonlySet<string>;
  setTickedDocumentIds(update: (current: ReadonlySet<string>) => ReadonlySet<string>): void;
  importProgress: ImportProgress | null;
  importReport: ImportReport | null;
  setView(view: 'document' | 'library'): void;
  /** Imports files one after another; one that fails is reported and the rest go on. */
  importFiles(files: readonly File[]): Promise<void>;
  /**
   * Adds pasted text as a document, or (asked first) replaces the text of the document of that title. Answers the
   * document and whether it is new; 'cancelled' when the analyst chose neither; null when it failed (shown).
   */
  importPastedText(title: string, text: string): Promise<{ documentId: string; added: boolean } | 'cancelled' | null>;
  /**
   * Puts a new version of the article in place of a document's text (pasted, or read from a file), its highlights
   * re-anchored: one step to undo. Resolves to what became of them, 'cancelled' when the job `jobId` was stopped
   * (nothing changed), or null when it failed (the failure is shown).
   */
  replaceDocumentText(
    documentId: string,
    from: { text: string } | { file: File },
    jobId?: string,
  ): Promise<string | 'cancelled' | null>;
  updateDocumentMeta(documentId: string, changes: Omit<ApiArgs<'updateDocument'>, 'documentId'>): Promise<boolean>;
  /** The same details for several documents, as one step to undo (the Library's bulk edit). */
  updateDocuments(
    documentIds: readonly string[],
    changes: Omit<ApiArgs<'updateDocuments'>, 'documentIds'>,
  ): Promise<boolean>;
  createVariable(args: ApiArgs<'createVariable'>): Promise<boolean>;
  updateVariable(args: ApiArgs<'updateVariable'>): Promise<boolean>;
  /** Asks first (with how many documents have a value), then deletes the variable and its values; undoable. */
  deleteVariable(variableId: string): Promise<void>;
  /** Asks first (with how many highlights go with it), then deletes; undoable. */
  deleteDocument(documentId: string): Promise<void>;
  /** Re-adds a document found intact in files moved aside after damage (one undo step). */
  bringBackDocument(documentId: string): Promise<void>;
  dismissImportReport(): void;
}

/** A document's summary as the open document's details: what is not a count or a size. */
const withoutCounts = ({ highlightCount: _h, charCount: _c, ...details }: DocumentSummary) => details;

export const createLibrarySlice: StateCreator<AppState, [], [], LibrarySlice> = (set, get) => ({
  view: 'document',
  tickedDocumentIds: new Set(),
  setTickedDocumentIds: (update) => set((s) => ({ tickedDocumentIds: update(s.tickedDocumentIds) })),
  importProgress: null,
  importReport: null,

  setView(view) {
    set({ view });
    // The library shows current highlight counts (the listing comes again only if a change since may have changed it).
    if (view === 'library')
      void get()
        .reloadLibrary()
        .catch(() => undefined);
  },

  async importFiles(files) {
    const report: ImportReport = { imported: [], duplicates: [], failed: [] };
    set({ importReport: null, importProgress: { done: 0, total: files.length, current: files[0]?.name ?? '' } });
    for (const [index, file] of files.entries()) {
      set({ importProgress: { done: index, total: files.length, current: file.name } });
      try {
        const args = { fileName: file.name, data: await readAsBase64(file) };
        let result = await callApi('importFile', args);
        if (result.status === 'changed') {
          const sameTitle = await askSameTitle(get, file.name, result.document);
          if (!sameTitle) {
            report.failed.push({ name: file.name, reason: `${file.name}: not imported (cancelled).` });
            continue;
          }
          result = await callApi('importFile', { ...args, sameTitle });
        }
        if (result.status === 'imported') report.imported.push(file.name);
        else if (result.status === 'replaced') {
          (report.replaced ??= []).push({
            name: file.name,
            existing: result.document.title,
            highlights: describeReanchoring(result.reanchored),
          });
        } else report.duplicates.push({ name: file.name, existing: result.document.title });
      } catch (error) {
        report.failed.push({ name: file.name, reason: (error as Error).message });
      }
    }
    if (report.imported.length > 0 || report.replaced) set({ canUndo: true, canRedo: false });
    set({ importProgress: null, importReport: report });
    await get().refresh();
  },

  async importPastedText(title, text) {
    let outcome: { documentId: string; added: boolean } | 'cancelled' | null = null;
    await get().runChange(async () => {
      let result = await callApi('importText', { title, text });
      if (result.status === 'changed') {
        const sameTitle = await askSameTitle(get, title, result.document);
        if (!sameTitle) {
          outcome = 'cancelled';
          return;
        }
        result = await callApi('importText', { title, text, sameTitle });
      }
      outcome = { documentId: result.document.id, added: result.status === 'imported' };
      const existing = result.document.title;
      set({
        importReport:
          result.status === 'imported'
            ? { imported: [title], duplicates: [], failed: [] }
            : result.status === 'replaced'
              ? {
                  imported: [],
                  duplicates: [],
                  replaced: [{ name: title, existing, highlights: describeReanchoring(result.reanchored) }],
                  failed: [],
                }
              : { imported: [], duplicates: [{ name: title, existing }], failed: [] },
      });
      await get().refresh();
    });
    return outcome;
  },

  async replaceDocumentText(documentId, from, jobId) {
    let account: string | 'cancelled' | null = null;
    await get().runChange(async () => {
      const input =
        'text' in from
          ? { text: from.text }
          : { file: { fileName: from.file.name, data: await readAsBase64(from.file) } };
      try {
        const { reanchored } = await callApi('replaceDocumentText', { documentId, ...input, ...(jobId && { jobId }) });
        account = describeReanchoring(reanchored);
      } catch (error) {
        // Stopped by the analyst: nothing changed, and nothing failed.
        if (!(error instanceof ApiCallError && error.error.code === 'cancelled')) throw error;
        account = 'cancelled';
        return 'unchanged';
      }
      await get().refresh();
    });
    return account;
  },

  async updateDocumentMeta(documentId, changes) {
    return get().runChange(async () => {
      const updated = await callApi('updateDocument', { documentId, ...changes });
      set((s) => ({
        documents: s.documents.map((d) => (d.id === documentId ? updated : d)),
        document: s.document?.id === documentId ? { ...s.document, ...withoutCounts(updated) } : s.document,
      }));
    });
  },

  async updateDocuments(documentIds, changes) {
    return get().runChange(async () => {
      const updated = new Map(
        (await callApi('updateDocuments', { documentIds: [...documentIds], ...changes })).map((d) => [d.id, d]),
      );
      set((s) => ({
        documents: s.documents.map((d) => updated.get(d.id) ?? d),
        document:
          s.document && updated.has(s.document.id)
            ? { ...s.document, ...withoutCounts(updated.get(s.document.id)!) }
            : s.document,
      }));
    });
  },

  async createVariable(args) {
    return get().runChange(async () => {
      const variable = await callApi('createVariable', args);
      set((s) => ({ variables: [...s.variables, variable] }));
    });
  },

  async updateVariable(args) {
    return get().runChange(async () => {
      await callApi('updateVariable', args);
      // Values a category no longer allows leave the documents: take the lists again.
      await get().reloadLibrary();
    });
  },

  async deleteVariable(variableId) {
    const variable = get().variables.find((v) => v.id === variableId);
    if (!variable) return;
    const used = get().documents.filter((d) => d.variables[variableId] !== undefined).length;
    const ok = await get().confirm(
      `Delete the variable "${variable.name}"? ${used} document${used === 1 ? '' : 's'} lose${used === 1 ? 's' : ''} ` +
        'its value. Undo brings both back.',
      'Delete variable',
    );
    if (!ok) return;
    await get().runChange(async () => {
      await callApi('deleteVariable', { variableId });
      await get().reloadLibrary();
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
      if (get().document?.id === documentId)
        set({ document: null, highlights: [], orphans: [], selectedHighlightId: null });
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

/**
 * Whether an import that is a new version of a document replaces its text or is added as a document of its own; null
 * when the analyst cancels.
 */
async function askSameTitle(
  get: () => AppState,
  name: string,
  existing: DocumentSummary,
): Promise<'replace' | 'add' | null> {
  const count = existing.highlightCount;
  const answer = await get().choose(
    `“${existing.title}” is in the library already with a different text. Is ${name} an updated version of it? ` +
      `Replacing its text moves its ${count} highlight${count === 1 ? '' : 's'} to the new text (any not found are ` +
      'kept as orphans); you can undo it.',
    'Replace its text',
    'Add as a new document',
  );
  return answer === 'confirm' ? 'replace' : answer === 'alternative' ? 'add' : null;
}
