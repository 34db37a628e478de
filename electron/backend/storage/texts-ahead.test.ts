import { describe, expect, it } from 'vitest';
import { newLibrary } from '../new-library';
import { memorySource } from '../../../shared/export/streamed-export';
import { testDocument } from '../../../shared/test-records';
import { useTempDirs } from '../test-support';
import { documentHoldingText } from './held-documents';
import { HeldText, HeldTexts } from './held-texts';
import { withTextsAhead } from './texts-ahead';

const tempDir = useTempDirs();

/** A library of `count` documents whose texts `texts` holds on disk. */
function libraryHeldBy(texts: HeldTexts, count: number) {
  const library = newLibrary(new Date('2026-12-04T09:00:00Z'));
  const documents = Array.from({ length: count }, (_, i) => {
    const { text: _text, ...details } = testDocument({ id: `doc-${i}` });
    return documentHoldingText(details, texts.hold(`Text ${i}: ${'words and more words. '.repeat(50)}`) as HeldText);
  });
  return { ...library, documents, highlights: [] };
}

describe('withTextsAhead', () => {
  it('gives the same documents in the same order, their texts read ahead rather than on the event loop', async () => {
    const texts = new HeldTexts(await tempDir());
    const library = libraryHeldBy(texts, 40);
    const ids = library.documents.map((d) => d.id);
    const seen: string[] = [];
    for await (const { document } of withTextsAhead(memorySource(library), 4).documents(ids)) {
      expect(document.text.startsWith(`Text ${seen.length}: `)).toBe(true);
      seen.push(document.id);
    }
    expect(seen).toEqual(ids);
    expect(texts.readsOnTheEventLoop).toBe(0);

    // Without it, every text is read on the event loop as it is asked for.
    const plain = new HeldTexts(await tempDir());
    const other = libraryHeldBy(plain, 40);
    for await (const { document } of memorySource(other).documents(ids)) expect(document.text).toMatch(/^Text /);
    expect(plain.readsOnTheEventLoop).toBe(40);
    texts.close();
    plain.close();
  });

  it('lets go of the source when the export stops early', async () => {
    const texts = new HeldTexts(await tempDir());
    const library = libraryHeldBy(texts, 40);
    let finished = false;
    const source = memorySource(library);
    const counted = {
      ...source,
      async *documents(ids: readonly string[]) {
        try {
          yield* source.documents(ids);
        } finally {
          finished = true;
        }
      },
    };
    for await (const { document } of withTextsAhead(counted).documents(library.documents.map((d) => d.id))) {
      if (document.id === 'doc-3') break;
    }
    expect(finished).toBe(true);
    texts.close();
  });
});
