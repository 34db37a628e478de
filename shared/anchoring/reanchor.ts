import { anchorQuote, type QuoteSelector } from './anchor-quote';

/** What became of a highlight when its document's text was replaced. */
export type Reanchoring =
  /** The same text at the same offsets. */
  | 'same'
  /** The same text, elsewhere (text was added or removed before it, or its paragraph moved). */
  | 'moved'
  /** Found with a few characters changed: its quote is now the new text's. */
  | 'changed'
  /** Not found within the error budget: kept, without a place, until the analyst re-attaches it. */
  | 'orphan';

export interface AnchorablePassage extends QuoteSelector {
  id: string;
  start: number;
  end: number;
  /** An orphan has no place to start from; it is looked for by its quote and context alone. */
  orphan?: boolean;
}

export interface ReanchoredPassage {
  id: string;
  outcome: Reanchoring;
  /** The new place; absent for an orphan. */
  start?: number;
  end?: number;
}

/**
 * The passages' places in `newText`. Each is looked for first where it was, moved by how far the last passage found
 * before it moved: text inserted or removed shifts everything after it alike, so in an edited article nearly every
 * passage is found by one comparison, and only those in or after an edit are searched for (anchor-quote.ts). That
 * keeps 10,000 highlights in a megabyte of text well under a second (the bench's "re-anchoring" row).
 */
export function reanchor(newText: string, passages: readonly AnchorablePassage[]): ReanchoredPassage[] {
  const steps = reanchorSteps(newText, passages);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * {@link reanchor} a passage at a time, yielding how many are done: a caller that must not be held for long (the
 * backend, where a text replaced by a different one leaves every passage to be searched for in the whole text) runs
 * it in slices, says how far it is, and can stop it.
 */
export function* reanchorSteps(
  newText: string,
  passages: readonly AnchorablePassage[],
): Generator<number, ReanchoredPassage[]> {
  let done = 0;
  const placed = passages.filter((p) => !p.orphan).sort((a, b) => a.start - b.start || a.end - b.end);
  const results = new Map<string, ReanchoredPassage>();
  let shift = 0;
  for (const passage of placed) {
    const found = anchorQuote(newText, passage, Math.max(0, passage.start + shift));
    if (!found) {
      results.set(passage.id, { id: passage.id, outcome: 'orphan' });
    } else {
      shift = found.start - passage.start;
      const outcome = found.kind === 'fuzzy' ? 'changed' : shift === 0 ? 'same' : 'moved';
      results.set(passage.id, { id: passage.id, outcome, start: found.start, end: found.end });
    }
    yield ++done;
  }
  for (const orphan of passages.filter((p) => p.orphan)) {
    const found = anchorQuote(newText, orphan);
    results.set(
      orphan.id,
      found
        ? { id: orphan.id, outcome: found.kind === 'fuzzy' ? 'changed' : 'moved', start: found.start, end: found.end }
        : { id: orphan.id, outcome: 'orphan' },
    );
    yield ++done;
  }
  return passages.map((p) => results.get(p.id)!);
}
