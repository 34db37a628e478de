import { useState, type SelectHTMLAttributes } from 'react';

export interface Choice {
  value: string;
  label: string;
}

/**
 * A <select> repeated on every row of a long list (each holder's "Merge into", each tag's "Parent"), whose options
 * are made when it is first focused or pressed rather than with its row: a thousand rows of a thousand options made
 * the holders dialog take 84 s to open. Until then it holds its empty choice and the current one.
 */
export function DeferredSelect({
  value,
  emptyLabel,
  current,
  choices,
  onChoose,
  ...attributes
}: {
  value: string;
  /** The first option, of value "": "(top level)", "Merge into…". */
  emptyLabel: string;
  /** The choice `value` names, shown before the others are made; undefined when `value` is "". */
  current?: Choice;
  /** Every choice, asked for once the select is first focused or pressed. */
  choices(): readonly Choice[];
  onChoose(value: string): void;
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange' | 'children'>) {
  const [filled, setFilled] = useState(false);
  const shown = filled ? choices() : current ? [current] : [];
  return (
    <select
      {...attributes}
      value={value}
      onFocus={() => setFilled(true)}
      onMouseDown={() => setFilled(true)}
      onChange={(e) => onChoose(e.target.value)}
    >
      <option value="">{emptyLabel}</option>
      {shown.map((choice) => (
        <option key={choice.value} value={choice.value}>
          {choice.label}
        </option>
      ))}
    </select>
  );
}
