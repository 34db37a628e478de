/** A UTF-16 surrogate without its pair: not a character, and not representable in UTF-8 (or in a CSV for pandas). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Where in `value` (a parsed request) a string holds a lone surrogate, as a path such as `stances.0.note`; null when
 * every string is well formed. JSON can carry one (`"\ud800"`), and stored it would break every export as UTF-8.
 */
export function findMalformedString(value: unknown, path: readonly (string | number)[] = []): string | null {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? path.join('.') || 'the top level' : null;
  if (typeof value !== 'object' || value === null) return null;
  const entries: Array<[string | number, unknown]> = Array.isArray(value)
    ? value.map((item, i) => [i, item])
    : Object.entries(value);
  for (const [key, item] of entries) {
    if (typeof key === 'string' && LONE_SURROGATE.test(key)) return [...path, key].join('.');
    const found = findMalformedString(item, [...path, key]);
    if (found !== null) return found;
  }
  return null;
}
