import type { StateCreator } from 'zustand';
import { callApi } from '../api/client';
import type { AppState } from './app-store';

export interface HistorySlice {
  /** The label of the step last undone or redone, for the status line. */
  lastHistoryAction: string | null;
  /** Counts undo/redo steps, so that editors holding local copies (a note being typed) reload after one. */
  historyVersion: number;
  undo(): Promise<void>;
  redo(): Promise<void>;
}

/** Undo lives in the backend (electron/backend/library.ts) so that the data file follows every step. */
export const createHistorySlice: StateCreator<AppState, [], [], HistorySlice> = (set, get) => {
  const step = async (method: 'undo' | 'redo'): Promise<void> => {
    await get().runChange(async () => {
      const { label, history } = await callApi(method, {});
      await get().refresh();
      set((s) => ({
        lastHistoryAction: label ? `${method === 'undo' ? 'Undid' : 'Redid'}: ${label}` : `Nothing to ${method}`,
        historyVersion: s.historyVersion + 1,
      }));
      return history;
    });
  };
  return {
    lastHistoryAction: null,
    historyVersion: 0,
    undo: () => step('undo'),
    redo: () => step('redo'),
  };
};
