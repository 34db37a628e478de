/**
 * Serialises writes at most once per write on disk: while one write is under way, every save asked for meanwhile
 * shares the single write that starts after it (and so holds all their changes, and every part they touched). A burst
 * of 10,000 changes costs a handful of writes, not 10,000; each caller still resolves only once a write that began
 * after its change has been renamed into place.
 */
export function coalescedWriter<T>(
  write: (parts: ReadonlySet<T>) => Promise<void>,
): (parts: Iterable<T>) => Promise<void> {
  let current: Promise<void> | null = null;
  let next: Promise<void> | null = null;
  let queued = new Set<T>();
  const start = (parts: ReadonlySet<T>): Promise<void> => {
    const run = write(parts).finally(() => {
      if (current === run) current = null;
    });
    current = run;
    return run;
  };
  return (parts) => {
    if (!current) return start(new Set(parts));
    for (const part of parts) queued.add(part);
    next ??= current
      .catch(() => undefined)
      .then(() => {
        next = null;
        const batch = queued;
        queued = new Set();
        return start(batch);
      });
    return next;
  };
}
