import { createHash, randomUUID } from 'node:crypto';
import { CURRENT_SCHEMA_VERSION, type Database, type StoredDocument } from '../../shared/domain';
import { normaliseText } from '../../shared/normalise-text';
import { starterCodebook } from '../../shared/starter-codebook';
import { sampleArticle } from './sample-article';

export function newId(): string {
  return randomUUID();
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** A document record for a text, normalised here once and never changed afterwards. */
export function makeDocument(
  input: Pick<StoredDocument, 'title' | 'source' | 'meta'> & { text: string },
  now: Date,
): StoredDocument {
  const text = normaliseText(input.text);
  return {
    id: newId(),
    title: input.title,
    text,
    source: input.source,
    meta: input.meta,
    memo: '',
    variables: {},
    sha256: sha256Hex(text),
    addedAt: now.toISOString(),
  };
}

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
