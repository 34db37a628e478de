import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvRowsText } from '../csv';
import type { Entity, Highlight, Tag } from '../domain';
import { annotationCsvMaker } from './annotation-csv';
import { annotationNames, annotationRows, type ExportLibrary } from './annotation-rows';
import { testDocument } from '../test-records';

/** Values that a CSV writer gets wrong in one way or another: separators, quotes, line ends, formula triggers. */
const awkward = fc.constantFrom(
  '',
  'plain',
  'a, comma',
  'say "no"',
  '"',
  'line\nbreak',
  'cr\rhere',
  '\r\n',
  '=SUM(A1)',
  '+1',
  '-5',
  '@cmd',
  '\tindent',
  '＝full width',
  '＠',
  ' -not a trigger',
  'Київ 😀',
  '\u0000',
  "'quoted already",
);
const text = fc.oneof(awkward, fc.string({ maxLength: 12 }));
const id = fc.oneof(
  fc.constantFrom('t1', 't2', 'e1', 'e2', 'gone'),
  awkward.filter((s) => s !== ''),
);

const tags: Tag[] = [
  { id: 't1', name: '=Claim', color: '#000000', description: '', parentId: null },
  { id: 't2', name: 'Threat, "direct"', color: '#000000', description: '', parentId: 't1' },
];
const entities: Entity[] = [
  { id: 'e1', name: '-Russia' },
  { id: 'e2', name: 'The "EU",\nCommission' },
];

const highlight = (documentId: string, documentText: string) =>
  fc
    .record({
      id,
      start: fc.nat(documentText.length),
      length: fc.nat(8),
      quote: text.filter((s) => s !== ''),
      prefix: text,
      suffix: text,
      tagIds: fc.array(fc.constantFrom('t1', 't2', 'gone'), { maxLength: 3 }),
      stances: fc.array(
        fc.record({
          holderId: fc.option(fc.constantFrom('e1', 'e2', 'gone'), { nil: null }),
          targetId: fc.constantFrom('e1', 'e2', 'gone'),
          stance: fc.constantFrom('favor', 'against', 'neutral', 'unclear' as const),
        }),
        { maxLength: 3 },
      ),
      note: text,
      annotator: fc.constantFrom('ann', '', '=ben', 'ann, senior'),
      createdAt: fc.constantFrom('2026-01-01T00:00:00.000Z', '2026-02-03T04:05:06Z'),
      anchor: fc.constantFrom(undefined, 'fuzzy' as const, 'orphan' as const),
    })
    .map(({ start, length, anchor, ...h }): Highlight => ({
      ...h,
      documentId,
      start: Math.min(start, documentText.length),
      end: Math.min(start + length + 1, documentText.length + 1),
      updatedAt: h.createdAt,
      ...(anchor && { anchor }),
    }));

const library = fc
  .array(fc.record({ id, title: text, text: fc.oneof(text, fc.string({ unit: 'grapheme', maxLength: 80 })) }), {
    maxLength: 4,
  })
  .chain((documents) =>
    fc
      .tuple(...documents.map((d) => fc.array(highlight(d.id, d.text), { maxLength: 6 })))
      .map((perDocument): ExportLibrary => ({
        documents: documents.map((d) => testDocument(d)),
        highlights: perDocument.flat(),
        tags,
        entities,
        variables: [],
      })),
  );

describe('annotationCsvMaker', () => {
  it('writes exactly the rows csvRowsText writes of annotationRows, with formula escaping on or off', () => {
    fc.assert(
      fc.property(library, fc.boolean(), (lib, formulaEscape) => {
        const csv = { bom: false, formulaEscape };
        const names = annotationNames(lib);
        const make = annotationCsvMaker(names, csv);
        expect(make(lib)).toBe(csvRowsText(annotationRows(lib, names), csv));
        // A maker serves every document of an export: what it escaped once is the same the second time.
        expect(make(lib)).toBe(csvRowsText(annotationRows(lib, names), csv));
      }),
      { numRuns: 400 },
    );
  });

  it('quotes and escapes the cells it writes once per document, tag or entity', () => {
    const lib: ExportLibrary = {
      documents: [testDocument({ id: 'd,1', title: '=Title "one"', text: 'Some text here.' })],
      highlights: [
        {
          id: 'h1',
          documentId: 'd,1',
          start: 5,
          end: 9,
          quote: 'text',
          prefix: 'Some ',
          suffix: ' here.',
          tagIds: ['t2'],
          stances: [{ holderId: 'e1', targetId: 'e2', stance: 'against' }],
          note: '',
          annotator: '@ann',
          createdAt: '2026-01-01T00:00:00.000Z',
          updatedAt: '2026-01-01T00:00:00.000Z',
        },
      ],
      tags,
      entities,
      variables: [],
    };
    const make = annotationCsvMaker(annotationNames(lib), { bom: false, formulaEscape: true });
    expect(make(lib)).toBe(
      `"d,1","'=Title ""one""",h1,5,9,text,Some , here.,"'=Claim › Threat, ""direct""",'-Russia,` +
        `"The ""EU"",\nCommission",against,,'@ann,2026-01-01T00:00:00.000Z,2026-01-01T00:00:00.000Z,exact\r\n`,
    );
  });
});
