import search from 'approx-string-match';

/**
 * Finding a quoted passage in a text that may have changed since it was quoted: the position first, then the exact
 * quote (the occurrence whose context fits best), then the quote with errors, scored by its context, as the
 * Hypothesis client anchors a TextQuoteSelector. The approximate search is Myers' bit-parallel algorithm from
 * `approx-string-match` (Hypothesis's own library). Offsets are UTF-16, as everywhere in the app.
 */

export interface QuoteSelector {
  quote: string;
  prefix: string;
  suffix: string;
}

/** How a quote was found: exactly as it was, or with a few characters changed. */
export type AnchorKind = 'exact' | 'fuzzy';

export interface Anchored {
  start: number;
  end: number;
  kind: AnchorKind;
  /** Characters inserted, deleted or changed between the quote and the text found (0 when exact). */
  errors: number;
}

/**
 * The error budget of an approximate match: at most one character in five of the quote may differ. Chosen on the
 * edit cases (edit-cases.ts, checked in anchoring.test.ts): a word changed inside a quote, straightened quote marks,
 * a line break and doubled spaces, an emoji inserted cost 4–8 % of the quote, a Cyrillic word changed 15 %; a phrase
 * rewritten costs 35 %, and a deleted sentence's nearest look-alike 59–65 %. Hypothesis accepts up to half the quote,
 * which would re-attach the rewritten phrase as if it still said the same.
 */
export const FUZZY_ERROR_RATE = 0.2;

/**
 * Shorter quotes are found exactly or not at all: with one error allowed, a short word ("war", "NATO") matches
 * dozens of other words, and which one is right cannot be told.
 */
export const MIN_FUZZY_LENGTH = 10;

/** How far around the expected place the approximate search looks before it searches the whole text. */
const NEARBY = 4096;

/** Exact occurrences compared by their context, at most: the nearest to the expected place. */
const MAX_CANDIDATES = 200;

/**
 * Where `selector`'s quote is in `text`, or null when it is not there within the error budget. `hint` is where it is
 * expected (its offset in the text it was made on, moved by what came before it); without one, context alone decides.
 */
export function anchorQuote(text: string, selector: QuoteSelector, hint?: number): Anchored | null {
  const { quote } = selector;
  if (!quote) return null;
  if (hint !== undefined && hint >= 0 && text.startsWith(quote, hint)) {
    return { start: hint, end: hint + quote.length, kind: 'exact', errors: 0 };
  }
  const exact = (hint !== undefined && exactNearby(text, selector, hint)) || bestExact(text, selector, hint);
  if (exact) return exact;
  if (quote.length < MIN_FUZZY_LENGTH) return null;
  const budget = Math.floor(quote.length * FUZZY_ERROR_RATE);
  if (hint !== undefined) {
    const from = Math.max(0, hint - NEARBY);
    const to = Math.min(text.length, hint + quote.length + NEARBY);
    const near = bestFuzzy(text, selector, budget, hint, from, to);
    if (near) return near;
  }
  return bestFuzzy(text, selector, budget, hint, 0, text.length);
}

/**
 * {@link bestExact}'s choice, found by looking only around the expected place, when an occurrence there has its
 * context as it was on both sides: no occurrence further away can score higher (its context at best as good, its
 * position worse), so the best of those nearby is the best of all. Annotations imported onto a text that changed
 * before them (a web annotation export of a long document) are each found this way; each searched the whole megabyte
 * before. Null when there is no such occurrence (or too many nearby to score): the caller searches everywhere.
 * Exported for the tests, which check it against {@link bestExact}.
 */
export function exactNearby(text: string, selector: QuoteSelector, hint: number): Anchored | null {
  const { quote, prefix, suffix } = selector;
  const found: number[] = [];
  let whole = false;
  // Looked for in the window alone: indexOf on the whole text reads on to its end when the quote is not nearby.
  const from = Math.max(0, hint - NEARBY);
  const nearby = text.slice(from, Math.min(text.length, hint + NEARBY + quote.length));
  for (let i = nearby.indexOf(quote); i >= 0; i = nearby.indexOf(quote, i + 1)) {
    const at = from + i;
    if (!shortQuoteFits(text, selector, at)) continue;
    found.push(at);
    if (found.length > MAX_CANDIDATES) return null;
    whole ||=
      at >= prefix.length && text.startsWith(prefix, at - prefix.length) && text.startsWith(suffix, at + quote.length);
  }
  if (!whole) return null;
  const scored = found.map((start) => ({ start, end: start + quote.length, errors: 0 }));
  return { ...bestScored(text, selector, scored, hint), kind: 'exact', errors: 0 };
}

/** Exported for the tests. */
export function bestExact(text: string, selector: QuoteSelector, hint: number | undefined): Anchored | null {
  const { quote } = selector;
  const found: number[] = [];
  for (let at = text.indexOf(quote); at >= 0; at = text.indexOf(quote, at + 1)) {
    if (shortQuoteFits(text, selector, at)) found.push(at);
  }
  if (found.length === 0) return null;
  if (found.length === 1) return { start: found[0]!, end: found[0]! + quote.length, kind: 'exact', errors: 0 };
  const nearest =
    hint === undefined || found.length <= MAX_CANDIDATES
      ? found.slice(0, MAX_CANDIDATES)
      : [...found].sort((a, b) => Math.abs(a - hint) - Math.abs(b - hint)).slice(0, MAX_CANDIDATES);
  const scored = nearest.map((start) => ({ start, end: start + quote.length, errors: 0 }));
  const best = bestScored(text, selector, scored, hint);
  return { ...best, kind: 'exact', errors: 0 };
}

/**
 * Whether a short quote found away from where it was expected is the same passage: a word like "NATO" occurs all
 * over an article, so it counts only where the text beside it still fits the saved context on one side at least.
 */
function shortQuoteFits(text: string, selector: QuoteSelector, start: number): boolean {
  if (selector.quote.length >= MIN_FUZZY_LENGTH || (!selector.prefix && !selector.suffix)) return true;
  const end = start + selector.quote.length;
  const before = text.slice(Math.max(0, start - selector.prefix.length), start);
  const after = text.slice(end, end + selector.suffix.length);
  return Math.max(contextScore(before, selector.prefix), contextScore(after, selector.suffix)) >= 0.5;
}

function bestFuzzy(
  text: string,
  selector: QuoteSelector,
  budget: number,
  hint: number | undefined,
  from: number,
  to: number,
): Anchored | null {
  const matches = search(text.slice(from, to), selector.quote, budget).map((m) => ({
    ...wholeCharacters(text, m.start + from, m.end + from),
    errors: m.errors,
  }));
  if (matches.length === 0) return null;
  const best = bestScored(text, selector, matches.slice(0, MAX_CANDIDATES), hint);
  return best.end > best.start ? { ...best, kind: 'fuzzy' } : null;
}

interface Candidate {
  start: number;
  end: number;
  errors: number;
}

/**
 * The candidate that fits best: Hypothesis's weights (quote 50, prefix 20, suffix 20, position 2), each part scored
 * 1 for a perfect fit and less by its share of errors.
 */
function bestScored(text: string, selector: QuoteSelector, candidates: Candidate[], hint: number | undefined) {
  let best = candidates[0]!;
  let bestScore = -Infinity;
  for (const candidate of candidates) {
    const quoteScore = 1 - candidate.errors / selector.quote.length;
    const before = text.slice(Math.max(0, candidate.start - selector.prefix.length), candidate.start);
    const after = text.slice(candidate.end, candidate.end + selector.suffix.length);
    const positionScore = hint === undefined ? 1 : 1 - Math.abs(candidate.start - hint) / Math.max(1, text.length);
    const score =
      50 * quoteScore +
      20 * contextScore(before, selector.prefix) +
      20 * contextScore(after, selector.suffix) +
      2 * positionScore;
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

/** How well the text beside a match fits the context that was saved with the quote: 1 when equal, 0 when unlike. */
function contextScore(found: string, expected: string): number {
  if (!expected) return 1;
  if (found === expected) return 1;
  if (!found) return 0;
  const [match] = search(found, expected, expected.length);
  return match ? 1 - match.errors / expected.length : 0;
}

/** A range widened so that neither edge falls between the two halves of a surrogate pair (an emoji). */
function wholeCharacters(text: string, start: number, end: number): { start: number; end: number } {
  const isLow = (at: number) => at > 0 && at < text.length && (text.charCodeAt(at) & 0xfc00) === 0xdc00;
  return { start: isLow(start) ? start - 1 : start, end: isLow(end) ? end + 1 : end };
}
