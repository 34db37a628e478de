import type { Highlight } from '../../../shared/domain';
import { inSlices } from '../in-slices';
import { RecordsById } from './records-by-id';

export type BuildRunner = (steps: Generator<undefined, void>) => void;

/** How a building of the map is run, and how many highlights a step of it enters (tests choose both). */
export interface BuildOptions {
  run?: BuildRunner;
  slice?: number;
}

/**
 * The library's highlights by id, for what finds one (every edit of a highlight, and a creation, which must not
 * reuse an id): at a million highlights a pass over them costs 45 ms. Building the map costs about a second there
 * (hashing a million ids), so it is built in the background, a slice at a time, from a copy of the list; until it is
 * whole, a lookup makes the pass. Changes made meanwhile go into the map at once, and the building skips what they
 * removed or replaced: what the map holds is always the current record.
 */
export class HighlightIds {
  private map: RecordsById<Highlight> | null = null;
  private complete = false;
  /** Ids removed while the map is built: the copy it is built from still holds them. */
  private readonly removed = new Set<string>();
  /** Counts the builds begun, so that one overtaken by another stops. */
  private generation = 0;

  private readonly run: BuildRunner;
  private readonly slice: number;

  constructor({ run = background, slice = 5_000 }: BuildOptions = {}) {
    this.run = run;
    this.slice = slice;
  }

  /** Starts building the map of `highlights` in the background (anything built before is dropped). */
  rebuild(highlights: readonly Highlight[]): void {
    const generation = ++this.generation;
    this.map = new RecordsById(highlights.length);
    this.complete = false;
    this.removed.clear();
    this.run(this.building([...highlights], generation));
  }

  /** Forgets the map, until the next {@link rebuild}. */
  drop(): void {
    this.generation++;
    this.map = null;
    this.complete = false;
    this.removed.clear();
  }

  /** Whether a map is built or being built (since the last {@link drop}). */
  get started(): boolean {
    return this.map !== null;
  }

  /** The highlight with `id` in `highlights`, which the map describes (with the changes it was told of). */
  find(highlights: readonly Highlight[], id: string): Highlight | undefined {
    return this.complete ? this.map!.get(id) : highlights.find((h) => h.id === id);
  }

  /** A highlight went away (`from`) or came (`to`), or one replaced another. */
  changed(from: Highlight | null, to: Highlight | null): void {
    if (!this.map) return;
    // A replaced highlight keeps its id: its entry names the new record, and nothing else changes.
    if (from && to && from.id === to.id) return void this.map.set(to);
    if (from) {
      this.map.delete(from.id);
      if (!this.complete) this.removed.add(from.id);
    }
    // One put back after it was removed is in the map, which the building then leaves alone.
    if (to) this.map.set(to);
  }

  private *building(copy: readonly Highlight[], generation: number): Generator<undefined, void> {
    for (let i = 0; i < copy.length; i++) {
      if (i % this.slice === 0) {
        yield;
        if (generation !== this.generation) return;
      }
      const highlight = copy[i]!;
      // Already there: put (or replaced) by a change since the copy, which is the current record.
      if (!this.map!.has(highlight.id) && !this.removed.has(highlight.id)) this.map!.set(highlight);
    }
    yield;
    if (generation !== this.generation) return;
    this.complete = true;
    this.removed.clear();
  }
}

function background(steps: Generator<undefined, void>): void {
  // Nothing waits for it (until it ends, lookups make a pass over the list), and it begins after the current request.
  setImmediate(() => void inSlices(steps));
}
