import type { Stance, Tag } from '../domain';
import { inTreeOrder, tagPaths, tagsWithDescendants } from '../tag-paths';
import { ReliabilityTally, type Reliability } from './reliability';
import { matchSpans, type Span } from './span-matches';
import { tallyWords, wordRange, wordsOf } from './word-units';
import { entryIn } from '../collections';

/**
 * Intercoder agreement over a set of documents (the definitions are in the README, "Agreement"): per tag at word
 * level, over stances by (document, holder, target), and of spans per pair of coders. A generator that yields after
 * each document, so that the backend can spread a large computation over turns of its event loop.
 */

export interface AgreementHighlight {
  start: number;
  end: number;
  tagIds: readonly string[];
  stances: readonly Stance[];
  annotator: string;
}

export interface AgreementDocument {
  id: string;
  title: string;
  text: string;
  highlights: readonly AgreementHighlight[];
}

export interface AgreementOptions {
  /** Two or more coder names, in the order the report lists them. */
  coders: readonly string[];
  /** The whole codebook (for sub-tags and paths). */
  tags: readonly Tag[];
  /** The tags to report on; every tag when absent. */
  tagIds?: readonly string[];
}

export interface ReliabilityRow extends Reliability {
  scope: 'tag' | 'stance';
  /** The tag's path, or `all` for stances. */
  name: string;
  tagId: string | null;
}

export interface SpanRow {
  coderA: string;
  coderB: string;
  match: 'exact' | 'overlap';
  /** Of coder A's spans, the share matched in coder B's (null when A has none). */
  precision: number | null;
  /** Of coder B's spans, the share matched in coder A's (null when B has none). */
  recall: number | null;
  f1: number | null;
}

export interface DocumentAgreementRow {
  documentId: string;
  title: string;
  /** Each coder's highlights in the document, in the coders' order. */
  highlights: number[];
  /** Word-level agreement over every reported tag at once (units: words × tags). */
  tags: Reliability;
  stances: Reliability;
  /** Overlap-match F1 averaged over the pairs of coders; null when no pair has a span. */
  overlapF1: number | null;
}

export interface AgreementReport {
  coders: string[];
  documentCount: number;
  reliability: ReliabilityRow[];
  spans: SpanRow[];
  documents: DocumentAgreementRow[];
}

/** The stance values of stance agreement: the four a stance takes, and `none` for a coder who recorded none. */
const NO_STANCE = 'none';

interface PairCounts {
  a: number;
  b: number;
  exact: number;
  overlap: number;
}

export function* agreementSteps(
  documents: Iterable<AgreementDocument>,
  options: AgreementOptions,
): Generator<undefined, AgreementReport> {
  const coders = [...options.coders];
  const coderIndex = new Map(coders.map((name, i) => [name, i]));
  const reported = inTreeOrder(options.tags).filter((t) => !options.tagIds || options.tagIds.includes(t.id));
  const paths = tagPaths(options.tags);
  // For each tag, the reported tags it counts toward: itself and every reported ancestor.
  const descendants = tagsWithDescendants(options.tags);
  const countsToward = new Map<string, number[]>();
  reported.forEach((tag, index) => {
    for (const id of descendants.get(tag.id) ?? []) countsToward.set(id, [...(countsToward.get(id) ?? []), index]);
  });

  const tagTallies = reported.map(() => new ReliabilityTally(coders.length));
  const stanceTally = new ReliabilityTally(coders.length);
  const pairs: [number, number][] = [];
  for (let a = 0; a < coders.length; a++) for (let b = a + 1; b < coders.length; b++) pairs.push([a, b]);
  const pairCounts: PairCounts[] = pairs.map(() => ({ a: 0, b: 0, exact: 0, overlap: 0 }));
  const rows: DocumentAgreementRow[] = [];

  for (const document of documents) {
    const words = wordsOf(document.text);
    const spansByCoder: Span[][] = coders.map(() => []);
    const rangesByTag = reported.map(() => coders.map((): [number, number][] => []));
    const stancesByPair = new Map<string, Map<string, number>[]>();
    for (const highlight of document.highlights) {
      const coder = coderIndex.get(highlight.annotator);
      if (coder === undefined) continue;
      spansByCoder[coder]!.push(highlight);
      const range = wordRange(words, highlight.start, highlight.end);
      const tagIndices = new Set(highlight.tagIds.flatMap((id) => countsToward.get(id) ?? []));
      for (const index of tagIndices) rangesByTag[index]![coder]!.push(range);
      for (const stance of highlight.stances) {
        const key = `${stance.holderId ?? ''}\u0000${stance.targetId}`;
        const perCoder = entryIn(stancesByPair, key, () => coders.map(() => new Map<string, number>()));
        perCoder[coder]!.set(stance.stance, (perCoder[coder]!.get(stance.stance) ?? 0) + 1);
      }
    }

    const documentTags = new ReliabilityTally(coders.length);
    rangesByTag.forEach((ranges, index) => {
      const tally = new ReliabilityTally(coders.length);
      tallyWords(words.starts.length, ranges, tally);
      tagTallies[index]!.addAll(tally);
      documentTags.addAll(tally);
    });
    const documentStances = new ReliabilityTally(coders.length);
    for (const perCoder of stancesByPair.values()) documentStances.add(perCoder.map(stanceOfCoder));
    stanceTally.addAll(documentStances);

    const f1s: number[] = [];
    pairs.forEach(([a, b], index) => {
      const spansA = spansByCoder[a]!;
      const spansB = spansByCoder[b]!;
      const matches = matchSpans(spansA, spansB);
      const counts = pairCounts[index]!;
      counts.a += spansA.length;
      counts.b += spansB.length;
      counts.exact += matches.exact;
      counts.overlap += matches.overlap;
      const f1 = scores(spansA.length, spansB.length, matches.overlap).f1;
      if (f1 !== null) f1s.push(f1);
    });
    rows.push({
      documentId: document.id,
      title: document.title,
      highlights: spansByCoder.map((spans) => spans.length),
      tags: documentTags.result(),
      stances: documentStances.result(),
      overlapF1: f1s.length === 0 ? null : f1s.reduce((sum, f1) => sum + f1, 0) / f1s.length,
    });
    yield;
  }

  return {
    coders,
    documentCount: rows.length,
    reliability: [
      ...reported.map((tag, index): ReliabilityRow => ({
        scope: 'tag',
        name: paths.get(tag.id) ?? tag.name,
        tagId: tag.id,
        ...tagTallies[index]!.result(),
      })),
      { scope: 'stance', name: 'all', tagId: null, ...stanceTally.result() },
    ],
    spans: pairs.flatMap(([a, b], index): SpanRow[] => {
      const counts = pairCounts[index]!;
      return (['exact', 'overlap'] as const).map((match) => ({
        coderA: coders[a]!,
        coderB: coders[b]!,
        match,
        ...scores(counts.a, counts.b, counts[match]),
      }));
    }),
    documents: rows,
  };
}

/** Runs {@link agreementSteps} to the end at once (for tests and the command line's small libraries). */
export function computeAgreement(documents: Iterable<AgreementDocument>, options: AgreementOptions): AgreementReport {
  const steps = agreementSteps(documents, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** A coder's stance on a (holder, target) pair in a document: the most frequent they recorded; a tie is `unclear`. */
function stanceOfCoder(counts: Map<string, number>): string {
  let best = NO_STANCE;
  let bestCount = 0;
  let tie = false;
  for (const [stance, count] of counts) {
    if (count > bestCount) {
      best = stance;
      bestCount = count;
      tie = false;
    } else if (count === bestCount) tie = true;
  }
  return tie ? 'unclear' : best;
}

function scores(countA: number, countB: number, matches: number): Pick<SpanRow, 'precision' | 'recall' | 'f1'> {
  const precision = countA === 0 ? null : matches / countA;
  const recall = countB === 0 ? null : matches / countB;
  const f1 =
    precision === null || recall === null
      ? null
      : precision + recall === 0
        ? 0
        : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}
