import { Worker } from 'node:worker_threads';
import { ApiFailure } from './api-error';

/** How long a regular expression may search the library before it is stopped. */
export const REGEX_SEARCH_TIMEOUT_MS = 3_000;

/**
 * Every match of a regular expression in the texts, as [text index, start, end] triples. Self-contained on purpose:
 * its source is what the search worker evaluates.
 */
export function regexMatchesIn(texts: readonly string[], source: string): number[] {
  const pattern = new RegExp(source, 'giu');
  const found: number[] = [];
  texts.forEach((text, index) => {
    pattern.lastIndex = 0;
    for (const match of text.matchAll(pattern)) {
      if (match[0].length > 0) found.push(index, match.index, match.index + match[0].length);
    }
  });
  return found;
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const search = ${regexMatchesIn.toString()};
try {
  parentPort.postMessage({ ok: true, value: search(workerData.texts, workerData.source) });
} catch (error) {
  parentPort.postMessage({ ok: false, error: String((error && error.message) || error) });
}
`;

/**
 * Runs a regular expression over the texts in a worker thread: a pattern that backtracks catastrophically
 * (`(a+)+$`) neither blocks the backend nor runs on; past the time limit the worker is stopped and the search fails
 * with the reason.
 */
export function regexMatchesInWorker(
  texts: readonly string[],
  source: string,
  timeoutMs = REGEX_SEARCH_TIMEOUT_MS,
): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { texts, source } });
    const finish = (error: ApiFailure | null, value?: number[]): void => {
      clearTimeout(timer);
      void worker.terminate();
      if (error) reject(error);
      else resolve(value!);
    };
    const timer = setTimeout(
      () =>
        finish(
          new ApiFailure(
            'invalid-request',
            `The regular expression took longer than ${timeoutMs / 1000} s and was stopped: make it simpler (nested repetition such as (a+)+ is the usual cause).`,
          ),
        ),
      timeoutMs,
    );
    worker.once('message', (answer: { ok: true; value: number[] } | { ok: false; error: string }) =>
      answer.ok ? finish(null, answer.value) : finish(new ApiFailure('invalid-request', answer.error)),
    );
    worker.once('error', (error) => finish(new ApiFailure('invalid-request', error.message)));
  });
}
