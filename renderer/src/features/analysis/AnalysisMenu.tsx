import { useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { useAppStore } from '../../store/app-store';
import type { OpenDialog } from '../../store/ui-slice';

const VIEWS: Array<{ dialog: Exclude<OpenDialog, null>; label: string; shortcut?: string }> = [
  { dialog: 'search', label: 'Search library…', shortcut: 'Control+Shift+F' },
  { dialog: 'coded-segments', label: 'Coded segments…', shortcut: 'Control+Shift+G' },
  { dialog: 'stance-map', label: 'Stance map…', shortcut: 'Control+Shift+M' },
  { dialog: 'tag-matrix', label: 'Tags by document…' },
  { dialog: 'timeline', label: 'Stances over time…', shortcut: 'Control+Shift+L' },
];

/**
 * The toolbar's "Analysis" area: the views across the whole library, behind one button so that the toolbar keeps to
 * one line beside the app's name (each view also has its shortcut, and the Corpus menu in Electron). A disclosure,
 * not a menu widget: Tab moves through its buttons, Escape or leaving it closes it.
 */
export function AnalysisMenu() {
  const setOpenDialog = useAppStore((s) => s.setOpenDialog);
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const close = (event: FocusEvent<HTMLDivElement>): void => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOpen(false);
  };
  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || !open) return;
    event.stopPropagation();
    setOpen(false);
    toggle.current?.focus();
  };
  return (
    <div className="toolbar-menu" onBlur={close} onKeyDown={onKeyDown}>
      <button
        type="button"
        ref={toggle}
        aria-expanded={open}
        aria-controls="analysis-views"
        onClick={() => setOpen(!open)}
      >
        Analysis ▾
      </button>
      {open && (
        <div id="analysis-views" className="toolbar-menu-items" role="group" aria-label="Analysis">
          {VIEWS.map((view) => (
            <button
              key={view.dialog}
              type="button"
              aria-keyshortcuts={view.shortcut}
              onClick={() => {
                setOpen(false);
                setOpenDialog(view.dialog);
              }}
            >
              {view.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
