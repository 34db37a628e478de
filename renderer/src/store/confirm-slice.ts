import type { StateCreator } from 'zustand';
import type { AppState } from './app-store';

export interface PendingConfirmation {
  message: string;
  confirmLabel: string;
  resolve(ok: boolean): void;
}

export interface ConfirmSlice {
  confirmation: PendingConfirmation | null;
  /** Asks the analyst in the app's own dialog (not window.confirm, which blocks and cannot be styled or tested). */
  confirm(message: string, confirmLabel: string): Promise<boolean>;
  answerConfirmation(ok: boolean): void;
}

export const createConfirmSlice: StateCreator<AppState, [], [], ConfirmSlice> = (set, get) => ({
  confirmation: null,
  confirm(message, confirmLabel) {
    get().confirmation?.resolve(false);
    return new Promise((resolve) => set({ confirmation: { message, confirmLabel, resolve } }));
  },
  answerConfirmation(ok) {
    get().confirmation?.resolve(ok);
    set({ confirmation: null });
  },
});
