import { useState } from 'react';
import { useAppStore } from '../store/app-store';

/** The annotator's name (recorded on each new highlight) and word snapping. */
export function SettingsBar() {
  const settings = useAppStore((s) => s.settings);
  const updateSettings = useAppStore((s) => s.updateSettings);
  const [annotator, setAnnotator] = useState(settings.annotator);
  const commit = (): void => {
    if (annotator.trim() !== settings.annotator) void updateSettings({ annotator: annotator.trim() });
  };
  return (
    <div className="settings-bar">
      <label className="inline-label">
        Annotator
        <input
          value={annotator}
          placeholder="Your name"
          size={12}
          onChange={(e) => setAnnotator(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => e.key === 'Enter' && commit()}
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
