import { stanceValues } from '../domain-values';
import type { StanceValue } from '../domain';
import { filterLibrary, type AnalysisFilter, type AnalysisLibrary } from './analysis-filter';
import { compareCodeUnits, entryIn } from '../collections';

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

/** Names in the user's language's order; one collator, as `localeCompare` would build one for every comparison. */
const byName = new Intl.Collator().compare;

export function stanceMap(library: AnalysisLibrary, filter: AnalysisFilter = {}): StanceMapRow[] {
  const { highlights, documents } = filterLibrary(library, filter);
  const name = new Map(library.entities.map((e) => [e.id, e.name]));
  // Each pair's documents as bits over the chosen documents: a set of strings per pair cost more than all the rest.
  const documentIndex = new Map(documents.map((d, i) => [d.id, i]));
  const bytes = Math.ceil(documents.length / 8);
  type Row = StanceMapRow & { seen: Uint8Array };
  const rows: Row[] = [];
  // Holder, then target: no key string to build per stance (a million of them at scale).
  const byHolder = new Map<string | null, Map<string, Row>>();
  for (const h of highlights) {
    const index = documentIndex.get(h.documentId)!;
    const byte = index >> 3;
    const bit = 1 << (index & 7);
    for (const s of h.stances) {
      const byTarget = entryIn(byHolder, s.holderId, () => new Map());
      let row = byTarget.get(s.targetId);
      if (!row) {
        row = {
          holderId: s.holderId,
          targetId: s.targetId,
          holder: s.holderId === null ? '' : (name.get(s.holderId) ?? ''),
          target: name.get(s.targetId) ?? '',
          counts: { favor: 0, against: 0, neutral: 0, unclear: 0 },
          total: 0,
          documents: 0,
          seen: new Uint8Array(bytes),
        };
        byTarget.set(s.targetId, row);
        rows.push(row);
      }
      row.counts[s.stance]++;
      row.total++;
      if ((row.seen[byte]! & bit) === 0) {
        row.seen[byte]! |= bit;
        row.documents++;
      }
    }
  }
  return rows
    .map(({ seen: _seen, ...row }) => row)
    .sort(
      (a, b) =>
        b.total - a.total ||
        byName(a.holder, b.holder) ||
        byName(a.target, b.target) ||
        // Two entities of one name: by id, so that the order never depends on the order the highlights came in.
        compareCodeUnits(a.holderId ?? '', b.holderId ?? '') ||
        compareCodeUnits(a.targetId, b.targetId),
    );
}

export function stanceMapCells(row: StanceMapRow): (string | number)[] {
  return [row.holder, row.target, ...stanceValues.map((v) => row.counts[v]), row.total, row.documents];
}
