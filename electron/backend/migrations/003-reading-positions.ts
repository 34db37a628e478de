import { asRecord, type Migration } from './migration';

/** 2 → 3: the reading position in each document. */
export const readingPositions: Migration = {
  to: 3,
  records: (data) => ({ ...data, settings: { readingPositions: {}, ...asRecord(data.settings) } }),
};
