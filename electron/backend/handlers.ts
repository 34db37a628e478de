import type { z } from 'zod';
import type { ApiMethod, ApiResults, apiArgumentSchemas } from '../../shared/api-contract';
import type { DocumentSummary, Highlight, StoredDocument } from '../../shared/domain';
import { quoteWithContext, splitsSurrogatePair } from '../../shared/text-context';
import { ApiFailure, notFound } from './api-error';
import { newId } from './new-library';
import type { Store } from './store';

type ParsedArgs<M extends ApiMethod> = z.output<(typeof apiArgumentSchemas)[M]>;

/** The implementation of every API method; each receives arguments already parsed by the contract's schema. */
export type Handlers = { [M in ApiMethod]: (args: ParsedArgs<M>) => Promise<ApiResults[M]> };

export function createHandlers(store: Store, now: () => Date = () => new Date()): Handlers {
  const findDocument = (id: string): StoredDocument => {
    const document = store.data.documents.find((d) => d.id === id);
    if (!document) throw notFound('document', id);
    return document;
  };
  const findHighlight = (id: string): Highlight => {
    const highlight = store.data.highlights.find((h) => h.id === id);
    if (!highlight) throw notFound('highlight', id);
    return highlight;
  };
  /**
   * Applies a change in memory and writes it; when the write fails the change is reverted, so memory never holds
   * what the disk does not and a later write cannot save a change the analyst was told had failed.
   */
  const commit = async (apply: () => void, revert: () => void): Promise<void> => {
    apply();
    try {
      await store.save();
    } catch (error) {
      revert();
      throw error;
    }
  };
  const checkTagsExist = (tagIds: readonly string[]): void => {
    for (const tagId of tagIds) {
      if (!store.data.tags.some((t) => t.id === tagId)) throw notFound('tag', tagId);
    }
  };

  return {
    async getWorkspace() {
      const counts = new Map<string, number>();
      for (const h of store.data.highlights) counts.set(h.documentId, (counts.get(h.documentId) ?? 0) + 1);
      const documents: DocumentSummary[] = store.data.documents.map(({ text, ...rest }) => ({
        ...rest,
        charCount: text.length,
        highlightCount: counts.get(rest.id) ?? 0,
      }));
      return { documents, tags: store.data.tags, settings: store.data.settings, notices: [...store.notices] };
    },

    async getDocument({ documentId }) {
      const document = findDocument(documentId);
      const highlights = store.data.highlights.filter((h) => h.documentId === documentId);
      const { settings } = store.data;
      const previous = settings.lastDocumentId;
      if (previous !== documentId) {
        await commit(
          () => (settings.lastDocumentId = documentId),
          () => (settings.lastDocumentId = previous),
        );
      }
      return { document, highlights };
    },

    async createHighlight({ documentId, start, end, quote, tagIds }) {
      const { text } = findDocument(documentId);
      if (end > text.length) {
        throw new ApiFailure('invalid-request', `end (${end}) is past the end of the text (${text.length}).`);
      }
      if (splitsSurrogatePair(text, start, end)) {
        throw new ApiFailure('invalid-request', 'The range splits a character (a surrogate pair) in two.');
      }
      const context = quoteWithContext(text, start, end);
      if (context.quote !== quote) {
        throw new ApiFailure('conflict', 'The quote does not match the document text at these offsets.');
      }
      checkTagsExist(tagIds);
      const timestamp = now().toISOString();
      const highlight: Highlight = {
        id: newId(),
        documentId,
        start,
        end,
        ...context,
        tagIds,
        stances: [],
        note: '',
        annotator: store.data.settings.annotator,
        createdAt: timestamp,
        updatedAt: timestamp,
      };
      await commit(
        () => store.data.highlights.push(highlight),
        () => (store.data.highlights = store.data.highlights.filter((h) => h !== highlight)),
      );
      return highlight;
    },

    async setHighlightTags({ highlightId, tagIds }) {
      const highlight = findHighlight(highlightId);
      checkTagsExist(tagIds);
      const { tagIds: previousTagIds, updatedAt: previousUpdatedAt } = highlight;
      await commit(
        () => Object.assign(highlight, { tagIds, updatedAt: now().toISOString() }),
        () => Object.assign(highlight, { tagIds: previousTagIds, updatedAt: previousUpdatedAt }),
      );
      return highlight;
    },

    async deleteHighlight({ highlightId }) {
      findHighlight(highlightId);
      const previous = store.data.highlights;
      await commit(
        () => (store.data.highlights = previous.filter((h) => h.id !== highlightId)),
        () => (store.data.highlights = previous),
      );
      return { highlightId };
    },
  };
}
