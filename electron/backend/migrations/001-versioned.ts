import { asRecord, type Migration } from './migration';

/** 0 → 1: the first versioned layout. Fills in the lists and settings that an unversioned file may lack. */
export const versioned: Migration = {
  to: 1,
  records: (data) => ({
    documents: [],
    tags: [],
    actors: [],
    targets: [],
    highlights: [],
    ...data,
    settings: { annotator: '', lastDocumentId: null, ...asRecord(data.settings) },
  }),
};
