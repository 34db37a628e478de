import { CURRENT_SCHEMA_VERSION, type Database } from '../../shared/domain';
import { makeDocument, newId } from './make-document';
import { starterCodebook } from '../../shared/starter-codebook';
import { sampleArticle } from './sample-article';

/** What a first start writes: the sample article, ready to annotate, and the starter codebook. */
export function newLibrary(now: Date = new Date()): Database {
  const sample = makeDocument(sampleArticle, now);
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    documents: [sample],
    tags: starterCodebook.map((tag) => ({ id: newId(), parentId: null, ...tag })),
    entities: [],
    variables: [],
    highlights: [],
    settings: { annotator: '', lastDocumentId: sample.id, snapToWords: true, readingPositions: {} },
  };
}
