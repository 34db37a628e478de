/**
 * Moving a caret and extending a selection in the (non-editable) article with the keyboard, through the
 * Selection API's `modify`, which Chromium supports on static text: arrows move by character or line, Ctrl/Alt+arrows
 * by word, Home/End to the line's ends; with Shift the selection grows instead.
 */
export function handleCaretKey(
  event: KeyboardEvent,
  firstParagraph: HTMLElement | undefined,
  root: HTMLElement,
): boolean {
  const keys: Record<string, ['forward' | 'backward', 'character' | 'line' | 'lineboundary']> = {
    ArrowLeft: ['backward', 'character'],
    ArrowRight: ['forward', 'character'],
    ArrowUp: ['backward', 'line'],
    ArrowDown: ['forward', 'line'],
    Home: ['backward', 'lineboundary'],
    End: ['forward', 'lineboundary'],
  };
  const entry = keys[event.key];
  if (!entry || event.metaKey) return false;
  const selection = window.getSelection();
  if (!selection) return false;
  if (selection.rangeCount === 0 || !root.contains(selection.anchorNode)) {
    // The first key puts the caret at the start of the article.
    if (!firstParagraph) return false;
    selection.collapse(firstParagraph.firstChild ?? firstParagraph, 0);
    return true;
  }
  const [direction, lineGranularity] = entry;
  const byWord = (event.ctrlKey || event.altKey) && lineGranularity === 'character';
  selection.modify(event.shiftKey ? 'extend' : 'move', direction, byWord ? 'word' : lineGranularity);
  return true;
}

/** Where to draw the caret for a collapsed selection, relative to `container`; null when there is none to draw. */
export function caretRect(container: HTMLElement): { left: number; top: number; height: number } | null {
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0 || !selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  if (!container.contains(range.startContainer)) return null;
  const rect = range.getClientRects()[0] ?? (range.startContainer as Element).getBoundingClientRect?.();
  if (!rect) return null;
  const box = container.getBoundingClientRect();
  return {
    left: rect.left - box.left + container.scrollLeft,
    top: rect.top - box.top + container.scrollTop,
    height: rect.height || 20,
  };
}
