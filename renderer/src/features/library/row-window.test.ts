import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rowWindow } from './row-window';

describe('rowWindow', () => {
  it('renders the rows in view and a margin either side', () => {
    // Rows 0–9 are 30 px each; the view is 100 px tall and shows rows 3 (from 90 px) to 6 (up to 190 px).
    expect(rowWindow({ count: 10, rowHeight: 30, scrolledPast: 90, viewHeight: 100, margin: 1 })).toEqual({
      first: 2,
      end: 8,
    });
  });

  it('counts a row cut at the bottom edge as in view', () => {
    // 95 to 195 px: rows 3 (90–120) to 6 (180–210).
    expect(rowWindow({ count: 10, rowHeight: 30, scrolledPast: 95, viewHeight: 100, margin: 0 })).toEqual({
      first: 3,
      end: 7,
    });
  });

  it('starts at the first row while the table begins lower in the view', () => {
    expect(rowWindow({ count: 1000, rowHeight: 20, scrolledPast: -300, viewHeight: 600, margin: 5 })).toEqual({
      first: 0,
      end: 35,
    });
  });

  it('stops at the last row, and keeps one row when scrolled beyond the end', () => {
    expect(rowWindow({ count: 10, rowHeight: 30, scrolledPast: 250, viewHeight: 100, margin: 2 })).toEqual({
      first: 6,
      end: 10,
    });
    expect(rowWindow({ count: 10, rowHeight: 30, scrolledPast: 5000, viewHeight: 100, margin: 2 })).toEqual({
      first: 9,
      end: 10,
    });
  });

  it('renders nothing of an empty table, and survives a view not measured yet', () => {
    expect(rowWindow({ count: 0, rowHeight: 30, scrolledPast: 0, viewHeight: 100, margin: 3 })).toEqual({
      first: 0,
      end: 0,
    });
    expect(rowWindow({ count: 50, rowHeight: 0, scrolledPast: 0, viewHeight: 0, margin: 3 })).toEqual({
      first: 0,
      end: 4,
    });
  });

  it('always covers every row that is at least partly in view, within the table', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 1, max: 80 }),
        fc.integer({ min: -2000, max: 400_000 }),
        fc.integer({ min: 1, max: 3000 }),
        fc.integer({ min: 0, max: 20 }),
        (count, rowHeight, scrolledPast, viewHeight, margin) => {
          const { first, end } = rowWindow({ count, rowHeight, scrolledPast, viewHeight, margin });
          expect(0 <= first && first < end && end <= count).toBe(true);
          for (let row = 0; row < count; row++) {
            const top = row * rowHeight - scrolledPast;
            const visible = top < viewHeight && top + rowHeight > 0;
            if (visible) expect(first <= row && row < end).toBe(true);
          }
          // Never more than the view holds, the margins and the row cut at each edge.
          expect(end - first).toBeLessThanOrEqual(Math.ceil(viewHeight / rowHeight) + 2 * margin + 2);
        },
      ),
      { numRuns: 300 },
    );
  });
});
