/** A UTF-16 surrogate without its pair: not a character, and not representable in UTF-8 (or in a CSV for pandas). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * How deeply a request may nest lists and objects. The API's requests nest a few levels; a hostile one nested
 * a hundred thousand deep overflowed the stack of whatever walked it, and came back as a bare "Server error".
 */
export const MAX_REQUEST_DEPTH = 64;

/** What makes a parsed request unfit to be looked at further, said for the analyst; null when nothing does. */
export function requestProblem(value: unknown): string | null {
  const found = walk(value);
  if (found === null) return null;
  return found.kind === 'too-deep'
    ? `it nests lists and objects more than ${MAX_REQUEST_DEPTH} levels deep.`
    : `the text at ${found.path} is not valid Unicode (a lone surrogate).`;
}

/**
 * Where in `value` (a parsed request) a string holds a lone surrogate, as a path such as `stances.0.note`; null when
 * every string is well formed. JSON can carry one (`"\ud800"`), and stored it would break every export as UTF-8.
 */
export function findMalformedString(value: unknown): string | null {
  const found = walk(value, Infinity);
  return found?.kind === 'malformed' ? found.path : null;
}

/** A value met in the walk, with how it was reached (its path is built only for the one reported). */
interface Step {
  value: unknown;
  key: string | number | null;
  parent: Step | null;
  depth: number;
}

/**
 * The first lone surrogate (in a string or a key, in document order), or nesting beyond `maxDepth`. Iterative, so
 * that no nesting exhausts the stack.
 */
function walk(
  value: unknown,
  maxDepth = MAX_REQUEST_DEPTH,
): { kind: 'malformed'; path: string } | { kind: 'too-deep' } | null {
  const pending: Step[] = [{ value, key: null, parent: null, depth: 0 }];
  for (let step = pending.pop(); step; step = pending.pop()) {
    if (typeof step.value === 'string') {
      if (LONE_SURROGATE.test(step.value)) return { kind: 'malformed', path: pathOf(step) };
      continue;
    }
    if (typeof step.value !== 'object' || step.value === null) continue;
    if (step.depth >= maxDepth) return { kind: 'too-deep' };
    const entries: Array<[string | number, unknown]> = Array.isArray(step.value)
      ? step.value.map((item, i) => [i, item])
      : Object.entries(step.value);
    // Pushed last to first, so that they are looked at first to last.
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, item] = entries[i]!;
      pending.push({ value: item, key, parent: step, depth: step.depth + 1 });
    }
    // A key is looked at before what it holds, and in order with its siblings.
    for (const [key] of entries) {
      if (typeof key === 'string' && LONE_SURROGATE.test(key)) {
        return { kind: 'malformed', path: pathOf({ value: null, key, parent: step, depth: step.depth + 1 }) };
      }
    }
  }
  return null;
}

function pathOf(step: Step): string {
  const keys: Array<string | number> = [];
  for (let at: Step | null = step; at && at.key !== null; at = at.parent) keys.push(at.key);
  return keys.reverse().join('.') || 'the top level';
}
