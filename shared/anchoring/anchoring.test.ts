import search from 'approx-string-match';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quoteWithContext } from '../text-context';
import { findMalformedString } from '../well-formed';
import { anchorQuote, bestExact, exactNearby, FUZZY_ERROR_RATE, MIN_FUZZY_LENGTH } from './anchor-quote';
import { EDIT_CASES, ORIGINAL, QUOTES } from './edit-cases';
import { reanchor, type AnchorablePassage } from './reanchor';

/** The corpus's highlights, made on the original as the app makes them (quote and 32 characters each side). */
function passages(text = ORIGINAL): AnchorablePassage[] {
  return QUOTES.map((quote) => {
    const start = text.indexOf(quote);
    expect(text.indexOf(quote, start + 1), `"${quote}" occurs once`).toBe(-1);
    return { id: quote, start, end: start + quote.length, ...quoteWithContext(text, start, start + quote.length) };
  });
}

describe('re-anchoring the edit cases', () => {
  for (const editCase of EDIT_CASES) {
    it(editCase.name, () => {
      const edited = editCase.edit(ORIGINAL);
      expect(edited, 'the edit changes the text').not.toBe(ORIGINAL);
      const results = reanchor(edited, passages());
      const seen = Object.fromEntries(
        results.map((r) => [
          r.id,
          r.start === undefined ? { outcome: r.outcome } : { outcome: r.outcome, covers: edited.slice(r.start, r.end) },
        ]),
      );
      expect(seen).toEqual(editCase.expect);
    });
  }
});

describe('the fuzzy error budget', () => {
  /** The smallest share of a quote's characters that must change to find it in `text`. */
  const bestErrorRate = (text: string, quote: string) => {
    const [best] = search(text, quote, quote.length);
    return best ? best.errors / quote.length : 1;
  };

  it('lies between the edits that keep a passage and those that remove it', () => {
    const kept: number[] = [];
    const removed: number[] = [];
    for (const editCase of EDIT_CASES) {
      const edited = editCase.edit(ORIGINAL);
      for (const [quote, expected] of Object.entries(editCase.expect)) {
        if (quote.length < MIN_FUZZY_LENGTH) continue;
        if (expected.outcome === 'changed') kept.push(bestErrorRate(edited, quote));
        if (expected.outcome === 'orphan') removed.push(bestErrorRate(edited, quote));
      }
    }
    expect(kept.length).toBeGreaterThanOrEqual(5);
    expect(removed.length).toBeGreaterThanOrEqual(2);
    // The budget leaves room on both sides: the worst kept edit well inside, the nearest look-alike well outside.
    expect(Math.max(...kept)).toBeLessThan(FUZZY_ERROR_RATE * 0.8);
    expect(Math.min(...removed)).toBeGreaterThan(FUZZY_ERROR_RATE * 1.5);
  });
});

describe('anchorQuote', () => {
  const text = 'The minister said no. Later the minister said yes, and the deputy said no again.';
  const at = (quote: string, from = 0) => text.indexOf(quote, from);

  it('takes the expected place when the quote is there', () => {
    const second = at('said no', 10);
    expect(anchorQuote(text, { quote: 'said no', prefix: '', suffix: '' }, second)).toEqual({
      start: second,
      end: second + 7,
      kind: 'exact',
      errors: 0,
    });
  });

  it('picks, among exact occurrences, the one whose context fits', () => {
    const second = at('the minister said', 5);
    const context = quoteWithContext(text, second, second + 'the minister said'.length);
    expect(anchorQuote(text.replace('The minister', 'the minister'), context)?.start).toBe(second);
  });

  it('refuses a short quote found only where its context does not fit', () => {
    const selector = quoteWithContext(text, at('no.'), at('no.') + 3);
    expect(anchorQuote('Nothing like it here; no.', selector)).toBeNull();
  });

  it('never splits an emoji at the edges of a fuzzy match', () => {
    const emojiText = 'Intro. 👍👍 the committee has approved the budget today 👍👍 end.';
    const quote = '👍 the committee has approved the budget today 👍';
    const found = anchorQuote(emojiText.replace('approved', 'aproved'), { quote, prefix: '', suffix: '' });
    expect(found?.kind).toBe('fuzzy');
    const covered = emojiText.replace('approved', 'aproved').slice(found!.start, found!.end);
    expect(findMalformedString(covered)).toBeNull();
  });

  it('finds nothing for an empty quote or a text without it', () => {
    expect(anchorQuote(text, { quote: '', prefix: '', suffix: '' })).toBeNull();
    expect(anchorQuote(text, { quote: 'a completely different sentence', prefix: '', suffix: '' })).toBeNull();
  });

  it('finds every passage exactly again, wherever text is inserted outside it (property)', () => {
    const words = fc.constantFrom('war', 'peace', 'minister', 'said', 'the', 'не', 'курс', '🙂', 'talks', 'NATO');
    const prose = fc.array(words, { minLength: 20, maxLength: 120 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(prose, fc.nat(), fc.nat(), fc.nat(), prose, (base, a, b, c, inserted) => {
        const bounds = wordBounds(base);
        const i = a % bounds.length;
        const j = Math.min(bounds.length - 1, i + (b % 6));
        const [start, end] = [bounds[i]!.start, bounds[j]!.end];
        const passage = { id: 'h', start, end, ...quoteWithContext(base, start, end) };
        // Inserted at a word boundary before or after the passage, never inside it.
        const before = c % 2 === 0;
        const cut = before ? bounds[c % (i + 1)]!.start : bounds[j + ((c >> 1) % (bounds.length - j))]!.end;
        const edited = `${base.slice(0, cut)}${inserted} ${base.slice(cut)}`;
        const [result] = reanchor(edited, [passage]);
        expect(result!.outcome).not.toBe('orphan');
        expect(edited.slice(result!.start, result!.end)).toBe(passage.quote);
      }),
      { numRuns: 300 },
    );
  });
});

function wordBounds(text: string): { start: number; end: number }[] {
  return [...text.matchAll(/\S+/gu)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

describe('exactNearby', () => {
  it('chooses what the search of the whole text chooses, whenever it chooses', () => {
    let answered = 0;
    let runs = 0;
    // Texts of few words (up to 40 KB, past the nearby window of 4 KB each side), so that quotes recur near and far
    // with contexts alike and not; edits before and after.
    const words = fc.constantFrom('NATO', 'said', 'the', 'talks', 'would', 'resume', '🙂', '\n', 'Kyiv', 'ceasefire');
    fc.assert(
      fc.property(
        fc.array(words, { minLength: 4_000, maxLength: 8_000 }).map((w) => w.join(' ')),
        fc.nat(),
        fc.integer({ min: 1, max: 40 }),
        fc.array(fc.record({ at: fc.nat(), insert: fc.constantFrom('', 'x', 'NATO said ', '🙂🙂') }), { maxLength: 4 }),
        // Near where it was, or far (a text moved by more than the nearby window: kilobytes inserted before it).
        fc.oneof(fc.integer({ min: -300, max: 300 }), fc.integer({ min: -20_000, max: 20_000 })),
        (text, from, length, edits, drift) => {
          const start = from % text.length;
          const end = Math.min(text.length, start + length);
          const selector = quoteWithContext(text, start, end);
          let edited = text;
          for (const { at, insert } of edits) {
            const i = at % (edited.length + 1);
            edited = edited.slice(0, i) + insert + edited.slice(i);
          }
          const hint = Math.max(0, Math.min(edited.length, start + drift));
          const nearby = exactNearby(edited, selector, hint);
          runs++;
          if (nearby) answered++;
          expect(nearby ?? bestExact(edited, selector, hint)).toEqual(bestExact(edited, selector, hint));
        },
      ),
      // Not shrunk on failure: shrinking texts of thousands of words takes minutes.
      { numRuns: 150, endOnFailure: true },
    );
    // It answered many of them itself: the comparison is not vacuous.
    expect(answered / runs).toBeGreaterThan(0.2);
  });
});
