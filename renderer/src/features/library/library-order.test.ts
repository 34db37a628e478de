import { describe, expect, it } from 'vitest';
import type { DocumentListItem } from '../../../../shared/domain';
import { inLibraryOrder } from './library-order';

const doc = (title: string, more: Partial<DocumentListItem> = {}): DocumentListItem => ({
  id: title,
  title,
  meta: {},
  variables: {},
  addedAt: '2026-01-01T00:00:00.000Z',
  highlightCount: 0,
  ...more,
});
const titles = (docs: DocumentListItem[]) => docs.map((d) => d.title);

describe('the Library’s order', () => {
  it('sorts titles in the language’s order with numbers by value, both ways', () => {
    const docs = ['Article 10', 'article 9', 'Éclair', 'Zebra', 'Article 2'].map((t) => doc(t));
    expect(titles(inLibraryOrder(docs, 'title', true))).toEqual([
      'Article 2',
      'article 9',
      'Article 10',
      'Éclair',
      'Zebra',
    ]);
    expect(titles(inLibraryOrder(docs, 'title', false))).toEqual([
      'Zebra',
      'Éclair',
      'Article 10',
      'article 9',
      'Article 2',
    ]);
  });

  it('sorts by when documents were added (newest first by default), and counts by value', () => {
    const docs = [
      doc('b', { addedAt: '2026-03-01T10:00:00.000Z', highlightCount: 10 }),
      doc('a', { addedAt: '2026-03-01T09:00:00.000Z', highlightCount: 9 }),
      doc('c', { addedAt: '2025-12-31T23:59:59.999Z', highlightCount: 100 }),
    ];
    expect(titles(inLibraryOrder(docs, 'addedAt', false))).toEqual(['b', 'a', 'c']);
    expect(titles(inLibraryOrder(docs, 'highlightCount', true))).toEqual(['a', 'b', 'c']);
  });

  it('puts documents without a value last in either direction, variables included', () => {
    const docs = [
      doc('none'),
      doc('x', { meta: { outlet: 'Wire' }, variables: { v: 3 } }),
      doc('y', { meta: { outlet: 'Avis' }, variables: { v: 20 } }),
    ];
    expect(titles(inLibraryOrder(docs, 'outlet', true))).toEqual(['y', 'x', 'none']);
    expect(titles(inLibraryOrder(docs, 'outlet', false))).toEqual(['x', 'y', 'none']);
    expect(titles(inLibraryOrder(docs, 'variable:v', false))).toEqual(['y', 'x', 'none']);
  });
});
