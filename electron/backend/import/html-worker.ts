import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { ApiFailure } from '../api-error';
import { extractArticleWith, type ExtractedArticle } from './html-to-text';

/** How long one page may take to extract before it is given up on. */
export const HTML_EXTRACTION_TIMEOUT_MS = 5_000;

const resolveModule = createRequire(import.meta.url).resolve;

// The worker's whole program: load the libraries (by the paths this process resolved), run the extraction, answer.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { JSDOM, VirtualConsole } = require(workerData.jsdom);
const { Readability } = require(workerData.readability);
const extract = ${extractArticleWith.toString()};
try {
  parentPort.postMessage({ ok: true, value: extract(JSDOM, VirtualConsole, Readability, workerData.html, workerData.title) });
} catch (error) {
  parentPort.postMessage({ ok: false, error: String((error && error.message) || error) });
}
`;

/**
 * Extracts a web page's article in a worker thread, so that a pathological page (deep nesting, megabytes of markup)
 * neither blocks the backend nor runs on: past the time limit the worker is stopped and the import fails cleanly.
 */
export function extractArticleInWorker(
  fileName: string,
  html: string,
  fallbackTitle: string,
  timeoutMs = HTML_EXTRACTION_TIMEOUT_MS,
): Promise<ExtractedArticle> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        html,
        title: fallbackTitle,
        jsdom: resolveModule('jsdom'),
        readability: resolveModule('@mozilla/readability'),
      },
      resourceLimits: { maxOldGenerationSizeMb: 1024, stackSizeMb: 16 },
    });
    const fail = (message: string): void => {
      clearTimeout(timer);
      void worker.terminate();
      reject(new ApiFailure('invalid-request', `${fileName}: ${message}`));
    };
    const timer = setTimeout(
      () => fail(`the page is too large or too deeply nested to extract (stopped after ${timeoutMs / 1000} s).`),
      timeoutMs,
    );
    worker.once('message', (answer: { ok: true; value: ExtractedArticle } | { ok: false; error: string }) => {
      clearTimeout(timer);
      void worker.terminate();
      if (answer.ok) resolve(answer.value);
      else reject(new ApiFailure('invalid-request', `${fileName}: the page could not be read (${answer.error}).`));
    });
    worker.once('error', (error) => fail(`the page could not be read (${error.message}).`));
  });
}
