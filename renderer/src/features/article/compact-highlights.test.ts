import { describe, expect, it } from 'vitest';
import type { DocumentHighlight } from '../../../../shared/api-contract';
import type { Highlight, StoredDocument } from '../../../../shared/domain';
import { compactHighlights, keepUnchanged } from './compact-highlights';

const document: StoredDocument = {
  id: 'd1',
  title: 'T',
  text: 'NATO and peacekeeping do not go hand in hand.',
  source: { kind: 'paste' },
  meta: {},
  memo: '',
  variables: {},
  sha256: '0'.repeat(64),
  addedAt: '2026-01-01T00:00:00.000Z',
};
const sent: DocumentHighlight = {
  id: 'h1',
  start: 9,
  end: 21,
  tagIds: ['t1', 't2'],
  stances: [{ holderId: null, targetId: 'x', stance: 'against' }],
  note: 'A note',
  annotator: 'Ana',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-02T00:00:00.000Z',
};
const whole: Highlight = { ...sent, documentId: 'd1', quote: 'peacekeeping', prefix: '', suffix: '' };

describe('compactHighlights', () => {
  it('makes whole records again: the document id, and the quote from the text; the context is left empty', () => {
    expect(compactHighlights([structuredClone(sent)], document)).toEqual([whole]);
  });
});

describe('keepUnchanged', () => {
  it('keeps the earlier object for a record that did not change, and takes the new one for one that did', () => {
    const [before] = compactHighlights([structuredClone(sent)], document);
    const reloaded = compactHighlights(
      [
        structuredClone(sent),
        { ...structuredClone(sent), id: 'h2' },
        { ...structuredClone(sent), id: 'h3', note: 'new' },
      ],
      document,
    );
    const changed = { ...reloaded[0]!, tagIds: ['t1'] };
    expect(keepUnchanged([before!], reloaded)[0]).toBe(before);
    expect(keepUnchanged([before!], [changed])[0]).toBe(changed);
    expect(keepUnchanged([], reloaded)).toBe(reloaded);
  });
});
