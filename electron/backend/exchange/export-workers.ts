import { Worker } from 'node:worker_threads';
import type { ExportScope } from '../../../shared/export/build-export';
import type { LibrarySource, PartRequest } from '../../../shared/export/streamed-export';
import type { DocumentEntry } from '../storage/library-layout';

/** Where the export worker's script is (export-worker.ts, built), and how many threads run it. */
export interface ExportWorkers {
  script: string;
  count: number;
}

/**
 * What a worker makes of each document: its part of a streamed export (streamed-export.ts's partMaker), or of a REFI-QDA
 * project (qdpx-export.ts's sourcePartMaker).
 */
export type WorkerPartKind = { kind: 'streamed'; request: PartRequest } | { kind: 'qdpx'; scope: ExportScope };

/** What every export worker is given when it starts: the library file's part of each document comes per document. */
export interface ExportWorkerSetup {
  dataDir: string;
  lists: Pick<LibrarySource, 'tags' | 'entities' | 'variables' | 'settings'>;
  entityAliases: Readonly<Record<string, string>> | undefined;
  make: WorkerPartKind;
  /** The documents folder as listed when the reading began (read-library.ts: which change logs to replay). */
  names: string[];
}

/** A run of documents asked of one worker: `entries[i]` is the export's document `first + i`. */
export interface PartsAsked {
  first: number;
  entries: DocumentEntry[];
}

/** A worker's answer to {@link PartsAsked}: each document's part, or why it could not be read. */
export interface PartsAnswered<Part> {
  first: number;
  answers: Array<{ part: Part } | { error: string }>;
}

/** Documents per message: a message costs some 40 µs each way, as much as formatting a few highlights. */
const BATCH = 8;
/** How many batches each worker is given ahead of the document the export waits for: enough to keep it busy. */
const BATCHES_AHEAD_PER_WORKER = 4;

/**
 * The parts of `entries` in an export, in their order, each document read and formatted by one of `workers.count`
 * worker threads. Reading a document (its JSON parsed and checked against the schema) and formatting it cost ten times
 * what writing its part costs, so the command line spreads them over the machine's cores; the threads stop when the
 * export ends, fails or is abandoned. A document that cannot be read stops the export with its reason.
 */
export async function* partsInWorkers<Part>(
  workers: ExportWorkers,
  setup: Omit<ExportWorkerSetup, 'names'>,
  listDocumentsFolder: () => Promise<string[]>,
  entries: readonly DocumentEntry[],
): AsyncGenerator<Part> {
  const workerData: ExportWorkerSetup = { ...setup, names: await listDocumentsFolder() };
  const waiting = new Map<number, { resolve: (part: Part) => void; reject: (error: Error) => void }>();
  const answers = new Map<number, Promise<Part>>();
  // Once a thread has failed, every document waiting and every one asked for later fails with its reason.
  let failure: Error | null = null;
  const failAll = (error: Error) => {
    failure ??= error;
    for (const { reject } of waiting.values()) reject(failure);
    waiting.clear();
  };
  let asked = 0;
  let yielded = 0;
  // Documents are asked for as answers come, not as the export is written: the threads keep working while it writes.
  const askAhead = () => {
    while (asked < entries.length && asked < yielded + BATCH * BATCHES_AHEAD_PER_WORKER * threads.length) {
      const first = asked;
      const batch = entries.slice(first, first + BATCH);
      asked += batch.length;
      batch.forEach((_, i) => {
        const answer = new Promise<Part>((resolve, reject) =>
          failure ? reject(failure) : waiting.set(first + i, { resolve, reject }),
        );
        // Asked ahead, and so possibly never awaited if the export stops: its failure is handled when it is reached.
        answer.catch(() => undefined);
        answers.set(first + i, answer);
      });
      threads[(first / BATCH) % threads.length]!.postMessage({ first, entries: batch } satisfies PartsAsked);
    }
  };
  const threads = Array.from({ length: workers.count }, () => {
    const worker = new Worker(workers.script, { workerData });
    worker.on('message', ({ first, answers: answered }: PartsAnswered<Part>) => {
      answered.forEach((answer, i) => {
        const pending = waiting.get(first + i);
        waiting.delete(first + i);
        if ('error' in answer) pending?.reject(new Error(answer.error));
        else pending?.resolve(answer.part);
      });
      askAhead();
    });
    worker.on('error', failAll);
    worker.on('exit', (code) => failAll(new Error(`An export worker stopped (exit code ${code}).`)));
    return worker;
  });
  try {
    for (; yielded < entries.length; yielded++) {
      askAhead();
      const part = await answers.get(yielded)!;
      answers.delete(yielded);
      yield part;
    }
  } finally {
    for (const worker of threads) worker.removeAllListeners('exit');
    await Promise.all(threads.map((worker) => worker.terminate()));
  }
}
