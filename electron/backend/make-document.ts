import { createHash, randomUUID } from 'node:crypto';
import type { StoredDocument } from '../../shared/domain';
import { normaliseText } from '../../shared/normalise-text';

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
