import type { HistoryState } from '../../shared/api-contract';
import type { Database, Highlight } from '../../shared/domain';
import type { AnalysisLibrary } from '../../shared/analysis/analysis-filter';
import { pushAll } from '../../shared/collections';
import { ApiFailure } from './api-error';
import { ByRecord } from './by-record';
import {
  danglingReferencesAfter,
  forEachRecordOf,
  recordsPutBy,
  takingBack,
  touchedBy,
  type Change,
} from './change-set';
import { currentClientId } from './client-session';
import type { RecoverableDocument } from './storage/recovery';
import { UnwrittenRecords } from './unwritten-records';
import type { Listing, ListingLists, Store } from './store';

/** Which step last changed each record (change-set.ts's `forEachRecordOf`); none: no step since the start. */
type Stamps = ByRecord<object>;

/**
 * The stamps an entry's records carry while nobody else has changed them: after it is applied, one stamp on all of
 * them (kept once, not once per record: a step over 200,000 highlights built a map of 200,000 for it); after it is
 * undone, each the stamp it had before.
 */
type Expected = { all: object } | { each: Stamps };

const expectedStamp = (expected: Expected, kind: string, id: string): object | undefined =>
  'all' in expected ? expected.all : expected.each.get(kind, id);

interface HistoryEntry {
  label: string;
  changes: Change[];
  /** The records the step changes. */
  keys: ByRecord<true>;
  /** The stamps its records had before it was applied: what undoing it puts back. */
  before: Stamps;
  /** The stamps its records have while nobody else has changed them since it was applied, or undone. */
  expected: Expected;
  /** Consecutive commits with the same key within COALESCE_MS become one undo step (typing a note, say). */
  coalesceKey?: string;
  at: number;
}

interface ClientHistory {
  undo: HistoryEntry[];
  redo: HistoryEntry[];
}

const COALESCE_MS = 2_000;
const MAX_HISTORY = 500;

/**
 * The store plus undo: every data change goes through {@link Library.commit}, which applies the change, writes the
 * files, and records the step. A write that fails is rolled back in memory, so memory never holds what the disk does
 * not. Undo and redo are commits too: what is on disk follows them.
 *
 * History is per client session (`currentClientId`: a window, a tab): each client undoes its own steps only. Every
 * applied step stamps the records it changed; a step is undone (or redone) only if its records still carry the stamps
 * it left, that is, no later step of any client changed them, and only if undoing it leaves nothing pointing at a
 * record it removes. Otherwise the undo is refused with the reason and the history stays as it was. Histories and
 * stamps change in the same synchronous turn as the data in memory, so any interleaving of requests keeps them true.
 */
export class Library {
  private readonly histories = new Map<string, ClientHistory>();
  private readonly stamps: Stamps = new ByRecord();
  /** Stamps of steps taken back while a later step covered them, with what to put back in their place. */
  private readonly stampsInstead = new ByRecord<Map<object, object | undefined>>();
  /** Records a failed write made that a later step built on, with what the disk holds instead (`takingBack`). */
  private readonly unwritten = new UnwrittenRecords();

  constructor(
    private readonly store: Store,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The whole library, once {@link loaded}. Records are read-only: a change goes through commit or remember. */
  get data(): Database {
    return this.store.data;
  }

  /*
   * What the handlers read, passed through from the store: the handlers reach the library only through this class,
   * and only it writes.
   */

  /** Resolves once every document is read (starting the reading if it has not started). */
  get loaded(): Promise<void> {
    return this.store.loaded;
  }

  /** Resolves once every document is read, without starting the reading. */
  get onceLoaded(): Promise<void> {
    return this.store.onceLoaded;
  }

  get isLoaded(): boolean {
    return this.store.isLoaded;
  }

  /** What the library file lists: at hand just after start-up, before the documents are read. */
  listing(): Listing {
    return this.store.listing();
  }

  /** The listing's small lists and the first document's id, without the documents' entries. */
  lists(): ListingLists {
    return this.store.lists();
  }

  /** Changes with every change of the library's data (store.ts): a listing stays what it was while this does. */
  get revision(): number {
    return this.store.revision;
  }

  /** The documents as the library file listed them when it opened (null for a library opened whole). */
  listingAtOpen(): Listing['documents'] | null {
    return this.store.listingAtOpen();
  }

  /** What the analyst should be told about opening the library. */
  get notices(): readonly string[] {
    return this.store.notices;
  }

  recoverable(): RecoverableDocument[] {
    return this.store.recoverable();
  }

  /** The highlight with this id, if there is one. */
  highlight(id: string): Highlight | undefined {
    return this.store.highlight(id);
  }

  /** One document's highlights as held now (placed and orphaned). */
  highlightsIn(documentId: string): readonly Highlight[] {
    return this.store.highlightsOf([documentId]).get(documentId) ?? [];
  }

  /** The library as the analyses read it, with each document's highlights at hand (analysis-filter.ts). */
  get forAnalysis(): AnalysisLibrary {
    const { documents, tags, entities, variables, highlights } = this.store.data;
    return {
      documents,
      tags,
      entities,
      variables,
      highlights,
      highlightsOf: (documentIds) => this.store.highlightsOf(documentIds),
    };
  }

  openDocument(documentId: string): ReturnType<Store['openDocument']> {
    return this.store.openDocument(documentId);
  }

  async commit(label: string, changes: Change[], options: { coalesceKey?: string } = {}): Promise<void> {
    if (changes.length === 0) return;
    const history = this.clientHistory();
    const now = this.clock();
    const last = history.undo.at(-1);
    const coalesce =
      options.coalesceKey !== undefined &&
      last?.coalesceKey === options.coalesceKey &&
      now - last.at < COALESCE_MS &&
      this.isUntouched(last);
    const entry: HistoryEntry = coalesce
      ? last!
      : {
          label,
          changes: [],
          keys: new ByRecord(),
          before: new ByRecord(),
          expected: { each: new ByRecord() },
          coalesceKey: options.coalesceKey,
          at: now,
        };
    const restore = this.snapshot(entry, changes);
    const redone = history.redo.splice(0);
    this.store.apply(changes, 'forward');
    pushAll(entry.changes, changes);
    entry.at = now;
    this.stampForward(entry, changes);
    if (!coalesce) {
      history.undo.push(entry);
      if (history.undo.length > MAX_HISTORY) history.undo.shift();
    }
    try {
      await this.store.save(touchedBy(changes));
    } catch (error) {
      this.takeBack(changes, 'forward');
      entry.changes.length -= changes.length;
      restore();
      if (!coalesce) removeEntry(history.undo, entry);
      if (history.redo.length === 0) history.redo.push(...redone);
      throw error;
    }
    this.unwritten.written(recordsPutBy(changes, 'forward'));
  }

  /**
   * Saves a change that is no undo step (where the analyst is reading, the document last opened): the same write
   * path and rollback as {@link commit}, without a history entry or stamps, so it never stands in an undo's way.
   */
  async remember(changes: Change[]): Promise<void> {
    this.store.apply(changes, 'forward');
    try {
      await this.store.save(touchedBy(changes));
    } catch (error) {
      this.takeBack(changes, 'forward');
      throw error;
    }
  }

  /** Undoes this client's last step; null when there is none. */
  async undo(): Promise<string | null> {
    const history = this.clientHistory();
    const entry = history.undo.at(-1);
    return entry ? this.move(entry, 'undo', history.undo, history.redo) : null;
  }

  /** Redoes this client's last undone step; null when there is none. */
  async redo(): Promise<string | null> {
    const history = this.clientHistory();
    const entry = history.redo.at(-1);
    return entry ? this.move(entry, 'redo', history.redo, history.undo) : null;
  }

  /** This client's next undo and redo. */
  history(): HistoryState {
    const history = this.histories.get(currentClientId());
    return {
      undoLabel: history?.undo.at(-1)?.label ?? null,
      redoLabel: history?.redo.at(-1)?.label ?? null,
    };
  }

  /** Undoes or redoes a step, moving it from one of this client's stacks to the other, and saves. */
  private async move(
    entry: HistoryEntry,
    action: 'undo' | 'redo',
    from: HistoryEntry[],
    to: HistoryEntry[],
  ): Promise<string> {
    const direction = action === 'undo' ? 'backward' : 'forward';
    this.check(entry, action, direction);
    const restore = this.snapshot(entry, []);
    this.store.apply(entry.changes, direction);
    if (action === 'undo') this.stampBackward(entry);
    else this.stampForward(entry, []);
    removeEntry(from, entry);
    const { coalesceKey, at } = entry;
    entry.coalesceKey = undefined;
    entry.at = this.clock();
    to.push(entry);
    try {
      await this.store.save(touchedBy(entry.changes));
    } catch (error) {
      this.takeBack(entry.changes, direction);
      restore();
      Object.assign(entry, { coalesceKey, at });
      removeEntry(to, entry);
      from.push(entry);
      throw error;
    }
    this.unwritten.written(recordsPutBy(entry.changes, direction));
    return entry.label;
  }

  /**
   * Takes back in memory what `changes`, run in `direction`, did, once their write has failed: what is on disk never
   * had them. Not what a step applied since (its write still to come) has built on (change-set.ts's `takingBack`).
   */
  private takeBack(changes: readonly Change[], direction: 'forward' | 'backward'): void {
    const highlight = (id: string) => this.store.highlight(id);
    this.store.apply(takingBack(this.store.data, changes, direction, highlight, this.unwritten), 'backward');
  }

  /** Refuses an undo or redo that would overwrite a later change of another step, or leave references dangling. */
  private check(entry: HistoryEntry, action: 'undo' | 'redo', direction: 'forward' | 'backward'): void {
    if (!this.isUntouched(entry)) {
      throw new ApiFailure(
        'conflict',
        `Cannot ${action} "${entry.label}": what it changed has been changed since (in another window or tab).`,
      );
    }
    const dangling = danglingReferencesAfter(this.store.data, entry.changes, direction);
    if (dangling) {
      throw new ApiFailure(
        'conflict',
        `Cannot ${action} "${entry.label}": ${dangling} (added since, in another window or tab).`,
      );
    }
  }

  /** Whether no other step has changed any of the entry's records since it was last applied or undone. */
  private isUntouched(entry: HistoryEntry): boolean {
    const { expected, keys } = entry;
    return keys.every((_, kind, id) => this.stamps.get(kind, id) === expectedStamp(expected, kind, id));
  }

  /** The entry applied (again), with the records of `newChanges` among its own: a new stamp on all of them. */
  private stampForward(entry: HistoryEntry, newChanges: readonly Change[]): void {
    const { keys, before } = entry;
    forEachRecordOf(newChanges, (kind, id) => {
      if (keys.has(kind, id)) return; // one of the entry's records already
      keys.set(kind, id, true);
      // A record no step has changed since the start has no stamp: `before` keeps none for it either.
      const earlier = this.stamps.get(kind, id);
      if (earlier !== undefined) before.set(kind, id, earlier);
    });
    const stamp = {};
    keys.forEach((_, kind, id) => this.stamps.set(kind, id, stamp));
    entry.expected = { all: stamp };
  }

  /** The entry undone: its records carry again the stamps they had before it. */
  private stampBackward(entry: HistoryEntry): void {
    const { before } = entry;
    entry.keys.forEach((_, kind, id) =>
      setStamp(this.stamps, kind, id, this.stampInstead(kind, id, before.get(kind, id))),
    );
    // Shared, not copied: `before` changes only in stampForward, which replaces `expected` too.
    entry.expected = { each: before };
  }

  /**
   * What puts the entry and the stamps of its records (and of `newChanges`'s) back as they are now. Called only while
   * the entry's records carry the stamps it expects (a new entry has none; a step coalesced into one, an undo and a
   * redo check it first), so what they carry now need not be copied: the entry's own records carry `expected`, and
   * each new one what stampForward notes in `before` (a step over 200,000 highlights copied 200,000 stamps here).
   */
  private snapshot(entry: HistoryEntry, newChanges: readonly Change[]): () => void {
    // Only new records change the entry's sets (stampForward): an undo or redo of 200,000 changes need not copy them.
    const copy = newChanges.length > 0;
    const saved = {
      keys: copy ? entry.keys.copy() : entry.keys,
      before: copy ? entry.before.copy() : entry.before,
      expected: entry.expected,
    };
    return () => {
      const { keys, before, expected } = entry;
      keys.forEach((_, kind, id) => {
        const ours = expectedStamp(expected, kind, id);
        const had = saved.keys.has(kind, id);
        const back = this.stampInstead(kind, id, had ? expectedStamp(saved.expected, kind, id) : before.get(kind, id));
        // Only the stamps this step set: a step applied meanwhile on top keeps its own, and will put back ours when
        // it is taken back in turn; it must then put back what we put back now.
        if (this.stamps.get(kind, id) === ours) setStamp(this.stamps, kind, id, back);
        else if (ours !== undefined) this.stampsInstead.entry(kind, id, () => new Map()).set(ours, back);
      });
      Object.assign(entry, saved);
    };
  }

  /**
   * The stamp to put back on a record in place of `stamp`: `stamp` itself, unless a step that set it was taken back
   * while a later step's stamp covered it (`stampsInstead`). Without this, taking back that later step put back the
   * stamp of a step that never happened, and an undo it did not belong to passed its check.
   */
  private stampInstead(kind: string, id: string, stamp: object | undefined): object | undefined {
    if (this.stampsInstead.size === 0) return stamp;
    const instead = this.stampsInstead.get(kind, id);
    if (!instead) return stamp;
    // Each replacement is a later or an earlier step's stamp; however they chain, never more hops than there are.
    for (let hops = 0; stamp !== undefined && instead.has(stamp) && hops < instead.size; hops++) {
      stamp = instead.get(stamp);
    }
    return stamp;
  }

  private clientHistory(): ClientHistory {
    const clientId = currentClientId();
    let history = this.histories.get(clientId);
    if (!history) {
      history = { undo: [], redo: [] };
      this.histories.set(clientId, history);
    }
    return history;
  }
}

function setStamp(stamps: Stamps, kind: string, id: string, stamp: object | undefined): void {
  if (stamp === undefined) stamps.delete(kind, id);
  else stamps.set(kind, id, stamp);
}

function removeEntry(list: HistoryEntry[], entry: HistoryEntry): void {
  const index = list.lastIndexOf(entry);
  if (index >= 0) list.splice(index, 1);
}
