import { describe, expect, it } from 'vitest';
import type { Highlight, StoredDocument } from '../../../shared/domain';
import { documentFileName, documentFileText, documentLogName, isLogOf } from './library-layout';

const document: StoredDocument = {
  id: 'doc-1',
  title: 'T',
  text: 'Line "one"\n\u2028 and 😀 \\ end',
  source: { kind: 'paste' },
  meta: {},
  memo: '',
  variables: {},
  sha256: '0'.repeat(64),
  addedAt: '2026-01-01T00:00:00.000Z',
};
const highlight = (id: string, note: string): Highlight => ({
  id,
  documentId: 'doc-1',
  start: 0,
  end: 4,
  quote: 'Line',
  prefix: '',
  suffix: ' "one"',
  tagIds: ['t'],
  stances: [{ holderId: null, targetId: 'x', stance: 'against' }],
  note,
  annotator: '',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

describe('documentFileText', () => {
  it('is exactly JSON.stringify of the file, also after records are replaced and written again', () => {
    const first = [highlight('a', 'x'), highlight('b', 'y "quoted"\n')];
    const log = '0123456789abcdef';
    expect(documentFileText(document, first, log)).toBe(
      JSON.stringify({ documentId: document.id, log, text: document.text, highlights: first }),
    );
    const second = [first[0]!, { ...first[1]!, note: 'changed' }, highlight('c', '')];
    expect(documentFileText(document, second, log)).toBe(
      JSON.stringify({ documentId: document.id, log, text: document.text, highlights: second }),
    );
    expect(documentFileText(document, [], log)).toBe(
      JSON.stringify({ documentId: 'doc-1', log, text: document.text, highlights: [] }),
    );
  });
});

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
