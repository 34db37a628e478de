import { describe, expect, it } from 'vitest';
import type { Highlight, Stance } from '../domain';
import { CURATED_CODER, findDisagreements } from './disagreements';

let next = 0;
const mark = (
  annotator: string,
  start: number,
  end: number,
  tagIds = ['claim'],
  stances: Stance[] = [],
): Highlight => ({
  id: `h${++next}`,
  documentId: 'd',
  start,
  end,
  quote: 'x',
  prefix: '',
  suffix: '',
  tagIds,
  stances,
  note: '',
  annotator,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

describe('findDisagreements', () => {
  it('lists what one coder lacks, other bounds, other tags and another stance; not what all coded alike', () => {
    const against: Stance = { holderId: 'h', targetId: 't', stance: 'against' };
    const favor: Stance = { ...against, stance: 'favor' };
    const highlights = [
      mark('ann', 0, 10), // agreed with ben's
      mark('ben', 0, 10),
      mark('ann', 20, 30), // ben lacks it
      mark('ann', 40, 50), // ben's bounds differ
      mark('ben', 41, 50),
      mark('ann', 60, 70, ['claim']), // other tags
      mark('ben', 60, 70, ['evidence']),
      mark('ann', 80, 90, ['claim'], [against]), // another stance
      mark('ben', 80, 90, ['claim'], [favor]),
      mark('cy', 0, 100), // not a chosen coder
    ];
    const found = findDisagreements(highlights, ['ann', 'ben']);
    expect(found.map((d) => [d.start, d.end])).toEqual([
      [20, 30],
      [40, 50],
      [60, 70],
      [80, 90],
    ]);
    expect(found[0]!.versions.map((v) => v.highlights.length)).toEqual([1, 0]);
    expect(found.every((d) => d.resolution === null)).toBe(true);
  });

  it('keeps passages that overlap by less than half apart, and joins those that overlap more', () => {
    const found = findDisagreements([mark('ann', 0, 10), mark('ben', 6, 20)], ['ann', 'ben']);
    expect(found).toHaveLength(2);
    const joined = findDisagreements([mark('ann', 0, 10), mark('ben', 2, 10)], ['ann', 'ben']);
    expect(joined).toHaveLength(1);
  });

  it('marks a passage accepted once the curated layer has it, and rejected by its key', () => {
    const a = mark('ann', 20, 30);
    const first = findDisagreements([a], ['ann', 'ben']);
    expect(first[0]!.key).toBe(a.id);
    expect(findDisagreements([a], ['ann', 'ben'], new Set([a.id]))[0]!.resolution).toBe('rejected');
    const curated = mark(CURATED_CODER, 20, 30);
    expect(findDisagreements([a, curated], ['ann', 'ben'])[0]).toMatchObject({
      resolution: 'accepted',
      curatedId: curated.id,
    });
  });
});
