import { compareCodeUnits, pushAll } from '../../../../shared/collections';

/** A highlight's place in the text, as the overlap layer needs it. */
export interface Span {
  id: string;
  start: number;
  end: number;
}

/** A stretch of text where two or more highlights meet: the outer one fills it, the next one underlines it. */
export interface OverlapSegment {
  start: number;
  end: number;
  fillId: string;
  underlineId: string;
}

/**
 * Where highlights overlap, and how to show it without colour soup: in each stretch covered by two or more, the
 * highlight that began first (the longer, when two begin together) fills the stretch in its own colour, and the next
 * one underlines it in its colour; any third is left to the list. Run at every paint over every highlight, so the
 * usual case is one pass without allocation: only clusters of highlights that overlap are swept. `spans` in any
 * order (the store keeps them by position, which saves a sort).
 */
export function overlapSegments(spans: readonly Span[]): OverlapSegment[] {
  let sorted = spans;
  for (let i = 1; i < spans.length; i++) {
    if (spans[i - 1]!.start > spans[i]!.start) {
      sorted = [...spans].sort((a, b) => a.start - b.start);
      break;
    }
  }
  const segments: OverlapSegment[] = [];
  let clusterStart = 0;
  let clusterEnd = -Infinity;
  for (let i = 0; i <= sorted.length; i++) {
    const span = sorted[i];
    if (span && span.start < clusterEnd) {
      clusterEnd = Math.max(clusterEnd, span.end);
      continue;
    }
    if (i - clusterStart > 1) pushAll(segments, sweep(sorted.slice(clusterStart, i)));
    clusterStart = i;
    clusterEnd = span ? span.end : clusterEnd;
  }
  return segments;
}

const byStartLongestFirst = (a: Span, b: Span): number =>
  a.start - b.start || b.end - a.end || compareCodeUnits(a.id, b.id);

/** The segments of one cluster of overlapping highlights: one sweep over its boundaries. */
function sweep(cluster: readonly Span[]): OverlapSegment[] {
  const sorted = cluster.filter((s) => s.end > s.start).sort(byStartLongestFirst);
  const points = [...new Set(sorted.flatMap((s) => [s.start, s.end]))].sort((a, b) => a - b);
  const segments: OverlapSegment[] = [];
  const open: Span[] = [];
  let next = 0;
  for (let i = 0; i < points.length - 1; i++) {
    const from = points[i]!;
    const to = points[i + 1]!;
    while (next < sorted.length && sorted[next]!.start <= from) open.push(sorted[next++]!);
    // Those still covering [from, to), in the order they began.
    for (let j = open.length - 1; j >= 0; j--) if (open[j]!.end <= from) open.splice(j, 1);
    if (open.length < 2) continue;
    const [fill, underline] = open as [Span, Span];
    const previous = segments.at(-1);
    // A stretch that goes on with the same two highlights is one segment.
    if (previous && previous.end === from && previous.fillId === fill.id && previous.underlineId === underline.id) {
      previous.end = to;
    } else {
      segments.push({ start: from, end: to, fillId: fill.id, underlineId: underline.id });
    }
  }
  return segments;
}
