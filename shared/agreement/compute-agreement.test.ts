import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Stance, Tag } from '../domain';
import { computeAgreement, type AgreementDocument, type AgreementHighlight } from './compute-agreement';
import { reliabilityCsv, spansCsv } from './agreement-csv';
import { ReliabilityTally } from './reliability';
import { matchSpans } from './span-matches';

const tag = (id: string, name: string, parentId: string | null = null): Tag => ({
  id,
  name,
  color: '#888888',
  description: '',
  parentId,
});
const TAGS = [tag('claim', 'Claim'), tag('threat', 'Threat', 'claim'), tag('frame', 'Frame')];

const mark = (
  annotator: string,
  start: number,
  end: number,
  tagIds: string[],
  stances: Stance[] = [],
): AgreementHighlight => ({ annotator, start, end, tagIds, stances });

/** The definition read literally: every word, every coder, every highlight. What the sweep must equal. */
function naiveWordTally(document: AgreementDocument, coders: string[], tagIds: Set<string>): ReliabilityTally {
  const tally = new ReliabilityTally(coders.length);
  for (const word of document.text.matchAll(/\S+/gu)) {
    const start = word.index;
    const end = start + word[0].length;
    tally.add(
      coders.map((coder) =>
        document.highlights.some(
          (h) => h.annotator === coder && h.start < end && h.end > start && h.tagIds.some((id) => tagIds.has(id)),
        )
          ? '1'
          : '0',
      ),
    );
  }
  return tally;
}

describe('word-level tag agreement', () => {
  it('equals the definition read literally, for any text and highlights', () => {
    const coders = ['ann', 'ben', 'cy'];
    const arbitraryDocument = fc
      .array(fc.constantFrom('a', 'bc', ' ', '  ', '\n', 'é', '😀'), { minLength: 1, maxLength: 40 })
      .map((parts) => parts.join(''))
      .chain((text) =>
        fc.record({
          text: fc.constant(text),
          highlights: fc.array(
            fc
              .record({
                annotator: fc.constantFrom(...coders),
                a: fc.nat(text.length),
                b: fc.nat(text.length),
                tagIds: fc.subarray(['claim', 'threat', 'frame'], { minLength: 1 }),
              })
              .filter(({ a, b }) => a !== b)
              .map(({ annotator, a, b, tagIds }) => mark(annotator, Math.min(a, b), Math.max(a, b), tagIds)),
            { maxLength: 8 },
          ),
        }),
      );
    fc.assert(
      fc.property(arbitraryDocument, ({ text, highlights }) => {
        const document = { id: 'd', title: 'D', text, highlights };
        const report = computeAgreement([document], { coders, tags: TAGS });
        const claim = naiveWordTally(document, coders, new Set(['claim', 'threat'])).result();
        const frame = naiveWordTally(document, coders, new Set(['frame'])).result();
        expect(report.reliability[0]).toMatchObject({ name: 'Claim', ...claim });
        expect(report.reliability.find((r) => r.name === 'Frame')).toMatchObject(frame);
      }),
      { numRuns: 300 },
    );
  });

  it('counts a sub-tag toward its parent, and names tags by path in tree order', () => {
    const document: AgreementDocument = {
      id: 'd',
      title: 'D',
      text: 'one two three four',
      highlights: [mark('ann', 0, 3, ['threat']), mark('ben', 4, 7, ['claim'])],
    };
    const report = computeAgreement([document], { coders: ['ann', 'ben'], tags: TAGS });
    expect(report.reliability.map((r) => r.name)).toEqual(['Claim', 'Claim › Threat', 'Frame', 'all']);
    // Claim: words one (ann only), two (ben only), three and four (neither): 2 of 4 agree.
    expect(report.reliability[0]).toMatchObject({ units: 4, percentAgreement: 0.5 });
    // Threat: only ann's word one.
    expect(report.reliability[1]).toMatchObject({ units: 4, percentAgreement: 0.75 });
  });

  it('reports only the chosen tags', () => {
    const document: AgreementDocument = { id: 'd', title: 'D', text: 'a b', highlights: [] };
    const report = computeAgreement([document], { coders: ['ann', 'ben'], tags: TAGS, tagIds: ['frame'] });
    expect(report.reliability.map((r) => r.name)).toEqual(['Frame', 'all']);
  });
});

describe('stance agreement', () => {
  const favor = (targetId: string, holderId: string | null = 'h'): Stance => ({ holderId, targetId, stance: 'favor' });
  const against = (targetId: string, holderId: string | null = 'h'): Stance => ({
    holderId,
    targetId,
    stance: 'against',
  });

  it('takes each coder’s most frequent stance per (document, holder, target), a tie as unclear, none as a value', () => {
    const document: AgreementDocument = {
      id: 'd',
      title: 'D',
      text: 'one two three four five',
      highlights: [
        // (h, t1): ann favor twice, against once → favor; ben favor → agree.
        mark('ann', 0, 3, [], [favor('t1')]),
        mark('ann', 4, 7, [], [favor('t1')]),
        mark('ann', 8, 13, [], [against('t1')]),
        mark('ben', 0, 3, [], [favor('t1')]),
        // (h, t2): ann favor + against → unclear; ben against → disagree.
        mark('ann', 14, 18, [], [favor('t2'), against('t2')]),
        mark('ben', 14, 18, [], [against('t2')]),
        // (null, t3): only ben → ann's value is none.
        mark('ben', 19, 23, [], [favor('t3', null)]),
      ],
    };
    const report = computeAgreement([document], { coders: ['ann', 'ben'], tags: [] });
    const stance = report.reliability.at(-1)!;
    expect(stance).toMatchObject({ scope: 'stance', name: 'all', units: 3 });
    expect(stance.percentAgreement).toBeCloseTo(1 / 3, 10);
    const expected = new ReliabilityTally(2);
    expected.add(['favor', 'favor']);
    expected.add(['unclear', 'against']);
    expected.add(['none', 'favor']);
    expect(stance).toMatchObject(expected.result());
  });

  it('keeps the same pair in two documents as two units', () => {
    const doc = (id: string): AgreementDocument => ({
      id,
      title: id,
      text: 'x',
      highlights: [mark('ann', 0, 1, [], [favor('t')]), mark('ben', 0, 1, [], [favor('t')])],
    });
    const report = computeAgreement([doc('a'), doc('b')], { coders: ['ann', 'ben'], tags: [] });
    expect(report.reliability.at(-1)!.units).toBe(2);
  });
});

describe('span matches', () => {
  it('matches exact spans one to one', () => {
    const a = [
      { start: 0, end: 5 },
      { start: 0, end: 5 },
      { start: 10, end: 20 },
    ];
    const b = [
      { start: 0, end: 5 },
      { start: 10, end: 21 },
    ];
    expect(matchSpans(a, b)).toEqual({ exact: 1, overlap: 2 });
  });

  it('counts an overlap only when it is at least half of the longer span, greedily by largest overlap', () => {
    // 0–10 against 5–10: overlap 5 = half of 10 → a match; 0–10 against 6–10: 4 < 5 → none.
    expect(matchSpans([{ start: 0, end: 10 }], [{ start: 5, end: 10 }]).overlap).toBe(1);
    expect(matchSpans([{ start: 0, end: 10 }], [{ start: 6, end: 10 }]).overlap).toBe(0);
    // One B span between two A spans goes to the one it overlaps more; the other A stays unmatched.
    const a = [
      { start: 0, end: 10 },
      { start: 2, end: 12 },
    ];
    expect(matchSpans(a, [{ start: 2, end: 12 }])).toEqual({ exact: 1, overlap: 1 });
  });

  it('reports precision, recall and F1 per pair of coders, exact then overlap', () => {
    const document: AgreementDocument = {
      id: 'd',
      title: 'D',
      text: 'one two three four five six',
      highlights: [
        mark('ann', 0, 3, []),
        mark('ann', 4, 7, []),
        mark('ben', 0, 3, []),
        mark('ben', 4, 8, []),
        mark('ben', 14, 18, []),
      ],
    };
    const report = computeAgreement([document], { coders: ['ann', 'ben'], tags: [] });
    expect(report.spans).toEqual([
      { coderA: 'ann', coderB: 'ben', match: 'exact', precision: 0.5, recall: 1 / 3, f1: 0.4 },
      { coderA: 'ann', coderB: 'ben', match: 'overlap', precision: 1, recall: 2 / 3, f1: 0.8 },
    ]);
    expect(spansCsv(report, { bom: false, formulaEscape: true })).toBe(
      'coder_a,coder_b,match,precision,recall,f1\r\n' +
        'ann,ben,exact,0.5000,0.3333,0.4000\r\n' +
        'ann,ben,overlap,1.0000,0.6667,0.8000\r\n',
    );
  });
});

describe('agreement CSV', () => {
  it('writes the header the issue names, coders joined by " | ", a percentage, and undefined as empty', () => {
    const document: AgreementDocument = {
      id: 'd',
      title: 'D',
      text: 'a b',
      highlights: [mark('ann', 0, 1, ['frame'])],
    };
    const report = computeAgreement([document], { coders: ['ann', 'ben', 'cy'], tags: TAGS, tagIds: ['frame'] });
    expect(reliabilityCsv(report, { bom: false, formulaEscape: true })).toBe(
      'scope,name,coders,units,percent_agreement,cohen_kappa,krippendorff_alpha\r\n' +
        `tag,Frame,ann | ben | cy,2,50.0000,,${report.reliability[0]!.krippendorffAlpha!.toFixed(4)}\r\n` +
        'stance,all,ann | ben | cy,0,,,\r\n',
    );
  });
});
