import type { Entity } from '../../../../shared/domain';
import { sameName } from '../../../../shared/names';
import type { EntityRef } from './EntityInput';

/** A holder → target pair of a stance as typed: each an existing entry, or a new name. */
export interface StancePair {
  holder: EntityRef | null;
  target: EntityRef | null;
}

/** What a reference stands for, as the backend will resolve it: an entry's id, or a new name (compared as names are). */
function identity(ref: EntityRef | null, known: readonly Entity[]): string {
  if (ref === null) return 'none';
  if ('id' in ref) return `id:${ref.id}`;
  const match = known.find((e) => sameName(e.name, ref.name));
  return match ? `id:${match.id}` : `new:${ref.name.trim().toLocaleLowerCase()}`;
}

/**
 * Whether two stances of one highlight name the same holder → target pair, which the backend refuses (one stance per
 * holder toward a target in a highlight): so the editor can refuse it where it is typed.
 */
export function samePair(a: StancePair, b: StancePair, entities: readonly Entity[]): boolean {
  return (
    identity(a.holder, entities) === identity(b.holder, entities) &&
    identity(a.target, entities) === identity(b.target, entities)
  );
}
