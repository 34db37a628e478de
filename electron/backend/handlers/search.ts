import { matchAt, searchDocuments, SearchQueryError, type SearchMatch } from '../../../shared/analysis/library-search';
import type { Database, Highlight } from '../../../shared/domain';
import { quoteWithContext } from '../../../shared/text-context';
import { ApiFailure } from '../api-error';
import { insert } from '../change-set';
import { inSlices } from '../in-slices';
import { newId } from '../make-document';
import { regexMatchesInWorker } from '../search-worker';
import { findTag } from './lookup';
import type { HandlerContext, Handlers } from './types';

type SearchHandlers = Pick<Handlers, 'searchLibrary' | 'codeMatches'>;

const DEFAULT_LIMIT = 500;

export function searchHandlers({ library, now }: HandlerContext): SearchHandlers {
  return {
    async searchLibrary({ query, regex, limit = DEFAULT_LIMIT }) {
      const { data } = library;
      const matches = await findMatches(data, query, regex === true);
      const titles = new Map(data.documents.map((d) => [d.id, d.title]));
      const counts = new Map<string, number>();
      for (const m of matches) counts.set(m.documentId, (counts.get(m.documentId) ?? 0) + 1);
      return {
        total: matches.length,
        documents: [...counts].map(([documentId, count]) => ({ documentId, title: titles.get(documentId)!, count })),
        matches: matches.slice(0, limit).map((m) => ({ ...m, title: titles.get(m.documentId)! })),
        truncated: matches.length > limit,
      };
    },

    async codeMatches({ query, regex, tagId }) {
      const { data } = library;
      findTag(data, tagId);
      const coder = data.settings.annotator;
      if (coder === '') throw new ApiFailure('invalid-request', 'Name the coder first: the new highlights are theirs.');
      const matches = await findMatches(data, query, regex === true);
      const tagged = new Set(
        data.highlights.filter((h) => h.tagIds.includes(tagId)).map((h) => `${h.documentId}:${h.start}:${h.end}`),
      );
      const texts = new Map(data.documents.map((d) => [d.id, d.text]));
      const timestamp = now().toISOString();
      const created: Highlight[] = [];
      let skipped = 0;
      for (const m of matches) {
        const key = `${m.documentId}:${m.start}:${m.end}`;
        if (tagged.has(key)) {
          skipped++;
          continue;
        }
        tagged.add(key);
        created.push({
          id: newId(),
          documentId: m.documentId,
          start: m.start,
          end: m.end,
          ...quoteWithContext(texts.get(m.documentId)!, m.start, m.end),
          tagIds: [tagId],
          stances: [],
          note: '',
          annotator: coder,
          createdAt: timestamp,
          updatedAt: timestamp,
        });
      }
      if (created.length > 0) {
        await library.commit(
          `Code ${created.length} matches`,
          created.map((h) => insert('highlights', h)),
        );
      }
      return { coded: created.length, skipped };
    },
  };
}

/** Every match in the library: a plain search a document at a time (in slices), a regex in a worker thread. */
export async function findMatches(data: Database, query: string, regex: boolean): Promise<SearchMatch[]> {
  const documents = [...data.documents];
  if (regex) {
    try {
      new RegExp(query, 'giu');
    } catch (error) {
      throw new ApiFailure('invalid-request', `The regular expression is not valid: ${(error as Error).message}`);
    }
    const found = await regexMatchesInWorker(
      documents.map((d) => d.text),
      query,
    );
    const matches: SearchMatch[] = [];
    for (let i = 0; i < found.length; i += 3)
      matches.push(matchAt(documents[found[i]!]!, found[i + 1]!, found[i + 2]!));
    return matches;
  }
  function* steps(): Generator<undefined, SearchMatch[]> {
    const matches: SearchMatch[] = [];
    for (const document of documents) {
      try {
        matches.push(...searchDocuments([document], query));
      } catch (error) {
        if (error instanceof SearchQueryError) throw new ApiFailure('invalid-request', error.message);
        throw error;
      }
      yield;
    }
    return matches;
  }
  return inSlices(steps());
}
