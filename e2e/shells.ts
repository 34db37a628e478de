import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { _electron, type Browser, type ElectronApplication, type Page } from '@playwright/test';

const projectRoot = path.resolve(__dirname, '..');
const serveScript = path.join(projectRoot, 'out', 'main', 'serve.js');
const electronMain = path.join(projectRoot, 'out', 'main', 'index.js');

/**
 * A running app, in whichever shell, on one data directory; `restart` stops it and starts it again on the same data,
 * doing `whileStopped` (to the files, say) in between.
 */
export interface RunningApp {
  readonly page: Page;
  restart(whileStopped?: () => Promise<void>): Promise<void>;
  stop(): Promise<void>;
}

/** The Electron executable if it is installed, else null. */
export function electronExecutable(): string | null {
  const pathFile = path.join(projectRoot, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) return null;
  const executable = path.join(projectRoot, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(executable) ? executable : null;
}

export async function startBrowserMode(browser: Browser, dataDir: string): Promise<RunningApp> {
  const context = await browser.newContext();
  const page = await context.newPage();
  let server = await startServer(dataDir);
  await page.goto(server.url);
  return {
    page,
    async restart(whileStopped) {
      await server.stop();
      await whileStopped?.();
      server = await startServer(dataDir);
      await page.goto(server.url);
    },
    async stop() {
      await context.close();
      await server.stop();
    },
  };
}

/** How long a server has to start, or to stop once asked: well under a test's 30 s, so that a hang names itself. */
const SERVER_WAIT_MS = 15_000;

async function startServer(dataDir: string): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [serveScript, '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // All it prints, kept for the message of a start or a stop that does not come.
  let output = '';
  const collect = (chunk: Buffer): void => void (output += chunk.toString());
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const url = await new Promise<string>((resolve, reject) => {
    const check = (): void => {
      const match = /Stance Annotator at (http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)/.exec(output);
      if (match?.[1]) done(() => resolve(match[1]!));
    };
    const timer = setTimeout(
      () =>
        done(() => reject(new Error(`The browser-mode server did not start within ${SERVER_WAIT_MS} ms:\n${output}`))),
      SERVER_WAIT_MS,
    );
    const exited = (code: number | null): void =>
      done(() => reject(new Error(`The browser-mode server exited (${code}):\n${output}`)));
    const done = (settle: () => void): void => {
      clearTimeout(timer);
      child.stdout.off('data', check);
      child.stderr.off('data', check);
      child.off('exit', exited);
      settle();
    };
    child.stdout.on('data', check);
    child.stderr.on('data', check);
    child.once('exit', exited);
  });
  return { url, stop: () => stopProcess(child, () => output) };
}

/** Asks the server to stop (a clean quit: it folds its change logs), and says so plainly if it does not. */
function stopProcess(child: ChildProcess, output: () => string): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The browser-mode server did not stop within ${SERVER_WAIT_MS} ms of SIGTERM:\n${output()}`));
    }, SERVER_WAIT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function startElectron(executablePath: string, dataDir: string): Promise<RunningApp> {
  const launch = (): Promise<ElectronApplication> =>
    _electron.launch({
      executablePath,
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), electronMain, '--data-dir', dataDir],
    });
  let app = await launch();
  let page = await app.firstWindow();
  return {
    get page() {
      return page;
    },
    async restart(whileStopped) {
      await app.close();
      await whileStopped?.();
      app = await launch();
      page = await app.firstWindow();
    },
    async stop() {
      await app.close();
    },
  };
}
