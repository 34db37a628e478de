/**
 * Resolves once the page has nothing to do (its frame painted, no task waiting), or after `timeoutMs` at the latest.
 * What is asked of the backend for later, such as reading every document of the library, is asked for then: on two
 * cores, the backend's work and the page's own compete for the same processor.
 */
export function pageIdle(timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: timeoutMs });
    else setTimeout(resolve, 0);
  });
}
