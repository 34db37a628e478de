import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Highlight, Stance, StoredDocument, Tag } from '../domain';
import type { AnalysisLibrary } from './analysis-filter';
import { codedSegments } from './coded-segments';
import { foldedByPosition, foldForSearch, searchCells, searchDocuments, SearchQueryError } from './library-search';
import { stanceMap, stanceMapCells } from './stance-map';
import { tagMatrix } from './tag-matrix';
import { isoWeek, periodsBetween, timeline, timelineCells } from './timeline';

const doc = (id: string, text: string, meta: StoredDocument['meta'] = {}, variables = {}): StoredDocument => ({
  id,
  title: `Doc ${id}`,
  text,
  source: { kind: 'paste' },
  meta,
  memo: '',
  variables,
  sha256: '0'.repeat(64),
  addedAt: '2026-01-01T00:00:00.000Z',
});
let next = 0;
const mark = (documentId: string, tagIds: string[], stances: Stance[] = [], annotator = 'ann'): Highlight => ({
  id: `h${++next}`,
  documentId,
  start: 0,
  end: 1,
  quote: 'x',
  prefix: '',
  suffix: '',
  tagIds,
  stances,
  note: '',
  annotator,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});
const tag = (id: string, name: string, parentId: string | null = null): Tag => ({
  id,
  name,
  color: '#888888',
  description: '',
  parentId,
});
const s = (holderId: string | null, targetId: string, stance: Stance['stance']): Stance => ({
  holderId,
  targetId,
  stance,
});

const library: AnalysisLibrary = {
  documents: [
    doc('a', 'text', { outlet: 'Izvestia', publishedAt: '2025-02-10' }, { wave: 1 }),
    doc('b', 'text', { outlet: 'TASS', publishedAt: '2025-02-16T09:30' }),
    doc('c', 'text', { outlet: 'Izvestia' }, { wave: 2 }),
  ],
  tags: [tag('claim', 'Claim'), tag('threat', 'Threat', 'claim'), tag('frame', 'Frame')],
  entities: [
    { id: 'g', name: 'Grushko' },
    { id: 'n', name: 'NATO' },
    { id: 'u', name: 'Ukraine' },
  ],
  variables: [{ id: 'wave', name: 'Wave', type: 'number', values: [] }],
  highlights: [
    mark('a', ['threat'], [s('g', 'n', 'against'), s(null, 'u', 'favor')]),
    mark('a', ['claim'], [s('g', 'n', 'against')]),
    mark('b', ['frame'], [s('g', 'n', 'favor')], 'ben'),
    mark('c', ['claim', 'threat'], [s('g', 'n', 'neutral')]),
  ],
};

describe('stance map', () => {
  it('counts each holder → target pair’s stances by value, and the documents they come from', () => {
    expect(stanceMap(library).map(stanceMapCells)).toEqual([
      ['Grushko', 'NATO', 1, 2, 1, 0, 4, 3],
      ['', 'Ukraine', 1, 0, 0, 0, 1, 1],
    ]);
  });

  it('orders pairs of equal counts and names by id, whatever the order of their highlights', () => {
    const namesakes = { ...library, entities: [...library.entities, { id: 'n2', name: 'NATO' }] };
    const highlights = [mark('a', [], [s('g', 'n2', 'favor')]), mark('a', [], [s('g', 'n', 'favor')])];
    for (const order of [highlights, [...highlights].reverse()]) {
      expect(stanceMap({ ...namesakes, highlights: order }).map((row) => row.targetId)).toEqual(['n', 'n2']);
    }
  });

  it('is limited by coder and by publication dates (a range leaves undated documents out)', () => {
    expect(stanceMap(library, { coders: ['ben'] }).map(stanceMapCells)).toEqual([
      ['Grushko', 'NATO', 1, 0, 0, 0, 1, 1],
    ]);
    expect(stanceMap(library, { from: '2025-02-11', to: '2025-02-16' }).map(stanceMapCells)).toEqual([
      ['Grushko', 'NATO', 1, 0, 0, 0, 1, 1],
    ]);
  });
});

describe('tags × groups', () => {
  it('counts highlights per tag, sub-tags toward their parent, per document, outlet or variable', () => {
    const byOutlet = tagMatrix(library, { by: 'outlet' });
    expect(byOutlet.groups).toEqual(['Izvestia', 'TASS']);
    expect(byOutlet.groupDocumentIds).toEqual([['a', 'c'], ['b']]);
    expect(byOutlet.rows.map((r) => [r.path, ...r.counts])).toEqual([
      ['Claim', 3, 0],
      ['Claim › Threat', 2, 0],
      ['Frame', 0, 1],
    ]);
    const byWave = tagMatrix(library, { by: 'variable', variableId: 'wave' });
    expect(byWave.groups).toEqual(['1', '(none)', '2']);
    expect(byWave.rows[0]!.counts).toEqual([2, 0, 1]);
    expect(tagMatrix(library, { by: 'document' }).groups).toEqual(['Doc a', 'Doc b', 'Doc c']);
  });
});

describe('coded segments', () => {
  it('selects by stance, or by tag with its sub-tags in some documents, without needing a stance', () => {
    expect(codedSegments(library, { holderId: 'g', targetId: 'n' }).map((s) => s.documentId)).toEqual([
      'a',
      'a',
      'b',
      'c',
    ]);
    expect(codedSegments(library, { holderId: null }).map((s) => s.stances)).toEqual([
      ['Grushko → NATO: against', 'someone → Ukraine: favor'],
    ]);
    expect(codedSegments(library, { tagId: 'claim', documentIds: ['a'] }).map((s) => s.tags)).toEqual([
      ['Claim › Threat'],
      ['Claim'],
    ]);
    expect(codedSegments(library, { tagId: 'frame' }, { coders: ['ann'] })).toEqual([]);
  });

  it('gives each quote with its context and note', () => {
    const text = `${'x'.repeat(50)} said that NATO troops would be a target. ${'y'.repeat(50)}`;
    const start = text.indexOf('NATO troops');
    const end = start + 'NATO troops'.length;
    const placed = {
      ...library,
      documents: [{ ...library.documents[0]!, text }],
      highlights: [{ ...library.highlights[0]!, start, end, quote: 'NATO troops', note: 'Checked.' }],
    };
    const [segment] = codedSegments(placed, {});
    expect(segment).toMatchObject({
      quote: 'NATO troops',
      left: `${'x'.repeat(29)} said that `,
      right: ` would be a target. ${'y'.repeat(20)}`,
      note: 'Checked.',
    });
  });

  it('filters by words in quote or note (case and diacritics ignored), outlet and variable; sorts by date or tag', () => {
    const noted = {
      ...library,
      highlights: library.highlights.map((h, i) => (i === 3 ? { ...h, quote: 'Ceasefire NOW', note: 'Škoda' } : h)),
    };
    expect(codedSegments(noted, { words: 'ceasefire' }).map((s) => s.documentId)).toEqual(['c']);
    expect(codedSegments(noted, { words: 'skoda' }).map((s) => s.documentId)).toEqual(['c']);
    expect(codedSegments(noted, { words: 'nothing like it' })).toEqual([]);
    expect(codedSegments(library, {}, { outlet: ' izvestia ' }).map((s) => s.documentId)).toEqual(['a', 'a', 'c']);
    expect(
      codedSegments(library, {}, { variable: { variableId: 'wave', value: '2' } }).map((s) => s.documentId),
    ).toEqual(['c']);
    // By date: b (2025-02-16) after a (2025-02-10), undated c last; by tag: Claim… before Frame.
    expect(codedSegments(library, { sort: 'date' }).map((s) => s.documentId)).toEqual(['a', 'a', 'b', 'c']);
    const dated = {
      ...library,
      documents: library.documents.map((d) => (d.id === 'b' ? { ...d, meta: { publishedAt: '2025-01-01' } } : d)),
    };
    expect(codedSegments(dated, { sort: 'date' }).map((s) => s.documentId)).toEqual(['b', 'a', 'a', 'c']);
    expect(codedSegments(library, { sort: 'tag' }).map((s) => s.tags[0])).toEqual([
      'Claim',
      'Claim',
      'Claim › Threat',
      'Frame',
    ]);
  });
});

describe('timeline', () => {
  it('names ISO weeks as the standard does, across year ends', () => {
    expect(isoWeek('2025-02-10')).toBe('2025-W07');
    expect(isoWeek('2025-02-16')).toBe('2025-W07'); // a Sunday ends the week
    expect(isoWeek('2024-12-30')).toBe('2025-W01'); // Monday of the week holding 2 January
    expect(isoWeek('2021-01-03')).toBe('2020-W53');
    expect(isoWeek('2026-12-31')).toBe('2026-W53');
  });

  it('counts stances toward a target per period, and the undated documents apart, by name', () => {
    const result = timeline(library, { interval: 'week', targetId: 'n' });
    expect(timelineCells(result)).toEqual([
      ['2025-W07', 1, 2, 0, 0, 0],
      ['undated', 0, 0, 1, 0, 1],
    ]);
    expect(result.undated.documents).toEqual([{ id: 'c', title: 'Doc c' }]);
    expect(timelineCells(timeline(library, { interval: 'month' }))[0]).toEqual(['2025-02', 2, 2, 0, 0, 0]);
  });

  it('names the undated documents in the library’s order, whatever the order of their highlights', () => {
    // The counterexample a property test found: d1's highlight listed before d0's.
    const undated = { ...library, documents: [doc('d0', 'text'), doc('d1', 'text')] };
    const highlights = [mark('d1', [], [s(null, 'n', 'favor')]), mark('d0', [], [s(null, 'n', 'favor')])];
    for (const order of [highlights, [...highlights].reverse()]) {
      expect(timeline({ ...undated, highlights: order }, { interval: 'week' }).undated.documents).toEqual([
        { id: 'd0', title: 'Doc d0' },
        { id: 'd1', title: 'Doc d1' },
      ]);
    }
  });
});

describe('periods between two', () => {
  it('lists every ISO week, across a year with 53 weeks and into the next', () => {
    expect(periodsBetween('2020-W52', '2021-W02', 'week')).toEqual(['2020-W52', '2020-W53', '2021-W01', '2021-W02']);
    expect(periodsBetween('2024-W52', '2025-W01', 'week')).toEqual(['2024-W52', '2025-W01']);
    expect(periodsBetween('2025-W07', '2025-W07', 'week')).toEqual(['2025-W07']);
    // Every week of a decade, each once and in order, whatever the day the year starts on.
    const weeks = periodsBetween('2015-W01', '2024-W52', 'week');
    expect(weeks).toHaveLength(522); // 2015 and 2020 have 53 weeks
    expect(new Set(weeks).size).toBe(weeks.length);
    expect([...weeks].sort()).toEqual(weeks);
  });

  it('lists every month, across a year, and stops at the limit', () => {
    expect(periodsBetween('2024-11', '2025-02', 'month')).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
    expect(periodsBetween('2025-03', '2025-01', 'month')).toEqual([]);
    expect(periodsBetween('1900-01', '2100-01', 'month', 5)).toHaveLength(5);
  });
});

describe('library search', () => {
  const documents = [doc('k', 'Kyïv and KYIV; Café, cafe.\nÉtat 😀 kyiv'), doc('z', 'nothing here')];

  it('folds case and diacritics, and gives offsets into the original text', () => {
    expect(foldForSearch('Kyïv')).toBe('kyiv');
    const matches = searchDocuments(documents, 'kyiv');
    expect(matches.map((m) => m.match)).toEqual(['Kyïv', 'KYIV', 'kyiv']);
    expect(searchDocuments(documents, 'cafe').map((m) => m.match)).toEqual(['Café', 'cafe']);
    expect(searchDocuments(documents, 'état').map((m) => [m.match, m.left.slice(-6)])).toEqual([['État', 'cafe.\n']]);
  });

  it('finds exactly what folding each character on its own finds, in any text (the fast path is only faster)', () => {
    // Pieces that fold to the same length and pieces that do not: decomposed accents, a dotted capital I, ß, emoji.
    const piece = fc.constantFrom(
      'k',
      'y',
      'i',
      'v',
      'K',
      'Y',
      'I',
      'ï',
      'Ï',
      'i\u0308',
      'İ',
      'ß',
      'ss',
      '😀',
      ' ',
      '.',
    );
    const text = fc.array(piece, { maxLength: 40 }).map((p) => p.join(''));
    const needle = fc.array(piece, { minLength: 1, maxLength: 3 }).map((p) => p.join(''));
    fc.assert(
      fc.property(text, needle, (content, query) => {
        fc.pre(foldForSearch(query).trim() !== '');
        const fold = foldedByPosition(content);
        const wanted = foldForSearch(query);
        const expected: [number, number][] = [];
        for (let at = fold.text.indexOf(wanted); at >= 0; at = fold.text.indexOf(wanted, at + wanted.length))
          expected.push([fold.origin[at]!, fold.origin[at + wanted.length]!]);
        const found = searchDocuments([doc('p', content)], query).map((m) => [m.start, m.end]);
        expect(found).toEqual(expected);
      }),
      { numRuns: 2_000 },
    );
  });

  it('writes code point offsets, so text[start:end] is the match in Python', () => {
    const [, , last] = searchDocuments(documents, 'kyiv');
    const [row] = searchCells(documents, [last!]);
    const text = documents[0]!.text;
    const codePoints = [...text];
    expect(codePoints.slice(row![2] as number, row![3] as number).join('')).toBe('kyiv');
    expect(row![2]).toBe(last!.start - 1); // one emoji before it: two UTF-16 units, one code point
  });

  it('takes a regular expression, and refuses an invalid one or an empty search clearly', () => {
    expect(searchDocuments(documents, 'caf(e|é)', { regex: true }).map((m) => m.match)).toEqual(['Café', 'cafe']);
    expect(() => searchDocuments(documents, 'ca(f', { regex: true })).toThrow(SearchQueryError);
    expect(() => searchDocuments(documents, 'ca(f', { regex: true })).toThrow('The regular expression is not valid');
    expect(() => searchDocuments(documents, '  ')).toThrow('The search is empty.');
  });
});
