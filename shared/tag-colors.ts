import type { Tag } from './domain';

/** Distinct, readable highlight colours, in the order new tags take them. */
export const TAG_PALETTE = [
  '#f2c94c',
  '#6fcf97',
  '#56ccf2',
  '#bb6bd9',
  '#f2994a',
  '#eb5757',
  '#2d9cdb',
  '#9b51e0',
  '#27ae60',
  '#e0a458',
  '#ff8fab',
  '#8d99ae',
];

/** A colour for a new tag: the first of the palette no tag uses yet; once all are used, they come round again. */
export function nextTagColor(tags: readonly Pick<Tag, 'color'>[], palette: readonly string[] = TAG_PALETTE): string {
  const used = new Set(tags.map((t) => t.color.toLowerCase()));
  return palette.find((color) => !used.has(color)) ?? palette[tags.length % palette.length]!;
}
