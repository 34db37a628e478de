import type { StateCreator } from 'zustand';
import type { AppState } from '../../store/app-store';
import { latestSaver } from './latest-saver';

/** Notes and memos saved as they are typed, a key at a time (latest-saver.ts); the savers belong to the store. */
export interface NoteSlice {
  /** Saves a highlight's note as it is typed. */
  saveNote(highlightId: string, note: string): void;
  /** Saves a document's memo as it is typed. */
  saveMemo(documentId: string, memo: string): void;
  /** Sends every note and memo still waiting, without waiting for the requests before them (the page is going). */
  flushNotes(): void;
}

export const createNoteSlice: StateCreator<AppState, [], [], NoteSlice> = (_set, get) => {
  const notes = latestSaver((highlightId, note) => get().updateHighlight(highlightId, { note }));
  const memos = latestSaver((documentId, memo) => get().updateDocumentMeta(documentId, { memo }));
  return {
    saveNote: (highlightId, note) => notes.save(highlightId, note),
    saveMemo: (documentId, memo) => memos.save(documentId, memo),
    flushNotes() {
      notes.flush();
      memos.flush();
    },
  };
};
