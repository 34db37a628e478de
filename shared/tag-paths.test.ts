import { describe, expect, it } from 'vitest';
import type { Tag } from './domain';
import { tagPaths, tagsWithDescendants } from './tag-paths';

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
