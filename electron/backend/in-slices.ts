import type { JobControl } from './jobs';

/** How long a long computation holds the backend before it lets other requests in. */
const SLICE_MS = 12;

/**
 * Runs a generator to its end, giving the event loop a turn whenever a slice of {@link SLICE_MS} is used up: a long
 * computation (agreement over thousands of documents) never keeps a save waiting for more than a slice and a step.
 */
export async function inSlices<T>(steps: Generator<undefined, T>): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart > SLICE_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
}

/**
 * Steps that yield how many of `total` are done, run as a job's: each step's count reported as its progress, and the
 * steps stopped (with the job's reason) once it is cancelled. Without a job, the steps as they are.
 */
export function* asJob<T>(
  steps: Generator<number, T>,
  total: number,
  control: JobControl | undefined,
): Generator<undefined, T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    control?.progress(step.value, total);
    control?.signal.throwIfAborted();
    yield undefined;
  }
}
