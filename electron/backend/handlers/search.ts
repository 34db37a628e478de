import type { Highlight } from '../../../shared/domain';
import { quoteWithContext } from '../../../shared/text-context';
import { ApiFailure } from '../api-error';
import { insert } from '../change-set';
import { newId } from '../make-document';
import { findMatches } from '../find-matches';
import { findTag } from './lookup';
import type { HandlerContext, Handlers } from './types';

type SearchHandlers = Pick<Handlers, 'searchLibrary' | 'codeMatches'>;

const DEFAULT_LIMIT = 500;

/** A passage's place, as one string: a match, a chosen match and a highlight at the same place share it. */
const spanKey = ({ documentId, start, end }: { documentId: string; start: number; end: number }): string =>
  `${documentId}:${start}:${end}`;

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

    async codeMatches({ query, regex, tagId, only }) {
      const { data } = library;
      findTag(data, tagId);
      const coder = data.settings.annotator;
      if (coder === '') throw new ApiFailure('invalid-request', 'Name the coder first: the new highlights are theirs.');
      const found = await findMatches(data, query, regex === true);
      // The chosen ones are coded only where the query still finds them: a span the text no longer holds is not a match.
      const chosen = only && new Set(only.map(spanKey));
      const matches = chosen ? found.filter((m) => chosen.has(spanKey(m))) : found;
      const notFound = chosen ? chosen.size - matches.length : 0;
      const tagged = new Set(data.highlights.filter((h) => h.tagIds.includes(tagId)).map(spanKey));
      const texts = new Map(data.documents.map((d) => [d.id, d.text]));
      const timestamp = now().toISOString();
      const created: Highlight[] = [];
      let skipped = 0;
      for (const m of matches) {
        const key = spanKey(m);
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
      return { coded: created.length, skipped, notFound };
    },
  };
}
