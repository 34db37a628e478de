// Runs a Node program (the built command line) as it is, and writes its peak resident memory (VmHWM, from
// /proc/self/status, else `process.resourceUsage().maxRSS`) to $PEAK_MEMORY_FILE when it exits: the bench's measure
// of a command's memory, under Node's default heap settings.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [node, , entry, ...args] = process.argv;
process.argv = [node, path.resolve(entry), ...args];
process.on('exit', () => {
  let kb = null;
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) kb = Number(match[1]);
  } catch {
    // Not Linux: the process's own account below.
  }
  kb ??= process.resourceUsage().maxRSS;
  writeFileSync(process.env.PEAK_MEMORY_FILE, JSON.stringify({ peakKb: kb }));
});
await import(pathToFileURL(path.resolve(entry)).href);
