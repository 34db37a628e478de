import { lazy, Suspense, useMemo, useState } from 'react';
import { intervals, type Interval, type Timeline } from '../../../../shared/analysis/timeline';
import { stanceValues } from '../../../../shared/domain-values';
import { useAppStore } from '../../store/app-store';
import { useAnalysisFilter } from './AnalysisFilterFields';
import { useBackendAnswer } from './use-backend-answer';
import { LabelledSelect } from '../../ui/LabelledSelect';
import { Modal } from '../../ui/Modal';
import { SaveCsvButton } from './SaveCsvButton';
import { ProblemAlert } from '../../ui/ProblemAlert';

// Observable Plot and its d3 modules are a third of the page's script, and only this chart draws with them: they load
// when it is first shown, not at every start.
const TimelineChart = lazy(() => import('./TimelineChart').then((module) => ({ default: module.TimelineChart })));

/** The holder choice for stances whose holder is not known. */
const UNKNOWN_HOLDER = '\u0000unknown';

/**
 * Stances over time (Ctrl/Cmd+Shift+L): for a chosen target (or holder, or both), the stances per ISO week or month of
 * the documents' publication dates, as a stacked bar chart or as a table of the same numbers; documents without a
 * date are counted and named, not dropped. The same numbers as `stance-annotator stats --what timeline`, and saved
 * as that CSV; the chart as SVG or PNG.
 */
export function TimelineDialog({ onClose }: { onClose(): void }) {
  const entities = useAppStore((s) => s.entities);
  const [targetId, setTargetId] = useState('');
  const [holderId, setHolderId] = useState('');
  const [interval, setIntervalChoice] = useState<Interval>('month');
  const [asTable, setAsTable] = useState(false);
  const { filter, fields } = useAnalysisFilter();

  const request = useMemo(
    () => ({
      ...filter,
      interval,
      ...(targetId ? { targetId } : {}),
      ...(holderId ? { holderId: holderId === UNKNOWN_HOLDER ? null : holderId } : {}),
    }),
    [filter, interval, targetId, holderId],
  );
  const { answer: result, problem } = useBackendAnswer('getTimeline', request);

  const sorted = useMemo(() => [...entities].sort((a, b) => a.name.localeCompare(b.name)), [entities]);
  const nameOf = (id: string): string => entities.find((e) => e.id === id)?.name ?? '?';
  const title = [
    'Stances',
    holderId ? `of ${holderId === UNKNOWN_HOLDER ? 'unknown holders' : nameOf(holderId)}` : '',
    targetId ? `toward ${nameOf(targetId)}` : '',
    `per ${interval}`,
  ]
    .filter(Boolean)
    .join(' ');
  const undated = result?.undated;
  const undatedCount = undated ? stanceValues.reduce((sum, v) => sum + undated.counts[v], 0) : 0;

  return (
    <Modal title="Stances over time" onClose={onClose} className="analysis-area stance-map-dialog">
      <div className="stance-map-filters">
        <LabelledSelect
          label="Toward"
          value={targetId}
          onChange={setTargetId}
          options={[{ value: '', label: 'every target' }, ...sorted.map((e) => ({ value: e.id, label: e.name }))]}
        />
        <LabelledSelect
          label="Held by"
          value={holderId}
          onChange={setHolderId}
          options={[
            { value: '', label: 'anyone' },
            { value: UNKNOWN_HOLDER, label: 'someone (unknown holder)' },
            ...sorted.map((e) => ({ value: e.id, label: e.name })),
          ]}
        />
        <LabelledSelect<Interval>
          label="Per"
          value={interval}
          onChange={setIntervalChoice}
          options={intervals.map((i) => ({ value: i, label: i === 'week' ? 'ISO week' : 'month' }))}
        />
        {fields}
      </div>
      <div className="stance-map-filters">
        <div role="group" aria-label="Show as" className="segmented">
          <button type="button" aria-pressed={!asTable} onClick={() => setAsTable(false)}>
            Chart
          </button>
          <button type="button" aria-pressed={asTable} onClick={() => setAsTable(true)}>
            Table
          </button>
        </div>
        <SaveCsvButton
          disabled={!result || (result.rows.length === 0 && undatedCount === 0)}
          request={{ kind: 'timeline', ...request }}
        />
      </div>
      <ProblemAlert problem={problem} />
      {result && result.rows.length === 0 && (
        <p className="empty">No stance with a publication date in what is chosen.</p>
      )}
      {result &&
        result.rows.length > 0 &&
        (asTable ? (
          <TimelineTable result={result} title={title} />
        ) : (
          <Suspense fallback={<p className="empty">Drawing the chart…</p>}>
            <TimelineChart rows={result.rows} interval={interval} title={title} />
          </Suspense>
        ))}
      {undated && undated.documents.length > 0 && (
        <p className="undated-documents">
          Not on the time axis: {undatedCount} {undatedCount === 1 ? 'stance' : 'stances'} in {undated.documents.length}{' '}
          {undated.documents.length === 1 ? 'document' : 'documents'} without a publication date:{' '}
          {undated.documents.map((d) => `“${d.title}”`).join(', ')}.
        </p>
      )}
    </Modal>
  );
}

/** The chart's numbers as a table (for screen readers, and for reading exact counts). */
function TimelineTable({ result, title }: { result: Timeline; title: string }) {
  const rows = result.undated.documents.length > 0 ? [...result.rows, result.undated] : result.rows;
  return (
    <div className="stance-map-scroll">
      <table className="stance-map timeline-table">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">Period</th>
            {stanceValues.map((v) => (
              <th key={v} scope="col">
                {v}
              </th>
            ))}
            <th scope="col">total</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.period}>
              <th scope="row">{row.period === result.undated.period ? 'no date' : row.period}</th>
              {stanceValues.map((v) => (
                <td key={v}>{row.counts[v]}</td>
              ))}
              <td>{stanceValues.reduce((sum, v) => sum + row.counts[v], 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
