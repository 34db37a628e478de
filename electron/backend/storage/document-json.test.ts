import { describe, expect, it, vi } from 'vitest';
import type { Highlight, StoredDocument } from '../../../shared/domain';
import { DocumentJson } from './document-json';
import { testDocument, testHighlight } from './test-records';

const document = testDocument;
const highlight = testHighlight;
const file = (d: StoredDocument, highlights: readonly Highlight[], log: string) =>
  JSON.stringify({ documentId: d.id, log, text: d.text, highlights });

describe('DocumentJson', () => {
  it('writes exactly JSON.stringify of the file, also after records or the text are replaced and written again', () => {
    const json = new DocumentJson();
    const first = [highlight('a', 'x'), highlight('b', 'y "quoted"\n')];
    const log = '0123456789abcdef';
    expect(json.fileText(document, first, log)).toBe(file(document, first, log));
    const second = [first[0]!, { ...first[1]!, note: 'changed' }, highlight('c', '')];
    expect(json.fileText(document, second, log)).toBe(file(document, second, log));
    const retitled = { ...document, title: 'New' };
    expect(json.fileText(retitled, second, log)).toBe(file(retitled, second, log));
    const edited = { ...document, text: 'Another "text"' };
    expect(json.fileText(edited, second, log)).toBe(file(edited, second, log));
    expect(json.fileText(document, [], log)).toBe(file(document, [], log));
  });

  it('serialises again only the records that changed since the document was last written', () => {
    const json = new DocumentJson();
    const records = Array.from({ length: 100 }, (_, i) => highlight(`h${i}`, `note ${i}`));
    json.fileText(document, records, 'a'.repeat(16));
    const stringify = vi.spyOn(JSON, 'stringify');
    try {
      const changed = [...records.slice(0, 99), { ...records[99]!, note: 'changed' }];
      json.fileText(document, changed, 'b'.repeat(16));
      // The changed record alone, and the log token and document id of the file's head.
      const serialised = stringify.mock.calls.filter(([value]) => typeof value === 'object');
      expect(serialised).toHaveLength(1);
    } finally {
      stringify.mockRestore();
    }
  });

  it('keeps the JSON of the few documents written last, and of each only the highlights it has now', () => {
    // A cache of every record ever written held a whole library's JSON once it had been written whole (1 GB of heap
    // at a million highlights).
    const json = new DocumentJson(3);
    for (let i = 0; i < 10; i++) {
      const d = { ...document, id: `doc-${i}` };
      json.fileText(d, [highlight(`a${i}`, '', d.id), highlight(`b${i}`, '', d.id)], 'c'.repeat(16));
    }
    expect(json.keptDocuments()).toEqual(['doc-7', 'doc-8', 'doc-9']);
    const d7 = { ...document, id: 'doc-7' };
    json.fileText(d7, [highlight('a7', '', 'doc-7')], 'd'.repeat(16));
    expect(json.keptDocuments()).toEqual(['doc-8', 'doc-9', 'doc-7']);
    expect(json.keptRecords('doc-7')).toBe(1);
    expect(json.keptRecords('doc-0')).toBe(0);
  });
});
