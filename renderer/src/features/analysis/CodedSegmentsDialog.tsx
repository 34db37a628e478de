import { useEffect, useMemo, useState } from 'react';
import { segmentOrders, type SegmentOrder } from '../../../../shared/analysis/coded-segments';
import { stanceValues, type StanceValue } from '../../../../shared/domain-values';
import { inTreeOrder, tagPaths } from '../../../../shared/tag-paths';
import { useAppStore } from '../../store/app-store';
import { useAnalysisFilter } from './AnalysisFilterFields';
import { useBackendAnswer } from './use-backend-answer';
import { LabelledSelect } from '../../ui/LabelledSelect';
import { Modal } from '../../ui/Modal';
import { SaveCsvButton } from './SaveCsvButton';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { SegmentList } from './SegmentList';

/**
 * Segments asked for at first, and added by "Show more" or by scrolling near the end: the backend pages, the renderer
 * never gets them all, and a first screen of a few dozen paints at once.
 */
const PAGE = 50;
/** Typing in the words field waits this long before asking, so that each key does not start a search. */
const TYPING_MS = 250;

/**
 * Every highlight of the library as one list (quote, document, outlet, date, tags, stances, coder), filtered by tag
 * (with its sub-tags), holder, target, stance, words in the quote or note, and what every analysis view filters by
 * (coder, dates, outlet, a variable's value); sorted by document, date or tag. Each opens its document at the passage.
 */
export function CodedSegmentsDialog({ onClose }: { onClose(): void }) {
  const tags = useAppStore((s) => s.tags);
  const entities = useAppStore((s) => s.entities);
  const paths = useMemo(() => tagPaths(tags), [tags]);
  const entityOptions = entities.map((e) => ({ value: e.id, label: e.name }));
  const { filter, fields } = useAnalysisFilter();
  const [tagId, setTagId] = useState('');
  const [holderId, setHolderId] = useState('');
  const [targetId, setTargetId] = useState('');
  const [stance, setStance] = useState<StanceValue | ''>('');
  const [typed, setTyped] = useState('');
  const [words, setWords] = useState('');
  const [sort, setSort] = useState<SegmentOrder>('document');
  // "Show more" pages on within one query; a new filter starts again from the first page.
  const query = JSON.stringify([filter, tagId, holderId, targetId, stance, words, sort]);
  const [more, setMore] = useState<{ query: string; limit: number } | null>(null);
  const limit = more?.query === query ? more.limit : PAGE;

  useEffect(() => {
    const timer = setTimeout(() => setWords(typed.trim()), TYPING_MS);
    return () => clearTimeout(timer);
  }, [typed]);

  const selection = useMemo(
    () => ({
      ...filter,
      ...(tagId && { tagId }),
      // "someone": stances whose holder is not known.
      ...(holderId && { holderId: holderId === 'unknown' ? null : holderId }),
      ...(targetId && { targetId }),
      ...(stance && { stance }),
      ...(words && { words }),
    }),
    [filter, tagId, holderId, targetId, stance, words],
  );
  const request = useMemo(() => ({ ...selection, sort, limit }), [selection, sort, limit]);
  const { answer: result, problem } = useBackendAnswer('getCodedSegments', request);

  return (
    <Modal title="Coded segments" onClose={onClose} className="analysis-area analysis-dialog">
      <div className="analysis-filters">
        <LabelledSelect
          label="Tag"
          value={tagId}
          onChange={setTagId}
          options={[
            { value: '', label: 'Any tag' },
            ...inTreeOrder(tags).map((t) => ({ value: t.id, label: paths.get(t.id)! })),
          ]}
        />
        <LabelledSelect
          label="Holder"
          value={holderId}
          onChange={setHolderId}
          options={[
            { value: '', label: 'Any holder' },
            { value: 'unknown', label: 'someone (unknown)' },
            ...entityOptions,
          ]}
        />
        <LabelledSelect
          label="Target"
          value={targetId}
          onChange={setTargetId}
          options={[{ value: '', label: 'Any target' }, ...entityOptions]}
        />
        <LabelledSelect<StanceValue | ''>
          label="Stance"
          value={stance}
          onChange={setStance}
          options={[{ value: '', label: 'Any stance' }, ...stanceValues.map((v) => ({ value: v, label: v }))]}
        />
        <label className="inline-label">
          Words
          <input
            type="search"
            value={typed}
            placeholder="in quote or note"
            onChange={(e) => setTyped(e.target.value)}
          />
        </label>
        {fields}
        <LabelledSelect<SegmentOrder>
          label="Sort by"
          value={sort}
          onChange={setSort}
          options={segmentOrders.map((o) => ({ value: o, label: o }))}
        />
        <SaveCsvButton disabled={!result || result.total === 0} request={{ kind: 'coded-segments', ...selection }} />
      </div>
      <ProblemAlert problem={problem} />
      {result && (
        <>
          <SegmentList
            heading="Matching"
            result={result}
            onOpened={onClose}
            onNearEnd={() => {
              // Once the page asked for has come (not again for every scroll event meanwhile).
              if (result.segments.length === limit && result.total > limit) setMore({ query, limit: limit + PAGE });
            }}
          />
          {result.total > result.segments.length && (
            <button type="button" className="show-more" onClick={() => setMore({ query, limit: limit + PAGE })}>
              Show {Math.min(PAGE, result.total - result.segments.length)} more
            </button>
          )}
        </>
      )}
    </Modal>
  );
}
