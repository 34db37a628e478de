/** Anything kept by its id. */
interface Identified {
  readonly id: string;
}

/** Marks a slot whose record was removed: a lookup goes on past it, an insertion may take it. */
const REMOVED = Object.freeze({ id: '\u0000removed' });

/** How full the table may get (records and removal marks) before it is made larger, or cleaned of marks. */
const MAX_LOAD = 0.8;
/** How full a table made for a known number of records starts: room to grow by a seventh before a resize. */
const START_LOAD = 0.7;
const MIN_CAPACITY = 16;

/**
 * Records by their id, like a `Map<string, T>` keyed by `record.id`, in a third of the memory: one array slot per
 * place (open addressing, linear probing), where a `Map` keeps three slots per entry and a bucket per two. At a million
 * highlights the map of them by id was 29 MB of the backend's 300 MB heap; this table is 11 MB. It grows by half (not
 * double) when 80 % full, so that it never holds more than twice the places it needs.
 *
 * Each place also keeps a byte of its record's hash (`prints`), and a lookup reads a record's id only where that byte
 * matches: at a million highlights, reading the id of every record passed on the way (each a cache miss) took most of
 * the time of entering 200,000 changed highlights. The bytes cost one more byte a place (1.4 MB there).
 */
export class RecordsById<T extends Identified> {
  private slots: Array<T | typeof REMOVED | undefined>;
  /** The top byte of the hash of the id of each place's record (of a removal mark: what it was). */
  private prints: Uint8Array;
  /** Records in the table. */
  private count = 0;
  /** Records and removal marks: what a lookup may have to pass. */
  private taken = 0;

  /** `expected`: how many records are about to be put in (a library's highlights, read). */
  constructor(expected = 0) {
    const capacity = Math.max(MIN_CAPACITY, Math.ceil(expected / START_LOAD));
    this.slots = new Array<undefined>(capacity).fill(undefined);
    this.prints = new Uint8Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** How many places the table has (records, removal marks and empty slots). */
  get places(): number {
    return this.slots.length;
  }

  get(id: string): T | undefined {
    const slot = this.slots[this.find(id)];
    return slot === undefined ? undefined : (slot as T);
  }

  has(id: string): boolean {
    return this.slots[this.find(id)] !== undefined;
  }

  /** Puts `record` in, in place of one with its id if there is one. */
  set(record: T): void {
    const { slots, prints } = this;
    const capacity = slots.length;
    const hash = hashOf(record.id);
    const print = hash >>> 24;
    // The first removal mark on the way is a place as good as the empty slot that ends the run, and shortens lookups.
    let removed = -1;
    let at = hash % capacity;
    for (;;) {
      const slot = slots[at];
      if (slot === undefined) break;
      if (slot === REMOVED) {
        if (removed < 0) removed = at;
      } else if (prints[at] === print && slot.id === record.id) {
        slots[at] = record;
        return;
      }
      at = at + 1 === capacity ? 0 : at + 1;
    }
    if (removed >= 0) {
      slots[removed] = record;
      prints[removed] = print;
    } else {
      if (this.taken + 1 > capacity * MAX_LOAD) {
        this.resize();
        this.set(record);
        return;
      }
      slots[at] = record;
      prints[at] = print;
      this.taken++;
    }
    this.count++;
  }

  delete(id: string): boolean {
    const at = this.find(id);
    if (this.slots[at] === undefined) return false;
    this.slots[at] = REMOVED;
    this.count--;
    return true;
  }

  /** Where the record with `id` is, or else the empty slot that ends its run (a lookup stops there). */
  private find(id: string): number {
    const { slots, prints } = this;
    const capacity = slots.length;
    const hash = hashOf(id);
    const print = hash >>> 24;
    let at = hash % capacity;
    for (;;) {
      const slot = slots[at];
      if (slot === undefined || (prints[at] === print && slot !== REMOVED && slot.id === id)) return at;
      at = at + 1 === capacity ? 0 : at + 1;
    }
  }

  /** Makes room: larger by half when mostly records, the same size when mostly removal marks. */
  private resize(): void {
    const old = this.slots;
    const capacity = this.count * 2 > old.length * MAX_LOAD ? Math.ceil(old.length * 1.5) : old.length;
    this.slots = new Array<undefined>(capacity).fill(undefined);
    this.prints = new Uint8Array(capacity);
    this.count = 0;
    this.taken = 0;
    for (const slot of old) if (slot !== undefined && slot !== REMOVED) this.set(slot as T);
  }
}

/** FNV-1a over the id's UTF-16 code units: cheap, and spreads ids that differ in any character. */
function hashOf(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}
