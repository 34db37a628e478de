import { appStore } from './app-store';

/**
 * Saves a note as it is typed without losing a keystroke: one request per highlight at a time, the latest text
 * sent as soon as the one before it is acknowledged, and whatever is still waiting sent at once when the page is
 * about to go away (Electron's main process finishes writes under way before it quits).
 */
const inFlight = new Map<string, Promise<unknown>>();
const waiting = new Map<string, string>();

export function saveNote(highlightId: string, note: string): void {
  if (inFlight.has(highlightId)) {
    waiting.set(highlightId, note);
    return;
  }
  const request = appStore
    .getState()
    .updateHighlight(highlightId, { note })
    .finally(() => {
      inFlight.delete(highlightId);
      const next = waiting.get(highlightId);
      if (next !== undefined) {
        waiting.delete(highlightId);
        saveNote(highlightId, next);
      }
    });
  inFlight.set(highlightId, request);
}

/** Sends every note still waiting, without waiting for the requests before it. */
export function flushNotes(): void {
  for (const [highlightId, note] of waiting) {
    waiting.delete(highlightId);
    void appStore.getState().updateHighlight(highlightId, { note });
  }
}
