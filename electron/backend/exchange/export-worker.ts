// An export worker thread (export-workers.ts): reads the documents it is asked for and answers with their parts.
import { parentPort, workerData } from 'node:worker_threads';
import { partMaker, type DocumentPart, type DocumentWithHighlights } from '../../../shared/export/streamed-export';
import { readFilesSynchronously } from '../storage/durable-file';
import { readDocumentFile } from '../storage/read-library';
import type { ExportWorkerSetup, PartsAnswered, PartsAsked } from './export-workers';
import { documentFromRead } from './library-source';
import { sourcePartMaker } from './refi-qda/qdpx-export';

const setup = workerData as ExportWorkerSetup;
const names = new Set(setup.names);
const partOf: (one: DocumentWithHighlights) => object =
  setup.make.kind === 'qdpx'
    ? sourcePartMaker(setup.lists, setup.make.scope)
    : inBytes(partMaker(setup.lists, setup.make.request));

const utf8 = new TextEncoder();
const bytesOf = (text: string | Uint8Array): Uint8Array => (typeof text === 'string' ? utf8.encode(text) : text);

/** A streamed export's part with its text as UTF-8 bytes: handed over without a copy, where a string is copied. */
function inBytes(make: (one: DocumentWithHighlights) => DocumentPart): (one: DocumentWithHighlights) => DocumentPart {
  return (one) => {
    const part = make(one);
    return {
      ...part,
      text: bytesOf(part.text),
      ...(part.document !== undefined && { document: bytesOf(part.document) }),
    };
  };
}
readFilesSynchronously();

parentPort!.on('message', ({ first, entries }: PartsAsked) => {
  void answer(first, entries);
});

async function answer(first: number, entries: PartsAsked['entries']): Promise<void> {
  const answers: PartsAnswered<object>['answers'] = [];
  for (const entry of entries) {
    try {
      const read = await readDocumentFile(setup.dataDir, entry.id, names);
      const one = documentFromRead(entry, read, setup.entityAliases);
      answers.push({ part: partOf(one) });
    } catch (error) {
      answers.push({ error: error instanceof Error ? error.message : String(error) });
    }
  }
  // The parts' bytes are handed over, not copied: each is in a buffer of its own (TextEncoder's).
  const bytes = answers.flatMap((a) => ('part' in a ? Object.values(a.part) : []));
  parentPort!.postMessage({ first, answers } satisfies PartsAnswered<object>, [
    ...new Set(bytes.flatMap((b) => (b instanceof Uint8Array && b.byteLength > 0 ? [b.buffer as ArrayBuffer] : []))),
  ]);
}
