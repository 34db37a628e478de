/**
 * Intercoder reliability of nominal data: Krippendorff's α, Cohen's κ and percentage agreement, from units each coded
 * by the same list of coders (a coder's value may be missing: `null`).
 *
 * Units are tallied by their tuple of values, so that the millions of identical units word-level agreement makes
 * (most words carry a tag for no coder) cost one entry: `add(values, times)`.
 *
 * Definitions (as in the README):
 * - α follows Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011): only units with at least two values
 *   are pairable; with o_cc the coincidences of a value with itself, n_c how often c was given in pairable units and
 *   n their sum, α = 1 − (n − 1)(n − Σ o_cc) / (n² − Σ n_c²). Undefined (null) when every value given is the same.
 * - κ (Cohen, 1960) for exactly two coders, over the units both coded: (p_o − p_e) / (1 − p_e), with p_e from each
 *   coder's own distribution of values. Undefined when p_e = 1 (both always gave one and the same value).
 * - Percentage agreement: the share of pairable units on which every coder who coded the unit gave the same value.
 */

export type CodedValue = string | null;

export interface Reliability {
  /** Pairable units: coded by at least two of the coders. */
  units: number;
  /** 0…1; null with no pairable unit. */
  percentAgreement: number | null;
  /** null unless there are exactly two coders, or where undefined. */
  cohenKappa: number | null;
  /** null where undefined (no variation in the values). */
  krippendorffAlpha: number | null;
}

interface TallyEntry {
  values: readonly CodedValue[];
  count: number;
}

export class ReliabilityTally {
  private readonly entries = new Map<string, TallyEntry>();

  constructor(readonly coderCount: number) {}

  /** Counts `times` units whose coders gave `values` (one per coder, in the coders' order; null: not coded). */
  add(values: readonly CodedValue[], times = 1): void {
    if (times <= 0) return;
    if (values.length !== this.coderCount) throw new Error(`A unit needs ${this.coderCount} values`);
    const key = JSON.stringify(values);
    const entry = this.entries.get(key);
    if (entry) entry.count += times;
    else this.entries.set(key, { values: [...values], count: times });
  }

  /** Adds another tally's units (of the same coders). */
  addAll(other: ReliabilityTally): void {
    for (const { values, count } of other.entries.values()) this.add(values, count);
  }

  result(): Reliability {
    let units = 0;
    let agreed = 0;
    let n = 0;
    let selfCoincidences = 0;
    const valueTotals = new Map<string, number>();
    for (const { values, count } of this.entries.values()) {
      const given = values.filter((v): v is string => v !== null);
      const m = given.length;
      if (m < 2) continue;
      units += count;
      const perValue = new Map<string, number>();
      for (const v of given) perValue.set(v, (perValue.get(v) ?? 0) + 1);
      if (perValue.size === 1) agreed += count;
      for (const [value, k] of perValue) {
        selfCoincidences += (count * k * (k - 1)) / (m - 1);
        valueTotals.set(value, (valueTotals.get(value) ?? 0) + count * k);
        n += count * k;
      }
    }
    let sumSquares = 0;
    for (const total of valueTotals.values()) sumSquares += total * total;
    const expectedDisagreement = n * n - sumSquares;
    return {
      units,
      percentAgreement: units === 0 ? null : agreed / units,
      cohenKappa: this.coderCount === 2 ? this.kappa() : null,
      krippendorffAlpha:
        units === 0 || expectedDisagreement === 0
          ? null
          : 1 - ((n - 1) * (n - selfCoincidences)) / expectedDisagreement,
    };
  }

  private kappa(): number | null {
    let total = 0;
    let same = 0;
    const first = new Map<string, number>();
    const second = new Map<string, number>();
    for (const { values, count } of this.entries.values()) {
      const [a, b] = values;
      if (a === null || a === undefined || b === null || b === undefined) continue;
      total += count;
      if (a === b) same += count;
      first.set(a, (first.get(a) ?? 0) + count);
      second.set(b, (second.get(b) ?? 0) + count);
    }
    if (total === 0) return null;
    let expected = 0;
    for (const [value, k] of first) expected += (k / total) * ((second.get(value) ?? 0) / total);
    if (expected >= 1) return null;
    return (same / total - expected) / (1 - expected);
  }
}
