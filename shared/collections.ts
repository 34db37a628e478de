/**
 * "Get the entry under a key, or make it": written once here rather than as a get, a test and a set at every place
 * that groups or counts.
 */

/** The entry under `key`, made by `make` and stored when there is none yet (a stored `undefined` counts as none). */
export function entryIn<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let entry = map.get(key);
  if (entry === undefined) map.set(key, (entry = make()));
  return entry;
}

/** The list under `key`, made empty when there is none yet. */
export function listIn<K, V>(lists: Map<K, V[]>, key: K): V[] {
  return entryIn(lists, key, () => []);
}

/** The items grouped by key, each group in the items' order: `Map.groupBy`, which Node 20 does not have. */
export function groupBy<K, V>(items: Iterable<V>, keyOf: (item: V) => K): Map<K, V[]> {
  const groups = new Map<K, V[]>();
  for (const item of items) listIn(groups, keyOf(item)).push(item);
  return groups;
}

/**
 * Appends `items` to `list`. `list.push(...items)` passes each item as an argument, and a call takes some 120,000 at
 * most: a step over the scale step's most used tag (200,000 highlights) failed with "Maximum call stack size exceeded".
 */
export function pushAll<T>(list: T[], items: Iterable<T>): void {
  for (const item of items) list.push(item);
}

/**
 * Strings in code-unit order, the same on every machine and in every language: to break ties between ids, where a
 * collator's order would depend on the user's language and `localeCompare` builds a collator per call.
 */
export function compareCodeUnits(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}
