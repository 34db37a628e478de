import { describe, expect, it } from 'vitest';
import { ReliabilityTally, type CodedValue } from './reliability';

const _ = null;

/**
 * Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four observers, twelve units, missing
 * values (the table's dots). The paper's nominal α is 0.743.
 */
const KRIPPENDORFF_2011: CodedValue[][] = [
  // A,  B,   C,   D
  ['1', '1', _, '1'],
  ['2', '2', '3', '2'],
  ['3', '3', '3', '3'],
  ['3', '3', '3', '3'],
  ['2', '2', '2', '2'],
  ['1', '2', '3', '4'],
  ['4', '4', '4', '4'],
  ['1', '1', '2', '1'],
  ['2', '2', '2', '2'],
  [_, '5', '5', '5'],
  [_, _, '1', '1'],
  [_, '3', _, _],
];

function tallyOf(units: CodedValue[][], coders: number): ReliabilityTally {
  const tally = new ReliabilityTally(coders);
  for (const unit of units) tally.add(unit);
  return tally;
}

describe('Krippendorff’s alpha (nominal)', () => {
  it('reproduces the worked example of Krippendorff (2011): α = 0.743 over 11 pairable units', () => {
    const result = tallyOf(KRIPPENDORFF_2011, 4).result();
    expect(result.krippendorffAlpha).toBeCloseTo(0.743, 3);
    expect(result.units).toBe(11);
    expect(result.cohenKappa).toBeNull();
  });

  it('reproduces the two-coder binary example of the same paper (section A): α = 0.095', () => {
    // Coder A: 0 1 0 0 0 0 0 0 1 0; coder B: 1 1 1 0 0 1 0 0 0 0.
    const a = '0100000010';
    const b = '1110010000';
    const units = [...a].map((value, i) => [value, b[i]!]);
    expect(tallyOf(units, 2).result().krippendorffAlpha).toBeCloseTo(0.095, 3);
  });

  it('counts repeated units by multiplicity exactly as one by one', () => {
    const byOne = new ReliabilityTally(2);
    for (let i = 0; i < 7; i++) byOne.add(['0', '0']);
    for (let i = 0; i < 3; i++) byOne.add(['1', '0']);
    byOne.add(['1', '1']);
    const byMany = new ReliabilityTally(2);
    byMany.add(['0', '0'], 7);
    byMany.add(['1', '0'], 3);
    byMany.add(['1', '1'], 1);
    expect(byMany.result()).toEqual(byOne.result());
  });

  it('is undefined without variation, and 1 for perfect agreement with variation', () => {
    expect(
      tallyOf(
        [
          ['x', 'x'],
          ['x', 'x'],
        ],
        2,
      ).result().krippendorffAlpha,
    ).toBeNull();
    const perfect = tallyOf(
      [
        ['x', 'x'],
        ['y', 'y'],
      ],
      2,
    ).result();
    expect(perfect.krippendorffAlpha).toBe(1);
    expect(perfect.cohenKappa).toBe(1);
    expect(perfect.percentAgreement).toBe(1);
  });

  it('has no units when no unit is coded twice', () => {
    expect(tallyOf([['x', null]], 2).result()).toEqual({
      units: 0,
      percentAgreement: null,
      cohenKappa: null,
      krippendorffAlpha: null,
    });
  });
});

describe('Cohen’s kappa', () => {
  it('matches a hand-checked 2×2 table: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no gives κ = 0.4', () => {
    // p_o = 35/50 = 0.7; A says yes 25/50, B 30/50; p_e = 0.5·0.6 + 0.5·0.4 = 0.5; κ = (0.7 − 0.5)/(1 − 0.5) = 0.4.
    const tally = new ReliabilityTally(2);
    tally.add(['yes', 'yes'], 20);
    tally.add(['yes', 'no'], 5);
    tally.add(['no', 'yes'], 10);
    tally.add(['no', 'no'], 15);
    const result = tally.result();
    expect(result.cohenKappa).toBeCloseTo(0.4, 10);
    expect(result.percentAgreement).toBeCloseTo(0.7, 10);
    expect(result.units).toBe(50);
  });

  it('is undefined when both coders always gave the same single value', () => {
    const tally = new ReliabilityTally(2);
    tally.add(['0', '0'], 10);
    expect(tally.result().cohenKappa).toBeNull();
  });
});
