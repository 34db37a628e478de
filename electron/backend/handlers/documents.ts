import { MAX_DOCUMENT_LENGTH, type ImportedDocument } from '../../../shared/api-contract';
import type { Database, DocumentSummary, StoredDocument } from '../../../shared/domain';
import path from 'node:path';
import { ApiFailure, notFound } from '../api-error';
import { insert, remove, replace, type Change } from '../change-set';
import type { JobControl } from '../jobs';
import { extractFile } from '../import/extract-file';
import { makeDocument, sha256Hex } from '../make-document';
import { removeDanglingReferences } from '../storage/dangling-references';
import { replaceTextChanges } from '../replace-text';
import { readDocumentFileIn } from '../storage/read-library';
import { checkDetails, withDetails } from './document-details';
import { findDocument, sameName } from './lookup';
import type { HandlerContext, Handlers } from './types';
import { textLengthOf } from '../storage/held-documents';

type DocumentHandlers = Pick<
  Handlers,
  | 'importFile'
  | 'importText'
  | 'replaceDocumentText'
  | 'updateDocument'
  | 'updateDocuments'
  | 'deleteDocument'
  | 'bringBackDocument'
>;

/** What lists show of a document: everything but its text, with its size and number of highlights. */
export function summarize(
  data: Database,
  document: StoredDocument,
  counts: ReadonlyMap<string, number> = highlightCounts(data, document.id),
): DocumentSummary {
  // Its text is left out unread: held on disk, it would be read back for its length.
  const { text: _text, ...rest } = document;
  return { ...rest, charCount: textLengthOf(document), highlightCount: counts.get(document.id) ?? 0 };
}

/** The number of highlights of each document (of `only`, when given), counted in one pass. */
function highlightCounts(data: Database, only?: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const h of data.highlights) {
    if (only === undefined || h.documentId === only) counts.set(h.documentId, (counts.get(h.documentId) ?? 0) + 1);
  }
  return counts;
}

export function documentHandlers({ library, now, jobs }: HandlerContext): DocumentHandlers {
  /** Puts `text` in place of the document's, its highlights re-anchored: one step to undo. */
  const replaceText = async (documentId: string, text: string, control?: JobControl) => {
    const { changes, after, report } = await replaceTextChanges(library, documentId, text, control);
    await library.commit(`Replace text of "${after.title}"`, changes);
    return { document: summarize(library.data, after), reanchored: report };
  };

  /**
   * Adds a document unless the same text is there already; the text is normalised (LF, NFC) here, once. A document
   * of the same title (or URL) with another text is an updated version of the article: `sameTitle` says whether to
   * replace its text or add this one as a document of its own; absent, the answer asks.
   */
  const add = async (
    input: Parameters<typeof makeDocument>[0],
    sameTitle: 'replace' | 'add' | undefined,
  ): Promise<ImportedDocument> => {
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
    const earlier = earlierVersion(library.data, document);
    if (earlier && sameTitle === undefined) return { status: 'changed', document: summarize(library.data, earlier) };
    if (earlier && sameTitle === 'replace')
      return { status: 'replaced', ...(await replaceText(earlier.id, document.text)) };
    await library.commit(`Import "${document.title}"`, [insert('documents', document)]);
    return { status: 'imported', document: summarize(library.data, document) };
  };

  return {
    async importFile({ fileName, data, sameTitle }) {
      const extracted = await extractFile(fileName, Buffer.from(data, 'base64'));
      return add(
        {
          title: extracted.title,
          text: extracted.text,
          source: { kind: 'file', path: fileName, ...(extracted.url && { url: extracted.url }) },
          meta: { outlet: extracted.outlet, author: extracted.author, publishedAt: extracted.publishedAt },
        },
        sameTitle,
      );
    },

    async importText({ title, text, sameTitle }) {
      return add({ title, text, source: { kind: 'paste' }, meta: {} }, sameTitle);
    },

    replaceDocumentText: ({ documentId, text, file, jobId }) =>
      jobs.run(jobId, async (control) => {
        findDocument(library.data, documentId);
        const newText = file ? (await extractFile(file.fileName, Buffer.from(file.data, 'base64'))).text : text!;
        return replaceText(documentId, newText, control);
      }),

    async updateDocument({ documentId, title, memo, ...details }) {
      const { data } = library;
      const before = findDocument(data, documentId);
      checkDetails(data, details);
      const after: StoredDocument = {
        ...withDetails(before, details),
        title: title ?? before.title,
        memo: memo ?? before.memo,
      };
      const onlyMemo =
        memo !== undefined && title === undefined && Object.values(details).every((v) => v === undefined);
      await library.commit(
        onlyMemo ? `Edit memo of "${after.title}"` : `Edit "${after.title}"`,
        [replace('documents', before, after)],
        {
          // A burst of typing in one memo is one undo step.
          coalesceKey: onlyMemo ? `memo:${documentId}` : undefined,
        },
      );
      return summarize(library.data, after);
    },

    async updateDocuments({ documentIds, ...details }) {
      const { data } = library;
      const documents = documentIds.map((id) => findDocument(data, id));
      checkDetails(data, details);
      const changes = documents.flatMap((before) => {
        const after = withDetails(before, details);
        const same = JSON.stringify([after.meta, after.variables]) === JSON.stringify([before.meta, before.variables]);
        return same ? [] : [replace('documents', before, after)];
      });
      await library.commit(`Edit ${documents.length} document${documents.length > 1 ? 's' : ''}`, changes);
      const counts = highlightCounts(library.data);
      const byId = new Map(library.data.documents.map((d) => [d.id, d]));
      return documentIds.map((id) => summarize(library.data, byId.get(id)!, counts));
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
        memo: '',
        variables: {},
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

/** The document an imported one is an updated version of: the same URL, or else the same title (ignoring case). */
function earlierVersion(data: Database, document: StoredDocument): StoredDocument | undefined {
  const { url } = document.source;
  return (
    (url ? data.documents.find((d) => d.source.url === url) : undefined) ??
    data.documents.find((d) => sameName(d.title, document.title))
  );
}
