import { appStore } from '../../store/app-store';
import { latestSaver } from './latest-saver';

const notes = latestSaver((highlightId, note) => appStore.getState().updateHighlight(highlightId, { note }));
const memos = latestSaver((documentId, memo) => appStore.getState().updateDocumentMeta(documentId, { memo }));

/** Saves a highlight's note as it is typed (latest-saver.ts). */
export const saveNote = (highlightId: string, note: string): void => notes.save(highlightId, note);

/** Saves a document's memo as it is typed (latest-saver.ts). */
export const saveMemo = (documentId: string, memo: string): void => memos.save(documentId, memo);

/** Sends every note and memo still waiting, without waiting for the requests before them. */
export function flushNotes(): void {
  notes.flush();
  memos.flush();
}
