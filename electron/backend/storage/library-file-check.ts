import type { z } from 'zod';
import { isPublishedDate } from '../../../shared/published-date';
import { validate } from './library-file-validator.generated';
import { libraryFileSchema, type LibraryFile } from './library-layout';

/** What {@link checkLibraryFile} finds: the file, or zod's account of what is wrong with it. */
export type LibraryFileCheck = { success: true; data: LibraryFile } | { success: false; error: z.ZodError };

const validatesLibraryFile = validate as (data: unknown) => boolean;

/**
 * The library file as parsed from disk (and migrated to this schema), checked against {@link libraryFileSchema} as a
 * document file is (document-file-check.ts): by that schema's JSON Schema compiled ahead of time by Ajv
 * (library-file-validator.generated.ts), then the one thing a JSON Schema cannot say (a publication date is a day of
 * the calendar). Every start checks it before the first screen can be answered: zod took 0.2 s of it at 20,000
 * documents, the compiled check takes a fifth. zod words what is wrong with a file that fails.
 */
export function checkLibraryFile(raw: unknown): LibraryFileCheck {
  if (validatesLibraryFile(raw) && (raw as LibraryFile).documents.every(hasCalendarDate)) {
    return { success: true, data: raw as LibraryFile };
  }
  const parsed = libraryFileSchema.safeParse(raw);
  return parsed.success ? { success: true, data: parsed.data } : { success: false, error: parsed.error };
}

const hasCalendarDate = ({ meta }: LibraryFile['documents'][number]): boolean =>
  meta.publishedAt === undefined || isPublishedDate(meta.publishedAt);
