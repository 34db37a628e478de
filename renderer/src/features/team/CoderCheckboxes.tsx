/** A checkbox per coder, all ticked at first: what is kept is every coder not in `unticked`. */
export function CoderCheckboxes({
  legend,
  coders,
  unticked,
  onChange,
  disabled = false,
  className,
}: {
  legend: string;
  coders: readonly string[];
  unticked: readonly string[];
  onChange(unticked: string[]): void;
  disabled?: boolean;
  className?: string;
}) {
  return (
    <fieldset disabled={disabled} className={className}>
      <legend>{legend}</legend>
      {coders.map((name) => (
        <label key={name} className="choice">
          <input
            type="checkbox"
            checked={!unticked.includes(name)}
            onChange={(e) => onChange(e.target.checked ? unticked.filter((n) => n !== name) : [...unticked, name])}
          />
          {name}
        </label>
      ))}
    </fieldset>
  );
}
