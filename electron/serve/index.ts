import path from 'node:path';
import { parseArgs } from 'node:util';
import { backendWhenOpen, createBackend } from '../backend/backend';
import { writeExportBlocks } from '../backend/export-writer';
import { Jobs } from '../backend/jobs';
import { DATA_DIR_ENV, defaultUserDataDir, resolveDataDir } from '../backend/data-dir';
import { acquireDataLock } from '../backend/data-lock';
import { openStore } from '../backend/store';
import { startBrowserModeServer } from './http-server';

const USAGE = `Usage: npm run serve -- [--port N] [--data-dir DIR]

Serves Stance Annotator to a browser on this machine only (127.0.0.1).
  --port N        port to listen on; 0 picks any free port (default 0)
  --data-dir DIR  folder of the library (default: $${DATA_DIR_ENV}, else ${defaultUserDataDir()})`;

async function main(): Promise<void> {
  let values: { port?: string; 'data-dir'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: { port: { type: 'string' }, 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    fail(`${(error as Error).message}\n\n${USAGE}`);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a whole number from 0 to 65535.`);

  const dataDir = resolveDataDir(
    values['data-dir'] ? ['--data-dir', values['data-dir']] : [],
    process.env,
    defaultUserDataDir(),
  );
  // One writer per library: refuse (clearly) if another process has it open.
  await acquireDataLock(dataDir, 'browser mode').catch((error: Error) => fail(error.message));
  // The server listens while the library opens: the page loads meanwhile, and its calls wait for the library.
  const opening = openStore(dataDir, { documentsInBackground: true });
  opening.catch((error: Error) => fail(error.message));
  // Long work (an export, an import) the page follows and can stop, through the API and the download alike.
  const jobs = new Jobs();
  const server = await startBrowserModeServer({
    backend: backendWhenOpen(opening.then((store) => createBackend(store, undefined, jobs))),
    writeExport: async (request, write) => {
      const store = await opening;
      return jobs.run(request.jobId, (control) => writeExportBlocks(store, request, write, control));
    },
    rendererDir: path.join(__dirname, '../renderer'),
    port,
  }).catch((error: Error) => fail(`Could not listen on 127.0.0.1:${port}: ${error.message}`));

  console.log(`Stance Annotator at ${server.url}`);
  const store = await opening;
  // What opening the library found (a file moved aside, say); what the documents' reading finds shows in the app.
  for (const notice of store.notices) console.warn(`Notice: ${notice}`);

  // A clean stop answers the requests under way, then folds the change logs into their documents' files.
  const stop = (): void => {
    void server
      .close()
      .then(() => store.close())
      .then(
        () => process.exit(0),
        (error: Error) => fail(`The library could not be closed cleanly (nothing is lost): ${error.message}`),
      );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

void main();
