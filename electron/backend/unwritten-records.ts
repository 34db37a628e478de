/**
 * Records a step put in memory whose write failed, and that a later step built on before the failure was known (so they
 * stayed: change-set.ts's `takingBack`), each with what the disk holds in its place (null: nothing). If that later
 * step's write fails too, taking it back puts back what the disk holds, not a record it never had. A record written
 * since (an undo that puts it back, say) is forgotten here: the disk then holds it.
 */
export class UnwrittenRecords {
  private readonly onDiskInstead = new WeakMap<object, object | null>();
  /** Whether any record was ever noted: until then a write need not forget its records one by one. */
  private noted = false;

  note(record: object, onDisk: object | null): void {
    this.onDiskInstead.set(record, onDisk);
    this.noted = true;
  }

  /** What the disk holds in place of `record`: `record` itself unless it was noted. */
  onDisk(record: object | null): object | null {
    return record !== null && this.onDiskInstead.has(record) ? this.onDiskInstead.get(record)! : record;
  }

  /** `records` were written. */
  written(records: Iterable<object | null>): void {
    if (!this.noted) return;
    for (const record of records) if (record !== null) this.onDiskInstead.delete(record);
  }
}
