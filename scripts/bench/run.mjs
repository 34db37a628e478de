// `npm run bench`: builds what it needs, generates its inputs from a fixed seed, and measures the app in Chromium
// through browser mode (and its backend directly), side by side with a peer, @recogito/text-annotator 4, showing the
// same article and highlights in the same browser. Prints one table of medians (with the targets) and writes the raw
// figures to out/bench/results.json. `--smoke` runs everything once on small inputs: `npm test` runs that, so the
// bench cannot rot (`--app-built` skips building the app, which `npm test` has just done). `--runs N` sets the number
// of runs (default 5).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { build } from 'vite';
import { projectRoot } from '../build.mjs';
import {
  timeAddHighlight,
  timeClick,
  timeColdStartToLibrary,
  timeOpenFromLibrary,
  timeScroll,
  timeSelect,
} from './browser-measures.mjs';
import { MARKER_WORD, writeLibrary } from './generate.mjs';
import { measureBackups } from './backup-bench.mjs';
import { startApp } from './start-app.mjs';
import { backupRows, formatTable, median, summarise } from './report.mjs';

const { values } = parseArgs({
  options: {
    smoke: { type: 'boolean' },
    runs: { type: 'string' },
    'app-built': { type: 'boolean' },
    scale: { type: 'string' },
    only: { type: 'string' },
  },
});
/** `--scale 10`: the backup step at ten times the library (20,000 documents, 1,000,000 highlights). */
const scale = Number(values.scale ?? 1);
if (!(scale >= 1)) throw new Error('--scale takes a number of 1 or more.');
/** `--only backups`: that step alone; `--only analysis`: the analysis views in the browser alone (while tuning them). */
const onlyBackups = values.only === 'backups';
const onlyAnalysis = values.only === 'analysis';
if (values.only !== undefined && !onlyBackups && !onlyAnalysis)
  throw new Error('--only takes "backups" or "analysis".');
const smoke = Boolean(values.smoke);
const runs = smoke ? 1 : Number(values.runs ?? 5);
const outDir = path.join(projectRoot, 'out', 'bench');
const sizes = smoke
  ? { long: [60_000, 600], short: [20_000, 200], library: [40, 50] }
  : { long: [1_000_000, 10_000], short: [50_000, 1_000], library: [2_000, 50] };

function log(message) {
  process.stderr.write(`bench: ${message}\n`);
}

async function buildEverything() {
  if (values['app-built']) return buildProbes();
  log('building the app');
  const app = spawnSync(
    process.execPath,
    [path.join(projectRoot, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
    {
      cwd: projectRoot,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  if (app.status !== 0) throw new Error('electron-vite build failed');
  await buildProbes();
}

async function buildProbes() {
  log('building the backend probe and the peer page');
  await build({
    configFile: false,
    logLevel: 'silent',
    ssr: { noExternal: ['lowdb', 'steno', 'approx-string-match'] },
    build: {
      ssr: path.join(projectRoot, 'scripts/bench/backend-bench.ts'),
      outDir: path.join(outDir, 'backend'),
      emptyOutDir: true,
      rollupOptions: { output: { format: 'cjs', entryFileNames: 'backend-bench.cjs' } },
    },
  });
  await build({
    configFile: false,
    logLevel: 'silent',
    root: path.join(projectRoot, 'scripts/bench/peer'),
    base: './',
    build: { outDir: path.join(outDir, 'peer'), emptyOutDir: true },
  });
}

/** Serves the built peer page over loopback (module scripts do not load from file://). */
async function servePeer() {
  const root = path.join(outDir, 'peer');
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
  const server = createServer(async (request, response) => {
    const file = path.join(
      root,
      path.normalize(new URL(request.url, 'http://x').pathname).replace(/^\/+/, '') || 'index.html',
    );
    if (!file.startsWith(root) || !existsSync(file)) return void response.writeHead(404).end();
    response.writeHead(200, { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream' });
    response.end(await readFile(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/index.html`, close: () => server.close() };
}

function findChromium() {
  for (const candidate of [process.env.CHROMIUM_PATH, '/usr/bin/chromium'])
    if (candidate && existsSync(candidate)) return candidate;
  const own = chromium.executablePath();
  if (own && existsSync(own)) return own;
  throw new Error('No Chromium found: set CHROMIUM_PATH, or install one (sudo apt-get install -y chromium).');
}

/** Waits in the page until the app shows `title` (null: any document) with `expected` highlights painted. */
async function waitForDocument(page, title, expected) {
  await page.waitForFunction(
    ({ title, expected }) => {
      let count = 0;
      for (const [name, h] of CSS.highlights) if (name.startsWith('sa-tag-') || name === 'sa-untagged') count += h.size;
      const heading = document.querySelector('h1')?.textContent;
      return (title === null ? Boolean(heading) : heading === title) && count >= expected;
    },
    { title, expected },
    { timeout: 120_000, polling: 'raf' },
  );
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

async function heapMb(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize / 2 ** 20;
}

async function openLibraryView(page) {
  await page.getByRole('button', { name: /^Library/ }).click();
  await page.locator('table button').first().waitFor();
}

/** Selects a passage in the first paragraph on screen with a real mouse drag, as an analyst would. */
async function selectVisiblePassage(page, nth) {
  const points = await page.evaluate((nth) => {
    const scroller = document.querySelector('.article-scroller');
    const top = scroller.getBoundingClientRect().top;
    const paragraph = [...document.querySelectorAll('article p')].find((p) => p.getBoundingClientRect().top > top + 20);
    const node = paragraph.firstChild;
    const range = document.createRange();
    const from = 10 + nth * 3;
    range.setStart(node, from);
    range.setEnd(node, from + 1);
    const first = range.getBoundingClientRect();
    range.setStart(node, from + 29);
    range.setEnd(node, from + 30);
    const last = range.getBoundingClientRect();
    return {
      from: { x: first.left + 1, y: first.top + first.height / 2 },
      to: { x: last.right - 1, y: last.top + last.height / 2 },
    };
  }, nth);
  await page.mouse.move(points.from.x, points.from.y);
  await page.mouse.down();
  await page.mouse.move(points.to.x, points.to.y, { steps: 4 });
  await page.mouse.up();
  await page.waitForFunction(() => CSS.highlights.has('sa-pending'));
}

/**
 * The analysis views at library scale, as an analyst uses them: a filter changed in the stance map and in the coded
 * segments (each until the new numbers are painted), the segments' list scrolled, and a search of every text.
 */
async function measureAnalysis(browser, viewport, libraryDir) {
  const times = { stanceMap: [], segments: [], segmentsScroll: [], search: [] };
  const app = await startApp(libraryDir);
  const page = await browser.newPage({ viewport });
  try {
    await page.goto(app.url);
    await waitForDocument(page, null, sizes.library[1]);
    // The library's documents load in the background after the first one shows: the views are timed once they all
    // have (the backend answers `documentsLoaded` once they have), not while the loading competes with them.
    await page.evaluate(async () => {
      const token = new URL(window.location.href).searchParams.get('token');
      const response = await fetch('/api/documentsLoaded', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: '{}',
      });
      const result = await response.json();
      if (!result.ok) throw new Error(`documentsLoaded answered: ${result.error.message}`);
    });
    const closeDialog = async () => {
      await page.locator('dialog[open]').getByRole('button', { name: 'Close' }).click();
      await page.locator('dialog[open]').waitFor({ state: 'detached' });
    };

    await page.keyboard.press('Control+Shift+M');
    await page.locator('.stance-map tbody').waitFor();
    for (let run = 0; run < runs; run++) {
      times.stanceMap.push(await page.evaluate(timeSelect, { label: 'Outlet', watch: '.stance-map tbody' }));
    }
    await closeDialog();

    await page.keyboard.press('Control+Shift+G');
    await page.locator('#segments-heading').waitFor();
    for (let run = 0; run < runs; run++) {
      times.segments.push(await page.evaluate(timeSelect, { label: 'Outlet', watch: '#segments-heading' }));
      times.segmentsScroll.push(await page.evaluate(timeScroll, { selector: '.segments ul' }));
    }
    await closeDialog();

    for (let run = 0; run < runs; run++) {
      await page.keyboard.press('Control+Shift+F');
      await page.getByRole('searchbox', { name: 'Search every text' }).fill('kyiv');
      times.search.push(
        await page.evaluate(timeClick, { button: 'button[type="submit"]', watch: '.search-results li' }),
      );
      await closeDialog();
    }
  } finally {
    await page.close();
    await app.stop();
  }
  return times;
}

async function main() {
  const browserPath = findChromium();
  if (!browserPath) {
    const message = 'No Chromium found: set CHROMIUM_PATH, or install one (sudo apt-get install -y chromium).';
    // Like the end-to-end tests: a machine without a browser skips the smoke run, but CI and the real bench need one.
    if (smoke && !process.env.CI) return void log(`${message} The smoke run is skipped.`);
    throw new Error(message);
  }
  await buildEverything();
  const work = await mkdtemp(path.join(os.tmpdir(), 'stance-bench-'));
  const raw = { date: new Date().toISOString(), machine: machine(), runs, smoke };
  if (onlyBackups) {
    try {
      // On its own (the scale step), the step also times the app's cold start on the library it imported.
      raw.backups = await measureBackups({
        work,
        documents: Math.round(sizes.library[0] * scale),
        log,
        coldStarts: { browserPath, runs: Math.min(runs, 3) },
      });
      return report(raw, backupRows(raw.backups), 'results-backups.json');
    } finally {
      await rm(work, { recursive: true, force: true, maxRetries: 5 });
    }
  }
  try {
    log('generating inputs (seed 20261125)');
    const articlesDir = path.join(work, 'articles');
    const articles = await writeLibrary(articlesDir, {
      seed: 20_261_125,
      documents: [
        { title: 'Long article', chars: sizes.long[0], highlights: sizes.long[1] },
        { title: 'Short article', chars: sizes.short[0], highlights: sizes.short[1] },
      ],
    });
    const libraryDir = path.join(work, 'library');
    await writeLibrary(libraryDir, {
      seed: 20_261_126,
      documents: Array.from({ length: sizes.library[0] }, (_, i) => ({
        title: `Article ${i + 1}`,
        chars: 10_000,
        highlights: sizes.library[1],
        // "Kyïv" 5,000 times in 2,000 documents: what a search finds, and "Code all matches" codes.
        markers: i < sizes.library[0] / 2 ? 3 : 2,
      })),
    });

    const browser = await chromium.launch({
      executablePath: browserPath,
      args: ['--disable-gpu', '--no-first-run', '--disable-background-networking'],
      chromiumSandbox: false,
    });
    const viewport = { width: 1280, height: 800 };
    if (onlyAnalysis) {
      try {
        const times = await measureAnalysis(browser, viewport, libraryDir);
        const scroll = times.segmentsScroll;
        log(`stance map, filter changed until painted: ${median(times.stanceMap).toFixed(0)} ms (target < 150 ms)`);
        log(`coded segments, filter changed until painted: ${median(times.segments).toFixed(0)} ms (target < 100 ms)`);
        log(`coded segments scrolled: ${Math.max(...scroll.map((s) => s.framesOver50))} frames over 50 ms (target 0)`);
        log(`search, until results painted: ${median(times.search).toFixed(0)} ms (target < 100 ms)`);
        return;
      } finally {
        await browser.close();
      }
    }
    try {
      // Ours: the two articles. The first start converts the generated single-file library into document files.
      const app = await startApp(articlesDir);
      const long = articles.documents[0];
      const short = articles.documents[1];
      const count = (d) => articles.highlights.filter((h) => h.documentId === d.id).length;
      raw.ours = { openLong: [], openShort: [], addFrames: [], addPainted: [], addAck: [], scroll: [], heapMb: [] };
      for (let run = 0; run < runs; run++) {
        log(`ours, run ${run + 1}/${runs}`);
        const page = await browser.newPage({ viewport });
        await page.goto(app.url);
        await waitForDocument(page, long.title, count(long));
        raw.ours.heapMb.push(await heapMb(page));
        await openLibraryView(page);
        raw.ours.openShort.push(
          await page.evaluate(timeOpenFromLibrary, { title: short.title, expected: count(short) }),
        );
        await openLibraryView(page);
        raw.ours.openLong.push(await page.evaluate(timeOpenFromLibrary, { title: long.title, expected: count(long) }));
        await selectVisiblePassage(page, run);
        const added = await page.evaluate(timeAddHighlight);
        raw.ours.addFrames.push(added.frames);
        raw.ours.addPainted.push(added.paintedMs);
        raw.ours.addAck.push(added.ackMs);
        // Leave the document as generated for the next run, and let the undo finish (it reloads the document) before
        // the scroll is timed.
        await page.keyboard.press('Control+z');
        await page.waitForFunction((expected) => {
          let count = 0;
          for (const [name, h] of CSS.highlights) if (name.startsWith('sa-tag-')) count += h.size;
          return count === expected;
        }, count(long));
        await page.locator('.save-status').getByText('All changes saved').waitFor();
        await page.waitForTimeout(1_000);
        raw.ours.scroll.push(await page.evaluate(timeScroll, { selector: '.article-scroller' }));
        await page.close();
      }
      await app.stop();
      log(`ours: ${JSON.stringify(raw.ours)}`);

      // The peer: the same texts and highlights, through its bulk API, with each of its two renderers.
      const peer = await servePeer();
      raw.peer = { openLong: [], openShort: [], openLongSpans: [], scroll: [], heapMb: [] };
      const highlightsOf = (d) => articles.highlights.filter((h) => h.documentId === d.id);
      for (let run = 0; run < runs; run++) {
        log(`peer, run ${run + 1}/${runs}`);
        const page = await browser.newPage({ viewport });
        await page.goto(peer.url);
        const open = (d, renderer) =>
          page.evaluate(
            ([text, highlights, renderer]) => window.peerOpen(text, highlights, renderer),
            [d.text, highlightsOf(d), renderer],
          );
        raw.peer.openShort.push(await open(short, 'CSS_HIGHLIGHTS'));
        await page.reload();
        raw.peer.openLong.push(await open(long, 'CSS_HIGHLIGHTS'));
        raw.peer.heapMb.push(await heapMb(page));
        raw.peer.scroll.push(await page.evaluate(timeScroll, { selector: null }));
        if (run === 0) {
          await page.reload();
          raw.peer.openLongSpans.push(await open(long, 'SPANS'));
        }
        await page.close();
      }
      peer.close();
      log(`peer: ${JSON.stringify(raw.peer)}`);

      // Library scale: cold starts of browser mode on 2,000 documents, and opening one of them.
      log('library scale: converting the generated library (first start, not measured)');
      const first = await startApp(libraryDir);
      const warm = await browser.newPage({ viewport });
      await warm.goto(first.url);
      await waitForDocument(warm, 'Article 1', sizes.library[1]);
      await warm.close();
      await first.stop();
      raw.library = { coldStart: [], coldStartDocument: [], coldStartDriven: [], openDocument: [] };
      for (let run = 0; run < runs; run++) {
        log(`library scale, run ${run + 1}/${runs}`);
        // Browser mode in a tab that is already open, as an analyst would use it: from starting the app until the
        // library's rows fill the view (the document the library reopens shows first, then the Library button is
        // clicked). Timed by the page's clock, as every measure in the page is (browser-measures.mjs).
        const page = await browser.newPage({ viewport });
        const started = await startApp(libraryDir);
        await page.goto(started.url, { waitUntil: 'commit' });
        const shown = await page.evaluate(timeColdStartToLibrary, {
          expected: sizes.library[1],
          documents: sizes.library[0],
        });
        raw.library.coldStart.push(shown.libraryShownAt - started.startedEpoch);
        raw.library.coldStartDocument.push(shown.documentShownAt - started.startedEpoch);
        const rowsShown = await page.locator('table tbody tr[data-row]').count();
        // A document from the middle of the rows shown, another each run (so never the one the library just reopened).
        const title = await page
          .locator('table tbody tr[data-row]')
          .nth((Math.floor(rowsShown / 2) + run) % rowsShown)
          .locator('button')
          .first()
          .textContent();
        raw.library.openDocument.push(await page.evaluate(timeOpenFromLibrary, { title, expected: sizes.library[1] }));
        await page.close();
        await started.stop();
        // The same start driven by Playwright (its waits for the document, its click with the checks before it, its
        // wait for the rows): what the table reported before the page timed it, for comparison.
        const driven = await browser.newPage({ viewport });
        const again = await startApp(libraryDir);
        await driven.goto(again.url);
        await waitForDocument(driven, null, sizes.library[1]);
        await openLibraryView(driven);
        await driven.locator('table tbody tr[data-row]').first().waitFor();
        raw.library.coldStartDriven.push(performance.now() - again.startedAt);
        await driven.close();
        await again.stop();
      }
      raw.analysis = await measureAnalysis(browser, viewport, libraryDir);
    } finally {
      await browser.close();
    }

    log('library scale: the backend on its own');
    const probe = spawnSync(
      process.execPath,
      [
        '--expose-gc',
        path.join(outDir, 'backend/backend-bench.cjs'),
        libraryDir,
        String(Math.max(runs, 3)),
        MARKER_WORD,
      ],
      {
        encoding: 'utf8',
        maxBuffer: 16 * 2 ** 20,
      },
    );
    if (probe.status !== 0) throw new Error(`The backend probe failed: ${probe.stderr}`);
    raw.backend = JSON.parse(probe.stdout);

    raw.backups = await measureBackups({ work, documents: Math.round(sizes.library[0] * scale), log });
    await report(
      raw,
      [...summarise(raw, sizes), ...backupRows(raw.backups)],
      smoke ? 'results-smoke.json' : 'results.json',
    );
  } finally {
    await rm(work, { recursive: true, force: true, maxRetries: 5 });
  }
}

/** Writes the raw figures, prints the table, and fails the run when a target is missed (not in a smoke run). */
async function report(raw, rows, fileName) {
  await mkdir(outDir, { recursive: true });
  const resultsFile = path.join(outDir, fileName);
  await writeFile(resultsFile, JSON.stringify(raw, null, 2));
  process.stdout.write(formatTable(raw, rows));
  process.stdout.write(`\nRaw figures: ${path.relative(projectRoot, resultsFile)}\n`);
  const missed = rows.filter((r) => r.pass === false);
  if (!smoke && missed.length > 0) {
    process.stdout.write(`\nTargets missed: ${missed.map((r) => r.label).join('; ')}\n`);
    process.exitCode = 1;
  }
}

function machine() {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}, ${os.platform()} ${os.release()}`;
}

await main();
