import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Builds main, preload and renderer into out/ (a few seconds), so `npm start` and `npm run serve` run fresh code. */
export function build() {
  const cli = path.join(projectRoot, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const result = spawnSync(process.execPath, [cli, 'build', '--logLevel', 'warn'], {
    cwd: projectRoot,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    console.error('The build failed; see the messages above.');
    process.exit(result.status ?? 1);
  }
}

/** Runs a Node script in the foreground, passing Ctrl+C on to it, and exits with its code. */
export function runNodeScript(script, args) {
  const child = spawnSync(process.execPath, [script, ...args], { cwd: projectRoot, stdio: 'inherit' });
  process.exit(child.status ?? 1);
}
