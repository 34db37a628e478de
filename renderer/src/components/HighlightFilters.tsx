import { stanceValues } from '../../../shared/domain';
import { useAppStore } from '../store/app-store';
import { isFilterActive } from '../store/filter-slice';
import { tagLabel } from './tag-label';

/** Filters for the Highlights list: free text (quote and note), tag, holder, target, stance value. */
export function HighlightFilters() {
  const filter = useAppStore((s) => s.filter);
  const setFilter = useAppStore((s) => s.setFilter);
  const clearFilter = useAppStore((s) => s.clearFilter);
  const tags = useAppStore((s) => s.tags);
  const actors = useAppStore((s) => s.actors);
  const targets = useAppStore((s) => s.targets);

  return (
    <div className="filters" role="search" aria-label="Filter highlights">
      <input
        type="search"
        value={filter.text}
        placeholder="Search quotes and notes"
        aria-label="Search quotes and notes"
        onChange={(e) => setFilter({ text: e.target.value })}
      />
      <div className="filter-selects">
        <select
          aria-label="Filter by tag"
          value={filter.tagId ?? ''}
          onChange={(e) => setFilter({ tagId: e.target.value || null })}
        >
          <option value="">Any tag</option>
          {tags.map((t) => (
            <option key={t.id} value={t.id}>
              {tagLabel(t, tags)}
            </option>
          ))}
        </select>
        <select
          aria-label="Filter by holder"
          value={filter.holderId ?? ''}
          onChange={(e) => setFilter({ holderId: e.target.value || null })}
        >
          <option value="">Any holder</option>
          {actors.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
        <select
          aria-label="Filter by target"
          value={filter.targetId ?? ''}
          onChange={(e) => setFilter({ targetId: e.target.value || null })}
        >
          <option value="">Any target</option>
          {targets.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
        <select
          aria-label="Filter by stance"
          value={filter.stance ?? ''}
          onChange={(e) => setFilter({ stance: (e.target.value || null) as typeof filter.stance })}
        >
          <option value="">Any stance</option>
          {stanceValues.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      </div>
      {isFilterActive(filter) && (
        <button type="button" className="link-button" onClick={clearFilter}>
          Clear filters
        </button>
      )}
    </div>
  );
}
