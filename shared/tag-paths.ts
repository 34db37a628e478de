import type { Tag } from './domain';
import { listIn } from './collections';

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
  for (const tag of tags) if (tag.parentId !== null) listIn(children, tag.parentId).push(tag.id);
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

/**
 * The codebook as the analyst sees it: each top-level tag (in codebook order) followed by the tags below it (in
 * codebook order too). The sidebar, the codebook dialog, the number keys and codebook.csv all follow this order, so
 * a tag's number is where it shows. A tag whose parent is missing counts as top-level.
 */
export function inTreeOrder<T extends Tag>(tags: readonly T[]): T[] {
  const ids = new Set(tags.map((t) => t.id));
  const children = new Map<string, T[]>();
  const roots: T[] = [];
  for (const tag of tags) {
    if (tag.parentId !== null && ids.has(tag.parentId) && tag.parentId !== tag.id) {
      listIn(children, tag.parentId).push(tag);
    } else {
      roots.push(tag);
    }
  }
  const ordered: T[] = [];
  const seen = new Set<string>();
  const visit = (tag: T): void => {
    if (seen.has(tag.id)) return;
    seen.add(tag.id);
    ordered.push(tag);
    for (const child of children.get(tag.id) ?? []) visit(child);
  };
  for (const root of roots) visit(root);
  // Tags in a loop of parents (never written by the app) come last rather than go missing.
  for (const tag of tags) visit(tag);
  return ordered;
}

/**
 * The codebook's order after moving a tag one place up (-1) or down (+1) among the tags of the same parent, its
 * sub-tags going with it; null when it is first or last there.
 */
export function moveAmongSiblings(tags: readonly Tag[], tagId: string, delta: -1 | 1): string[] | null {
  const ordered = inTreeOrder(tags);
  const tag = ordered.find((t) => t.id === tagId);
  if (!tag) return null;
  const ids = new Set(ordered.map((t) => t.id));
  const parentOf = (t: Tag) => (t.parentId !== null && ids.has(t.parentId) ? t.parentId : null);
  const siblings = ordered.filter((t) => parentOf(t) === parentOf(tag));
  const index = siblings.indexOf(tag);
  const other = siblings[index + delta];
  if (!other) return null;
  const below = tagsWithDescendants(ordered);
  const block = (t: Tag) => ordered.filter((x) => below.get(t.id)!.has(x.id));
  const [first, second] = delta < 0 ? [tag, other] : [other, tag];
  const result: Tag[] = [];
  for (const t of ordered) {
    if (t.id === (delta < 0 ? other.id : tag.id)) result.push(...block(first), ...block(second));
    else if (!below.get(tag.id)!.has(t.id) && !below.get(other.id)!.has(t.id)) result.push(t);
  }
  return result.map((t) => t.id);
}

/**
 * Whether each tag is the first, or the last, among the tags of the same parent (in tree order): where
 * {@link moveAmongSiblings} cannot move it up, or down. For the whole codebook at once: asking that of each tag is a
 * pass over the codebook per tag.
 */
export function siblingPlaces(tags: readonly Tag[]): Map<string, { first: boolean; last: boolean }> {
  const ordered = inTreeOrder(tags);
  const ids = new Set(ordered.map((t) => t.id));
  const siblings = new Map<string | null, Tag[]>();
  for (const tag of ordered) {
    const parentId = tag.parentId !== null && ids.has(tag.parentId) ? tag.parentId : null;
    listIn(siblings, parentId).push(tag);
  }
  const places = new Map<string, { first: boolean; last: boolean }>();
  for (const group of siblings.values()) {
    group.forEach((tag, i) => places.set(tag.id, { first: i === 0, last: i === group.length - 1 }));
  }
  return places;
}
