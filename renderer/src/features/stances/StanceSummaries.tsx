import type { Entity, Highlight } from '../../../../shared/domain';

/** A highlight's stances as "holder → target: value" lines (nothing when it has none). */
export function StanceSummaries({ highlight, entities }: { highlight: Highlight; entities: readonly Entity[] }) {
  if (highlight.stances.length === 0) return null;
  const nameOf = (id: string | null): string => entities.find((e) => e.id === id)?.name ?? 'someone';
  return (
    <ul className="stance-summaries" aria-label="Stances">
      {highlight.stances.map((s) => (
        <li key={`${s.holderId}→${s.targetId}`} className="stance-summary">
          {nameOf(s.holderId)} → {nameOf(s.targetId)}: <span className={`stance-badge ${s.stance}`}>{s.stance}</span>
        </li>
      ))}
    </ul>
  );
}
