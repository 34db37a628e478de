/**
 * The formatter of counts shown to the analyst (20,000 → "20,000"). Made when the page's script is first run, while
 * the page waits for the backend: the first `toLocaleString` of a page loads the locale's data, 25 ms that fell on the
 * Library's first showing, just as its 20,000 rows came.
 */
const counts = new Intl.NumberFormat('en');

/** A count as the analyst reads it, with thousands separators. */
export const formatCount = (count: number): string => counts.format(count);
