import type { StateCreator } from 'zustand';
import type { HistoryState } from '../../../shared/api-contract';
import { ApiCallError } from '../api/client';
import type { AppState } from './app-store';

export type SaveState = 'idle' | 'saving' | 'saved' | 'failed';

export interface SaveSlice {
  saveState: SaveState;
  saveError: string | null;
  /** Changes sent to the backend and not yet acknowledged (acknowledged means written to disk). */
  writesInFlight: number;
  /** The change that failed last, to try again from the status bar. */
  retryFailed: (() => Promise<void>) | null;
  canUndo: boolean;
  canRedo: boolean;
  /**
   * Runs one data-changing call and keeps the saved / saving / failed status true to it. On failure nothing the
   * analyst typed or selected is discarded; the status says why and offers to try again. Resolves to success.
   * Any change can be undone and clears redo, unless `write` returns the backend's own history state (undo/redo do),
   * or `undoStep: false` says the change is no undo step (naming the coder), which leaves undo and redo as they were;
   * so does `write` returning 'unchanged' (work the analyst stopped, that changed nothing).
   */
  runChange(
    write: () => Promise<void | HistoryState | 'unchanged'>,
    options?: { undoStep?: boolean },
  ): Promise<boolean>;
}

export const createSaveSlice: StateCreator<AppState, [], [], SaveSlice> = (set, get) => ({
  saveState: 'idle',
  saveError: null,
  writesInFlight: 0,
  retryFailed: null,
  canUndo: false,
  canRedo: false,
  async runChange(write, options = {}) {
    set((s) => ({ writesInFlight: s.writesInFlight + 1, saveState: 'saving' }));
    try {
      const history = await write();
      set((s) => ({
        writesInFlight: s.writesInFlight - 1,
        saveState: s.writesInFlight > 1 ? 'saving' : 'saved',
        saveError: null,
        retryFailed: null,
        ...(options.undoStep === false || history === 'unchanged'
          ? {}
          : {
              canUndo: history ? history.undoLabel !== null : true,
              canRedo: history ? history.redoLabel !== null : false,
            }),
      }));
      return true;
    } catch (error) {
      set((s) => ({
        writesInFlight: s.writesInFlight - 1,
        saveState: 'failed',
        saveError: (error as Error).message,
        // The backend refused the request itself (invalid, gone, or in conflict with another window's change):
        // sending it again cannot succeed, so no retry is offered; only a failed write is worth another try.
        retryFailed: isRefusal(error) ? null : async () => void (await get().runChange(write, options)),
      }));
      return false;
    }
  },
});

function isRefusal(error: unknown): boolean {
  return error instanceof ApiCallError && error.error.code !== 'internal';
}
