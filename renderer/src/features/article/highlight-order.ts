import type { Highlight } from '../../../../shared/domain';

/** Text order: by start, then the longer (enclosing) highlight first, then by creation for a stable order. */
export function sortByPosition(highlights: readonly Highlight[]): Highlight[] {
  return [...highlights].sort(
    (a, b) => a.start - b.start || b.end - a.end || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
  );
}

/** The highlights that cover a text offset, innermost (shortest) first. */
export function highlightsAt(highlights: readonly Highlight[], offset: number): Highlight[] {
  return highlights
    .filter((h) => h.start <= offset && offset < h.end)
    .sort((a, b) => a.end - a.start - (b.end - b.start));
}
