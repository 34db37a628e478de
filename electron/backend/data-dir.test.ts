import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataDirFromArgs, defaultUserDataDir, resolveDataDir } from './data-dir';

describe('data directory', () => {
  it('takes --data-dir first, then the environment variable, then the default', () => {
    const env = { STANCE_ANNOTATOR_DATA_DIR: '/from/env' };
    expect(resolveDataDir(['--data-dir', '/from/flag'], env, '/default')).toBe(path.resolve('/from/flag'));
    expect(resolveDataDir(['--data-dir=/from/flag'], env, '/default')).toBe(path.resolve('/from/flag'));
    expect(resolveDataDir([], env, '/default')).toBe(path.resolve('/from/env'));
    expect(resolveDataDir([], {}, '/default')).toBe(path.resolve('/default'));
  });

  it('reads the flag among other arguments, such as Electron’s own', () => {
    expect(dataDirFromArgs(['/usr/bin/electron', '--no-sandbox', '.', '--data-dir', 'd'])).toBe('d');
    expect(dataDirFromArgs(['.'])).toBeUndefined();
  });

  it('matches Electron’s userData folder by platform', () => {
    expect(defaultUserDataDir('linux', { XDG_CONFIG_HOME: '/x' })).toBe(path.join('/x', 'Stance Annotator'));
    expect(defaultUserDataDir('win32', { APPDATA: 'C:\\Users\\a\\AppData\\Roaming' })).toContain('Stance Annotator');
    expect(defaultUserDataDir('darwin', {})).toContain(path.join('Library', 'Application Support', 'Stance Annotator'));
  });
});
