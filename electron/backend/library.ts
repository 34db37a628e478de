import type { HistoryState } from '../../shared/api-contract';
import type { Database } from '../../shared/domain';
import { applyChanges, touchedBy, type Change } from './change-set';
import type { Store } from './store';

interface HistoryEntry {
  label: string;
  changes: Change[];
  /** Consecutive commits with the same key within COALESCE_MS become one undo step (typing a note, say). */
  coalesceKey?: string;
  at: number;
}

const COALESCE_MS = 2_000;
const MAX_HISTORY = 500;

/**
 * The store plus undo: every data change goes through {@link Library.commit}, which applies the change, writes the
 * file, and records the step. A write that fails is rolled back in memory, so memory never holds what the disk does
 * not. Undo and redo are commits too: what is on disk follows them.
 */
export class Library {
  private readonly undoStack: HistoryEntry[] = [];
  private readonly redoStack: HistoryEntry[] = [];

  constructor(
    readonly store: Store,
    private readonly clock: () => number = Date.now,
  ) {}

  get data(): Database {
    return this.store.data;
  }

  async commit(label: string, changes: Change[], options: { coalesceKey?: string } = {}): Promise<void> {
    if (changes.length === 0) return;
    await this.applyAndSave(changes, 'forward');
    const now = this.clock();
    const last = this.undoStack.at(-1);
    if (options.coalesceKey && last?.coalesceKey === options.coalesceKey && now - last.at < COALESCE_MS) {
      last.changes.push(...changes);
      last.at = now;
    } else {
      this.undoStack.push({ label, changes, coalesceKey: options.coalesceKey, at: now });
      if (this.undoStack.length > MAX_HISTORY) this.undoStack.shift();
    }
    this.redoStack.length = 0;
  }

  /** Undoes the last step; null when there is none. */
  async undo(): Promise<string | null> {
    const entry = this.undoStack.at(-1);
    if (!entry) return null;
    await this.applyAndSave(entry.changes, 'backward');
    this.undoStack.pop();
    this.redoStack.push({ ...entry, coalesceKey: undefined });
    return entry.label;
  }

  async redo(): Promise<string | null> {
    const entry = this.redoStack.at(-1);
    if (!entry) return null;
    await this.applyAndSave(entry.changes, 'forward');
    this.redoStack.pop();
    this.undoStack.push({ ...entry, coalesceKey: undefined, at: this.clock() });
    return entry.label;
  }

  history(): HistoryState {
    return {
      undoLabel: this.undoStack.at(-1)?.label ?? null,
      redoLabel: this.redoStack.at(-1)?.label ?? null,
    };
  }

  private async applyAndSave(changes: readonly Change[], direction: 'forward' | 'backward'): Promise<void> {
    applyChanges(this.store.data, changes, direction);
    try {
      await this.store.save(touchedBy(changes));
    } catch (error) {
      applyChanges(this.store.data, changes, direction === 'forward' ? 'backward' : 'forward');
      throw error;
    }
  }
}
