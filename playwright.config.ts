import { defineConfig } from '@playwright/test';
import type { ShellOptions } from './e2e/fixtures';

// scripts/e2e.mjs finds the browser (CHROMIUM_PATH, /usr/bin/chromium, or Playwright's own) and passes it here,
// so Playwright never downloads a browser of its own.
const executablePath = process.env.CHROMIUM_PATH || undefined;

export default defineConfig<ShellOptions>({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  // In CI a test that fails once is tried again and reported as flaky (never hidden: the report names it).
  retries: process.env.CI ? 1 : 0,
  timeout: 30_000,
  reporter: [['list'], ['./e2e/skip-reason-reporter.ts']],
  outputDir: './test-results',
  use: {
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath,
      args: [
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
      chromiumSandbox: false,
    },
  },
  projects: [
    { name: 'browser-mode', use: { shell: 'browser' } },
    { name: 'electron', use: { shell: 'electron' } },
  ],
});
