import { useState, type FormEvent } from 'react';
import type { Tag } from '../../../../shared/domain';
import { inTreeOrder, moveAmongSiblings } from '../../../../shared/tag-paths';
import { useAppStore } from '../../store/app-store';
import { Modal } from '../../ui/Modal';
import { nextTagColor } from '../../../../shared/tag-colors';

/** Why a tag name cannot be used, or null; the backend checks the same rules. */
function nameProblem(name: string, tags: readonly Tag[], exceptId?: string): string | null {
  const trimmed = name.trim();
  if (!trimmed) return 'A tag needs a name.';
  if (trimmed.includes('|')) return 'A tag name may not contain "|" (it separates tags in the CSV export).';
  if (trimmed.includes('›')) return 'A tag name may not contain "›" (it separates a sub-tag from its parent).';
  const clash = tags.find((t) => t.id !== exceptId && t.name.toLocaleLowerCase() === trimmed.toLocaleLowerCase());
  return clash ? `There is already a tag named "${clash.name}".` : null;
}

/**
 * The codebook editor, as a tree (sub-tags indented under their parent): create, rename, recolour, describe, nest,
 * move among siblings and delete tags.
 */
export function CodebookDialog({ onClose }: { onClose(): void }) {
  const tags = useAppStore((s) => s.tags);
  const createTag = useAppStore((s) => s.createTag);
  const [name, setName] = useState('');
  const [parentId, setParentId] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const ordered = inTreeOrder(tags);

  const add = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const issue = nameProblem(name, tags);
    setProblem(issue);
    if (issue) return;
    if (await createTag({ name: name.trim(), color: nextTagColor(tags), parentId: parentId || null })) setName('');
  };

  return (
    <Modal title="Codebook" onClose={onClose} className="codebook-dialog">
      <ul className="tag-editor-list" aria-label="Tags">
        {ordered.map((tag) => (
          <TagEditor key={`${tag.id}:${tag.name}:${tag.description}`} tag={tag} tags={tags} />
        ))}
      </ul>
      <form className="add-row" onSubmit={(e) => void add(e)}>
        <label>
          New tag
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={problem !== null}
            aria-describedby={problem ? 'new-tag-problem' : undefined}
          />
        </label>
        <label>
          Under
          <select value={parentId} onChange={(e) => setParentId(e.target.value)}>
            <option value="">(top level)</option>
            {tags
              .filter((t) => t.parentId === null)
              .map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
          </select>
        </label>
        <button type="submit">Add tag</button>
        {problem && (
          <p id="new-tag-problem" className="field-error" role="alert">
            {problem}
          </p>
        )}
      </form>
    </Modal>
  );
}

function TagEditor({ tag, tags }: { tag: Tag; tags: readonly Tag[] }) {
  const updateTag = useAppStore((s) => s.updateTag);
  const deleteTag = useAppStore((s) => s.deleteTag);
  const moveTag = useAppStore((s) => s.moveTag);
  const [name, setName] = useState(tag.name);
  const [description, setDescription] = useState(tag.description);
  const [problem, setProblem] = useState<string | null>(null);
  const parents = tags.filter((t) => t.parentId === null && t.id !== tag.id);
  const hasChildren = tags.some((t) => t.parentId === tag.id);
  const first = moveAmongSiblings(tags, tag.id, -1) === null;
  const last = moveAmongSiblings(tags, tag.id, 1) === null;

  const commitName = async (): Promise<void> => {
    if (name === tag.name) return;
    const issue = nameProblem(name, tags, tag.id);
    setProblem(issue);
    if (!issue) await updateTag(tag.id, { name: name.trim() });
  };

  return (
    <li className={tag.parentId ? 'tag-editor child' : 'tag-editor'}>
      <input
        type="color"
        value={tag.color}
        aria-label={`Colour of ${tag.name}`}
        onChange={(e) => void updateTag(tag.id, { color: e.target.value })}
      />
      <div className="tag-editor-fields">
        <input
          value={name}
          aria-label={`Name of ${tag.name}`}
          aria-invalid={problem !== null}
          onChange={(e) => setName(e.target.value)}
          onBlur={() => void commitName()}
          onKeyDown={(e) => e.key === 'Enter' && void commitName()}
        />
        {problem && (
          <p className="field-error" role="alert">
            {problem}
          </p>
        )}
        <input
          value={description}
          placeholder="Description (shown on hover and focus)"
          aria-label={`Description of ${tag.name}`}
          onChange={(e) => setDescription(e.target.value)}
          onBlur={() => description !== tag.description && void updateTag(tag.id, { description })}
        />
        <label className="inline-label">
          Parent
          <select
            value={tag.parentId ?? ''}
            disabled={hasChildren}
            title={hasChildren ? 'A tag with sub-tags stays at the top level.' : undefined}
            onChange={(e) => void updateTag(tag.id, { parentId: e.target.value || null })}
          >
            <option value="">(top level)</option>
            {parents.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="tag-editor-actions">
        <button
          type="button"
          aria-label={`Move ${tag.name} up`}
          disabled={first}
          onClick={() => void moveTag(tag.id, -1)}
        >
          ↑
        </button>
        <button
          type="button"
          aria-label={`Move ${tag.name} down`}
          disabled={last}
          onClick={() => void moveTag(tag.id, 1)}
        >
          ↓
        </button>
        <button
          type="button"
          className="danger"
          aria-label={`Delete ${tag.name}`}
          onClick={() => void deleteTag(tag.id)}
        >
          Delete
        </button>
      </div>
    </li>
  );
}
