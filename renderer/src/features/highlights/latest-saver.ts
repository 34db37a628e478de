/**
 * Saves text as it is typed without losing a keystroke: one request per key (a highlight's note, a document's memo)
 * at a time, the latest text sent as soon as the one before it is acknowledged, and whatever is still waiting sent
 * at once by {@link LatestSaver.flush} when the page is about to go away (Electron's main process finishes writes
 * under way before it quits).
 */
export interface LatestSaver {
  save(key: string, text: string): void;
  flush(): void;
}

export function latestSaver(send: (key: string, text: string) => Promise<unknown>): LatestSaver {
  const inFlight = new Map<string, Promise<unknown>>();
  const waiting = new Map<string, string>();
  const save = (key: string, text: string): void => {
    if (inFlight.has(key)) {
      waiting.set(key, text);
      return;
    }
    const request = send(key, text).finally(() => {
      inFlight.delete(key);
      const next = waiting.get(key);
      if (next !== undefined) {
        waiting.delete(key);
        save(key, next);
      }
    });
    inFlight.set(key, request);
  };
  return {
    save,
    flush() {
      for (const [key, text] of waiting) {
        waiting.delete(key);
        void send(key, text);
      }
    },
  };
}
