import type { Tag } from '../../../../shared/domain';

/** "Parent › Child" for a sub-tag, the name alone for a top-level tag. */
export function tagLabel(tag: Tag, tags: readonly Tag[]): string {
  const parent = tag.parentId ? tags.find((t) => t.id === tag.parentId) : undefined;
  return parent ? `${parent.name} › ${tag.name}` : tag.name;
}

/** Sets a colour through the CSSOM: the CSP forbids inline style attributes, not style properties set by script. */
export const paintSwatch =
  (color: string) =>
  (element: HTMLElement | null): void =>
    element?.style.setProperty('background-color', color);
