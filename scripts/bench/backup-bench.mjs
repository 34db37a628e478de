// Backups and exports at library scale, through the command line a user runs: a generated backup imported into an
// empty library, then every export the command line writes, each timed from start to exit with its peak resident
// memory (peak-memory.mjs); then the library opened by the backend, as the app opens it (backend-bench.ts --storage).
// At `--scale 10` this is the storage issue's step: 20,000 documents, 1,000,000 highlights.
import { spawn, spawnSync } from 'node:child_process';
import { readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { projectRoot } from '../build.mjs';
import { measureColdStarts } from './cold-start.mjs';
import { writeBackup } from './generate.mjs';
import { flushWrites, writeFloorApart } from './write-floor.mjs';

const cli = path.join(projectRoot, 'out/main/cli.js');
const wrapper = path.join(projectRoot, 'scripts/bench/peak-memory.mjs');

/** Runs the command line with `args`; resolves with its wall time and peak memory, or rejects with its output. */
function measured(args, work) {
  const report = path.join(work, 'peak-memory.json');
  const started = performance.now();
  const child = spawn(process.execPath, [wrapper, cli, ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, PEAK_MEMORY_FILE: report },
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('exit', async (code) => {
      const ms = performance.now() - started;
      if (code !== 0) return reject(new Error(`stance-annotator ${args.join(' ')} failed (${code}): ${stderr}`));
      const { peakKb } = JSON.parse(await readFile(report, 'utf8'));
      resolve({ ms, peakMb: peakKb / 1024, stderr });
    });
  });
}

const EXPORTS = [
  { name: 'annotations.csv', args: ['--what', 'annotations'] },
  { name: 'documents.csv', args: ['--what', 'documents'] },
  { name: 'codebook.csv', args: ['--what', 'codebook'] },
  { name: 'web annotations (JSON-LD)', args: ['--what', 'annotations', '--format', 'json'] },
  { name: 'backup', args: ['--what', 'backup'] },
  { name: 'REFI-QDA project (.qdpx)', args: ['--what', 'qdpx'] },
];

/**
 * Generates a backup of `documents` documents (50 highlights each), imports it, and exports it every way; with
 * `coldStarts` ({ browserPath, runs }), also times the app's cold start on the library imported.
 */
export async function measureBackups({ work, documents, log, coldStarts }) {
  const backup = path.join(work, 'scale-backup.json');
  log(`backups: generating a backup of ${documents.toLocaleString('en')} documents`);
  await writeBackup(backup, {
    seed: 20_261_127,
    documents: Array.from({ length: documents }, (_, i) => ({
      title: `Article ${i + 1}`,
      chars: 10_000,
      highlights: 50,
    })),
  });
  const backupBytes = (await stat(backup)).size;
  const dataDir = path.join(work, 'scale-library');
  log('backups: importing it into an empty library');
  flushWrites();
  const imported = await measured(['import', '--data-dir', dataDir, '--in', backup], work);
  const highlights = Number(/highlights: ([0-9]+) added/.exec(imported.stderr)?.[1] ?? NaN);
  await rm(backup);
  const exports = [];
  for (const { name, args } of EXPORTS) {
    log(`backups: exporting ${name}`);
    const out = path.join(work, 'export.out');
    flushWrites();
    const run = await measured(['export', '--data-dir', dataDir, ...args, '--out', out], work);
    const bytes = (await stat(out)).size;
    exports.push({ name, ms: run.ms, peakMb: run.peakMb, bytes, floorMs: writeFloorApart(out, work) });
    await rm(out);
  }
  const readFloor = spawnSync(process.execPath, [path.join(projectRoot, 'scripts/bench/read-floor.mjs'), dataDir], {
    encoding: 'utf8',
  });
  if (readFloor.status !== 0) throw new Error(`The read floor failed: ${readFloor.stderr}`);
  // The library imported, opened by the backend as the app opens it: at the scale step, the storage's own targets.
  log('backups: the imported library in the backend (open, saves, memory, the annotations export)');
  const probe = spawnSync(
    process.execPath,
    ['--expose-gc', path.join(projectRoot, 'out/bench/backend/backend-bench.cjs'), dataDir, '3', '--storage'],
    { encoding: 'utf8', maxBuffer: 16 * 2 ** 20 },
  );
  if (probe.status !== 0) throw new Error(`The backend probe failed: ${probe.stderr}`);
  const started = coldStarts
    ? await measureColdStarts({ ...coldStarts, dataDir, documents, expected: 50, log: (m) => log(`backups: ${m}`) })
    : undefined;
  await rm(dataDir, { recursive: true, force: true });
  return {
    documents,
    highlights,
    backupBytes,
    import: { ms: imported.ms, peakMb: imported.peakMb },
    exports,
    readFloorMs: JSON.parse(readFloor.stdout).ms,
    backend: JSON.parse(probe.stdout),
    coldStarts: started,
  };
}
