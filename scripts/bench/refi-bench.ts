// REFI-QDA at library scale, for `npm run bench`: exporting the library as a .qdpx (as the app's Export builds it),
// and importing that file into an empty library through the API (as the app's Import does, one step to undo).
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
  exportMs: number;
  importMs: number;
}

export async function benchRefi(data: Database): Promise<RefiBench> {
  let start = performance.now();
  const bytes = await qdpxBytes(snapshotOf(data), {}, new Date());
  const exportMs = performance.now() - start;

  const dir = await mkdtemp(path.join(tmpdir(), 'stance-bench-qdpx-'));
  try {
    const store = await openStore(dir, { seed: false });
    const backend = createBackend(store);
    start = performance.now();
    const result = await backend('importProject', {
      fileName: 'bench.qdpx',
      data: Buffer.from(bytes).toString('base64'),
    });
    const importMs = performance.now() - start;
    if (!result.ok) throw new Error(`importProject: ${result.error.message}`);
    if (store.data.highlights.length !== data.highlights.length) {
      throw new Error(
        `The .qdpx import brought ${store.data.highlights.length} of ${data.highlights.length} highlights`,
      );
    }
    await store.close();
    return { highlights: data.highlights.length, bytes: bytes.length, exportMs, importMs };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
