/**
 * Values kept by record: a collection's record by its id, or the settings or the codebook's order (`kind` alone, id
 * ''). A map per kind, keyed by the record's own id: a step over 200,000 highlights made a string
 * `highlights:<id>` for each of them, and hashed it, where the ids, hashed before, are at hand.
 */
export class ByRecord<V> {
  private readonly kinds = new Map<string, Map<string, V>>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(kind: string, id: string): V | undefined {
    return this.kinds.get(kind)?.get(id);
  }

  has(kind: string, id: string): boolean {
    return this.kinds.get(kind)?.has(id) ?? false;
  }

  set(kind: string, id: string, value: V): void {
    let values = this.kinds.get(kind);
    if (!values) this.kinds.set(kind, (values = new Map()));
    const size = values.size;
    values.set(id, value);
    this.count += values.size - size;
  }

  /** The value kept for the record, made by `make` and kept if there is none (as shared/collections.ts's `entryIn`). */
  entry(kind: string, id: string, make: () => V): V {
    let value = this.get(kind, id);
    if (value === undefined) this.set(kind, id, (value = make()));
    return value;
  }

  delete(kind: string, id: string): void {
    if (this.kinds.get(kind)?.delete(id)) this.count--;
  }

  /** Whether `test` holds for every entry (it stops at the first that fails). */
  every(test: (value: V, kind: string, id: string) => boolean): boolean {
    for (const [kind, values] of this.kinds) for (const [id, value] of values) if (!test(value, kind, id)) return false;
    return true;
  }

  forEach(visit: (value: V, kind: string, id: string) => void): void {
    for (const [kind, values] of this.kinds) for (const [id, value] of values) visit(value, kind, id);
  }

  copy(): ByRecord<V> {
    const copy = new ByRecord<V>();
    for (const [kind, values] of this.kinds) copy.kinds.set(kind, new Map(values));
    copy.count = this.count;
    return copy;
  }
}
