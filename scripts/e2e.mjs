// The end-to-end step of `npm test`: find a Chromium, then run the Playwright specs (browser mode; the Electron
// project reports itself skipped where the Electron binary is missing). Never downloads a browser.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from './build.mjs';
import { electronExecutable } from './electron-binary.mjs';

async function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'];
  for (const candidate of candidates) if (candidate && existsSync(candidate)) return candidate;
  try {
    const { chromium } = await import('@playwright/test');
    const own = chromium.executablePath();
    if (own && existsSync(own)) return own;
  } catch {
    // Playwright has no browser of its own here; that is fine.
  }
  return null;
}

const chromium = await findChromium();
if (!chromium) {
  const message =
    'End-to-end tests: no Chromium found (set CHROMIUM_PATH, or install one: sudo apt-get install -y chromium).';
  if (process.env.CI) {
    console.error(`${message} A browser is required when CI is set.`);
    process.exit(1);
  }
  console.log(`${message} Skipped.`);
  process.exit(0);
}
if (!electronExecutable()) {
  console.log('End-to-end tests: the Electron project is skipped (no Electron binary installed); browser mode runs.');
}

const cli = path.join(projectRoot, 'node_modules', '@playwright', 'test', 'cli.js');
const result = spawnSync(process.execPath, [cli, 'test', ...process.argv.slice(2)], {
  cwd: projectRoot,
  stdio: 'inherit',
  env: { ...process.env, CHROMIUM_PATH: chromium, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
});
process.exit(result.status ?? 1);
