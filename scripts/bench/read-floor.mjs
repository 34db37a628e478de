// The read floor of an export from a library's files: every document file read and parsed as JSON on one thread,
// nothing checked, replayed or formatted. Any export that reads the library from its files pays at least this, spread
// over the threads it has; an export whose file is small next to its library (documents.csv, codebook.csv) is bound by
// it rather than by its write floor. Prints the milliseconds.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const documents = path.join(process.argv[2], 'documents');
const started = performance.now();
let highlights = 0;
for (const name of readdirSync(documents)) {
  if (name.endsWith('.json'))
    highlights += JSON.parse(readFileSync(path.join(documents, name), 'utf8')).highlights.length;
}
process.stdout.write(JSON.stringify({ ms: performance.now() - started, highlights }));
