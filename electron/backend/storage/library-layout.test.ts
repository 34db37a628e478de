import { describe, expect, it } from 'vitest';
import type { Database } from '../../../shared/domain';
import { hardCaseLibrary } from '../test/hard-cases';
import { documentFileName, documentLogName, isLogOf, libraryFileBytes, libraryFileText } from './library-layout';

describe('documentFileName', () => {
  it('uses an app-made id as it is, and hex-encodes any other so no id leaves the folder or collides', () => {
    expect(documentFileName('0f6a3c1e-aaaa-4bbb-8ccc-123456789abc')).toBe('0f6a3c1e-aaaa-4bbb-8ccc-123456789abc.json');
    expect(documentFileName('../../etc/passwd')).toBe(`${Buffer.from('../../etc/passwd').toString('hex')}.hex.json`);
    expect(documentFileName('ABC')).not.toBe(documentFileName('abc'));
    expect(documentFileName('x')).not.toContain('/');
  });
});

describe('isLogOf', () => {
  it('knows a document’s change logs by name, and no other document’s', () => {
    const token = '0123456789abcdef';
    expect(isLogOf('abc', documentLogName('abc', token))).toBe(true);
    expect(isLogOf('abc', documentLogName('abc', 'fedcba9876543210'))).toBe(true);
    expect(isLogOf('abc', 'abc.json')).toBe(false);
    expect(isLogOf('abc', documentLogName('abcd', token))).toBe(false);
    // A plain id that reads like another id's hex name: each keeps to its own logs.
    const hexOfAbc = Buffer.from('ABC').toString('hex');
    expect(isLogOf(hexOfAbc, documentLogName('ABC', token))).toBe(false);
    expect(isLogOf('ABC', documentLogName(hexOfAbc, token))).toBe(false);
    expect(isLogOf('ABC', documentLogName('ABC', token))).toBe(true);
  });
});

describe('libraryFileBytes', () => {
  const library = (documents: number): Database => {
    const base = hardCaseLibrary();
    const many = Array.from({ length: documents }, (_, i) => ({
      ...base.documents[i % base.documents.length]!,
      id: `document-${i}`,
      title: `Документ ${i} 😀`,
    }));
    const highlights = many.flatMap((d, i) =>
      base.highlights.slice(0, i % 4).map((h, j) => ({ ...h, id: `h-${i}-${j}`, documentId: d.id })),
    );
    return { ...base, documents: many, highlights };
  };

  it.each([0, 1, 999, 1_000, 2_501])('is libraryFileText as UTF-8, for %i documents', async (documents) => {
    const data = library(documents);
    expect(Buffer.concat(await libraryFileBytes(data)).toString('utf8')).toBe(libraryFileText(data));
  });

  it("writes the rest indented and each document's entry on a line of its own, the whole read back as it was", () => {
    for (const documents of [0, 1, 3]) {
      const data = library(documents);
      const text = libraryFileText(data);
      const parsed = JSON.parse(text) as { documents: Array<{ id: string }>; tags: unknown; settings: unknown };
      expect(parsed.documents.map((d) => d.id)).toEqual(data.documents.map((d) => d.id));
      expect(parsed.tags).toEqual(data.tags);
      expect(parsed.settings).toEqual(data.settings);
      const entryLines = text.split('\n').filter((line) => line.startsWith('    {"id":'));
      expect(entryLines.map((line) => (JSON.parse(line.replace(/,$/, '')) as { id: string }).id)).toEqual(
        data.documents.map((d) => d.id),
      );
      expect(text).toMatch(documents === 0 ? /\n {2}"documents": \[\],\n/ : /\n {2}"documents": \[\n {4}\{"id":/);
      expect(text).toContain('\n  "tags": [\n    {\n      "id": ');
    }
  });

  it('lists the documents as they were when it began, whatever changes while it is built between turns', async () => {
    const data = library(3_000);
    const expected = libraryFileText(data);
    const building = libraryFileBytes(data);
    // Changes as the backend makes them (records replaced, lists changed in place) while the slices are built.
    data.documents[2_500] = { ...data.documents[2_500]!, title: 'Renamed meanwhile' };
    data.documents.push({ ...data.documents[0]!, id: 'added-meanwhile' });
    data.tags.push({ ...data.tags[0]!, id: 'tag-added-meanwhile' });
    expect(Buffer.concat(await building).toString('utf8')).toBe(expected);
  });
});
