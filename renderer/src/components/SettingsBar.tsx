import { useState } from 'react';
import { useAppStore } from '../store/app-store';
import { documentCoders } from '../store/filter-slice';

/** Who is coding (recorded on each new highlight), whose highlights show, and word snapping. */
export function SettingsBar() {
  const settings = useAppStore((s) => s.settings);
  const updateSettings = useAppStore((s) => s.updateSettings);
  const setCoder = useAppStore((s) => s.setCoder);
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

/** Whose highlights the article and the list show: every coder's, or one coder's layer. */
export function LayerSelect({ label = 'Show' }: { label?: string }) {
  const highlights = useAppStore((s) => s.highlights);
  const coder = useAppStore((s) => s.settings.annotator);
  const layerCoder = useAppStore((s) => s.layerCoder);
  const setLayerCoder = useAppStore((s) => s.setLayerCoder);
  const coders = documentCoders(highlights, coder);
  if (layerCoder !== null && !coders.includes(layerCoder)) coders.push(layerCoder);
  return (
    <label className="inline-label">
      {label}
      <select
        aria-label="Coder layer"
        value={layerCoder ?? ''}
        onChange={(e) => setLayerCoder(e.target.value === '' ? null : e.target.value)}
      >
        <option value="">All coders</option>
        {coders.map((name) => (
          <option key={name} value={name}>
            {name === coder ? `${name} (you)` : name}
          </option>
        ))}
      </select>
    </label>
  );
}
