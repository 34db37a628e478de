/**
 * A value as `JSON.stringify(…, null, 2)` writes it as an element of an array `depth` levels deep: each line indented
 * by two spaces a level.
 */
export function jsonAt(value: unknown, depth: number): string {
  return jsonElements([value], depth);
}

/**
 * `items` as `JSON.stringify(…, null, 2)` writes them as the elements of an array `depth` levels deep, separated by
 * ",\n" (`depth` ≥ 1). Written by JSON.stringify itself, as the inside of arrays nested `depth` deep: indenting each
 * line of a value afterwards took half again as long as writing it (at the scale step, seconds per export).
 */
export function jsonElements(items: readonly unknown[], depth: number): string {
  if (items.length === 0) return '';
  let nested: unknown = items;
  for (let level = 1; level < depth; level++) nested = [nested];
  const text = JSON.stringify(nested, null, 2);
  // Level k (0 to depth − 1) opens with its indentation (2k spaces), "[" and "\n", and closes with "\n", its
  // indentation and "]": depth² + depth characters at each end.
  const frame = depth * depth + depth;
  return text.slice(frame, text.length - frame);
}
