import type { DocumentWithHighlights, LibrarySource } from '../../../shared/export/streamed-export';
import { heldTextOf } from './held-documents';

/**
 * `source` with the texts of the documents it is about to give read ahead, off the event loop, when they are held on
 * disk (held-texts.ts): an export asks for each document's text as it reaches it, and reading 20,000 texts back one by
 * one, on the event loop, cost the app's export of a million rows half a second.
 */
export function withTextsAhead(source: LibrarySource, ahead = TEXTS_AHEAD): LibrarySource {
  return {
    ...source,
    async *documents(ids) {
      // The source's next few documents, each with its text being read (a source in memory gives them at once).
      const queue: Array<{ item: DocumentWithHighlights; read: Promise<void> | undefined }> = [];
      const iterator = source.documents(ids)[Symbol.asyncIterator]();
      let done = false;
      const fill = async () => {
        while (!done && queue.length < ahead) {
          const next = await iterator.next();
          if (next.done) done = true;
          else queue.push({ item: next.value, read: heldTextOf(next.value.document)?.readAhead() });
        }
      };
      try {
        for (await fill(); queue.length > 0; await fill()) {
          const { item, read } = queue.shift()!;
          await read;
          yield item;
        }
      } finally {
        await iterator.return?.();
      }
    },
  };
}

/** Documents whose texts are read ahead: a few hundred kilobytes at the bench's size, well within the cache. */
const TEXTS_AHEAD = 16;
