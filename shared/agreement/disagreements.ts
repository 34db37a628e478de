import type { Highlight } from '../domain';

/**
 * The disagreements between coders in one document, for adjudication. The chosen coders' highlights are grouped
 * into passages: two highlights of different coders are the same passage when they overlap by at least half of the
 * longer one (the overlap match of span agreement), and a passage takes in everything linked that way. A passage is
 * agreed when every coder has exactly one highlight there, with the same start, end, tags and stances; anything else
 * (a coder lacking it, other bounds, other tags, another stance) is a disagreement to resolve.
 */

/** The layer adjudicated versions go to: a coder like any other, so every view and export works on it. */
export const CURATED_CODER = 'curated';

export interface Disagreement {
  /** Stable while the highlights stay: their ids, sorted and joined. What a rejection is remembered by. */
  key: string;
  start: number;
  end: number;
  /** Each chosen coder's highlights in the passage (none: the coder lacks it), in the coders' order. */
  versions: { coder: string; highlights: Highlight[] }[];
  /** How it was resolved: a curated highlight over the passage, or rejected; null while open. */
  resolution: 'accepted' | 'rejected' | null;
  /** The curated highlight over the passage, once one was accepted (to edit there). */
  curatedId: string | null;
}

const overlapEnough = (a: Highlight, b: Highlight): boolean => {
  const overlap = Math.min(a.end, b.end) - Math.max(a.start, b.start);
  return overlap > 0 && overlap * 2 >= Math.max(a.end - a.start, b.end - b.start);
};

const sameCoding = (a: Highlight, b: Highlight): boolean =>
  a.start === b.start &&
  a.end === b.end &&
  [...a.tagIds].sort().join() === [...b.tagIds].sort().join() &&
  a.stances
    .map((s) => `${s.holderId}>${s.targetId}:${s.stance}`)
    .sort()
    .join() ===
    b.stances
      .map((s) => `${s.holderId}>${s.targetId}:${s.stance}`)
      .sort()
      .join();

export function findDisagreements(
  highlights: readonly Highlight[],
  coders: readonly string[],
  rejected: ReadonlySet<string> = new Set(),
): Disagreement[] {
  const chosen = new Set(coders);
  const coded = highlights.filter((h) => chosen.has(h.annotator)).sort((a, b) => a.start - b.start || a.end - b.end);
  const curated = highlights.filter((h) => h.annotator === CURATED_CODER);

  // Union-find over the coded highlights: linked when of different coders and overlapping enough.
  const parent = coded.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  const open: number[] = []; // highlights that may still overlap a later one (sorted by start)
  coded.forEach((h, i) => {
    for (let k = open.length - 1; k >= 0; k--) {
      const other = coded[open[k]!]!;
      if (other.end <= h.start) {
        open.splice(k, 1);
        continue;
      }
      if (other.annotator !== h.annotator && overlapEnough(other, h)) parent[root(i)] = root(open[k]!);
    }
    open.push(i);
  });

  const groups = new Map<number, Highlight[]>();
  coded.forEach((h, i) => {
    const r = root(i);
    groups.set(r, [...(groups.get(r) ?? []), h]);
  });

  const result: Disagreement[] = [];
  for (const group of groups.values()) {
    const versions = coders.map((coder) => ({ coder, highlights: group.filter((h) => h.annotator === coder) }));
    const first = versions[0]?.highlights[0];
    const agreed =
      first !== undefined && versions.every((v) => v.highlights.length === 1 && sameCoding(v.highlights[0]!, first));
    if (agreed) continue;
    const start = Math.min(...group.map((h) => h.start));
    const end = Math.max(...group.map((h) => h.end));
    const key = group
      .map((h) => h.id)
      .sort()
      .join('+');
    const accepted = curated.find((c) => group.some((h) => overlapEnough(c, h)));
    result.push({
      key,
      start,
      end,
      versions,
      resolution: accepted ? 'accepted' : rejected.has(key) ? 'rejected' : null,
      curatedId: accepted?.id ?? null,
    });
  }
  return result.sort((a, b) => a.start - b.start || a.end - b.end);
}
