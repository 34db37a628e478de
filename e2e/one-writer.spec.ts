import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect, test } from './fixtures';

const root = path.resolve(__dirname, '..');

test('a second process on the same library refuses with a clear message', async ({ shell, app, dataDir }) => {
  test.skip(shell !== 'browser', 'Runs the browser-mode server and the command line next to the running app.');
  await expect(app.page.locator('article')).toBeVisible();
  const second = spawnSync(process.execPath, [path.join(root, 'out/main/serve.js'), '--data-dir', dataDir], {
    encoding: 'utf8',
    timeout: 10_000,
  });
  expect(second.status).toBe(1);
  expect(second.stderr).toContain('is already open in another Stance Annotator (browser mode, process');

  // Reading is fine while the app runs (writes are atomic renames); writing is not.
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, [path.join(root, 'out/main/cli.js'), ...args], { encoding: 'utf8', timeout: 10_000 });
  const backup = path.join(test.info().outputPath(), 'backup.json');
  expect(cli('export', '--data-dir', dataDir, '--what', 'backup', '--out', backup).status).toBe(0);
  const importer = cli('import', '--data-dir', dataDir, '--in', backup);
  expect(importer.status).toBe(1);
  expect(importer.stderr).toContain('is already open in another Stance Annotator (browser mode, process');
});
