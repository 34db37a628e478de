import type { DocumentSummary } from '../../../shared/domain';
import { findDocument } from './lookup';
import type { HandlerContext, Handlers } from './types';

type WorkspaceHandlers = Pick<
  Handlers,
  'getWorkspace' | 'getDocument' | 'updateSettings' | 'setReadingPosition' | 'undo' | 'redo'
>;

export function workspaceHandlers({ library }: HandlerContext): WorkspaceHandlers {
  return {
    async getWorkspace() {
      const { data } = library;
      const counts = new Map<string, number>();
      for (const h of data.highlights) counts.set(h.documentId, (counts.get(h.documentId) ?? 0) + 1);
      // Counted in one pass here (not per document): a library of thousands of documents opens at once.
      const documents: DocumentSummary[] = data.documents.map(({ text, ...rest }) => ({
        ...rest,
        charCount: text.length,
        highlightCount: counts.get(rest.id) ?? 0,
      }));
      return {
        documents,
        tags: data.tags,
        actors: data.actors,
        targets: data.targets,
        settings: data.settings,
        history: library.history(),
        notices: [...library.store.notices],
      };
    },

    async getDocument({ documentId }) {
      const { data } = library;
      const document = findDocument(data, documentId);
      const highlights = data.highlights.filter((h) => h.documentId === documentId);
      if (data.settings.lastDocumentId !== documentId) {
        // Where the analyst is, not an edit: saved, but not an undo step. If this write fails the document still
        // opens; the next successful write carries the position.
        data.settings = { ...data.settings, lastDocumentId: documentId };
        await library.store.save({ library: true }).catch(() => undefined);
      }
      return { document, highlights };
    },

    async updateSettings(changes) {
      const before = library.data.settings;
      const after = { ...before, ...definedOnly(changes) };
      await library.commit('Change settings', [{ kind: 'settings', before, after }]);
      return after;
    },

    async setReadingPosition({ documentId, offset }) {
      const { data } = library;
      const document = findDocument(data, documentId);
      const clamped = Math.min(offset, document.text.length);
      // Where the analyst is, not an edit: saved, but not an undo step.
      data.settings = {
        ...data.settings,
        readingPositions: { ...data.settings.readingPositions, [documentId]: clamped },
      };
      await library.store.save({ library: true });
      return { offset: clamped };
    },

    async undo() {
      const label = await library.undo();
      return { label, history: library.history() };
    },

    async redo() {
      const label = await library.redo();
      return { label, history: library.history() };
    },
  };
}

/** The fields of a partial update that were given (zod leaves absent optional fields undefined). */
export function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
