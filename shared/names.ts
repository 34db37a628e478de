/** Whether two names of a tag, holder or target are the same entry: case and surrounding spaces do not count. */
export const sameName = (a: string, b: string): boolean =>
  a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();
