import type { BoundaryMove } from './word-boundaries';

/** Keys for moving a selected highlight's ends, by a word (or a character with word snapping off). */
export const BOUNDARY_KEYS: Record<BoundaryMove, { key: string; label: string }> = {
  'extend-start': { key: '[', label: 'Extend start' },
  'shrink-start': { key: '{', label: 'Shrink start' },
  'shrink-end': { key: '}', label: 'Shrink end' },
  'extend-end': { key: ']', label: 'Extend end' },
};
