import { ApiFailure } from './api-error';

/** How far a job is: `done` of `total` (documents of an export, bytes of an import). */
export interface JobProgress {
  done: number;
  total: number;
}

/** What a long piece of work is given: where to say how far it is, and what stops it. */
export interface JobControl {
  progress(done: number, total: number): void;
  signal: AbortSignal;
}

/**
 * Long work the analyst can watch and stop — an export, an import — known by an id the page chooses when it asks for
 * the work, so that it can ask how far it is (`getJobProgress`) and stop it (`cancelJob`) while the work runs. One
 * registry per backend, shared with the shells that write exports.
 */
export class Jobs {
  private readonly running = new Map<string, { progress: JobProgress; controller: AbortController }>();
  /**
   * Jobs cancelled before they began: the page shows Cancel as soon as it sends the request, which may still be on
   * its way (a large upload). The last few are kept, so that such a job stops as soon as it begins.
   */
  private readonly cancelledEarly = new Set<string>();

  /**
   * Runs `work` as the job `jobId` (none: not watched, not cancellable). A cancelled job fails with an
   * {@link ApiFailure} of code `cancelled`, which the work must leave nothing behind for.
   */
  async run<T>(jobId: string | undefined, work: (control: JobControl) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    const entry = { progress: { done: 0, total: 0 }, controller };
    if (jobId !== undefined) this.running.set(jobId, entry);
    if (jobId !== undefined && this.cancelledEarly.delete(jobId)) controller.abort(cancelled());
    try {
      return await work({
        progress: (done, total) => Object.assign(entry.progress, { done, total }),
        signal: controller.signal,
      });
    } finally {
      if (jobId !== undefined && this.running.get(jobId) === entry) this.running.delete(jobId);
    }
  }

  /** How far the job is; null when no such job runs (not begun, or over). */
  progress(jobId: string): JobProgress | null {
    const entry = this.running.get(jobId);
    return entry ? { ...entry.progress } : null;
  }

  /** Stops the job; false when no such job runs (one that begins later is stopped as it begins). */
  cancel(jobId: string): boolean {
    const entry = this.running.get(jobId);
    if (entry) {
      entry.controller.abort(cancelled());
      return true;
    }
    this.cancelledEarly.add(jobId);
    if (this.cancelledEarly.size > KEPT_EARLY_CANCELS)
      this.cancelledEarly.delete(this.cancelledEarly.values().next().value!);
    return false;
  }
}

const KEPT_EARLY_CANCELS = 100;

const cancelled = (): ApiFailure => new ApiFailure('cancelled', 'Cancelled: nothing was changed or written.');
