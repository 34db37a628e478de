import { spawn } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';
import { DATA_FILE_NAME } from './data-dir';
import { makeDocument } from './make-document';
import { newLibrary } from './new-library';
import { openStore } from './store';
import { JOURNAL_FILE_NAME, recoverFileSet } from './storage/file-set-writer';
import { documentsDirPath } from './storage/library-layout';
import { libraryOnDisk, useTempDirs } from './test-support';

/** `npm run test:soak` runs the full 200 kills; `npm test` a smaller number, to stay quick. */
const KILLS = Number(process.env.CRASH_KILLS ?? 25);
const tempDir = useTempDirs();
let writer: string;

beforeAll(async () => {
  // The child runs the real backend, bundled like the app is (the sample article is a ?raw import; lowdb and steno
  // are bundled, other packages come from node_modules, so the bundle lives inside the project).
  const outDir = path.join(__dirname, '..', '..', 'node_modules', '.cache', 'stance-annotator-crash-writer');
  await build({
    configFile: false,
    logLevel: 'silent',
    ssr: { noExternal: ['lowdb', 'steno'] },
    build: {
      ssr: path.join(__dirname, 'test', 'crash-writer.ts'),
      outDir,
      emptyOutDir: true,
      rollupOptions: { output: { format: 'cjs', entryFileNames: 'crash-writer.cjs' } },
    },
  });
  writer = path.join(outDir, 'crash-writer.cjs');
}, 60_000);

/** A deterministic sequence of kill delays, so a failure can be replayed. */
function* delays(seed: number): Generator<number> {
  let x = seed;
  for (;;) {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    yield 5 + (x % 200);
  }
}

/** What the writer acknowledged: highlights by id, and the number of highlights each "Code all matches" tagged. */
interface Acknowledged {
  ids: string[];
  coded: Map<string, number>;
}

/** Starts the writer, kills it with SIGKILL `delay` ms after it is ready, and returns what it acknowledged. */
function runAndKill(dataDir: string, offset: number, delay: number): Promise<Acknowledged> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, dataDir, String(offset)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acked: string[] = [];
    const coded = new Map<string, number>();
    let buffer = '';
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        if (line === 'ready') setTimeout(() => child.kill('SIGKILL'), delay);
        else if (line.startsWith('ack ')) acked.push(line.split(' ')[2]!);
        else if (line.startsWith('coded ')) coded.set(line.split(' ')[1]!, Number(line.split(' ')[2]));
      }
    });
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`The writer stopped by itself: ${errors}`));
      else resolve({ ids: acked, coded });
    });
  });
}

/** The library as the next start reads it: an interrupted set of writes finished (or discarded) first. */
async function libraryOnDiskAfterRecovery(dataDir: string) {
  await recoverFileSet(dataDir, [documentsDirPath(dataDir)]);
  return libraryOnDisk(dataDir);
}

describe('crash safety', () => {
  it(
    `keeps every acknowledged change through ${KILLS} SIGKILLs at random moments`,
    async () => {
      const dataDir = await tempDir();
      // A library of a few MB: the sample repeated into a long article.
      const library = newLibrary(new Date('2026-01-01T00:00:00Z'));
      const long = makeDocument(
        { title: 'Long', text: library.documents[0]!.text.repeat(900), source: { kind: 'paste' }, meta: {} },
        new Date('2026-01-01T00:00:00Z'),
      );
      library.documents.unshift(long);
      // Two short documents with a word to code all at once ("quokka", three times each).
      for (const title of ['Short A', 'Short B']) {
        const text = `${title}: a quokka, then another quokka, and a third quokka, seen near ${title}.`;
        library.documents.push(makeDocument({ title, text, source: { kind: 'paste' }, meta: {} }, new Date()));
      }
      await writeFile(path.join(dataDir, DATA_FILE_NAME), JSON.stringify(library, null, 2));
      expect((await readFile(path.join(dataDir, DATA_FILE_NAME))).length).toBeGreaterThan(2_000_000);

      const acknowledged = new Set<string>();
      const coded = new Map<string, number>();
      const pause = delays(20_261_125);
      let killedMidWrite = 0;
      for (let kill = 0; kill < KILLS; kill++) {
        const acked = await runAndKill(dataDir, kill * 1_000, pause.next().value as number);
        for (const id of acked.ids) acknowledged.add(id);
        for (const [tagId, count] of acked.coded) coded.set(tagId, count);

        // After every kill, as the next start reads it: the library reads whole, holds every acknowledged change,
        // and no highlight points at a tag the library file does not have.
        // Mid-write: a file staged or being written (in the library's folder or its documents'), or a set's journal.
        const interrupted = [...(await readdir(dataDir)), ...(await readdir(documentsDirPath(dataDir)))];
        const inWriting = (name: string) =>
          name.endsWith('.tmp') || name.endsWith('.pending') || name === JOURNAL_FILE_NAME;
        if (interrupted.some(inWriting)) killedMidWrite++;
        const saved = await libraryOnDiskAfterRecovery(dataDir);
        const ids = new Set(saved.highlights.map((h) => h.id));
        const missing = [...acknowledged].filter((id) => !ids.has(id));
        expect(missing, `after kill ${kill + 1}`).toEqual([]);
        const tagIds = new Set(saved.tags.map((t) => t.id));
        const dangling = saved.highlights.filter((h) => h.tagIds.some((id) => !tagIds.has(id)));
        expect(dangling, `after kill ${kill + 1}`).toEqual([]);
        // Every acknowledged "Code all matches" whose tag is not deleted yet: all of its highlights.
        for (const [tagId, count] of coded) {
          if (!tagIds.has(tagId)) continue;
          const withTag = saved.highlights.filter((h) => h.tagIds.includes(tagId) && h.quote === 'quokka');
          expect(withTag.length, `after kill ${kill + 1}`).toBe(count);
        }
        const store = await openStore(dataDir);
        expect(store.notices, `after kill ${kill + 1}`).toEqual([]);
      }
      expect(acknowledged.size).toBeGreaterThan(KILLS);
      expect(coded.size).toBeGreaterThanOrEqual(KILLS);
      // The kills did land in the middle of writes (a temp or pending file left behind), not only between them.
      expect(killedMidWrite).toBeGreaterThan(0);
    },
    KILLS * 5_000,
  );
});
