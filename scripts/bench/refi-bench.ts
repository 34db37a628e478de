// REFI-QDA at library scale, for `npm run bench`: exporting the library as a .qdpx (as the app's Export builds it),
// and importing that file into an empty library through the API (as the app's Import does, one step to undo); the
// median of three of each, as the other rows give medians.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { snapshotOf } from '../../shared/export/build-export';
import type { Database, Tag } from '../../shared/domain';
import type { ImportSummary } from '../../shared/export/import-summary';
import { createBackend } from '../../electron/backend/backend';
import { qdpxBytes } from '../../electron/backend/exchange/refi-qda/qdpx-export';
import { randomUUID } from 'node:crypto';
import { emptyLibrary, openStore } from '../../electron/backend/store';
import { qdcText } from '../../electron/backend/exchange/refi-qda/qdc';
import { backupOf } from '../../shared/export/backup-format';

export interface RefiBench {
  highlights: number;
  bytes: number;
  /** Medians of `runs` exports and of as many imports, each into a new empty library (as the other rows are). */
  exportMs: number;
  importMs: number;
  runs: number;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function benchRefi(data: Database, runs = 3): Promise<RefiBench> {
  const exports: number[] = [];
  const imports: number[] = [];
  let bytes: Uint8Array = new Uint8Array();
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    bytes = await qdpxBytes(snapshotOf(data), {}, new Date());
    exports.push(performance.now() - start);
  }
  const payload = Buffer.from(bytes).toString('base64');
  for (let run = 0; run < runs; run++) {
    const dir = await mkdtemp(path.join(tmpdir(), 'stance-bench-qdpx-'));
    try {
      const store = await openStore(dir, { seed: false });
      const backend = createBackend(store);
      const start = performance.now();
      const result = await backend('importProject', { fileName: 'bench.qdpx', data: payload });
      imports.push(performance.now() - start);
      if (!result.ok) throw new Error(`importProject: ${result.error.message}`);
      if (store.data.highlights.length !== data.highlights.length) {
        throw new Error(
          `The .qdpx import brought ${store.data.highlights.length} of ${data.highlights.length} highlights`,
        );
      }
      await store.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return {
    highlights: data.highlights.length,
    bytes: bytes.length,
    exportMs: median(exports),
    importMs: median(imports),
    runs,
  };
}

export interface LongListsBench {
  /** Tags in the library and codes in the codebook imported into it (half of them by names the library has). */
  codes: number;
  codebookMs: number;
  /** Holders and targets in the library and in a backup merged into it (half by names the library has). */
  entities: number;
  entitiesMs: number;
}

/**
 * Imports that match long lists by name: a REFI-QDA codebook of `size` codes into a library of as many tags, and a
 * backup naming `size` holders and targets into a library of as many. Each name is looked up, not compared with the
 * whole list (a codebook of 20,000 codes took 100 s when it was).
 */
export async function benchLongLists(size = 20_000): Promise<LongListsBench> {
  const tag = (name: string, parentId: string | null): Tag => ({
    id: randomUUID(),
    name,
    color: '#56ccf2',
    description: '',
    parentId,
  });
  const codebookOf = (prefix: string, offset: number): Tag[] => {
    const tags: Tag[] = [];
    for (let top = 0; tags.length < size; top++) {
      const parent = tag(`${prefix} topic ${top + offset}`, null);
      tags.push(parent);
      for (let sub = 0; sub < 99 && tags.length < size; sub++) tags.push(tag(`Aspect ${sub}`, parent.id));
    }
    return tags;
  };
  const entitiesOf = (offset: number) =>
    Array.from({ length: size }, (_, i) => ({ id: randomUUID(), name: `Person ${i + offset}` }));
  const dir = await mkdtemp(path.join(tmpdir(), 'stance-bench-lists-'));
  try {
    const store = await openStore(dir, { seed: false });
    const backend = createBackend(store);
    const library = codebookOf('Library', 0);
    const half = Math.floor(library.filter((t) => t.parentId === null).length / 2);
    const seeded = await backend('importBackup', {
      content: JSON.stringify({ ...backupOf(emptyLibrary()), tags: library, entities: entitiesOf(0) }),
    });
    if (!seeded.ok) throw new Error(`importBackup (the library's lists): ${seeded.error.message}`);
    const codebook = Buffer.from(qdcText(codebookOf('Library', half))).toString('base64');
    let start = performance.now();
    const codes = await backend('importProject', { fileName: 'bench.qdc', data: codebook });
    const codebookMs = performance.now() - start;
    if (!codes.ok) throw new Error(`importProject (.qdc): ${codes.error.message}`);
    const backup = { ...backupOf(emptyLibrary()), entities: entitiesOf(size / 2) };
    start = performance.now();
    const merged = await backend('importBackup', { content: JSON.stringify(backup) });
    const entitiesMs = performance.now() - start;
    if (!merged.ok) throw new Error(`importBackup: ${merged.error.message}`);
    const added = (merged.value as ImportSummary).entities.added;
    if (added !== size / 2) throw new Error(`The backup added ${added} holders and targets, not ${size / 2}`);
    await store.close();
    return { codes: size, codebookMs, entities: size, entitiesMs };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
