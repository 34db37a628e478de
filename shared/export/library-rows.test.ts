import { describe, expect, it } from 'vitest';
import type { Tag } from '../domain';
import { tagsWithDescendants } from '../tag-paths';
import { TagCounts } from './library-rows';

const tag = (id: string, parentId: string | null = null): Tag => ({
  id,
  name: id,
  color: '#f2c94c',
  description: '',
  parentId,
});

describe('TagCounts', () => {
  it('counts a highlight once for each tag whose family holds one of its tags, as asking every tag would', () => {
    const tags = [
      tag('claim'),
      tag('threat', 'claim'),
      tag('promise', 'claim'),
      tag('evidence'),
      tag('source', 'evidence'),
    ];
    const ids = [...tags.map((t) => t.id), 'gone'];
    // Highlights with every pair of tags (a parent with its sub-tag, two sub-tags, one tag the codebook lost).
    const highlights = ids.flatMap((a, i) =>
      ids.slice(i).map((b) => ({ documentId: `d${i}`, tagIds: [...new Set([a, b])] })),
    );
    const counts = new TagCounts(tags);
    for (const h of highlights) counts.add(h);
    const below = tagsWithDescendants(tags);
    for (const t of tags) {
      const expected = highlights.filter((h) => h.tagIds.some((id) => below.get(t.id)!.has(id))).length;
      expect(counts.withChildren.get(t.id) ?? 0, t.id).toBe(expected);
    }
    // "claim" with "threat" on one highlight counts once for claim.
    expect(counts.withChildren.get('claim')).toBe(
      highlights.filter((h) => h.tagIds.some((id) => ['claim', 'threat', 'promise'].includes(id))).length,
    );
    expect(counts.highlights.get('gone')).toBe(6);
    expect(counts.withChildren.has('gone')).toBe(false);
  });
});
