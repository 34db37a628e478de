import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from './build.mjs';

const electronPackage = path.join(projectRoot, 'node_modules', 'electron');

/** The Electron executable when it is installed, else null (its postinstall download did not run or failed). */
export function electronExecutable() {
  const pathFile = path.join(electronPackage, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const executable = path.join(electronPackage, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(executable) ? executable : null;
}

/** Runs electron's own installer once; returns its error output on failure. */
export function tryInstallElectron() {
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  const result = spawnSync(process.execPath, [path.join(electronPackage, 'install.js')], {
    cwd: electronPackage,
    env,
    encoding: 'utf8',
    timeout: 10 * 60 * 1000,
  });
  if (result.status === 0 && electronExecutable()) return null;
  const lines = `${result.stderr ?? ''}${result.error?.message ?? ''}`.trim().split('\n');
  return lines.find((l) => /error/i.test(l))?.trim() ?? lines[0] ?? 'unknown error';
}
