import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { ApiArgs, ApiMethod, ApiResults } from '../../shared/api-contract';
import type { Backend } from './backend';

/** A temporary data directory per test, removed afterwards. */
export function useTempDirs(): () => Promise<string> {
  const made: string[] = [];
  afterEach(async () => {
    await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });
  return async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'stance-annotator-test-'));
    made.push(dir);
    return dir;
  };
}

/** Calls the backend and returns the value, failing the test with the backend's message on an error result. */
export async function callOk<M extends ApiMethod>(
  backend: Backend,
  method: M,
  args: ApiArgs<M>,
): Promise<ApiResults[M]> {
  const result = await backend(method, args);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.message}`);
  return result.value as ApiResults[M];
}

export const SAMPLE_CLAIM = 'NATO and peacekeeping do not go hand in hand.';

/** A backend over a new library in a temporary folder, with handy ids from the sample. */
export async function openSampleBackend(dir: string, now?: () => Date) {
  const { openStore } = await import('./store');
  const { createBackend } = await import('./backend');
  const store = await openStore(dir);
  const backend = createBackend(store, now);
  const document = store.data.documents[0]!;
  const tagIds = store.data.tags.map((t) => t.id);
  /** Creates a highlight over the first occurrence of `quote` in the sample. */
  const highlight = (quote: string, tags: string[] = [tagIds[0]!]) => {
    const start = document.text.indexOf(quote);
    if (start < 0) throw new Error(`not in the sample: ${quote}`);
    return callOk(backend, 'createHighlight', {
      documentId: document.id,
      start,
      end: start + quote.length,
      quote,
      tagIds: tags,
    });
  };
  return { store, backend, document, tagIds, highlight };
}
