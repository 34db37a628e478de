import type { z } from 'zod';
import { validate } from './document-file-validator.generated';
import { documentFileSchema, type DocumentFile } from './library-layout';

/** What {@link checkDocumentFile} finds: the file, or zod's account of what is wrong with it. */
export type DocumentFileCheck = { success: true; data: DocumentFile } | { success: false; error: z.ZodError };

const validatesDocumentFile = validate as (data: unknown) => boolean;

/**
 * A document file as parsed from disk, checked against {@link documentFileSchema}. Reading a library's documents is
 * mostly parsing and checking them, and zod took as long to check a file as `JSON.parse` took to parse it (a second
 * of each per 500,000 highlights). So the check is that schema's JSON Schema compiled ahead of time by Ajv
 * (document-file-validator.generated.ts, regenerated and compared by format-docs.test.ts), six times as fast; zod says
 * what is wrong with a file that fails it (and would have the last word, were the two ever to disagree). Like zod, it
 * drops properties the schema does not name, but from `raw` itself: pass JSON.parse's fresh value, nothing shared.
 */
export function checkDocumentFile(raw: unknown): DocumentFileCheck {
  if (validatesDocumentFile(raw)) return { success: true, data: raw as DocumentFile };
  const parsed = documentFileSchema.safeParse(raw);
  return parsed.success ? { success: true, data: parsed.data } : { success: false, error: parsed.error };
}
