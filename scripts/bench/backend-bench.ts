// The backend side of `npm run bench`, run in its own Node process against a data folder: opening the library,
// saving a highlight (acknowledgement time, and the longest the event loop is blocked by it), resident memory, and
// exporting annotations.csv against the floor of writing the same bytes. Prints one JSON object.
import { randomUUID } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createBackend } from '../../electron/backend/backend';
import { writeExportFile } from '../../electron/backend/export-writer';
import { openStore } from '../../electron/backend/store';
import { benchAgreement } from './agreement-bench';
import { benchAnalysis } from './analysis-bench';
import { benchLongLists, benchRefi } from './refi-bench';
import { benchReanchoring } from './reanchor-bench';
import { flushWrites, writeFloorApart } from './write-floor.mjs';

/**
 * The library, the number of runs, and the word the generator put into the texts (generate.mjs, MARKER_WORD); or
 * `--storage` after the library and runs: opening, saves, memory and the export only (the scale step's measures).
 */
const [dataDir, runsArg, markerWord] = process.argv.slice(2);
const storageOnly = markerWord === '--storage';
const runs = Number(runsArg ?? 5);

const since = (start: number): number => performance.now() - start;
/** How long the backend sits idle before its resident memory is read again (the scale step only). */
const IDLE_MS = 90_000;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The resident memory after `ms` of nothing asked of the backend. */
async function residentAfterIdle(ms: number): Promise<number> {
  await pause(ms);
  return process.memoryUsage().rss / 2 ** 20;
}

async function call(backend: ReturnType<typeof createBackend>, method: string, args: unknown) {
  const result = await backend(method, args);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as never;
}

async function main(): Promise<void> {
  let start = performance.now();
  const store = await openStore(dataDir!, { documentsInBackground: true });
  const libraryFileRead = since(start);
  await store.loaded;
  const documentsRead = since(start);
  const backend = createBackend(store);
  // The launch backup is taken in the background; the first save waits for it. Let it finish, as it has by the time
  // an analyst makes a first highlight.
  await call(backend, 'updateSettings', { annotator: 'bench' });

  const saves: { ackMs: number; blockedMs: number }[] = [];
  const documents = store.data.documents;
  const tagId = store.data.tags[0]!.id;
  for (let i = 0; i < runs; i++) {
    const document = documents[(i * 7919) % documents.length]!;
    const at = 40 + i * 50;
    const quote = document.text.slice(at, at + 40);
    await pause(50);
    const histogram = monitorEventLoopDelay({ resolution: 1 });
    histogram.enable();
    start = performance.now();
    await call(backend, 'createHighlight', {
      // The renderer names the highlight it shows at once (document-slice.ts); the backend checks the id is new.
      id: randomUUID(),
      documentId: document.id,
      start: at,
      end: at + 40,
      quote,
      tagIds: [tagId],
    });
    const ackMs = since(start);
    await pause(20);
    histogram.disable();
    saves.push({ ackMs, blockedMs: histogram.max / 1e6 });
  }

  // The highlight counts follow the saves once they pause (store.ts): the longest block while they are written.
  const afterSaves = monitorEventLoopDelay({ resolution: 1 });
  afterSaves.enable();
  await pause(3_000);
  afterSaves.disable();
  const countsBlockedMs = afterSaves.max / 1e6;

  global.gc?.();
  // The pages a collection frees go back to the system from a background task just after it (some 50 MB here): the
  // resident memory is read once they have.
  await pause(1_000);
  const rssMb = process.memoryUsage().rss / 2 ** 20;
  // And once the backend has sat idle as an open app does, with the library open and nothing asked: V8 then collects
  // to reduce memory (its young generation given back, the old one compacted), within a minute or so of quiet.
  const rssIdleMb = storageOnly ? await residentAfterIdle(IDLE_MS) : undefined;

  const exports = await timedExports(store, runs);

  // A step across the library: the most used tag deleted (taken off its highlights in every document), then undone.
  const bulk = await timedBulkStep(store, backend);
  // What that step and its undo leave in memory: the records they replaced are garbage, the new ones and the history
  // are not (nor, before writes stopped keeping every record's JSON, the JSON of each record written).
  global.gc?.();
  const rssAfterBulkMb = process.memoryUsage().rss / 2 ** 20;
  const heapAfterBulkMb = process.memoryUsage().heapUsed / 2 ** 20;

  const storage = {
    documents: documents.length,
    highlights: store.data.highlights.length,
    libraryFileReadMs: libraryFileRead,
    documentsReadMs: documentsRead,
    saves,
    countsBlockedMs,
    rssMb,
    rssIdleMb,
    idleSeconds: IDLE_MS / 1000,
    exports,
    bulk,
    rssAfterBulkMb,
    heapAfterBulkMb,
  };
  if (storageOnly) return void process.stdout.write(JSON.stringify(storage));

  const agreement = await benchAgreement(store.data);
  const refi = await benchRefi(store.data);
  const longLists = await benchLongLists();
  const reanchoring = await benchReanchoring();
  const analysis = await benchAnalysis(
    () => store.data,
    (method, args) => call(backend, method, args),
    markerWord ?? 'Kyïv',
  );

  process.stdout.write(
    JSON.stringify({
      ...storage,
      agreement,
      refi,
      longLists,
      reanchoring,
      analysis,
    }),
  );
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    process.stderr.write(`${error.stack ?? error.message}\n`);
    process.exit(1);
  },
);

/**
 * The app's export of annotations.csv, `runs` times, with its floor. In a function of its own so that the buffer it
 * reads back (380 MB at the scale step) is let go when it returns: a local of the main function stayed alive in its
 * frame and counted in the memory measured after the bulk step.
 */
async function timedExports(store: Awaited<ReturnType<typeof openStore>>, runs: number) {
  const exports: { buildAndWriteMs: number; floorMs: number; bufferWriteMs: number; bytes: number }[] = [];
  const out = path.join(tmpdir(), `stance-bench-${process.pid}.csv`);
  for (let i = 0; i < runs; i++) {
    await rm(out, { force: true });
    flushWrites();
    let start = performance.now();
    // What Electron's save does once the analyst has chosen where: the backend writes the file as it builds it.
    const bytes = await writeExportFile(store, { kind: 'annotations' }, out);
    const buildAndWriteMs = since(start);
    // The floor: the export's bytes written again, as the command line's exports are held to (write-floor.mjs).
    const floorMs = writeFloorApart(out, tmpdir());
    // For the record: the same bytes from a buffer that already holds them (no text to encode).
    const buffer = await readFile(out);
    await rm(out, { force: true });
    flushWrites();
    start = performance.now();
    await writeFile(out, buffer);
    exports.push({ buildAndWriteMs, floorMs, bufferWriteMs: since(start), bytes });
  }
  await rm(out, { force: true });
  return exports;
}

/**
 * The most used tag deleted and the deletion undone: each until acknowledged, with the longest block meanwhile, and
 * the longest once the step is applied in memory and being written (from the moment it asks the store to save).
 */
async function timedBulkStep(store: Awaited<ReturnType<typeof openStore>>, backend: ReturnType<typeof createBackend>) {
  const uses = new Map<string, number>();
  for (const h of store.data.highlights) for (const id of h.tagIds) uses.set(id, (uses.get(id) ?? 0) + 1);
  const [tagId, highlights] = [...uses].sort((a, b) => b[1] - a[1])[0]!;
  const timed = async (method: string, args: unknown) => {
    await pause(50);
    // Each turn of the event loop, by a timer due every millisecond: when it ended, and how late it came.
    const turns: Array<{ end: number; lateMs: number }> = [];
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      turns.push({ end: now, lateMs: Math.max(0, now - last - 1) });
      last = now;
    }, 1);
    const { save } = store;
    let writeFrom = Infinity;
    store.save = (touched) => {
      writeFrom = Math.min(writeFrom, performance.now());
      return save(touched);
    };
    const start = performance.now();
    try {
      await call(backend, method, args);
    } finally {
      clearInterval(ticker);
      store.save = save;
    }
    const ms = since(start);
    const longest = (list: typeof turns) => list.reduce((max, t) => Math.max(max, t.lateMs), 0);
    // A turn that began once the save was asked for: the write's, not the step's in memory.
    const writing = turns.filter((t) => t.end - t.lateMs - 1 >= writeFrom);
    return { ms, blockedMs: longest(turns), writeBlockedMs: longest(writing) };
  };
  const deleted = await timed('deleteTag', { tagId });
  const undone = await timed('undo', {});
  return {
    highlights,
    deleteMs: deleted.ms,
    deleteBlockedMs: deleted.blockedMs,
    deleteWriteBlockedMs: deleted.writeBlockedMs,
    undoMs: undone.ms,
    undoBlockedMs: undone.blockedMs,
    undoWriteBlockedMs: undone.writeBlockedMs,
  };
}
