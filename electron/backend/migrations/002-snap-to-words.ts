import { asRecord, type Migration } from './migration';

/** 1 → 2: selections snap to whole words unless the analyst turns it off. */
export const snapToWords: Migration = {
  to: 2,
  records: (data) => ({ ...data, settings: { snapToWords: true, ...asRecord(data.settings) } }),
};
