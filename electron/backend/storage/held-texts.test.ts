import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../test-support';
import { HeldText, HeldTexts, textOf } from './held-texts';

const tempDir = useTempDirs();

const TEXTS = [
  'Plain ASCII, as most news is.',
  'Kyiv — Київ, “quoted”, and an emoji 😀 beside it.',
  'A lone surrogate \ud800 that UTF-8 cannot carry, and a pair 😀.',
  'x'.repeat(100_000),
  'The last one.',
];

describe('HeldTexts', () => {
  it('gives every text back as it was, from the cache or from the file', async () => {
    const dir = await tempDir();
    // A cache of 40 characters: every text but the shortest is read back from the file each time.
    const texts = new HeldTexts(dir, 40);
    const held = TEXTS.map((text) => texts.hold(text));
    for (const ref of held) expect(ref).toBeInstanceOf(HeldText);
    for (let round = 0; round < 3; round++) {
      for (const [i, ref] of held.entries()) {
        expect(textOf(ref)).toBe(TEXTS[i]);
        expect((ref as HeldText).length).toBe(TEXTS[i]!.length);
      }
      // In another order too (the cache's order changes).
      for (const i of [3, 0, 4, 2, 1]) expect(textOf(held[i]!)).toBe(TEXTS[i]);
    }
    texts.close();
  });

  it('keeps an empty text in memory, and nothing in the data folder, where the system allows', async () => {
    const dir = await tempDir();
    const texts = new HeldTexts(dir);
    expect(texts.hold('')).toBe('');
    const held = texts.hold('Some text.');
    expect(textOf(held)).toBe('Some text.');
    if (process.platform !== 'win32') expect(await readdir(dir)).toEqual([]);
    texts.close();
    expect(await readdir(dir)).toEqual([]);
  });

  it('says plainly that a closed library can no longer give its texts', async () => {
    const texts = new HeldTexts(await tempDir(), 0);
    const held = texts.hold('Some text.') as HeldText;
    texts.close();
    expect(() => held.value).toThrow('The library is closed');
    // What is held after closing stays in memory.
    expect(texts.hold('Later.')).toBe('Later.');
  });

  it('removes the files a process that ended without closing left behind, and nothing else', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, '.held-texts-0123456789ab'), 'left behind');
    await writeFile(path.join(dir, 'stance-annotator.json'), '{}');
    HeldTexts.removeLeftovers(dir);
    expect(await readdir(dir)).toEqual(['stance-annotator.json']);
    HeldTexts.removeLeftovers(path.join(dir, 'not-there'));
  });
});
