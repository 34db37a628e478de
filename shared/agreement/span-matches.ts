/**
 * How two coders' spans in one document match, one to one: exactly (same start and end), and by overlap (pairs taken
 * greedily by largest overlap, a pair counting when the overlap is at least half of the longer span).
 */

export interface Span {
  start: number;
  end: number;
}

export interface SpanMatches {
  exact: number;
  overlap: number;
}

export function matchSpans(a: readonly Span[], b: readonly Span[]): SpanMatches {
  return { exact: exactMatches(a, b), overlap: overlapMatches(a, b) };
}

function exactMatches(a: readonly Span[], b: readonly Span[]): number {
  const inB = new Map<string, number>();
  for (const span of b) {
    const key = `${span.start}:${span.end}`;
    inB.set(key, (inB.get(key) ?? 0) + 1);
  }
  let matches = 0;
  for (const span of a) {
    const key = `${span.start}:${span.end}`;
    const left = inB.get(key) ?? 0;
    if (left > 0) {
      matches++;
      inB.set(key, left - 1);
    }
  }
  return matches;
}

function overlapMatches(a: readonly Span[], b: readonly Span[]): number {
  // Candidate pairs by a sweep over both lists in start order: a pair is only looked at when the spans overlap.
  const sortedA = a.map((span, index) => ({ span, index })).sort((x, y) => x.span.start - y.span.start);
  const sortedB = b.map((span, index) => ({ span, index })).sort((x, y) => x.span.start - y.span.start);
  const candidates: { a: number; b: number; overlap: number }[] = [];
  let firstOpen = 0;
  for (const { span, index } of sortedA) {
    // A spans come in start order, so a B span ending at or before this start overlaps no later A span: pass it.
    while (firstOpen < sortedB.length && sortedB[firstOpen]!.span.end <= span.start) {
      firstOpen++;
    }
    for (let j = firstOpen; j < sortedB.length && sortedB[j]!.span.start < span.end; j++) {
      const other = sortedB[j]!.span;
      const overlap = Math.min(span.end, other.end) - Math.max(span.start, other.start);
      if (overlap <= 0) continue;
      const longer = Math.max(span.end - span.start, other.end - other.start);
      if (overlap * 2 >= longer) candidates.push({ a: index, b: sortedB[j]!.index, overlap });
    }
  }
  candidates.sort((x, y) => y.overlap - x.overlap || x.a - y.a || x.b - y.b);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  for (const pair of candidates) {
    if (usedA.has(pair.a) || usedB.has(pair.b)) continue;
    usedA.add(pair.a);
    usedB.add(pair.b);
  }
  return usedA.size;
}
