import { useState } from 'react';
import { useAppStore } from '../store/app-store';

/** The annotator's name (recorded on each new highlight) and word snapping. */
export function SettingsBar() {
  const settings = useAppStore((s) => s.settings);
  const updateSettings = useAppStore((s) => s.updateSettings);
  // The field shows the saved name, always (it arrives after the first render); what is typed is a draft until the
  // field is left or Enter pressed, and Escape drops it. So focusing the field and leaving never changes the name.
  const [draft, setDraft] = useState<string | null>(null);
  const commit = (): void => {
    if (draft !== null && draft.trim() !== settings.annotator) void updateSettings({ annotator: draft.trim() });
    setDraft(null);
  };
  return (
    <div className="settings-bar">
      <label className="inline-label">
        Annotator
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
