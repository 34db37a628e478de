import { describe, expect, it } from 'vitest';
import { coalescedWriter } from './storage/coalesced-writer';
import { callOk, libraryOnDisk, openSampleBackend, useTempDirs } from './test-support';

const tempDir = useTempDirs();

describe('load', () => {
  it('takes 10,000 changes sent at once, answers each, and has every one in the file afterwards', async () => {
    const { backend, store, document, tagIds } = await openSampleBackend(await tempDir());
    const words = [...document.text.matchAll(/\p{L}+/gu)].slice(0, 200);
    const calls = Array.from({ length: 10_000 }, (_, i) => {
      const word = words[i % words.length]!;
      return backend('createHighlight', {
        documentId: document.id,
        start: word.index,
        end: word.index + word[0].length,
        quote: word[0],
        tagIds: [tagIds[i % tagIds.length]!],
      });
    });
    const results = await Promise.all(calls);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    const ids = results.map((r) => (r.ok ? (r.value as { id: string }).id : ''));

    // A second unawaited burst of edits on those highlights, mixed with deletions.
    const edits = await Promise.all(
      ids
        .slice(0, 2_000)
        .map((id, i) =>
          i % 2
            ? backend('updateHighlight', { highlightId: id, note: `note ${i}` })
            : backend('deleteHighlight', { highlightId: id }),
        ),
    );
    expect(edits.every((r) => r.ok)).toBe(true);

    const onDisk = await libraryOnDisk(store.dataDir);
    expect(onDisk.highlights).toHaveLength(9_000);
    const saved = new Map(onDisk.highlights.map((h) => [h.id, h]));
    ids.forEach((id, i) => {
      if (i >= 2_000) expect(saved.has(id)).toBe(true);
      else if (i % 2) expect(saved.get(id)?.note).toBe(`note ${i}`);
      else expect(saved.has(id)).toBe(false);
    });
    await callOk(backend, 'getWorkspace', {});
  });
});

describe('coalescedWriter', () => {
  it('shares one follow-up write among saves asked for during a write, and resolves each after a later write', async () => {
    const log: string[] = [];
    let release: () => void = () => undefined;
    let writes = 0;
    const save = coalescedWriter<string>(
      () =>
        new Promise<void>((resolve) => {
          const n = ++writes;
          log.push(`start ${n}`);
          release = () => {
            log.push(`end ${n}`);
            resolve();
          };
        }),
    );
    const first = save(['a']);
    const second = save(['b']);
    const third = save(['c']);
    expect(second).toBe(third);
    release(); // ends write 1; write 2 starts for the two waiting saves
    await first;
    await Promise.resolve();
    await Promise.resolve();
    expect(log).toEqual(['start 1', 'end 1', 'start 2']);
    release();
    await Promise.all([second, third]);
    expect(writes).toBe(2);
  });

  it('starts the next write even when one fails, and reports the failure to its own callers only', async () => {
    let attempt = 0;
    const save = coalescedWriter(async () => {
      attempt += 1;
      if (attempt === 1) throw new Error('disk full');
    });
    const failed = save(['a']);
    const next = save(['b']);
    await expect(failed).rejects.toThrow('disk full');
    await expect(next).resolves.toBeUndefined();
  });
});
