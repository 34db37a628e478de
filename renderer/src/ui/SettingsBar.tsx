import { useState } from 'react';
import { useAppStore } from '../store/app-store';
import { documentCoders } from '../features/highlights/filter-slice';

/** Who is coding (recorded on each new highlight), whose highlights show, and word snapping. */
export function SettingsBar() {
  const settings = useAppStore((s) => s.settings);
  const updateSettings = useAppStore((s) => s.updateSettings);
  const setCoder = useAppStore((s) => s.setCoder);
  // Until the library is open the saved name is not known: a name typed then would be mixed with it when it came.
  const opened = useAppStore((s) => s.loadState === 'ready');
  // The field shows the saved name, always (it arrives after the first render); what is typed is a draft until the
  // field is left or Enter pressed, and Escape drops it. So focusing the field and leaving never changes the name.
  const [draft, setDraft] = useState<string | null>(null);
  const commit = (): void => {
    if (draft !== null && draft.trim() !== settings.annotator) void setCoder(draft);
    setDraft(null);
  };
  return (
    <div className="settings-bar">
      <label className="inline-label">
        Coder
        <input
          value={draft ?? settings.annotator}
          placeholder="Your name"
          size={12}
          disabled={!opened}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
            if (e.key === 'Escape') setDraft(null);
          }}
        />
      </label>
      <LayerSelect />
      <label className="inline-label">
        <input
          type="checkbox"
          checked={settings.snapToWords}
          onChange={(e) => void updateSettings({ snapToWords: e.target.checked })}
        />
        Snap to words
      </label>
    </div>
  );
}

/** Whose highlights the article and the list show: every coder's, one coder's layer, or two coders side by side. */
export function LayerSelect({ label = 'Show' }: { label?: string }) {
  const highlights = useAppStore((s) => s.highlights);
  const coder = useAppStore((s) => s.settings.annotator);
  const layerCoder = useAppStore((s) => s.layerCoder);
  const compareCoder = useAppStore((s) => s.compareCoder);
  const setLayerCoder = useAppStore((s) => s.setLayerCoder);
  const setSideBySide = useAppStore((s) => s.setSideBySide);
  const coders = documentCoders(highlights, coder);
  if (layerCoder !== null && !coders.includes(layerCoder)) coders.push(layerCoder);
  const pairs = coders.flatMap((a, i) => coders.slice(i + 1).map((b) => [a, b] as const));
  const value = compareCoder !== null ? `pair:${layerCoder}\u0000${compareCoder}` : (layerCoder ?? '');
  return (
    <label className="inline-label">
      {label}
      <select
        aria-label="Coder layer"
        value={value}
        onChange={(e) => {
          const chosen = e.target.value;
          if (chosen.startsWith('pair:')) {
            const [left, right] = chosen.slice('pair:'.length).split('\u0000');
            setSideBySide(left!, right!);
          } else setLayerCoder(chosen === '' ? null : chosen);
        }}
      >
        <option value="">All coders</option>
        {coders.map((name) => (
          <option key={name} value={name}>
            {name === coder ? `${name} (you)` : name}
          </option>
        ))}
        {pairs.length > 0 && (
          <optgroup label="Side by side">
            {pairs.map(([a, b]) => (
              <option key={`${a}|${b}`} value={`pair:${a}\u0000${b}`}>
                {a} | {b}
              </option>
            ))}
          </optgroup>
        )}
      </select>
    </label>
  );
}
