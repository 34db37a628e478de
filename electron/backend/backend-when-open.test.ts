import { describe, expect, it } from 'vitest';
import type { Workspace } from '../../shared/api-contract';
import { backendWhenOpen, createBackend, type Backend } from './backend';
import { openStore } from './store';
import { useTempDirs } from './test-support';

const tempDir = useTempDirs();

describe('a backend whose library is still opening', () => {
  it('answers its calls once the library is open, in the order they came', async () => {
    let open!: (backend: Backend) => void;
    const backend = backendWhenOpen(new Promise<Backend>((resolve) => (open = resolve)));
    const answered: string[] = [];
    const first = backend('getWorkspace', {}).then((r) => (answered.push('workspace'), r));
    const second = backend('listCoders', {}).then((r) => (answered.push('coders'), r));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(answered).toEqual([]);
    open(createBackend(await openStore(await tempDir())));
    const workspace = await first;
    expect(workspace.ok && (workspace.value as Workspace).startDocumentId).toEqual(expect.any(String));
    expect((await second).ok).toBe(true);
    expect(answered).toEqual(['workspace', 'coders']);
  });

  it('says in every call why the library could not be opened', async () => {
    const backend = backendWhenOpen(Promise.reject(new Error('The data file is from a newer version (9).')));
    for (const method of ['getWorkspace', 'createHighlight']) {
      expect(await backend(method, {})).toEqual({
        ok: false,
        error: {
          code: 'internal',
          message: 'The library could not be opened: The data file is from a newer version (9).',
        },
      });
    }
  });
});
