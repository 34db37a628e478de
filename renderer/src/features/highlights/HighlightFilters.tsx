import { stanceValues, type StanceValue } from '../../../../shared/domain-values';
import { useAppStore } from '../../store/app-store';
import { documentCoders, isFilterActive } from './filter-slice';
import { tagLabel } from '../codebook/tag-label';

/** Filters for the Highlights list: free text (quote and note), tag, holder, target, stance value. */
export function HighlightFilters() {
  const filter = useAppStore((s) => s.filter);
  const setFilter = useAppStore((s) => s.setFilter);
  const clearFilter = useAppStore((s) => s.clearFilter);
  const tags = useAppStore((s) => s.tags);
  // One list of holders and targets: either filter offers every entry.
  const entities = useAppStore((s) => s.entities);
  const highlights = useAppStore((s) => s.highlights);
  const coder = useAppStore((s) => s.settings.annotator);
  const layerCoder = useAppStore((s) => s.layerCoder);
  const setLayerCoder = useAppStore((s) => s.setLayerCoder);
  const coders = documentCoders(highlights, coder);

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
        <FilterSelect
          label="Filter by tag"
          any="Tag"
          value={filter.tagId}
          options={tags.map((t) => ({ value: t.id, label: tagLabel(t, tags) }))}
          onChange={(tagId) => setFilter({ tagId })}
        />
        <FilterSelect
          label="Filter by holder"
          any="Holder"
          value={filter.holderId}
          options={entities.map((e) => ({ value: e.id, label: e.name }))}
          onChange={(holderId) => setFilter({ holderId })}
        />
        <FilterSelect
          label="Filter by target"
          any="Target"
          value={filter.targetId}
          options={entities.map((e) => ({ value: e.id, label: e.name }))}
          onChange={(targetId) => setFilter({ targetId })}
        />
        <FilterSelect
          label="Filter by stance"
          any="Stance"
          value={filter.stance}
          options={stanceValues.map((v) => ({ value: v, label: v }))}
          onChange={(stance) => setFilter({ stance: stance as StanceValue | null })}
        />
        {/* The coder layer (also in the toolbar): more than one coder's work is in the document. */}
        {(coders.length > 1 || layerCoder !== null) && (
          <FilterSelect
            label="Filter by coder"
            any="Coder"
            value={layerCoder}
            options={coders.map((name) => ({ value: name, label: name }))}
            onChange={setLayerCoder}
          />
        )}
      </div>
      {isFilterActive(filter) && (
        <button type="button" className="link-button" onClick={clearFilter}>
          Clear filters
        </button>
      )}
    </div>
  );
}

/** One filter: a select whose empty choice (named for what it filters: "Tag", "Holder"…) means any, no condition. */
function FilterSelect(props: {
  label: string;
  any: string;
  value: string | null;
  options: Array<{ value: string; label: string }>;
  onChange(value: string | null): void;
}) {
  return (
    <select aria-label={props.label} value={props.value ?? ''} onChange={(e) => props.onChange(e.target.value || null)}>
      <option value="">{props.any}</option>
      {props.options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
