import { useCallback, useEffect, useRef, useState } from 'react';
import { callApi } from '../api/client';

/** How far a job is: `done` of `total`. */
export interface JobProgress {
  done: number;
  total: number;
}

/** How often the page asks how far a job is. */
const POLL_MS = 250;

/**
 * A long piece of work in the backend (an export, an import) that the page follows and can stop: `start` gives the id
 * to send with the request and asks `getJobProgress` until `stop`; `cancel` asks the backend to stop it, which then
 * leaves nothing behind, and `cancelled` says that it was asked. A job still running when its dialog closes is
 * cancelled.
 */
export function useJob() {
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const [running, setRunning] = useState(false);
  const current = useRef<{ jobId: string; timer: number; cancelled: boolean } | null>(null);

  const stop = useCallback((): void => {
    if (current.current) window.clearInterval(current.current.timer);
    current.current = null;
    setRunning(false);
    setProgress(null);
  }, []);

  const start = useCallback((): string => {
    stop();
    const jobId = crypto.randomUUID();
    const timer = window.setInterval(() => {
      void callApi('getJobProgress', { jobId }).then(
        (answer) => {
          if (current.current?.jobId === jobId && answer && answer.total > 0) setProgress(answer);
        },
        () => undefined,
      );
    }, POLL_MS);
    current.current = { jobId, timer, cancelled: false };
    setRunning(true);
    return jobId;
  }, [stop]);

  const cancel = useCallback((): void => {
    const job = current.current;
    if (!job) return;
    job.cancelled = true;
    void callApi('cancelJob', { jobId: job.jobId }).catch(() => undefined);
  }, []);

  /** Whether the job that ran last was cancelled (read before `stop`). */
  const cancelled = useCallback((): boolean => current.current?.cancelled ?? false, []);

  // A dialog closed while its work runs (Escape, its ×) stops that work, as its Cancel would: closing a progress
  // dialog is cancelling it, and work left running behind a closed dialog would end without anyone told how.
  useEffect(
    () => () => {
      cancel();
      stop();
    },
    [cancel, stop],
  );
  return { progress, running, start, stop, cancel, cancelled };
}

export type Job = ReturnType<typeof useJob>;
