import type { Highlight } from '../../../shared/domain';
import { withCoding } from './quoting-text';

/**
 * Stances as schema 7 has them, from a document's file written before holders and targets became one list: a target
 * joined with a holder of the same name is known by the holder's id (migrations/007-one-entity-list.ts). The same
 * objects come back when nothing changes, as the write cache expects.
 */
export function withEntityAliases(
  highlights: Highlight[],
  aliases: Readonly<Record<string, string>> | undefined,
): Highlight[] {
  if (!aliases || Object.keys(aliases).length === 0) return highlights;
  return highlights.map((h) =>
    h.stances.some((s) => aliases[s.targetId] !== undefined)
      ? withCoding(h, { stances: h.stances.map((s) => ({ ...s, targetId: aliases[s.targetId] ?? s.targetId })) })
      : h,
  );
}
