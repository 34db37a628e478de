import { useState } from 'react';
import type { CodedSegment } from '../../../../shared/analysis/coded-segments';
import type { StanceMapRow } from '../../../../shared/analysis/stance-map';
import { stanceValues } from '../../../../shared/domain-values';
import { callApi } from '../../api/client';
import { useAnalysisFilter } from './AnalysisFilterFields';
import { useBackendAnswer } from './use-backend-answer';
import { Modal } from '../../ui/Modal';
import { SaveCsvButton } from './SaveCsvButton';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { SegmentList } from './SegmentList';

type SortKey = 'total' | 'name' | 'net';
const TOP_CHOICES = [10, 25, 0] as const; // 0: all

/** A cell's stances as a small stacked bar, in the order of its numbers, so that the mix reads at a glance. */
function StanceBar({ counts }: { counts: StanceMapRow['counts'] }) {
  return (
    <span className="stance-bar" aria-hidden="true">
      {stanceValues.map((v) =>
        counts[v] > 0 ? <span key={v} className={`bar-${v}`} style={{ flexGrow: counts[v] }} /> : null,
      )}
    </span>
  );
}

/** Favor minus against, over all stances: −1 (all against) … +1 (all in favour). */
const net = (counts: StanceMapRow['counts'], total: number): number =>
  total === 0 ? 0 : (counts.favor - counts.against) / total;

/** A diverging colour class for a net stance, so a cell reads at a glance; the numbers stay in the cell. */
function netClass(value: number): string {
  if (value <= -0.6) return 'net-against-strong';
  if (value < -0.1) return 'net-against';
  if (value >= 0.6) return 'net-favor-strong';
  if (value > 0.1) return 'net-favor';
  return 'net-even';
}

/** A cell the analyst opened: the numbers it was chosen in, and its coded segments once they come. */
interface ChosenCell {
  rows: StanceMapRow[];
  holder: Line;
  target: Line;
  segments: { total: number; segments: CodedSegment[] } | null;
  problem: string | null;
}

interface Line {
  key: string;
  id: string | null;
  name: string;
  total: number;
  net: number;
}

/** Holders or targets as rows or columns, with their totals, sorted and cut to the top N. */
function lines(rows: readonly StanceMapRow[], side: 'holder' | 'target', sort: SortKey, top: number): Line[] {
  const byKey = new Map<string, Line & { favor: number; against: number }>();
  for (const row of rows) {
    const id = side === 'holder' ? row.holderId : row.targetId;
    const key = id ?? '';
    const line = byKey.get(key) ?? {
      key,
      id,
      name: (side === 'holder' ? row.holder : row.target) || 'someone (unknown holder)',
      total: 0,
      net: 0,
      favor: 0,
      against: 0,
    };
    line.total += row.total;
    line.favor += row.counts.favor;
    line.against += row.counts.against;
    line.net = (line.favor - line.against) / line.total;
    byKey.set(key, line);
  }
  const sorted = [...byKey.values()].sort((a, b) =>
    sort === 'name' ? a.name.localeCompare(b.name) : sort === 'net' ? a.net - b.net : b.total - a.total,
  );
  return top > 0 ? sorted.slice(0, top) : sorted;
}

/**
 * The stance map (Ctrl/Cmd+Shift+M): who stands where on what across the library — holders × targets, each cell the
 * stances of that pair by value (favor / against / neutral / unclear) and the documents they come from, coloured by the
 * net stance; totals per row and column; sorted by total, name or net stance, cut to the top N; limited to a coder and
 * a publication date range. A cell opens the coded segments behind it, each opened at its passage. The same numbers as
 * `stance-annotator stats --what stance-map`, and saved as that CSV.
 */
export function StanceMapDialog({ onClose }: { onClose(): void }) {
  const [sort, setSort] = useState<SortKey>('total');
  const [top, setTop] = useState<number>(10);
  const [chosen, setChosen] = useState<ChosenCell | null>(null);
  const { filter, fields } = useAnalysisFilter();
  const { answer: rows, problem: mapProblem } = useBackendAnswer('getStanceMap', filter);
  // A cell belongs to the numbers it was chosen in: with other numbers (another filter) none is chosen.
  const cell = chosen && chosen.rows === rows ? chosen : null;
  const segments = cell?.segments ?? null;
  const problem = mapProblem ?? cell?.problem ?? null;

  const chooseCell = (holder: Line, target: Line): void => {
    if (!rows) return;
    const choice: ChosenCell = { rows, holder, target, segments: null, problem: null };
    setChosen(choice);
    // Kept only if this cell is still the chosen one when its segments come.
    const update = (changes: Partial<ChosenCell>) => setChosen((c) => (c === choice ? { ...c, ...changes } : c));
    callApi('getCodedSegments', { ...filter, holderId: holder.id, targetId: target.id! }).then(
      (found) => update({ segments: found }),
      (error: Error) => update({ problem: error.message }),
    );
  };

  const holders = rows ? lines(rows, 'holder', sort, top) : [];
  const targets = rows ? lines(rows, 'target', sort, top) : [];
  const byPair = new Map((rows ?? []).map((r) => [`${r.holderId ?? ''}\u0000${r.targetId}`, r]));

  return (
    <Modal title="Stance map" onClose={onClose} className="analysis-area stance-map-dialog">
      <div className="stance-map-filters">
        {fields}
        <label className="inline-label">
          Sort by
          <select value={sort} onChange={(e) => setSort(e.target.value as SortKey)}>
            <option value="total">total</option>
            <option value="name">name</option>
            <option value="net">net stance (against first)</option>
          </select>
        </label>
        <label className="inline-label">
          Show
          <select value={top} onChange={(e) => setTop(Number(e.target.value))}>
            {TOP_CHOICES.map((n) => (
              <option key={n} value={n}>
                {n === 0 ? 'all' : `top ${n}`}
              </option>
            ))}
          </select>
        </label>
        <SaveCsvButton disabled={!rows || rows.length === 0} request={{ kind: 'stance-map', ...filter }} />
      </div>
      <ProblemAlert problem={problem} />
      {rows && rows.length === 0 && <p className="empty">No stance is recorded in what is chosen.</p>}
      {rows && rows.length > 0 && (
        <div className="stance-map-scroll">
          <p className="stance-legend" aria-hidden="true">
            Each cell:
            {stanceValues.map((v) => (
              <span key={v} className="stance-key">
                <span className={`swatch bar-${v}`} />
                {v}
              </span>
            ))}
            in this order, then the number of documents.
          </p>
          <table className="stance-map">
            <caption>
              Stances of each holder (rows) toward each target (columns): favor / against / neutral / unclear, and the
              number of documents. Colour: green in favour, red against.
            </caption>
            <thead>
              <tr>
                <th scope="col">Holder \ target</th>
                {targets.map((t) => (
                  <th key={t.key} scope="col">
                    {t.name}
                  </th>
                ))}
                <th scope="col">Total</th>
              </tr>
            </thead>
            <tbody>
              {holders.map((h) => (
                <tr key={h.key}>
                  <th scope="row">{h.name}</th>
                  {targets.map((t) => {
                    const row = byPair.get(`${h.key}\u0000${t.key}`);
                    if (!row) return <td key={t.key} className="empty-cell" />;
                    const { favor, against, neutral, unclear } = row.counts;
                    const label = `${h.name} → ${t.name}: ${favor} favor, ${against} against, ${neutral} neutral, ${unclear} unclear, in ${row.documents} documents`;
                    return (
                      <td key={t.key} className={netClass(net(row.counts, row.total))}>
                        <button
                          type="button"
                          aria-label={label}
                          title={label}
                          aria-pressed={cell?.holder.key === h.key && cell.target.key === t.key}
                          onClick={() => chooseCell(h, t)}
                        >
                          <span className="counts">
                            {favor} / {against} / {neutral} / {unclear}
                          </span>
                          <StanceBar counts={row.counts} />
                          <span className="documents">{row.documents} doc.</span>
                        </button>
                      </td>
                    );
                  })}
                  <td className="total">{h.total}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">Total</th>
                {targets.map((t) => (
                  <td key={t.key} className="total">
                    {t.total}
                  </td>
                ))}
                <td className="total">{holders.reduce((sum, h) => sum + h.total, 0)}</td>
              </tr>
            </tbody>
          </table>
        </div>
      )}
      {cell && segments && (
        <SegmentList heading={`${cell.holder.name} → ${cell.target.name}`} result={segments} onOpened={onClose} />
      )}
    </Modal>
  );
}
