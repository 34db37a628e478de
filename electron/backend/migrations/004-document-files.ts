import type { Migration } from './migration';

/**
 * 3 → 4: the records are unchanged; in a data folder the library is no longer one file but a library file and a file
 * per document (storage/library-layout.ts). The store writes that layout when it opens a single-file library, after
 * keeping the single file as it was (`stance-annotator.json.schema-N.bak`).
 */
export const documentFiles: Migration = {
  to: 4,
  records: (data) => data,
};
