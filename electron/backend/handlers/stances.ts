import type { Stance } from '../../../shared/domain';

/** The key that makes a stance unique within a highlight: one stance per holder toward a target. */
export const stancePairKey = (s: Pick<Stance, 'holderId' | 'targetId'>): string => `${s.holderId ?? ''}→${s.targetId}`;

/** Drops repeated holder → target pairs (a merge or an import can make two stances say the same thing); the first stays. */
export function dedupeStances<T extends Pick<Stance, 'holderId' | 'targetId'>>(stances: readonly T[]): T[] {
  const seen = new Set<string>();
  return stances.filter((s) => {
    const key = stancePairKey(s);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
