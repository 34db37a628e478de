import { describe, expect, it } from 'vitest';
import { nextTagColor, TAG_PALETTE, TagColors } from './tag-colors';

describe('nextTagColor', () => {
  it('takes the first colour no tag uses, whatever the order they were taken in', () => {
    expect(nextTagColor([])).toBe(TAG_PALETTE[0]);
    expect(nextTagColor([{ color: TAG_PALETTE[0]! }, { color: TAG_PALETTE[2]!.toUpperCase() }])).toBe(TAG_PALETTE[1]);
    // The starter codebook took five; a tag recoloured to the sixth leaves it out.
    const five = TAG_PALETTE.slice(0, 5).map((color) => ({ color }));
    expect(nextTagColor([...five, { color: TAG_PALETTE[5]! }])).toBe(TAG_PALETTE[6]);
  });

  it('comes round again once every colour is used', () => {
    const all = TAG_PALETTE.map((color) => ({ color }));
    expect(nextTagColor(all)).toBe(TAG_PALETTE[0]);
    expect(nextTagColor([...all, { color: '#000000' }])).toBe(TAG_PALETTE[1]);
  });
});

describe('TagColors', () => {
  it('gives many new tags in a row the colours nextTagColor gives one at a time', () => {
    const tags = [{ color: TAG_PALETTE[1]! }, { color: '#000000' }];
    const colors = new TagColors(tags);
    for (let i = 0; i < 3 * TAG_PALETTE.length; i++) {
      const color = colors.next();
      expect(color).toBe(nextTagColor(tags));
      tags.push({ color });
      colors.add(color);
    }
  });
});
