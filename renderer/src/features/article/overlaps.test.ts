import { describe, expect, it } from 'vitest';
import { overlapSegments } from './overlaps';

describe('overlapSegments', () => {
  it('finds nothing where highlights only touch or stand apart', () => {
    expect(
      overlapSegments([
        { id: 'a', start: 0, end: 5 },
        { id: 'b', start: 5, end: 9 },
        { id: 'c', start: 20, end: 30 },
      ]),
    ).toEqual([]);
  });

  it('lets the highlight that began first fill the shared stretch, the other underline it', () => {
    expect(
      overlapSegments([
        { id: 'inner', start: 4, end: 12 },
        { id: 'outer', start: 0, end: 8 },
      ]),
    ).toEqual([{ start: 4, end: 8, fillId: 'outer', underlineId: 'inner' }]);
  });

  it('takes the longer first when two begin together, and splits where the pair changes', () => {
    expect(
      overlapSegments([
        { id: 'short', start: 0, end: 4 },
        { id: 'long', start: 0, end: 10 },
        { id: 'late', start: 6, end: 12 },
      ]),
    ).toEqual([
      { start: 0, end: 4, fillId: 'long', underlineId: 'short' },
      { start: 6, end: 10, fillId: 'long', underlineId: 'late' },
    ]);
  });

  it('keeps one segment while the same pair covers it, a third highlight notwithstanding', () => {
    expect(
      overlapSegments([
        { id: 'a', start: 0, end: 20 },
        { id: 'b', start: 2, end: 18 },
        { id: 'c', start: 5, end: 8 },
      ]),
    ).toEqual([{ start: 2, end: 18, fillId: 'a', underlineId: 'b' }]);
  });

  it('finds each cluster of overlaps apart, with highlights between them that overlap nothing', () => {
    const spans = [
      { id: 'x', start: 100, end: 110 },
      { id: 'a', start: 0, end: 10 },
      { id: 'lone', start: 50, end: 60 },
      { id: 'b', start: 5, end: 20 },
      { id: 'y', start: 105, end: 120 },
    ];
    expect(overlapSegments(spans)).toEqual([
      { start: 5, end: 10, fillId: 'a', underlineId: 'b' },
      { start: 105, end: 110, fillId: 'x', underlineId: 'y' },
    ]);
  });

  it('sees a highlight that begins inside a long one ended many highlights before', () => {
    const spans = [
      { id: 'long', start: 0, end: 1000 },
      ...Array.from({ length: 5 }, (_, i) => ({ id: `s${i}`, start: 10 + i * 100, end: 20 + i * 100 })),
    ];
    expect(overlapSegments(spans)).toHaveLength(5);
  });
});
