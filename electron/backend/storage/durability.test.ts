import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { callOk, openSampleBackend, SAMPLE_CLAIM, useTempDirs } from '../test-support';
import { fsOps } from './durable-file';

const tempDir = useTempDirs();

/**
 * Records the file system calls that make a write durable, in order, by spying on the fs layer every storage write
 * goes through (durable-file.ts): data synced (`datasync`/`sync` of a file), renamed, and folders synced.
 */
function traceFileSystem(dataDir: string) {
  const events: string[] = [];
  const name = (file: string) => path.relative(dataDir, file) || '.';
  const open = fsOps.open;
  vi.spyOn(fsOps, 'open').mockImplementation((async (file: string, flags: string) => {
    const handle = await open(file, flags);
    const isFolder = flags === 'r';
    const sync = handle.sync.bind(handle);
    const datasync = handle.datasync.bind(handle);
    const write = handle.writeFile.bind(handle);
    handle.sync = async () => {
      await sync();
      events.push(`${isFolder ? 'sync folder' : 'sync'} ${name(file)}`);
    };
    handle.datasync = async () => {
      await datasync();
      events.push(`datasync ${name(file)}`);
    };
    handle.writeFile = (async (...args: Parameters<typeof write>) => {
      await write(...args);
      events.push(`write ${name(file)}`);
    }) as typeof write;
    return handle;
  }) as typeof open);
  const rename = fsOps.rename;
  vi.spyOn(fsOps, 'rename').mockImplementation(async (from, to) => {
    await rename(from, to);
    events.push(`rename ${name(String(from))} -> ${name(String(to))}`);
  });
  return events;
}

describe('durability', () => {
  it('syncs an appended change log line before the save is acknowledged', async () => {
    const dir = await tempDir();
    const { backend, highlight } = await openSampleBackend(dir);
    const created = await highlight(SAMPLE_CLAIM); // the log exists from here on
    const events = traceFileSystem(dir);
    await callOk(backend, 'updateHighlight', { highlightId: created.id, note: 'durable' });
    events.push('acknowledged');
    const log = events.find((e) => e.startsWith('write documents/') && e.endsWith('.log'))!.slice('write '.length);
    expect(events.indexOf(`datasync ${log}`)).toBeGreaterThan(events.indexOf(`write ${log}`));
    expect(events.indexOf(`datasync ${log}`)).toBeLessThan(events.indexOf('acknowledged'));
  });

  it('syncs a file written whole, renames it, and syncs its folder, all before the save is acknowledged', async () => {
    const dir = await tempDir();
    const { backend } = await openSampleBackend(dir);
    const events = traceFileSystem(dir);
    await callOk(backend, 'createTag', { name: 'Threat', color: '#aa3300' });
    events.push('acknowledged');
    const rename = events.findIndex((e) => e.startsWith('rename ') && e.endsWith('-> stance-annotator.json'));
    const temporary = events[rename]!.slice('rename '.length).split(' -> ')[0]!;
    expect(events.indexOf(`datasync ${temporary}`)).toBeGreaterThan(events.indexOf(`write ${temporary}`));
    expect(events.indexOf(`datasync ${temporary}`)).toBeLessThan(rename);
    expect(events.indexOf('sync folder .', rename)).toBeGreaterThan(rename);
    expect(events.indexOf('sync folder .', rename)).toBeLessThan(events.indexOf('acknowledged'));
  });

  it('commits several files through a synced journal: staged and synced with their folders, journal in place, renames synced', async () => {
    const dir = await tempDir();
    const { backend } = await openSampleBackend(dir);
    const events = traceFileSystem(dir);
    // A new document: its file and the library file change together.
    await callOk(backend, 'importText', { title: 'Second', text: 'A second article.' });
    events.push('acknowledged');
    const journal = events.findIndex((e) => /^rename \S+ -> pending-writes\.json$/.test(e));
    expect(journal).toBeGreaterThan(0);
    // Every staged file's data was synced, and then its folder (its name), before the journal took effect.
    const staged = events.slice(0, journal).filter((e) => /^datasync \S+\.pending$/.test(e));
    expect(staged.length).toBe(2);
    const lastStaged = Math.max(...staged.map((e) => events.indexOf(e)));
    for (const folder of new Set(staged.map((e) => path.dirname(e.slice('datasync '.length))))) {
      const synced = events.indexOf(`sync folder ${folder}`, lastStaged);
      expect(synced).toBeGreaterThan(lastStaged);
      expect(synced).toBeLessThan(journal);
    }
    // The journal's own folder is synced before the staged files replace their targets.
    const commits = events.filter((e, i) => i > journal && /\.pending -> /.test(e));
    expect(commits).toHaveLength(2);
    expect(events.indexOf('sync folder .', journal)).toBeLessThan(events.indexOf(commits[0]!));
    const lastCommit = events.indexOf(commits[1]!);
    expect(events.slice(lastCommit).some((e) => e.startsWith('sync folder'))).toBe(true);
    expect(events.findLastIndex((e) => e.startsWith('sync folder'))).toBeLessThan(events.indexOf('acknowledged'));
  });

  it('commits lines for several logs through a synced journal before the acknowledgement, and syncs the logs', async () => {
    const dir = await tempDir();
    const { backend } = await openSampleBackend(dir);
    await callOk(backend, 'updateSettings', { annotator: 'coder' });
    await callOk(backend, 'importText', { title: 'Second', text: 'Peacekeeping, again.' });
    const { tags } = await callOk(backend, 'getWorkspace', {});
    const events = traceFileSystem(dir);
    // "Code all matches" of a word in both documents: highlights alone, in two documents.
    const { coded } = await callOk(backend, 'codeMatches', { query: 'peacekeeping', tagId: tags[0]!.id });
    expect(coded).toBeGreaterThan(2);
    events.push('acknowledged');
    const journal = events.findIndex((e) => /^rename \S+ -> pending-writes\.json$/.test(e));
    const temporary = events[journal]!.slice('rename '.length).split(' -> ')[0]!;
    expect(events.indexOf(`datasync ${temporary}`)).toBeLessThan(journal);
    expect(events.indexOf('sync folder .', journal)).toBeLessThan(events.indexOf('acknowledged'));
    // No document file was staged: the lines went to the logs, which are synced too (after the journal: the
    // acknowledgement need not wait for them).
    expect(events.some((e) => e.endsWith('.pending'))).toBe(false);
    await vi.waitFor(() => expect(events.filter((e) => /^datasync documents\/\S+\.log$/.test(e))).toHaveLength(2), {
      timeout: 10_000,
    });
  });

  it('folds the logs of many documents on close in one journaled set: each file synced, each folder synced once', async () => {
    const dir = await tempDir();
    const { backend, store } = await openSampleBackend(dir);
    await callOk(backend, 'updateSettings', { annotator: 'coder' });
    for (let i = 0; i < 6; i++) await callOk(backend, 'importText', { title: `T${i}`, text: `Kyiv said ${i}.` });
    const { tags } = await callOk(backend, 'getWorkspace', {});
    await callOk(backend, 'codeMatches', { query: 'kyiv', tagId: tags[0]!.id });
    // Lines in six documents' logs (the journaled set's logs synced first, so that the trace is the fold's alone).
    await callOk(backend, 'updateSettings', { annotator: 'coder2' });
    const events = traceFileSystem(dir);
    await store.close();
    events.push('closed');
    const journal = events.findIndex((e) => /^rename \S+ -> pending-writes\.json$/.test(e));
    const folded = events.filter((e, i) => i > journal && /^rename documents\/\S+\.pending -> /.test(e));
    expect(folded).toHaveLength(6);
    // Every folded file was synced before the journal named it; its folder was synced twice in all (the staged
    // names, then the renames), not once a document (a minute to fold 20,000 logs).
    for (const rename of folded) {
      const staged = rename.slice('rename '.length).split(' -> ')[0]!;
      expect(events.indexOf(`datasync ${staged}`)).toBeLessThan(journal);
    }
    expect(events.filter((e) => e === 'sync folder documents')).toHaveLength(2);
    expect(events.findLastIndex((e) => e.startsWith('sync folder'))).toBeLessThan(events.indexOf('closed'));
  });
});
