import { entryIn } from '../../shared/collections';
import type { Database, Entity, Highlight, Settings, StoredDocument, Tag, Variable } from '../../shared/domain';
import type { UnwrittenRecords } from './unwritten-records';

/**
 * A data change as a list of small, invertible steps. Handlers describe what they change; the library applies the
 * steps, writes the file, and keeps them for undo — so undo and redo are the same steps run the other way, for every
 * kind of change alike, and what is on disk follows.
 */
interface RecordTypes {
  documents: StoredDocument;
  tags: Tag;
  entities: Entity;
  variables: Variable;
  highlights: Highlight;
}
export type Collection = keyof RecordTypes;

export type RecordChange = {
  [C in Collection]: {
    kind: 'record';
    collection: C;
    before: RecordTypes[C] | null;
    after: RecordTypes[C] | null;
    /** Where a removed record stood, noted when it is removed, so that undoing puts it back in its place. */
    index?: number;
  };
}[Collection];

export type Change =
  | RecordChange
  | { kind: 'settings'; before: Settings; after: Settings }
  /** The codebook's order, as tag ids. */
  | { kind: 'tag-order'; before: string[]; after: string[] };

export const insert = <C extends Collection>(collection: C, record: RecordTypes[C]): Change =>
  ({ kind: 'record', collection, before: null, after: record }) as Change;

export const replace = <C extends Collection>(collection: C, before: RecordTypes[C], after: RecordTypes[C]): Change =>
  ({ kind: 'record', collection, before, after }) as Change;

export const remove = <C extends Collection>(collection: C, record: RecordTypes[C]): Change =>
  ({ kind: 'record', collection, before: record, after: null }) as Change;

/** Runs `changes` forwards, or backwards (in reverse order, each inverted) to undo them. */
export function applyChanges(data: Database, changes: readonly Change[], direction: 'forward' | 'backward'): void {
  const steps = direction === 'forward' ? changes : [...changes].reverse();
  const positions = new RecordPositions(data, sought(steps, direction));
  for (let i = 0; i < steps.length; i++) {
    const change = steps[i]!;
    const [from, to] = direction === 'forward' ? [change.before, change.after] : [change.after, change.before];
    const removals = change.kind === 'record' && from && !to ? removalRun(steps, i, direction) : [];
    if (removals.length > 1) {
      // Thousands of removals in a row (undoing "Code all matches"): one pass over the list, not a search each.
      removeMany(data, removals, direction);
      positions.moved(removals[0]!.collection);
      i += removals.length - 1;
      continue;
    }
    switch (change.kind) {
      case 'record':
        applyRecord(data, change, from as { id: string } | null, to as { id: string } | null, positions);
        break;
      case 'settings': {
        // Only the fields the change changed: where the analyst is reading is saved apart from undo steps, and
        // undoing a setting must not move it.
        const [f, t] = [from as Settings, to as Settings];
        // Both sides' keys: an optional setting absent before the change is taken away again by its undo.
        const keys = new Set([...Object.keys(f), ...Object.keys(t)]) as Set<keyof Settings>;
        const changed = [...keys].filter((key) => f[key] !== t[key]);
        data.settings = { ...data.settings, ...Object.fromEntries(changed.map((key) => [key, t[key]])) };
        break;
      }
      case 'tag-order': {
        const order = new Map((to as string[]).map((id, i) => [id, i]));
        data.tags = [...data.tags].sort((a, b) => (order.get(a.id) ?? Infinity) - (order.get(b.id) ?? Infinity));
        break;
      }
      default:
        throw new Error(`Unknown change ${JSON.stringify(change satisfies never)}`);
    }
  }
}

/**
 * Where the records a step replaces or removes are in their lists. A step with few of them in a list finds each by a
 * scan; one with more finds them all in one pass over the list, which notes where each is (a replaced text moves
 * 10,000 highlights; deleting a tag replaces 200,000 of a million, where sixteen scans of the million and then an
 * index of every highlight took most of the 0.2 s at the bench's scale, and seconds at ten times). An insertion or
 * removal moves records, so it drops the list's positions, found again at the next lookup.
 */
class RecordPositions {
  private readonly positions = new Map<Collection, Map<object, number>>();

  /** `sought`: the records the step looks up (replaces or removes), by collection. */
  constructor(
    private readonly data: Database,
    private readonly sought: ReadonlyMap<Collection, ReadonlySet<object>>,
  ) {}

  /**
   * Where `record` is in its list, or a record with its id, -1 when none is. The records are found by identity (a step
   * names the very records it changes, and a record is never changed in place): a pass over a million highlights asks
   * each only whether it is one of those, without reading its id.
   */
  indexOf(collection: Collection, record: { id: string }): number {
    const list = this.data[collection] as Array<{ id: string }>;
    const sought = this.sought.get(collection);
    let at = -1;
    if (sought && sought.size > SCANS) {
      let positions = this.positions.get(collection);
      if (!positions) {
        positions = new Map();
        for (let i = 0; i < list.length; i++) if (sought.has(list[i]!)) positions.set(list[i]!, i);
        this.positions.set(collection, positions);
      }
      at = positions.get(record) ?? -1;
    }
    // A few lookups, or a record with this id that is not this very one: a scan.
    return at >= 0 ? at : list.findIndex((r) => r.id === record.id);
  }

  moved(collection: Collection): void {
    this.positions.delete(collection);
  }
}

/** Lookups in one list that a step makes by scanning it each time; beyond them, it notes where they all are at once. */
const SCANS = 16;

/** The records that `steps` replace or remove, by collection: what {@link RecordPositions} looks up. */
function sought(steps: readonly Change[], direction: 'forward' | 'backward'): Map<Collection, Set<object>> {
  const records = new Map<Collection, Set<object>>();
  for (const change of steps) {
    if (change.kind !== 'record') continue;
    const from = direction === 'forward' ? change.before : change.after;
    if (from) entryIn(records, change.collection, () => new Set()).add(from);
  }
  return records;
}

/** The record changes from `start` on that remove records of one collection, one after another. */
function removalRun(steps: readonly Change[], start: number, direction: 'forward' | 'backward'): RecordChange[] {
  const first = steps[start] as RecordChange;
  const run: RecordChange[] = [];
  for (let i = start; i < steps.length; i++) {
    const change = steps[i]!;
    if (change.kind !== 'record' || change.collection !== first.collection) break;
    const [from, to] = direction === 'forward' ? [change.before, change.after] : [change.after, change.before];
    if (!from || to) break;
    run.push(change);
  }
  return run;
}

/**
 * Removes the records of `run` as removing them one by one would, recording for each the index it had when its turn
 * came (what undoing it inserts at), in one pass: a count of the records removed before each position (a Fenwick
 * tree) gives each its index.
 */
function removeMany(data: Database, run: readonly RecordChange[], direction: 'forward' | 'backward'): void {
  const list = data[run[0]!.collection] as Array<{ id: string }>;
  const index = new Map(list.map((r, i) => [r.id, i]));
  const removed = new Uint8Array(list.length);
  const tree = new Int32Array(list.length + 1);
  const removedBefore = (at: number): number => {
    let sum = 0;
    for (let i = at; i > 0; i -= i & -i) sum += tree[i]!;
    return sum;
  };
  for (const change of run) {
    const record = (direction === 'forward' ? change.before : change.after) as { id: string };
    const at = index.get(record.id);
    if (at === undefined || removed[at])
      throw new Error(`Cannot remove missing ${change.collection} record ${record.id}.`);
    change.index = at - removedBefore(at);
    removed[at] = 1;
    for (let i = at + 1; i <= list.length; i += i & -i) tree[i]!++;
  }
  let kept = 0;
  for (let i = 0; i < list.length; i++) if (!removed[i]) list[kept++] = list[i]!;
  list.length = kept;
}

function applyRecord(
  data: Database,
  change: RecordChange,
  from: { id: string } | null,
  to: { id: string } | null,
  positions: RecordPositions,
) {
  const { collection } = change;
  const list = data[collection] as Array<{ id: string }>;
  if (from && to) {
    const index = positions.indexOf(collection, from);
    if (index < 0) throw new Error(`Cannot update missing ${collection} record ${from.id}.`);
    list[index] = to;
  } else if (to) {
    if (change.index === undefined) list.push(to);
    else list.splice(Math.min(change.index, list.length), 0, to);
    positions.moved(collection);
  } else if (from) {
    const index = positions.indexOf(collection, from);
    if (index < 0) throw new Error(`Cannot remove missing ${collection} record ${from.id}.`);
    list.splice(index, 1);
    change.index = index;
    positions.moved(collection);
  }
}

/**
 * What takes back in memory `changes`, run in `direction`, once their write has failed: changes to run backwards.
 *
 * Not what a step applied since has built on (another client's edit of a highlight this step created, made while this
 * step's write was under way): that step's write puts its record on disk, and its undo must find it; taking the record
 * back by its id would lose it. Such a record, which was never on disk, is noted in `unwritten` with what the disk holds
 * instead, so that if that later step's write fails too, taking it back puts back what the disk has, not the record
 * of the failed write. `highlight` finds a highlight by its id (the store's index); the other collections are searched.
 */
export function takingBack(
  data: Database,
  changes: readonly Change[],
  direction: 'forward' | 'backward',
  highlight: (id: string) => Highlight | undefined,
  unwritten: UnwrittenRecords,
): Change[] {
  const current = currentRecords(data, changes, highlight);
  const back: Change[] = [];
  // In the order they were run, each as from → to: run backwards, the list is taken back from its end.
  for (const change of direction === 'forward' ? changes : [...changes].reverse()) {
    const [from, to] = direction === 'forward' ? [change.before, change.after] : [change.after, change.before];
    switch (change.kind) {
      case 'record': {
        if (current(change.collection, (change.before ?? change.after)!.id) !== to) {
          if (to !== null) unwritten.note(to, unwritten.onDisk(from));
          break;
        }
        const restored = unwritten.onDisk(from);
        if (restored !== null || to !== null) {
          back.push({ ...change, before: restored, after: to } as Change);
        }
        break;
      }
      case 'settings': {
        // Only the fields that still hold what this change set (a later change of the same field keeps its value).
        const [f, t] = [from as Settings, to as Settings];
        const keys = [...new Set([...Object.keys(f), ...Object.keys(t)])] as Array<keyof Settings>;
        const ours = keys.filter((key) => f[key] !== t[key] && data.settings[key] === t[key]);
        const pick = (settings: Settings) => Object.fromEntries(ours.map((key) => [key, settings[key]])) as Settings;
        if (ours.length > 0) back.push({ kind: 'settings', before: pick(f), after: pick(t) });
        break;
      }
      case 'tag-order': {
        const order = to as string[];
        if (data.tags.length === order.length && data.tags.every((tag, i) => tag.id === order[i])) {
          back.push({ kind: 'tag-order', before: from as string[], after: order });
        }
        break;
      }
      default:
        throw new Error(`Unknown change ${JSON.stringify(change satisfies never)}`);
    }
  }
  return back;
}

/**
 * Finds the record a collection holds now by its id (null: none). A few highlights by `highlight`; many, or the
 * records of any other collection, through a map made in one pass over the list: a failed import of 20,000 documents
 * searched the list 20,000 times, and a lookup of a highlight before the map by id is built is a pass of its own.
 */
function currentRecords(
  data: Database,
  changes: readonly Change[],
  highlight: (id: string) => Highlight | undefined,
): (collection: Collection, id: string) => object | null {
  let highlightChanges = 0;
  for (const change of changes) if (change.kind === 'record' && change.collection === 'highlights') highlightChanges++;
  const maps = new Map<Collection, Map<string, object>>();
  return (collection, id) => {
    if (collection === 'highlights' && highlightChanges <= SCANS) return highlight(id) ?? null;
    const byId = entryIn(maps, collection, () => new Map(data[collection].map((r: { id: string }) => [r.id, r])));
    return byId.get(id) ?? null;
  };
}

/**
 * Which files `changes` touch: a highlight its document's file; a document added or removed (or its text replaced)
 * its file, written whole (`rewritten`), and the library file; anything else the library file. Adding or removing a
 * highlight also changes its document's count in the library file, but only that (`counts`): a count is checked
 * against the document files when the library is read, so it need not be written in the same atomic step.
 */
export function touchedBy(changes: readonly Change[]): {
  library: boolean;
  counts: boolean;
  documentIds: Set<string>;
  rewritten: Set<string>;
} {
  const touched = { library: false, counts: false, documentIds: new Set<string>(), rewritten: new Set<string>() };
  for (const change of changes) {
    if (change.kind !== 'record') {
      touched.library = true;
      continue;
    }
    for (const record of [change.before, change.after]) {
      if (!record) continue;
      if (change.collection === 'highlights') touched.documentIds.add((record as Highlight).documentId);
      // A document's details are in the library file; its own file (text and highlights) is written when it is
      // added or removed, or its text replaced, never when its title, metadata or memo change.
      else if (
        change.collection === 'documents' &&
        (!(change.before && change.after) ||
          (change.before as StoredDocument).text !== (change.after as StoredDocument).text)
      ) {
        touched.documentIds.add(record.id);
        touched.rewritten.add(record.id);
      }
    }
    if (change.collection !== 'highlights') touched.library = true;
    else if (!change.before || !change.after) touched.counts = true;
  }
  return touched;
}

/**
 * Calls `visit` with each record a step changes, as a kind and an id (`highlights` and its id; `settings` or
 * `tag-order` and ''): to find later steps that overlap.
 */
export function forEachRecordOf(changes: readonly Change[], visit: (kind: string, id: string) => void): void {
  for (const change of changes) {
    if (change.kind === 'record') visit(change.collection, (change.before ?? change.after)!.id);
    else visit(change.kind, '');
  }
}

/**
 * What would point at a record that running `changes` in `direction` removes (a tag, holder, target, variable or
 * document), from highlights or documents the step does not itself change: a description, or null when nothing would. An undo by one client
 * of a tag's creation, after another client applied the tag, would leave highlights naming a tag that is gone.
 */
export function danglingReferencesAfter(
  data: Database,
  changes: readonly Change[],
  direction: 'forward' | 'backward',
): string | null {
  const removed = new Set<string>();
  for (const change of changes) {
    if (change.kind !== 'record' || change.collection === 'highlights') continue;
    const [from, to] = direction === 'forward' ? [change.before, change.after] : [change.after, change.before];
    if (from && !to) removed.add(`${change.collection}:${from.id}`);
  }
  // Most steps remove nothing highlights could name: the undo of a tag's deletion need not first list the 200,000
  // highlights it gives the tag back to.
  if (removed.size === 0) return null;
  const touchedHighlights = new Set<string>();
  for (const change of changes) {
    if (change.kind === 'record' && change.collection === 'highlights') {
      touchedHighlights.add((change.before ?? change.after)!.id);
    }
  }
  const touchedDocuments = new Set(
    changes.flatMap((c) => (c.kind === 'record' && c.collection === 'documents' ? [(c.before ?? c.after)!.id] : [])),
  );
  const describing = data.documents.filter(
    (d) => !touchedDocuments.has(d.id) && Object.keys(d.variables).some((id) => removed.has(`variables:${id}`)),
  );
  if (describing.length > 0) {
    return `${describing.length} document${describing.length > 1 ? 's have' : ' has'} a value of what it would remove`;
  }
  const users = data.highlights.filter(
    (h) =>
      !touchedHighlights.has(h.id) &&
      (removed.has(`documents:${h.documentId}`) ||
        h.tagIds.some((id) => removed.has(`tags:${id}`)) ||
        h.stances.some(
          (s) =>
            removed.has(`entities:${s.targetId}`) || (s.holderId !== null && removed.has(`entities:${s.holderId}`)),
        )),
  );
  if (users.length === 0) return null;
  return `${users.length} highlight${users.length > 1 ? 's use' : ' uses'} what it would remove`;
}

/** The records `changes`, run in `direction`, put in place (null for a record they remove). */
export function* recordsPutBy(changes: readonly Change[], direction: 'forward' | 'backward'): Generator<object | null> {
  for (const change of changes)
    if (change.kind === 'record') yield direction === 'forward' ? change.after : change.before;
}
