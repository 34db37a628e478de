import type { Highlight, Tag } from '../../../../shared/domain';
import { paintSwatch, tagLabel } from '../codebook/tag-label';

/** A highlight's tags as coloured chips ("untagged" when it has none). */
export function TagChips({ highlight, tags, label }: { highlight: Highlight; tags: readonly Tag[]; label: string }) {
  const itemTags = highlight.tagIds.map((id) => tags.find((t) => t.id === id)).filter((t) => t !== undefined);
  return (
    <ul className="tag-chips" aria-label={label}>
      {itemTags.length === 0 && <li className="tag-chip untagged">untagged</li>}
      {itemTags.map((tag) => (
        <li key={tag.id} className="tag-chip">
          <span className="swatch" ref={paintSwatch(tag.color)} />
          {tagLabel(tag, tags)}
        </li>
      ))}
    </ul>
  );
}
