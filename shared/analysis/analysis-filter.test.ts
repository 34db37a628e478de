import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Highlight, StoredDocument } from '../domain';
import { filterLibrary, type AnalysisFilter, type AnalysisLibrary } from './analysis-filter';
import { codedSegments } from './coded-segments';
import { stanceMap } from './stance-map';
import { tagMatrix } from './tag-matrix';
import { timeline } from './timeline';

const OUTLETS = ['Morning Post', 'Evening Star', ''];
const CODERS = ['ann', 'ben'];
const ENTITIES = ['e0', 'e1', 'e2'];

function document(index: number, outlet: string, day: number | null): StoredDocument {
  return {
    id: `d${index}`,
    title: `Document ${index}`,
    text: 'x'.repeat(100),
    source: { kind: 'paste' },
    meta: {
      ...(outlet && { outlet }),
      ...(day !== null && { publishedAt: `2025-03-${String(day).padStart(2, '0')}` }),
    },
    memo: '',
    variables: {},
    sha256: '0'.repeat(64),
    addedAt: '2025-01-01T00:00:00.000Z',
  };
}

const libraryArbitrary = fc
  .record({
    documents: fc.array(
      fc.record({ outlet: fc.constantFrom(...OUTLETS), day: fc.option(fc.integer({ min: 1, max: 28 })) }),
      { minLength: 1, maxLength: 8 },
    ),
    highlights: fc.array(
      fc.record({
        document: fc.nat(),
        start: fc.integer({ min: 0, max: 90 }),
        coder: fc.constantFrom(...CODERS),
        tag: fc.constantFrom('t0', 't1'),
        stances: fc.array(
          fc.record({
            holder: fc.option(fc.constantFrom(...ENTITIES)),
            target: fc.constantFrom(...ENTITIES),
            stance: fc.constantFrom('favor' as const, 'against' as const, 'neutral' as const, 'unclear' as const),
          }),
          { maxLength: 2 },
        ),
      }),
      { maxLength: 60 },
    ),
  })
  .map(({ documents, highlights }) => {
    const docs = documents.map((d, i) => document(i, d.outlet, d.day));
    const list: Highlight[] = highlights.map((h, i) => ({
      id: `h${i}`,
      documentId: docs[h.document % docs.length]!.id,
      start: h.start,
      end: h.start + 5,
      quote: 'xxxxx',
      prefix: '',
      suffix: '',
      tagIds: [h.tag],
      stances: h.stances.map((s) => ({ holderId: s.holder, targetId: s.target, stance: s.stance })),
      note: '',
      annotator: h.coder,
      createdAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-01-01T00:00:00.000Z',
    }));
    return { documents: docs, highlights: list };
  });

const filterArbitrary: fc.Arbitrary<AnalysisFilter> = fc.record(
  {
    outlet: fc.constantFrom(...OUTLETS.filter(Boolean)),
    coders: fc.subarray(CODERS, { minLength: 1 }),
    from: fc.constant('2025-03-10'),
    to: fc.constant('2025-03-20'),
  },
  { requiredKeys: [] },
);

/** The library as the backend gives it to the analyses: each document's highlights at hand, as its index keeps them. */
function indexed(library: AnalysisLibrary): AnalysisLibrary & { reads: number } {
  const byDocument = new Map<string, Highlight[]>();
  for (const h of library.highlights) byDocument.set(h.documentId, [...(byDocument.get(h.documentId) ?? []), h]);
  let reads = 0;
  return {
    ...library,
    get highlights() {
      reads++;
      return library.highlights;
    },
    get reads() {
      return reads;
    },
    highlightsOf: (ids) => new Map(ids.map((id) => [id, byDocument.get(id) ?? []])),
  };
}

describe('filterLibrary with each document’s highlights at hand', () => {
  it('chooses what a pass over every highlight chooses, and every analysis counts the same', () => {
    fc.assert(
      fc.property(libraryArbitrary, filterArbitrary, ({ documents, highlights }, filter) => {
        const plain: AnalysisLibrary = {
          documents,
          highlights,
          tags: [
            { id: 't0', name: 'Claim', color: '#000000', description: '', parentId: null },
            { id: 't1', name: 'Evidence', color: '#000000', description: '', parentId: 't0' },
          ],
          entities: ENTITIES.map((id) => ({ id, name: `Entity ${id}` })),
          variables: [],
        };
        const fast = indexed(plain);
        const ids = (library: AnalysisLibrary) =>
          filterLibrary(library, filter)
            .highlights.map((h) => h.id)
            .sort();
        expect(ids(fast)).toEqual(ids(plain));
        expect(stanceMap(fast, filter)).toEqual(stanceMap(plain, filter));
        expect(tagMatrix(fast, { by: 'outlet' }, filter)).toEqual(tagMatrix(plain, { by: 'outlet' }, filter));
        expect(timeline(fast, { interval: 'week', targetId: 'e0' }, filter)).toEqual(
          timeline(plain, { interval: 'week', targetId: 'e0' }, filter),
        );
        expect(codedSegments(fast, { stance: 'favor' }, filter)).toEqual(
          codedSegments(plain, { stance: 'favor' }, filter),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('does not look at every highlight when the filter leaves documents out', () => {
    const plain: AnalysisLibrary = {
      documents: [document(0, 'Morning Post', 3), document(1, 'Evening Star', 4)],
      highlights: [],
      tags: [],
      entities: [],
      variables: [],
    };
    const fast = indexed(plain);
    filterLibrary(fast, { outlet: 'Morning Post' });
    expect(fast.reads).toBe(0);
    // Every document chosen: one pass over the list is what gathering every document's would cost anyway.
    filterLibrary(fast, {});
    expect(fast.reads).toBe(1);
  });
});
