import { MAX_DOCUMENT_LENGTH, type ImportedDocument } from '../../../shared/api-contract';
import type { Database, DocumentSummary, StoredDocument } from '../../../shared/domain';
import path from 'node:path';
import { ApiFailure, notFound } from '../api-error';
import { insert, remove, replace, type Change } from '../change-set';
import { extractFile } from '../import/extract-file';
import { makeDocument, sha256Hex } from '../new-library';
import { removeDanglingReferences } from '../storage/dangling-references';
import { readDocumentFileIn } from '../storage/read-library';
import { findDocument } from './lookup';
import type { HandlerContext, Handlers } from './types';

type DocumentHandlers = Pick<
  Handlers,
  'importFile' | 'importText' | 'updateDocument' | 'deleteDocument' | 'bringBackDocument'
>;

/** What lists show of a document: everything but its text, with its size and number of highlights. */
export function summarize(data: Database, document: StoredDocument): DocumentSummary {
  const { text, ...rest } = document;
  return {
    ...rest,
    charCount: text.length,
    highlightCount: data.highlights.filter((h) => h.documentId === document.id).length,
  };
}

export function documentHandlers({ library, now }: HandlerContext): DocumentHandlers {
  /** Adds a document unless the same text is there already; the text is normalised (LF, NFC) here, once. */
  const add = async (input: Parameters<typeof makeDocument>[0]): Promise<ImportedDocument> => {
    const document = makeDocument(input, now());
    if (!document.text.trim()) throw new ApiFailure('invalid-request', `"${input.title}" has no text to annotate.`);
    if (document.text.length > MAX_DOCUMENT_LENGTH) {
      throw new ApiFailure(
        'invalid-request',
        `"${input.title}" has ${document.text.length.toLocaleString('en')} characters of text; the limit is ${MAX_DOCUMENT_LENGTH.toLocaleString('en')}.`,
      );
    }
    const existing = library.data.documents.find((d) => d.sha256 === document.sha256);
    if (existing) return { status: 'duplicate', document: summarize(library.data, existing) };
    await library.commit(`Import "${document.title}"`, [insert('documents', document)]);
    return { status: 'imported', document: summarize(library.data, document) };
  };

  return {
    async importFile({ fileName, data }) {
      const extracted = await extractFile(fileName, Buffer.from(data, 'base64'));
      return add({
        title: extracted.title,
        text: extracted.text,
        source: { kind: 'file', path: fileName },
        meta: { outlet: extracted.outlet, author: extracted.author, publishedAt: extracted.publishedAt },
      });
    },

    async importText({ title, text }) {
      return add({ title, text, source: { kind: 'paste' }, meta: {} });
    },

    async updateDocument({ documentId, title, ...meta }) {
      const before = findDocument(library.data, documentId);
      const after: StoredDocument = {
        ...before,
        title: title ?? before.title,
        meta: { ...before.meta, ...Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== undefined)) },
      };
      await library.commit(`Edit "${after.title}"`, [replace('documents', before, after)]);
      return summarize(library.data, after);
    },

    async deleteDocument({ documentId }) {
      const { data } = library;
      const document = findDocument(data, documentId);
      const changes: Change[] = [
        ...data.highlights.filter((h) => h.documentId === documentId).map((h) => remove('highlights', h)),
        remove('documents', document),
      ];
      if (data.settings.lastDocumentId === documentId) {
        const next = data.documents.find((d) => d.id !== documentId)?.id ?? null;
        changes.push({ kind: 'settings', before: data.settings, after: { ...data.settings, lastDocumentId: next } });
      }
      await library.commit(`Delete "${document.title}"`, changes);
      return { documentId };
    },

    async bringBackDocument({ documentId }) {
      const found = library.recoverable().find((r) => r.documentId === documentId);
      if (!found) throw notFound('recoverable document', documentId);
      const read = await readDocumentFileIn(path.dirname(found.file), documentId);
      if (!('file' in read))
        throw new ApiFailure('conflict', `"${found.title}" can no longer be read: ${read.problem}`);
      const { text, highlights } = read.file;
      const document: StoredDocument = {
        id: documentId,
        title: found.title,
        text,
        source: { kind: 'file', path: found.file },
        meta: {},
        sha256: sha256Hex(text),
        addedAt: now().toISOString(),
      };
      const { data } = library;
      await library.commit(`Bring back "${document.title}"`, [
        insert('documents', document),
        ...removeDanglingReferences(data, highlights).map((h) => insert('highlights', h)),
      ]);
      return summarize(library.data, document);
    },
  };
}
