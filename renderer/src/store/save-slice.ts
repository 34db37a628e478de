import type { StateCreator } from 'zustand';
import type { AppState } from './app-store';

export type SaveState = 'idle' | 'saving' | 'saved' | 'failed';

export interface SaveSlice {
  saveState: SaveState;
  saveError: string | null;
  /** Changes sent to the backend and not yet acknowledged (acknowledged means written to disk). */
  writesInFlight: number;
  /** Runs one data-changing call, keeping the saved / saving / failed status true to it. */
  trackWrite<T>(write: () => Promise<T>): Promise<T>;
}

export const createSaveSlice: StateCreator<AppState, [], [], SaveSlice> = (set) => ({
  saveState: 'idle',
  saveError: null,
  writesInFlight: 0,
  async trackWrite(write) {
    set((s) => ({ writesInFlight: s.writesInFlight + 1, saveState: 'saving' }));
    try {
      const value = await write();
      set((s) => ({
        writesInFlight: s.writesInFlight - 1,
        saveState: s.writesInFlight > 1 ? 'saving' : s.saveState === 'failed' ? 'failed' : 'saved',
      }));
      return value;
    } catch (error) {
      set((s) => ({ writesInFlight: s.writesInFlight - 1, saveState: 'failed', saveError: (error as Error).message }));
      throw error;
    }
  },
});
