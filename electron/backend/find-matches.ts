import { documentSearcher, matchAt, SearchQueryError, type SearchMatch } from '../../shared/analysis/library-search';
import type { Database, StoredDocument } from '../../shared/domain';
import { ApiFailure } from './api-error';
import { pushAll } from '../../shared/collections';
import { inSlices } from './in-slices';
import { regexMatchesInWorker } from './search-worker';

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
  let search: (document: StoredDocument) => SearchMatch[];
  try {
    search = documentSearcher(query);
  } catch (error) {
    if (error instanceof SearchQueryError) throw new ApiFailure('invalid-request', error.message);
    throw error;
  }
  function* steps(): Generator<undefined, SearchMatch[]> {
    const matches: SearchMatch[] = [];
    for (const document of documents) {
      pushAll(matches, search(document));
      yield;
    }
    return matches;
  }
  return inSlices(steps());
}
