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

/** Which row keys and edits go to: a saved stance by its place, or the draft (whose place moves as saves land). */
type RowRef = number | 'draft';

/** A completed stance on its way to the backend: `savedAt` is its place among the saved stances once acknowledged. */
interface SendingStance {
  id: number;
  row: CompleteStance;
  savedAt: number | null;
}

/** A row as shown, and what editing it changes (`null`: a stance still being sent, not editable yet). */
interface ShownRow {
  row: DraftStance;
  ref: RowRef | null;
  reactKey: string;
}

/**
 * The rows as shown: the saved stances, those still being sent, then the draft. A stance just saved whose new holder
 * or target names are still being fetched is shown once, at its saved place, with the names as typed.
 */
function shownRows(
  saved: readonly CompleteStance[],
  sending: readonly SendingStance[],
  draft: (DraftStance & { key: number }) | null,
): ShownRow[] {
  const landed = new Map(sending.flatMap((s) => (s.savedAt === null ? [] : [[s.savedAt, s.row] as const])));
  const rows: ShownRow[] = saved.map((stance, index) => {
    const typed = landed.get(index);
    const row = typed && typed.stance === stance.stance ? typed : stance;
    return { row, ref: index, reactKey: `${index}:${JSON.stringify(stance.holder)}:${JSON.stringify(stance.target)}` };
  });
  sending.forEach((s) => {
    if (s.savedAt === null) rows.push({ row: s.row, ref: null, reactKey: `sending-${s.id}` });
  });
  if (draft) rows.push({ row: draft, ref: 'draft', reactKey: `draft-${draft.key}` });
  return rows;
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
  const [sending, setSending] = useState<SendingStance[]>([]);
  // One save at a time, each computed from the stances as saved by the one before: none overwrites another.
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  // The draft is named as such, not by its place: a save landing meanwhile moves it down the list.
  const [activeRow, setActiveRow] = useState<RowRef>(highlight.stances.length - 1);
  const holderRef = useRef<HTMLInputElement>(null);
  const saved = highlight.stances.map(fromSaved);
  const rows = shownRows(saved, sending, draft);

  /** The highlight's stances as saved now (not as of this render). */
  const savedStances = (): CompleteStance[] =>
    (appStore.getState().highlights.find((h) => h.id === highlight.id)?.stances ?? highlight.stances).map(fromSaved);

  /** Saves the stances `next` computes; `onSaved` hears of the acknowledgement before new names are fetched. */
  const enqueue = (next: () => CompleteStance[], onSaved?: (rowsSaved: CompleteStance[]) => void): Promise<boolean> => {
    const job = queue.current.then(async () => {
      const rowsToSave = next();
      const ok = await updateHighlight(highlight.id, { stances: rowsToSave.map(toInput) });
      if (ok) onSaved?.(rowsToSave);
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

  const pending = (): CompleteStance[] => sending.filter((s) => s.savedAt === null).map((s) => s.row);

  const changeDraft = (patch: Partial<DraftStance>): void => {
    const current = draftRef.current ?? { holder: null, target: null, stance: null, key: draftCounter.current };
    const row = { ...current, ...patch };
    // Refused where it is typed, with the reason; the row and the focus stay, so it can be mended.
    if (!isComplete(row) || repeatsPair(row, [...savedStances(), ...pending()])) return setDraft(row);
    setDraft(null);
    draftCounter.current += 1;
    const entry: SendingStance = { id: draftCounter.current, row, savedAt: null };
    setSending((list) => [...list, entry]);
    const landed = (rowsSaved: CompleteStance[]): void => {
      const savedAt = rowsSaved.length - 1;
      setSending((list) => list.map((s) => (s.id === entry.id ? { ...s, savedAt } : s)));
      // Keys pressed next (F/A/N/U) go to the stance just saved, unless a new draft was opened meanwhile.
      setActiveRow((current) => (current === 'draft' && !draftRef.current ? savedAt : current));
    };
    void enqueue(() => [...savedStances(), row], landed).then((ok) => {
      setSending((list) => list.filter((s) => s.id !== entry.id));
      // Nothing typed is lost: a row that could not be saved comes back as the draft.
      if (!ok && !draftRef.current) setDraft(row);
    });
  };

  const changeRow = (ref: RowRef | null, patch: Partial<DraftStance>): void => {
    if (ref === null) return; // still being sent
    setActiveRow(ref);
    setProblem(null);
    if (ref === 'draft') return changeDraft(patch);
    const current = saved[ref];
    if (!current) return;
    const changed = { ...current, ...patch };
    if (repeatsPair(changed, [...saved.filter((_, i) => i !== ref), ...pending()])) return;
    void enqueue(() => savedStances().map((s, i) => (i === ref ? { ...s, ...patch } : s)) as CompleteStance[]);
  };

  const removeRow = (ref: RowRef | null): void => {
    setProblem(null);
    if (ref === 'draft') return setDraft(null);
    if (ref !== null && ref < saved.length) void enqueue(() => savedStances().filter((_, i) => i !== ref));
  };

  const addStance = (): void => {
    draftCounter.current += 1;
    // Rendered and focused before this key event ends, so that typing right after S goes into the holder field.
    flushSync(() => {
      setDraft({ holder: null, target: null, stance: null, key: draftCounter.current });
      setActiveRow('draft');
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
      const hasRow = activeRow === 'draft' ? draftRef.current !== null : saved[activeRow] !== undefined;
      if (value && hasRow) {
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
        {rows.map(({ row, ref, reactKey }, index) => (
          <StanceRow
            key={reactKey}
            row={row}
            index={index}
            holderRef={ref === 'draft' ? holderRef : undefined}
            onFocus={() => ref !== null && setActiveRow(ref)}
            onChange={(patch) => changeRow(ref, patch)}
            onRemove={() => removeRow(ref)}
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
