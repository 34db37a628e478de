import type { StateCreator } from 'zustand';
import type { AppState } from './app-store';

/** The analyst's answer: the action asked about, the other action offered, or neither. */
export type ConfirmAnswer = 'confirm' | 'alternative' | 'cancel';

export interface PendingConfirmation {
  message: string;
  confirmLabel: string;
  /** A second way forward offered beside the first (e.g. "Add as a new document" beside "Replace its text"). */
  alternativeLabel?: string;
  resolve(answer: ConfirmAnswer): void;
}

export interface ConfirmSlice {
  confirmation: PendingConfirmation | null;
  /** Asks the analyst in the app's own dialog (not window.confirm, which blocks and cannot be styled or tested). */
  confirm(message: string, confirmLabel: string): Promise<boolean>;
  /** Asks with two ways forward and Cancel. */
  choose(message: string, confirmLabel: string, alternativeLabel: string): Promise<ConfirmAnswer>;
  answerConfirmation(answer: boolean | ConfirmAnswer): void;
}

export const createConfirmSlice: StateCreator<AppState, [], [], ConfirmSlice> = (set, get) => ({
  confirmation: null,
  async confirm(message, confirmLabel) {
    get().confirmation?.resolve('cancel');
    const answer = await new Promise<ConfirmAnswer>((resolve) =>
      set({ confirmation: { message, confirmLabel, resolve } }),
    );
    return answer === 'confirm';
  },
  choose(message, confirmLabel, alternativeLabel) {
    get().confirmation?.resolve('cancel');
    return new Promise((resolve) => set({ confirmation: { message, confirmLabel, alternativeLabel, resolve } }));
  },
  answerConfirmation(answer) {
    get().confirmation?.resolve(answer === true ? 'confirm' : answer === false ? 'cancel' : answer);
    set({ confirmation: null });
  },
});
