import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Highlight } from '../../shared/domain';
import { buildExport } from '../../shared/export/build-export';
import { parseExportRequest, writeBlocks, writeExportBlocks, writeExportFile } from './export-writer';
import type { Store } from './store';
import { openSampleBackend, SAMPLE_CLAIM, useTempDirs } from './test-support';

const tempDir = useTempDirs();

/** The sample library with `count` highlights: enough for annotations.csv to come in several blocks. */
async function libraryWith(count: number) {
  const sample = await openSampleBackend(await tempDir());
  const template = await sample.highlight(SAMPLE_CLAIM);
  for (let i = 1; i < count; i++) {
    const start = (i * 7) % (sample.document.text.length - 40);
    const end = start + 5 + (i % 30);
    const copy: Highlight = {
      ...template,
      id: `h-${i}`,
      start,
      end,
      quote: sample.document.text.slice(start, end),
      note: i % 3 === 0 ? `note "${i}", with a comma\nand a line` : '',
    };
    sample.store.data.highlights.push(copy);
  }
  return sample;
}

describe('writing an export block by block', () => {
  it('writes exactly the bytes of the whole export, in several blocks', async () => {
    const { store } = await libraryWith(10_000);
    const blocks: Buffer[] = [];
    const bytes = await writeExportBlocks(store, { kind: 'annotations' }, async (block) => void blocks.push(block));
    const whole = buildExport(store.data, 'annotations', {}, { bom: true, formulaEscape: true }).content;
    expect(blocks.length).toBeGreaterThan(2);
    expect(Buffer.concat(blocks).toString('utf8')).toBe(whole);
    expect(bytes).toBe(Buffer.byteLength(whole));
    // The byte order mark is a block of its own, and no row is split between blocks.
    expect(blocks[0]!.toString('utf8')).toBe('\ufeff');
    for (const block of blocks.slice(1)) expect(block.toString('utf8').endsWith('\r\n')).toBe(true);
  });

  it('shows the library as it was when the export began, whatever is saved while it is written', async () => {
    const { store, document } = await libraryWith(10);
    for (let i = 0; i < 9_000; i++) store.data.documents.push({ ...document, id: `d-${i}`, text: `text ${i}` });
    const before = buildExport(store.data, 'documents', {}, { bom: false, formulaEscape: true }).content;
    const blocks: Buffer[] = [];
    await writeExportBlocks(store, { kind: 'documents', bom: false }, async (block) => {
      if (blocks.length === 0) {
        // As saves would, between two blocks: records are replaced, lists changed in place.
        const documents = store.data.documents;
        documents.splice(5_000, 100);
        documents[8_000] = { ...documents[8_000]!, title: 'renamed meanwhile' };
      }
      blocks.push(block);
    });
    expect(blocks.length).toBeGreaterThan(1);
    expect(Buffer.concat(blocks).toString('utf8')).toBe(before);
  });

  it('stops at the first write that fails, and says why', async () => {
    const { store } = await libraryWith(10_000);
    let writes = 0;
    await expect(
      writeExportBlocks(store, { kind: 'annotations' }, async () => {
        writes += 1;
        if (writes === 2) throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(writes).toBe(2);
  });

  it('fails with the reason, and nothing unhandled, when a write fails while the next block is being made', async () => {
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => void unhandled.push(reason);
    process.on('unhandledRejection', record);
    try {
      // The next block takes the event loop's turns, as the command line's threads or a spill file do.
      const blocks = async function* () {
        yield 'first block';
        await new Promise((resolve) => setTimeout(resolve, 50));
        yield 'second block';
      };
      const failing = () => new Promise<void>((_, reject) => setTimeout(() => reject(new Error('disk full')), 5));
      await expect(writeBlocks(blocks(), failing)).rejects.toThrow('disk full');
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', record);
    }
  });
});

describe('writing an export to a file', () => {
  it('writes the whole file where asked, replacing what was there', async () => {
    const { store } = await libraryWith(5_000);
    const target = path.join(await tempDir(), 'annotations.csv');
    await writeFile(target, 'an older export');
    const bytes = await writeExportFile(store, { kind: 'annotations', formulaEscape: false }, target);
    const expected = buildExport(store.data, 'annotations', {}, { bom: true, formulaEscape: false }).content;
    expect(await readFile(target, 'utf8')).toBe(expected);
    expect(bytes).toBe(Buffer.byteLength(expected));
    expect(await readdir(path.dirname(target))).toEqual(['annotations.csv']);
  });

  it('leaves no half file, and the file it was to replace as it was, when the export fails', async () => {
    const dir = await tempDir();
    const target = path.join(dir, 'annotations.csv');
    await writeFile(target, 'an older export');
    const failing = {
      get loaded() {
        return Promise.reject(new Error('the library could not be read'));
      },
    } as unknown as Store;
    await expect(writeExportFile(failing, { kind: 'annotations' }, target)).rejects.toThrow('could not be read');
    expect(await readFile(target, 'utf8')).toBe('an older export');
    expect(await readdir(dir)).toEqual(['annotations.csv']);
  });

  it('fails with the reason, said plainly, when the folder cannot be written', async () => {
    const { store } = await libraryWith(10);
    const folder = path.join(await tempDir(), 'no such folder');
    await expect(writeExportFile(store, { kind: 'annotations' }, path.join(folder, 'annotations.csv'))).rejects.toThrow(
      `The folder ${folder} does not exist.`,
    );
    const readOnly = path.join(await tempDir(), 'read-only');
    await mkdir(readOnly, { mode: 0o500 });
    // Root may write anywhere; the check stands for everyone else.
    if (process.getuid?.() !== 0)
      await expect(writeExportFile(store, { kind: 'codebook' }, path.join(readOnly, 'c.csv'))).rejects.toThrow(
        `There is no permission to write in ${readOnly}.`,
      );
  });
});

describe('an export request', () => {
  it('is validated like an API call, and names its file', () => {
    expect(parseExportRequest({ kind: 'codebook', bom: false })).toEqual({
      ok: true,
      request: { kind: 'codebook', bom: false },
      file: { fileName: 'codebook.csv', mimeType: 'text/csv;charset=utf-8' },
    });
    for (const bad of [
      null,
      'annotations',
      {},
      { kind: 'everything' },
      { kind: 'annotations', bom: 'yes' },
      { kind: 'annotations', documentIds: 'd1' },
      { kind: 'annotations', documentIds: [''] },
      { kind: 'annotations', filePath: '/etc/passwd' },
      { kind: 'annotations', highlightIds: Array.from({ length: 1_000_001 }, () => 'h') },
    ]) {
      const parsed = parseExportRequest(bad);
      expect(parsed).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
      if (!parsed.ok) expect(parsed.error.message).toMatch(/^Invalid export request: .+\.$/);
    }
  });
});
