// The write floor of a file: its bytes written again, as what an export that had the whole text at hand would still
// have to do. One definition for every export the bench times (the command line's and the app's).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes what the system holds unwritten to disk, so that the write timed next starts as every other does. Without it
 * a write of the same 906 MB took 0.4 s alone and 4.0 s after the bench's gigabytes of exports: the system makes a
 * writer wait once too much is unwritten, and the floor of one export was ten times another's by that alone.
 */
export function flushWrites() {
  if (process.platform !== 'win32') spawnSync('sync');
}

/**
 * The file's bytes written to a new file beside `work`, as strings of 16 MB through one file handle (a single string of
 * a 1 GB file is beyond V8's limit, and one of 380 MB took seconds to encode in the backend's large heap, which then
 * set a floor ten times the command line's for the same bytes). The median of three writes: one write of 900 MB took
 * 2.1 s in one run and 3.9 s in the next, which alone decided whether an export met its target.
 */
export async function writeFloor(file, work) {
  const bytes = await readFile(file);
  const pieces = [];
  for (let i = 0; i < bytes.length; i += 16 * 2 ** 20)
    pieces.push(bytes.subarray(i, i + 16 * 2 ** 20).toString('latin1'));
  const target = path.join(work, `floor-${process.pid}.out`);
  const times = [];
  for (let run = 0; run < 3; run++) {
    flushWrites();
    const started = performance.now();
    const handle = await open(target, 'w');
    for (const piece of pieces) await handle.writeFile(piece, 'latin1');
    await handle.close();
    times.push(performance.now() - started);
    await rm(target);
  }
  return times.sort((a, b) => a - b)[1];
}

/**
 * {@link writeFloor} in a Node process of its own (write-floor-cli.mjs, found from the project's root, where the bench
 * runs): what the floor is should not depend on the heap of the process that asks.
 */
export function writeFloorApart(file, work) {
  const script = path.join(process.cwd(), 'scripts', 'bench', 'write-floor-cli.mjs');
  if (!existsSync(script)) throw new Error(`${script} not found: run the bench from the project's root.`);
  const result = spawnSync(process.execPath, [script, file, work], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`The write floor of ${file} failed: ${result.stderr}`);
  return JSON.parse(result.stdout).ms;
}
