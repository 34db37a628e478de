import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { runCli } from './cli';

// The export threads' script is built beside this one (electron.vite.config.ts). One per core, since reading and
// formatting the documents is most of an export's work and the thread that writes them mostly waits on the disk; at
// most four, each holding some 40 MB of its own, so that an export's memory stays well under half a gigabyte.
const exportWorkerScript = path.join(__dirname, 'export-worker.js');
const exportWorkers =
  existsSync(exportWorkerScript) && availableParallelism() > 1
    ? { script: exportWorkerScript, count: Math.min(availableParallelism(), 4) }
    : undefined;

// Ctrl+C stops a long command between two records, and it leaves nothing half done (an import commits at its end or
// not at all); a second Ctrl+C exits at once.
const interrupted = new AbortController();
process.on('SIGINT', () => {
  if (interrupted.signal.aborted) process.exit(130);
  interrupted.abort(new Error('Interrupted: nothing was changed.'));
});

let shown = -1;
void runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  signal: interrupted.signal,
  ...(exportWorkers && { exportWorkers }),
  // On a terminal, a line that counts up; in a pipe or a log, nothing.
  progress: process.stderr.isTTY
    ? (fraction) => {
        const percent = Math.floor(fraction * 100);
        if (percent === shown) return;
        shown = percent;
        process.stderr.write(`\r${percent}%${percent === 100 ? '\n' : ''}`);
      }
    : undefined,
}).then((status) => {
  process.exitCode = interrupted.signal.aborted ? 130 : status;
});
