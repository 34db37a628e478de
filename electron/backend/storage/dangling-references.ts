import type { Database, Highlight } from '../../../shared/domain';
import { withCoding } from './quoting-text';

/**
 * Highlights restored from a backup, fitted to the library as it is now: a tag, holder or target deleted since the
 * backup is dropped from them (a stance without its target goes; one without its holder keeps an unknown holder), so
 * nothing points at what no longer exists.
 */
export function removeDanglingReferences(data: Database, highlights: readonly Highlight[]): Highlight[] {
  const tagIds = new Set(data.tags.map((t) => t.id));
  const entityIds = new Set(data.entities.map((e) => e.id));
  return highlights.map((highlight) =>
    withCoding(highlight, {
      tagIds: highlight.tagIds.filter((id) => tagIds.has(id)),
      stances: highlight.stances
        .filter((s) => entityIds.has(s.targetId))
        .map((s) => (s.holderId === null || entityIds.has(s.holderId) ? s : { ...s, holderId: null })),
    }),
  );
}
