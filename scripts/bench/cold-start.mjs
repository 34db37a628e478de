// The cold start of browser mode on a library, timed in the page: from spawning the server until the document the
// library reopens is painted, and until the Library's rows fill its view after the Library button is clicked.
import { chromium } from '@playwright/test';
import { timeColdStartToLibrary } from './browser-measures.mjs';
import { startApp } from './start-app.mjs';

/**
 * `runs` cold starts on `dataDir` (`documents` documents, `expected` highlights in the one reopened), after one that is
 * not timed (the first start after an import writes the library's first backup). Each in a new tab of one browser.
 */
export async function measureColdStarts({ browserPath, dataDir, documents, expected, runs, log }) {
  const browser = await chromium.launch({
    executablePath: browserPath,
    args: ['--disable-gpu', '--no-first-run', '--disable-background-networking'],
    chromiumSandbox: false,
  });
  const viewport = { width: 1280, height: 800 };
  const times = { coldStart: [], coldStartDocument: [] };
  try {
    for (let run = 0; run <= runs; run++) {
      log(run === 0 ? 'cold start: a first start, not timed' : `cold start, run ${run}/${runs}`);
      const page = await browser.newPage({ viewport });
      const app = await startApp(dataDir);
      try {
        await page.goto(app.url, { waitUntil: 'commit' });
        const shown = await page.evaluate(timeColdStartToLibrary, { expected, documents });
        if (run > 0) {
          times.coldStart.push(shown.libraryShownAt - app.startedEpoch);
          times.coldStartDocument.push(shown.documentShownAt - app.startedEpoch);
        }
      } finally {
        await page.close();
        await app.stop();
      }
    }
  } finally {
    await browser.close();
  }
  return times;
}
