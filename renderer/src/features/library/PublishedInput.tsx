/** The day and (optional) time of a publication date, as two native pickers. */
export interface PublishedParts {
  day: string;
  time: string;
}

/** A stored date's parts for the pickers: `2025-05-14T09:30:00Z` → day 2025-05-14, time 09:30. */
export function publishedParts(value: string | undefined): PublishedParts {
  return { day: value?.slice(0, 10) ?? '', time: value?.slice(11, 16) ?? '' };
}

/** The date to store from the pickers: a day, or a day and time; an error when a time has no day. */
export function publishedValue({ day, time }: PublishedParts): { value: string } | { error: string } {
  if (!day) return time ? { error: 'Choose the day of the publication time.' } : { value: '' };
  return { value: time ? `${day}T${time}` : day };
}

export function PublishedInput({
  parts,
  onChange,
  textKept,
}: {
  parts: PublishedParts;
  onChange(parts: PublishedParts): void;
  /** A date an earlier version kept as text (it could not be read as one): shown until a day is chosen. */
  textKept?: string;
}) {
  return (
    <fieldset className="published-input">
      <legend>Published</legend>
      <label>
        Day
        <input type="date" value={parts.day} onChange={(e) => onChange({ ...parts, day: e.target.value })} />
      </label>
      <label>
        Time (optional)
        <input type="time" value={parts.time} onChange={(e) => onChange({ ...parts, time: e.target.value })} />
      </label>
      {textKept && !parts.day && (
        <p className="hint">Written as “{textKept}”, which is not a date: choose the day it means.</p>
      )}
    </fieldset>
  );
}
