import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { Tag } from '../../../../shared/domain';
import { inTreeOrder, siblingPlaces } from '../../../../shared/tag-paths';
import { useAppStore } from '../../store/app-store';
import { DeferredSelect } from '../../ui/DeferredSelect';
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
  // Asked once for the whole codebook, not by each tag's row: a codebook of a thousand flat codes (a REFI-QDA
  // import) made a pass over the codebook per row, and a thousand parents in each row's list.
  const ordered = useMemo(() => inTreeOrder(tags), [tags]);
  const places = useMemo(() => siblingPlaces(tags), [tags]);
  const parents = useMemo(() => tags.filter((t) => t.parentId === null), [tags]);
  const withChildren = useMemo(() => new Set(tags.flatMap((t) => (t.parentId === null ? [] : [t.parentId]))), [tags]);
  const names = useMemo(() => new Map(tags.map((t) => [t.id, t.name])), [tags]);

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
          <TagEditor
            key={tag.id}
            tag={tag}
            tags={tags}
            place={places.get(tag.id)!}
            hasChildren={withChildren.has(tag.id)}
            parents={parents}
            parentName={tag.parentId === null ? undefined : names.get(tag.parentId)}
          />
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

function TagEditor({
  tag,
  tags,
  place: { first, last },
  hasChildren,
  parents,
  parentName,
}: {
  tag: Tag;
  tags: readonly Tag[];
  /** Whether it is first, or last, among the tags of its parent: it cannot move up, or down. */
  place: { first: boolean; last: boolean };
  hasChildren: boolean;
  /** The top-level tags: the parents it can be put under. */
  parents: readonly Tag[];
  /** Its parent's name, when it has one. */
  parentName: string | undefined;
}) {
  const updateTag = useAppStore((s) => s.updateTag);
  const deleteTag = useAppStore((s) => s.deleteTag);
  const moveTag = useAppStore((s) => s.moveTag);
  const [name, setName] = useState(tag.name);
  const [description, setDescription] = useState(tag.description);
  const [problem, setProblem] = useState<string | null>(null);
  const nameField = useRef<HTMLInputElement>(null);
  const descriptionField = useRef<HTMLInputElement>(null);
  // Undo, or another window, can change the tag: its fields follow, unless the analyst is typing in them. (The row
  // is not remade for it: that took the focus from the field the analyst had moved on to, and emptied its Parent list.)
  useEffect(() => {
    if (nameField.current !== document.activeElement) setName(tag.name);
  }, [tag.name]);
  useEffect(() => {
    if (descriptionField.current !== document.activeElement) setDescription(tag.description);
  }, [tag.description]);

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
          ref={nameField}
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
          ref={descriptionField}
          value={description}
          placeholder="Description (shown on hover and focus)"
          aria-label={`Description of ${tag.name}`}
          onChange={(e) => setDescription(e.target.value)}
          onBlur={() => description !== tag.description && void updateTag(tag.id, { description })}
        />
        <label className="inline-label">
          Parent
          <DeferredSelect
            value={tag.parentId ?? ''}
            emptyLabel="(top level)"
            current={tag.parentId === null ? undefined : { value: tag.parentId, label: parentName ?? '' }}
            choices={() => parents.filter((p) => p.id !== tag.id).map((p) => ({ value: p.id, label: p.name }))}
            disabled={hasChildren}
            title={hasChildren ? 'A tag with sub-tags stays at the top level.' : undefined}
            onChoose={(parentId) => void updateTag(tag.id, { parentId: parentId || null })}
          />
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
