// Agreement at library scale, for `npm run bench`: two coders over every document of the bench's library, each with
// as many highlights as the library has (coder B's made from coder A's: some moved by a few characters, some given
// another tag, some left out, some added), computed by the backend's own getAgreement code (its input picked, then the
// computation in slices), with the longest event-loop block; and, beside it, a naive implementation (a loop over every highlight for every word, as the
// definition reads) timed on a sample of documents and scaled to the whole.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { AgreementDocument } from '../../shared/agreement/compute-agreement';
import { ReliabilityTally } from '../../shared/agreement/reliability';
import type { Database, Highlight } from '../../shared/domain';
import { tagsWithDescendants } from '../../shared/tag-paths';
import { agreementOf } from '../../electron/backend/handlers/agreement';

export interface AgreementBench {
  coders: number;
  documents: number;
  highlightsPerCoder: number;
  ms: number;
  blockedMs: number;
  naiveSampleDocuments: number;
  naiveEstimateMs: number;
}

/** Coder B's version of coder A's highlight: deterministic, so every run compares the same two codings. */
function secondCoder(h: Highlight, i: number, tagIds: readonly string[], textLength: number): Highlight[] {
  const variant = i % 10;
  if (variant === 0) return []; // left out
  const copy = { ...h, id: `${h.id}-b`, annotator: 'b' };
  if (variant === 1) return [{ ...copy, start: Math.max(0, h.start - 3), end: Math.min(textLength, h.end + 2) }];
  if (variant === 2) return [{ ...copy, tagIds: [tagIds[(i >> 1) % tagIds.length]!] }];
  if (variant === 3) {
    const end = Math.min(textLength, h.end + 40);
    return end > h.end ? [copy, { ...copy, id: `${h.id}-b2`, start: h.end, end }] : [copy];
  }
  return [copy];
}

export function agreementDocuments(data: Database): AgreementDocument[] {
  const byDocument = new Map<string, Highlight[]>();
  const tagIds = data.tags.map((t) => t.id);
  const text = new Map(data.documents.map((d) => [d.id, d.text]));
  data.highlights.forEach((h, i) => {
    const list = byDocument.get(h.documentId) ?? [];
    list.push({ ...h, annotator: 'a' }, ...secondCoder(h, i, tagIds, text.get(h.documentId)!.length));
    byDocument.set(h.documentId, list);
  });
  return data.documents.map((d) => ({
    id: d.id,
    title: d.title,
    text: d.text,
    highlights: byDocument.get(d.id) ?? [],
  }));
}

/** Word-level tag agreement as the definition reads: for every tag, every word, every coder, every highlight. */
function naiveTagAgreement(documents: readonly AgreementDocument[], data: Database): void {
  const descendants = tagsWithDescendants(data.tags);
  for (const tag of data.tags) {
    const ids = descendants.get(tag.id)!;
    const tally = new ReliabilityTally(2);
    for (const document of documents) {
      for (const word of document.text.matchAll(/\S+/gu)) {
        const start = word.index;
        const end = start + word[0].length;
        tally.add(
          ['a', 'b'].map((coder) =>
            document.highlights.some(
              (h) => h.annotator === coder && h.start < end && h.end > start && h.tagIds.some((id) => ids.has(id)),
            )
              ? '1'
              : '0',
          ),
        );
      }
    }
    tally.result();
  }
}

export async function benchAgreement(data: Database): Promise<AgreementBench> {
  const documents = agreementDocuments(data);
  // The library as two coders left it: what the backend's getAgreement reads.
  const coded: Database = { ...data, highlights: documents.flatMap((d) => d.highlights as Highlight[]) };
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  const start = performance.now();
  await agreementOf(coded, { coders: ['a', 'b'] });
  const ms = performance.now() - start;
  histogram.disable();

  const sample = documents.slice(0, Math.max(1, Math.round(documents.length / 20)));
  const naiveStart = performance.now();
  naiveTagAgreement(sample, data);
  const naiveMs = performance.now() - naiveStart;
  return {
    coders: 2,
    documents: documents.length,
    highlightsPerCoder: data.highlights.length,
    ms,
    blockedMs: histogram.max / 1e6,
    naiveSampleDocuments: sample.length,
    naiveEstimateMs: naiveMs * (documents.length / sample.length),
  };
}
