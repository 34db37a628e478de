import type { Migration } from './migration';

/**
 * 4 → 5: the records are unchanged; a document's file may name a change log beside it (storage/document-log.ts),
 * which a version before 5 would ignore. So a library file of 4 is marked 5 when it is opened, before any log is
 * written: an older version then refuses the library rather than lose what its logs hold.
 */
export const changeLogs: Migration = {
  to: 5,
  records: (data) => data,
};
