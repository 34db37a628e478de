// The write floor of a file (write-floor.mjs) in a Node process of its own: `node write-floor-cli.mjs <file> <work>`
// prints {"ms": …}. Measured inside the backend, with its heap of a million records, the floor of the same 380 MB took
// 0.26 s in one run and 1.25 s in the next: each 16 MB piece's encoding there can set off a collection of that heap.
import { writeFloor } from './write-floor.mjs';

process.stdout.write(JSON.stringify({ ms: await writeFloor(process.argv[2], process.argv[3]) }));
