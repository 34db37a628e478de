// Browser mode started as a user starts it, for the bench's measures in the page.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../build.mjs';

/**
 * Starts browser mode on `dataDir`; resolves with its URL, when it was spawned (by this process's clock, and as
 * Date.now() to compare with the page's clock), and a stop that waits for the exit (the next start on the same folder
 * must find its lock released).
 */
export function startApp(dataDir) {
  const started = performance.now();
  const startedEpoch = Date.now();
  const child = spawn(
    process.execPath,
    [path.join(projectRoot, 'out/main/serve.js'), '--port', '0', '--data-dir', dataDir],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    child.on('exit', (code) => reject(new Error(`browser mode exited (${code}): ${output}`)));
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /(http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(output);
      if (match) {
        child.removeAllListeners('exit');
        const stop = () => new Promise((done) => (child.once('exit', done), child.kill()));
        resolve({ url: match[1], startedAt: started, startedEpoch, stop });
      }
    });
  });
}
