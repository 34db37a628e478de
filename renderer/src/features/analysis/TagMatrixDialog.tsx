import { useMemo, useState } from 'react';
import type { CodedSegment } from '../../../../shared/analysis/coded-segments';
import type { TagMatrix } from '../../../../shared/analysis/tag-matrix';
import { callApi } from '../../api/client';
import { useAppStore } from '../../store/app-store';
import { useAnalysisFilter } from './AnalysisFilterFields';
import { useBackendAnswer } from './use-backend-answer';
import { Modal } from '../../ui/Modal';
import { SaveCsvButton } from './SaveCsvButton';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { SegmentList } from './SegmentList';

/** A cell's shade: how its count compares with the largest in the matrix, in five steps (0: none). */
function heat(count: number, max: number): number {
  if (count === 0 || max === 0) return 0;
  return Math.min(4, Math.ceil((count / max) * 4));
}

/**
 * Tags × documents (or × outlet, or × a document variable's values), as MAXQDA's Code Matrix Browser: each tag's
 * highlights, its sub-tags included, per group, shaded by count; limited to a coder and a publication date range. A
 * cell lists its coded segments, each opened at its passage. Saved as the CSV of `stats --what tags`.
 */
export function TagMatrixDialog({ onClose }: { onClose(): void }) {
  const variables = useAppStore((s) => s.variables);
  const [by, setBy] = useState('document');
  const [chosen, setChosen] = useState<{
    matrix: TagMatrix;
    heading: string;
    segments: { total: number; segments: CodedSegment[] };
  } | null>(null);
  const [cellProblem, setCellProblem] = useState<string | null>(null);

  const { filter, fields } = useAnalysisFilter();
  const request = useMemo(
    () => ({
      ...(by === 'document' || by === 'outlet'
        ? { by: by as 'document' | 'outlet' }
        : { by: 'variable' as const, variableId: by }),
      ...filter,
    }),
    [by, filter],
  );
  const { answer: matrix, problem: matrixProblem } = useBackendAnswer('getTagMatrix', request);
  // A cell belongs to the matrix it was chosen in: with other numbers none is chosen.
  const cell = chosen && chosen.matrix === matrix ? chosen : null;
  const problem = matrixProblem ?? cellProblem;

  const chooseCell = (row: TagMatrix['rows'][number], column: number): void => {
    if (!matrix) return;
    callApi('getCodedSegments', {
      ...filter,
      tagId: row.tagId,
      documentIds: matrix.groupDocumentIds[column]!,
    }).then(
      (segments) => {
        setCellProblem(null);
        setChosen({ matrix, heading: `${row.path} in ${matrix.groups[column]}`, segments });
      },
      (error: Error) => setCellProblem(error.message),
    );
  };
  const max = matrix ? Math.max(0, ...matrix.rows.flatMap((r) => r.counts)) : 0;

  return (
    <Modal title="Tags by document" onClose={onClose} className="analysis-area stance-map-dialog">
      <div className="stance-map-filters">
        <label className="inline-label">
          Columns
          <select value={by} onChange={(e) => setBy(e.target.value)}>
            <option value="document">documents</option>
            <option value="outlet">outlets</option>
            {variables.map((v) => (
              <option key={v.id} value={v.id}>
                variable: {v.name}
              </option>
            ))}
          </select>
        </label>
        {fields}
        <SaveCsvButton disabled={!matrix || matrix.rows.length === 0} request={{ kind: 'tag-matrix', ...request }} />
      </div>
      <ProblemAlert problem={problem} />
      {matrix && (matrix.rows.length === 0 || matrix.groups.length === 0) && (
        <p className="empty">No tag or no document in what is chosen.</p>
      )}
      {matrix && matrix.rows.length > 0 && matrix.groups.length > 0 && (
        <div className="stance-map-scroll">
          <table className="stance-map tag-matrix">
            <caption>
              Highlights carrying each tag (sub-tags included) in each column; darker is more. A cell lists them.
            </caption>
            <thead>
              <tr>
                <th scope="col">Tag</th>
                {matrix.groups.map((group) => (
                  <th key={group} scope="col">
                    {group}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {matrix.rows.map((row) => (
                <tr key={row.tagId}>
                  <th scope="row">{row.path}</th>
                  {row.counts.map((count, column) => (
                    <td key={matrix.groups[column]} className={`heat-${heat(count, max)}`}>
                      {count === 0 ? (
                        <span className="zero">0</span>
                      ) : (
                        <button
                          type="button"
                          aria-label={`${row.path} in ${matrix.groups[column]}: ${count} highlights`}
                          onClick={() => chooseCell(row, column)}
                        >
                          {count}
                        </button>
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {cell && <SegmentList heading={cell.heading} result={cell.segments} onOpened={onClose} />}
    </Modal>
  );
}
