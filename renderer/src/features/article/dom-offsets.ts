import type { TextSpan } from './text-span';

/**
 * Conversion between DOM positions in the rendered article and UTF-16 offsets into the document text — the one
 * place where the DOM meets the saved model. `paragraphs` are the article's `<p data-start>` elements in order,
 * each holding one text node (see paragraphs.ts).
 */

function startOf(paragraph: HTMLElement): number {
  return Number(paragraph.dataset.start);
}

function lengthOf(paragraph: HTMLElement): number {
  return paragraph.textContent?.length ?? 0;
}

/** The text offset of a DOM boundary point; points between paragraphs snap to the start of the next one. */
export function pointToOffset(paragraphs: readonly HTMLElement[], node: Node, offset: number): number | null {
  if (paragraphs.length === 0) return null;
  const probe = node.ownerDocument?.createRange() ?? document.createRange();
  let low = 0;
  let high = paragraphs.length - 1;
  // Binary search: the paragraphs are in document order, so comparing the point with each narrows it down.
  while (low <= high) {
    const mid = (low + high) >> 1;
    const paragraph = paragraphs[mid]!;
    probe.selectNodeContents(paragraph);
    const where = probe.comparePoint(node, offset);
    if (where < 0) high = mid - 1;
    else if (where > 0) low = mid + 1;
    else {
      probe.setEnd(node, offset);
      return startOf(paragraph) + probe.toString().length;
    }
  }
  // Not inside any paragraph: the point lies before paragraphs[low] (or after the last one).
  const next = paragraphs[low];
  if (next) return startOf(next);
  const last = paragraphs[paragraphs.length - 1]!;
  return startOf(last) + lengthOf(last);
}

/** The span a DOM range covers, or null when the range is collapsed. */
export function rangeToSpan(paragraphs: readonly HTMLElement[], range: Range): TextSpan | null {
  const start = pointToOffset(paragraphs, range.startContainer, range.startOffset);
  const end = pointToOffset(paragraphs, range.endContainer, range.endOffset);
  if (start === null || end === null || end <= start) return null;
  return { start, end };
}

/** Index of the paragraph holding a text offset (an offset on a line break belongs to the line before it). */
function paragraphIndexAt(paragraphs: readonly HTMLElement[], offset: number): number {
  let low = 0;
  let high = paragraphs.length - 1;
  const starts = startsOf(paragraphs);
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * Each paragraph's start offset, read from the DOM once per list of paragraphs (a new list comes with each article):
 * reading `dataset` inside the binary search cost 20 ms of painting 10,000 highlights.
 */
const paragraphStarts = new WeakMap<readonly HTMLElement[], number[]>();

function startsOf(paragraphs: readonly HTMLElement[]): number[] {
  let starts = paragraphStarts.get(paragraphs);
  if (!starts) {
    starts = paragraphs.map(startOf);
    paragraphStarts.set(paragraphs, starts);
  }
  return starts;
}

function boundaryAt(paragraphs: readonly HTMLElement[], offset: number): { node: Node; offset: number } {
  const index = paragraphIndexAt(paragraphs, offset);
  const paragraph = paragraphs[index]!;
  const textNode = paragraph.firstChild;
  const local = Math.min(offset - startsOf(paragraphs)[index]!, textNode ? (textNode as Text).length : 0);
  return textNode ? { node: textNode, offset: local } : { node: paragraph, offset: 0 };
}

/** A DOM range over [start, end) of the text, for painting and scrolling. */
export function spanToRange(paragraphs: readonly HTMLElement[], span: TextSpan): Range | null {
  if (paragraphs.length === 0) return null;
  const from = boundaryAt(paragraphs, span.start);
  const to = boundaryAt(paragraphs, span.end);
  const range = from.node.ownerDocument!.createRange();
  range.setStart(from.node, from.offset);
  range.setEnd(to.node, to.offset);
  return range;
}
