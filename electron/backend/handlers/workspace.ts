import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import type { DocumentHighlight } from '../../../shared/api-contract';
import { documentListItem, isPlaced, type Highlight } from '../../../shared/domain';
import { textLengthOf } from '../storage/held-documents';
import { findDocument } from './lookup';
import type { HandlerContext, Handlers } from './types';

type WorkspaceHandlers = Pick<
  Handlers,
  | 'getWorkspace'
  | 'listDocuments'
  | 'documentsLoaded'
  | 'getDocument'
  | 'setCoder'
  | 'updateSettings'
  | 'setReadingPosition'
  | 'rememberExportChoices'
  | 'undo'
  | 'redo'
>;

export function workspaceHandlers({ library }: HandlerContext): WorkspaceHandlers {
  // What the page is told of each recoverable document: not the path of the file it would come from.
  const recoverableInfo = () => library.recoverable().map(({ file, ...info }) => info);
  // A listing's revision names this backend too: a page that outlives a restart never takes its listing for current.
  const epoch = randomUUID().slice(0, 8);
  const revisionName = (revision: number) => `${epoch}.${revision}`;
  /** The revision of a listing sent before the documents were read: the library file's. */
  const atOpen = revisionName(0);
  return {
    async getWorkspace() {
      // Just after start-up this is the library file's: a library of thousands of documents shows at once.
      const { firstDocumentId, ...lists } = library.lists();
      return {
        ...lists,
        startDocumentId: lists.settings.lastDocumentId ?? firstDocumentId,
        history: library.history(),
        notices: [...library.notices],
        recoverable: recoverableInfo(),
        loading: !library.isLoaded,
        suggestedCoder: loginName(),
      };
    },

    async listDocuments({ unlessRevision }) {
      const revision = revisionName(library.revision);
      if (unlessRevision === revision) return { revision, documents: null };
      // Just after start-up this is the library file's listing; once the documents are read, a page holding that one
      // takes it again only if reading them (counts corrected, a document restored or taken out) or a change since
      // has changed it.
      const { documents } = library.listing();
      const unchanged =
        unlessRevision === atOpen && library.isLoaded && isDeepStrictEqual(documents, library.listingAtOpen());
      return { revision, documents: unchanged ? null : documents.map(documentListItem) };
    },

    async documentsLoaded() {
      // Called once the documents are read (the backend holds every call but the first screen's until then).
      return { notices: [...library.notices], recoverable: recoverableInfo() };
    },

    async getDocument({ documentId }) {
      const opened = await library.openDocument(documentId);
      // Where the analyst is, not an edit: saved, but not an undo step. If this write fails the document still
      // opens; the next successful write carries the position. Just after start-up it is saved once the documents
      // are read (it is usually the one the library reopened, so nothing changes), without asking for them: at
      // 20,000 documents reading them takes seconds of a processor, which the first screen needs more.
      const remember = async () => {
        const before = library.data.settings;
        if (before.lastDocumentId === documentId) return;
        const after = { ...before, lastDocumentId: documentId };
        await library.remember([{ kind: 'settings', before, after }]).catch(() => undefined);
      };
      if (library.isLoaded) await remember();
      else void library.onceLoaded.then(remember, () => undefined);
      return {
        document: opened.document,
        highlights: opened.highlights.filter(isPlaced).map(shownHighlight),
        orphans: opened.highlights.filter((h) => !isPlaced(h)),
      };
    },

    async setCoder({ name }) {
      const before = library.data.settings;
      if (before.annotator === name) return before;
      const after = { ...before, annotator: name };
      await library.remember([{ kind: 'settings', before, after }]);
      return after;
    },

    async updateSettings(changes) {
      const before = library.data.settings;
      const after = { ...before, ...definedOnly(changes) };
      await library.commit('Change settings', [{ kind: 'settings', before, after }]);
      return after;
    },

    async rememberExportChoices(exportChoices) {
      // A preference, not an edit: saved, but not an undo step.
      const before = library.data.settings;
      const after = { ...before, exportChoices };
      await library.remember([{ kind: 'settings', before, after }]);
      return after;
    },

    async setReadingPosition({ documentId, offset }) {
      const { data } = library;
      const document = findDocument(data, documentId);
      const clamped = Math.min(offset, textLengthOf(document));
      // Where the analyst is, not an edit: saved, but not an undo step.
      const before = data.settings;
      const after = { ...before, readingPositions: { ...before.readingPositions, [documentId]: clamped } };
      await library.remember([{ kind: 'settings', before, after }]);
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

/** The user's login name, offered as the coder's name; none where the system cannot say (no passwd entry). */
function loginName(): string {
  try {
    return userInfo().username;
  } catch {
    return '';
  }
}

/** The fields of a partial update that were given (zod leaves absent optional fields undefined). */
export function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * A highlight as the article needs it: without its document id, quote and context, which the renderer completes from
 * the text. Written out field by field: the rest-pattern equivalent took a few milliseconds at 10,000 highlights.
 */
function shownHighlight(h: Highlight): DocumentHighlight {
  return {
    id: h.id,
    start: h.start,
    end: h.end,
    tagIds: h.tagIds,
    stances: h.stances,
    note: h.note,
    annotator: h.annotator,
    createdAt: h.createdAt,
    updatedAt: h.updatedAt,
    ...(h.anchor && { anchor: h.anchor }),
  };
}
