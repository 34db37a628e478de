import { useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { StanceInput } from '../../../../shared/api-contract';
import { stanceValues, type StanceValue } from '../../../../shared/domain-values';
import type { Highlight, Stance } from '../../../../shared/domain';
import { appStore, useAppStore } from '../../store/app-store';
import { isTextField } from '../../ui/is-text-field';
import { EntityInput, entityRefName, type EntityRef } from './EntityInput';
import { samePair } from './stance-pairs';

/** A stance as edited: saved once it has a target and a value. */
interface DraftStance {
  holder: EntityRef | null;
  target: EntityRef | null;
  stance: StanceValue | null;
}

type CompleteStance = DraftStance & { target: EntityRef; stance: StanceValue };

export const STANCE_KEYS: Record<StanceValue, string> = { favor: 'f', against: 'a', neutral: 'n', unclear: 'u' };

const isComplete = (row: DraftStance): row is CompleteStance => row.target !== null && row.stance !== null;

const fromSaved = (s: Stance): CompleteStance => ({
  holder: s.holderId ? { id: s.holderId } : null,
  target: { id: s.targetId },
  stance: s.stance,
});

/** The stance as the API takes it: holder and target by id, or by a new name. */
function toInput(row: CompleteStance): StanceInput {
  const holder =
    row.holder === null
      ? { holderId: null }
      : 'id' in row.holder
        ? { holderId: row.holder.id }
        : { holderName: row.holder.name };
  const target = 'id' in row.target ? { targetId: row.target.id } : { targetName: row.target.name };
  return { ...holder, ...target, stance: row.stance };
}

/**
 * The stances of one highlight: holder → target: value. "Add stance" (S) opens a row: type a holder, Enter, a
 * target, Enter, then F/A/N/U (or the buttons) for favor/against/neutral/unclear. New names become new holders or
 * targets in the same step as the stance, so one Undo takes back the lot.
 */
export function StanceEditor({ highlight }: { highlight: Highlight }) {
  const updateHighlight = useAppStore((s) => s.updateHighlight);
  const entities = useAppStore((s) => s.entities);
  /** Why the row being typed was not saved (a holder → target pair the highlight has already), shown by the row. */
  const [problem, setProblem] = useState<string | null>(null);
  const [draft, setDraftState] = useState<(DraftStance & { key: number }) | null>(null);
  // Keys arrive faster than React renders, so changes merge into the draft as it is now, not as last rendered.
  const draftRef = useRef<(DraftStance & { key: number }) | null>(null);
  const setDraft = (next: (DraftStance & { key: number }) | null): void => {
    draftRef.current = next;
    setDraftState(next);
  };
  const draftCounter = useRef(0);
  /** Completed stances on their way to the backend, shown meanwhile. */
  const [sending, setSending] = useState<CompleteStance[]>([]);
  // One save at a time, each computed from the stances as saved by the one before: none overwrites another.
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const [activeRow, setActiveRow] = useState(highlight.stances.length - 1);
  const holderRef = useRef<HTMLInputElement>(null);
  const saved = highlight.stances.map(fromSaved);
  const rows: DraftStance[] = [...saved, ...sending, ...(draft ? [draft] : [])];
  const draftIndex = draft ? rows.length - 1 : -1;

  /** The highlight's stances as saved now (not as of this render). */
  const savedStances = (): CompleteStance[] =>
    (appStore.getState().highlights.find((h) => h.id === highlight.id)?.stances ?? highlight.stances).map(fromSaved);

  const enqueue = (next: () => CompleteStance[]): Promise<boolean> => {
    const job = queue.current.then(async () => {
      const rowsToSave = next();
      const ok = await updateHighlight(highlight.id, { stances: rowsToSave.map(toInput) });
      // New names became new holders or targets: fetch the lists again.
      if (ok && rowsToSave.some((row) => 'name' in row.target || (row.holder && 'name' in row.holder))) {
        await appStore.getState().reloadEntities();
      }
      return ok;
    });
    queue.current = job;
    return job;
  };

  /** Says why `row` cannot be saved beside `others`: the highlight has a stance of that holder toward that target. */
  const repeatsPair = (row: DraftStance, others: readonly DraftStance[]): boolean => {
    if (!row.target || !others.some((other) => samePair(other, row, entities))) return false;
    const holder = row.holder ? entityRefName(row.holder, entities) : 'An unknown holder';
    const message =
      `${holder} already takes a stance toward ${entityRefName(row.target, entities)} in this highlight: ` +
      'change that one, or pick another holder or target.';
    setProblem(message);
    return true;
  };

  const changeRow = (index: number, patch: Partial<DraftStance>): void => {
    setActiveRow(index);
    setProblem(null);
    if (index === draftIndex || (draftRef.current && index >= saved.length + sending.length)) {
      const current = draftRef.current ?? { holder: null, target: null, stance: null, key: draftCounter.current };
      const row = { ...current, ...patch };
      // Refused where it is typed, with the reason; the row and the focus stay, so it can be mended.
      if (!isComplete(row) || repeatsPair(row, [...savedStances(), ...sending])) return setDraft(row);
      setDraft(null);
      setSending((list) => [...list, row]);
      void enqueue(() => [...savedStances(), row]).then((ok) => {
        setSending((list) => list.filter((r) => r !== row));
        // Nothing typed is lost: a row that could not be saved comes back as the draft.
        if (!ok && !draftRef.current) setDraft(row);
      });
      return;
    }
    if (index >= saved.length) return; // still being sent
    const changed = { ...saved[index]!, ...patch };
    if (repeatsPair(changed, [...saved.filter((_, i) => i !== index), ...sending])) return;
    void enqueue(() => savedStances().map((s, i) => (i === index ? { ...s, ...patch } : s)) as CompleteStance[]);
  };

  const removeRow = (index: number): void => {
    setProblem(null);
    if (index === draftIndex) return setDraft(null);
    if (index < saved.length) void enqueue(() => savedStances().filter((_, i) => i !== index));
  };

  const addStance = (): void => {
    draftCounter.current += 1;
    // Rendered and focused before this key event ends, so that typing right after S goes into the holder field.
    flushSync(() => {
      setDraft({ holder: null, target: null, stance: null, key: draftCounter.current });
      setActiveRow(saved.length + sending.length);
    });
    holderRef.current?.focus();
  };

  // S adds a stance; F/A/N/U set the value of the row being worked on — when no text field has the focus.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTextField(event.target)) return;
      const key = event.key.toLowerCase();
      if (key === 's') {
        event.preventDefault();
        addStance();
        return;
      }
      const value = stanceValues.find((v) => STANCE_KEYS[v] === key);
      if (value && rows[activeRow]) {
        event.preventDefault();
        changeRow(activeRow, { stance: value });
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  });

  return (
    <section className="stances" aria-labelledby="stances-heading">
      <div className="section-heading">
        <h3 id="stances-heading">Stances</h3>
        <button type="button" className="link-button" aria-keyshortcuts="S" onClick={addStance}>
          Add stance (S)
        </button>
      </div>
      {rows.length === 0 && <p className="empty">No stance yet.</p>}
      <ul className="stance-list" aria-label="Stances">
        {rows.map((row, index) => (
          <StanceRow
            key={
              index === draftIndex
                ? `draft-${draft!.key}`
                : `${index}:${JSON.stringify(row.holder)}:${JSON.stringify(row.target)}`
            }
            row={row}
            index={index}
            holderRef={index === draftIndex ? holderRef : undefined}
            onFocus={() => setActiveRow(index)}
            onChange={(patch) => changeRow(index, patch)}
            onRemove={() => removeRow(index)}
          />
        ))}
      </ul>
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}

function StanceRow({
  row,
  index,
  holderRef,
  onFocus,
  onChange,
  onRemove,
}: {
  row: DraftStance;
  index: number;
  holderRef?: React.Ref<HTMLInputElement>;
  onFocus(): void;
  onChange(patch: Partial<DraftStance>): void;
  onRemove(): void;
}) {
  const targetRef = useRef<HTMLInputElement>(null);
  const valuesRef = useRef<HTMLDivElement>(null);
  const focusValues = (): void =>
    valuesRef.current?.querySelector<HTMLButtonElement>('[aria-checked="true"], button')?.focus();
  return (
    <li className="stance-row" onFocus={onFocus}>
      <div className="stance-entities">
        <EntityInput
          ref={holderRef}
          role="holder"
          label={`Holder of stance ${index + 1}`}
          value={row.holder}
          onChange={(holder) => onChange({ holder })}
          onEnter={() => targetRef.current?.focus()}
        />
        <span aria-hidden="true">→</span>
        <EntityInput
          ref={targetRef}
          role="target"
          label={`Target of stance ${index + 1}`}
          value={row.target}
          onChange={(target) => target && onChange({ target })}
          onEnter={focusValues}
        />
      </div>
      <div className="stance-values" role="radiogroup" aria-label={`Stance ${index + 1}`} ref={valuesRef}>
        {stanceValues.map((value) => (
          <button
            key={value}
            type="button"
            role="radio"
            aria-checked={row.stance === value}
            aria-keyshortcuts={STANCE_KEYS[value].toUpperCase()}
            className={`stance-value ${value}`}
            onClick={() => onChange({ stance: value })}
          >
            {value}
          </button>
        ))}
        <button
          type="button"
          className="link-button danger"
          aria-label={`Remove stance ${index + 1}`}
          onClick={onRemove}
        >
          Remove
        </button>
      </div>
    </li>
  );
}
