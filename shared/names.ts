/** The form of a name that tells entries apart: case and surrounding spaces do not count. */
export const nameKey = (name: string): string => name.trim().toLocaleLowerCase();

/** Whether two names of a tag, holder or target are the same entry: case and surrounding spaces do not count. */
export const sameName = (a: string, b: string): boolean => nameKey(a) === nameKey(b);

/**
 * Entries found by name (as {@link sameName} compares them), the first of each name kept: an import matching each of
 * its names with a list of thousands asks a map, not the whole list once per name (20,000 codes took 100 s).
 * `scope` keeps the same name apart where it may repeat (a sub-tag under each of two parents).
 */
export class NameIndex<T> {
  private readonly byKey = new Map<string, T>();

  constructor(
    private readonly nameOf: (entry: T) => string,
    private readonly scopeOf: (entry: T) => string = () => '',
  ) {}

  /** Adds entries; one whose name (in its scope) is already there does not replace the first. */
  add(entries: Iterable<T>): this {
    for (const entry of entries) {
      const key = this.key(this.nameOf(entry), this.scopeOf(entry));
      if (!this.byKey.has(key)) this.byKey.set(key, entry);
    }
    return this;
  }

  find(name: string, scope = ''): T | undefined {
    return this.byKey.get(this.key(name, scope));
  }

  private key(name: string, scope: string): string {
    return `${scope}\u0000${nameKey(name)}`;
  }
}
