// REFI-QDA at library scale, for `npm run bench`: exporting the library as a .qdpx (as the app's Export builds it),
// and importing that file into an empty library through the API (as the app's Import does, one step to undo); the
// median of three of each, as the other rows give medians.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { snapshotOf } from '../../shared/export/build-export';
import type { Database } from '../../shared/domain';
import { createBackend } from '../../electron/backend/backend';
import { qdpxBytes } from '../../electron/backend/exchange/refi-qda/qdpx-export';
import { openStore } from '../../electron/backend/store';

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
