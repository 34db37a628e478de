import { describe, expect, it } from 'vitest';
import type { Tag } from './domain';
import { inTreeOrder, moveAmongSiblings, siblingPlaces, tagPaths, tagsWithDescendants } from './tag-paths';

const tag = (id: string, name: string, parentId: string | null = null): Tag => ({
  id,
  name,
  color: '#000000',
  description: '',
  parentId,
});

describe('tagPaths', () => {
  it('names a sub-tag with its parent, and a top-level tag alone', () => {
    const tags = [tag('t', 'Threat', 'c'), tag('c', 'Claim'), tag('e', 'Evidence'), tag('t2', 'Threat', 'e')];
    expect(Object.fromEntries(tagPaths(tags))).toEqual({
      t: 'Claim › Threat',
      c: 'Claim',
      e: 'Evidence',
      t2: 'Evidence › Threat',
    });
  });

  it('leaves a tag whose parent is missing, or in a loop, at the top', () => {
    const tags = [tag('a', 'A', 'gone'), tag('b', 'B', 'c'), tag('c', 'C', 'b')];
    const paths = tagPaths(tags);
    expect(paths.get('a')).toBe('A');
    expect(paths.get('b')).toBe('C › B');
    expect(paths.get('c')).toBe('C');
  });
});

describe('tagsWithDescendants', () => {
  it('gives each tag with every tag below it', () => {
    const tags = [tag('c', 'Claim'), tag('t', 'Threat', 'c'), tag('p', 'Promise', 'c'), tag('e', 'Evidence')];
    const all = tagsWithDescendants(tags);
    expect([...all.get('c')!].sort()).toEqual(['c', 'p', 't']);
    expect([...all.get('t')!]).toEqual(['t']);
    expect([...all.get('e')!]).toEqual(['e']);
  });
});

describe('inTreeOrder', () => {
  it('puts each sub-tag after its parent, keeping the codebook order among siblings', () => {
    const tags = [
      tag('c', 'Claim'),
      tag('e', 'Evidence'),
      tag('t', 'Threat', 'c'),
      tag('s', 'Source', 'e'),
      tag('p', 'Promise', 'c'),
    ];
    expect(inTreeOrder(tags).map((t) => t.id)).toEqual(['c', 't', 'p', 'e', 's']);
  });

  it('keeps every tag, a missing parent or a loop notwithstanding', () => {
    const tags = [tag('a', 'A', 'gone'), tag('b', 'B', 'c'), tag('c', 'C', 'b')];
    expect(
      inTreeOrder(tags)
        .map((t) => t.id)
        .sort(),
    ).toEqual(['a', 'b', 'c']);
  });
});

describe('moveAmongSiblings', () => {
  const tags = [
    tag('c', 'Claim'),
    tag('t', 'Threat', 'c'),
    tag('p', 'Promise', 'c'),
    tag('e', 'Evidence'),
    tag('s', 'Source', 'e'),
  ];

  it('moves a top-level tag with its sub-tags past the next top-level tag and its sub-tags', () => {
    expect(moveAmongSiblings(tags, 'c', 1)).toEqual(['e', 's', 'c', 't', 'p']);
    expect(moveAmongSiblings(tags, 'e', -1)).toEqual(['e', 's', 'c', 't', 'p']);
  });

  it('moves a sub-tag only among the sub-tags of its parent', () => {
    expect(moveAmongSiblings(tags, 'p', -1)).toEqual(['c', 'p', 't', 'e', 's']);
    expect(moveAmongSiblings(tags, 't', -1)).toBeNull();
    expect(moveAmongSiblings(tags, 'p', 1)).toBeNull();
    expect(moveAmongSiblings(tags, 's', 1)).toBeNull();
  });

  it('can be asked of the whole codebook at once: which tags are first or last among their siblings', () => {
    // Sub-tags listed before their parents, one whose parent is missing, one that is its own parent.
    const mixed = [
      tag('t', 'Threat', 'c'),
      ...tags,
      tag('o', 'Orphan', 'gone'),
      tag('x', 'Loop', 'x'),
      tag('q', 'Quote', 'e'),
    ];
    const places = siblingPlaces(mixed);
    for (const { id } of mixed) {
      expect(places.get(id), id).toEqual({
        first: moveAmongSiblings(mixed, id, -1) === null,
        last: moveAmongSiblings(mixed, id, 1) === null,
      });
    }
    expect(places.get('c')).toEqual({ first: true, last: false });
    expect(places.get('q')).toEqual({ first: false, last: true });
  });

  it('keeps every sub-tag of a parent with thousands, in order', () => {
    const many = [tag('c', 'Claim'), ...Array.from({ length: 20_000 }, (_, i) => tag(`s${i}`, `Sub ${i}`, 'c'))];
    expect(inTreeOrder(many)).toHaveLength(20_001);
    expect(tagsWithDescendants(many).get('c')!.size).toBe(20_001);
    expect(siblingPlaces(many).get('s19999')).toEqual({ first: false, last: true });
  });
});
