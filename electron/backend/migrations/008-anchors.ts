import type { Migration } from './migration';

/**
 * 7 → 8: a highlight may say how its place was last found (`anchor`: fuzzy, or orphan when it has none). Nothing
 * earlier needs changing: a highlight without the field was placed exactly. The version moves so that an earlier
 * build, which would drop the field and show an orphan at a place it no longer has, refuses the library instead.
 */
export const anchors: Migration = { to: 8, records: (data) => data };
