import { stanceValues, type StanceValue } from '../domain';
import { filterLibrary, type AnalysisFilter, type AnalysisLibrary } from './analysis-filter';

/**
 * The stance map: holders × targets, the stances of each pair counted by value, with the number of documents they
 * come from. One row per pair that has a stance; a stance without a holder counts under an empty holder.
 */

export const STANCE_MAP_COLUMNS = ['holder', 'target', ...stanceValues, 'total', 'documents'] as const;

export interface StanceMapRow {
  holderId: string | null;
  targetId: string;
  holder: string;
  target: string;
  counts: Record<StanceValue, number>;
  total: number;
  documents: number;
}

export function stanceMap(library: AnalysisLibrary, filter: AnalysisFilter = {}): StanceMapRow[] {
  const { highlights } = filterLibrary(library, filter);
  const name = new Map(library.entities.map((e) => [e.id, e.name]));
  const rows = new Map<string, StanceMapRow & { documentIds: Set<string> }>();
  for (const h of highlights) {
    for (const s of h.stances) {
      const key = `${s.holderId ?? ''}\u0000${s.targetId}`;
      let row = rows.get(key);
      if (!row) {
        row = {
          holderId: s.holderId,
          targetId: s.targetId,
          holder: s.holderId === null ? '' : (name.get(s.holderId) ?? ''),
          target: name.get(s.targetId) ?? '',
          counts: { favor: 0, against: 0, neutral: 0, unclear: 0 },
          total: 0,
          documents: 0,
          documentIds: new Set(),
        };
        rows.set(key, row);
      }
      row.counts[s.stance]++;
      row.total++;
      row.documentIds.add(h.documentId);
    }
  }
  return [...rows.values()]
    .map(({ documentIds, ...row }) => ({ ...row, documents: documentIds.size }))
    .sort((a, b) => b.total - a.total || a.holder.localeCompare(b.holder) || a.target.localeCompare(b.target));
}

export function stanceMapCells(row: StanceMapRow): (string | number)[] {
  return [row.holder, row.target, ...stanceValues.map((v) => row.counts[v]), row.total, row.documents];
}
