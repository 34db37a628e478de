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
  return new TagColors(tags, palette).next();
}

/**
 * {@link nextTagColor} for many new tags in a row (an import's codebook): the colours in use are kept as tags are
 * added, not gathered again from every tag for each new one.
 */
export class TagColors {
  private readonly used = new Set<string>();
  private count = 0;

  constructor(
    tags: readonly Pick<Tag, 'color'>[],
    private readonly palette: readonly string[] = TAG_PALETTE,
  ) {
    for (const tag of tags) this.add(tag.color);
  }

  next(): string {
    return this.palette.find((color) => !this.used.has(color)) ?? this.palette[this.count % this.palette.length]!;
  }

  /** Counts a tag of this colour as there. */
  add(color: string): void {
    this.used.add(color.toLowerCase());
    this.count++;
  }
}
