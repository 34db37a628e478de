import { homedir } from 'node:os';
import path from 'node:path';

export const DATA_DIR_ENV = 'STANCE_ANNOTATOR_DATA_DIR';
export const DATA_FILE_NAME = 'stance-annotator.json';
const APP_DIR_NAME = 'Stance Annotator';

/** The value of `--data-dir DIR` or `--data-dir=DIR` in an argument list, if any. */
export function dataDirFromArgs(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--data-dir') return argv[i + 1];
    if (arg?.startsWith('--data-dir=')) return arg.slice('--data-dir='.length);
  }
  return undefined;
}

/**
 * Where the data lives: `--data-dir`, else `STANCE_ANNOTATOR_DATA_DIR`, else the shell's default (Electron's
 * userData; the same folder computed by hand in browser mode, so both shells share one library by default).
 */
export function resolveDataDir(argv: readonly string[], env: NodeJS.ProcessEnv, fallback: string): string {
  const chosen = dataDirFromArgs(argv) || env[DATA_DIR_ENV] || fallback;
  return path.resolve(chosen);
}

/** Electron's `app.getPath('userData')` for this app, computed without Electron. */
export function defaultUserDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const home = homedir();
  switch (platform) {
    case 'win32':
      return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', APP_DIR_NAME);
    default:
      return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_DIR_NAME);
  }
}
