import type { Tag } from './domain';

/** Joins a tag's parent and its name in a path ("Claim › Threat"); a tag name may not contain it (api-contract.ts). */
export const TAG_PATH_SEPARATOR = ' › ';

/**
 * Each tag's path from the top of the codebook: "Claim" for a top-level tag, "Claim › Threat" for a sub-tag. What
 * exports write, so that two sub-tags of the same name under different parents stay apart.
 */
export function tagPaths(tags: readonly Tag[]): Map<string, string> {
  const byId = new Map(tags.map((t) => [t.id, t]));
  const paths = new Map<string, string>();
  const pathOf = (tag: Tag, seen: Set<string>): string => {
    const known = paths.get(tag.id);
    if (known !== undefined) return known;
    const parent = tag.parentId === null ? undefined : byId.get(tag.parentId);
    // A parent that is missing, or a loop (never written by the app), leaves the tag at the top.
    const path =
      parent && !seen.has(parent.id)
        ? `${pathOf(parent, new Set([...seen, tag.id]))}${TAG_PATH_SEPARATOR}${tag.name}`
        : tag.name;
    paths.set(tag.id, path);
    return path;
  };
  for (const tag of tags) pathOf(tag, new Set([tag.id]));
  return paths;
}

/** Each tag's id with the ids of every tag below it (its sub-tags, theirs…): what counts "with children" add up. */
export function tagsWithDescendants(tags: readonly Tag[]): Map<string, Set<string>> {
  const children = new Map<string, string[]>();
  for (const tag of tags) {
    if (tag.parentId !== null) children.set(tag.parentId, [...(children.get(tag.parentId) ?? []), tag.id]);
  }
  const result = new Map<string, Set<string>>();
  for (const tag of tags) {
    const all = new Set<string>([tag.id]);
    const queue = [tag.id];
    while (queue.length > 0) {
      for (const child of children.get(queue.pop()!) ?? []) {
        if (!all.has(child)) {
          all.add(child);
          queue.push(child);
        }
      }
    }
    result.set(tag.id, all);
  }
  return result;
}
