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
