import { isPublishedDate } from '../../../shared/published-date';
import { compiledCheck, type FileCheck } from './compiled-check';
import { validate } from './library-file-validator.generated';
import { libraryFileSchema, type LibraryFile } from './library-layout';

/** What {@link checkLibraryFile} finds: the file, or zod's account of what is wrong with it. */
export type LibraryFileCheck = FileCheck<LibraryFile>;

/**
 * The library file as parsed from disk (and migrated to this schema), checked against {@link libraryFileSchema} by
 * code compiled ahead of time (compiled-check.ts), then the one thing a JSON Schema cannot say: a publication date is
 * a day of the calendar. Every start checks it before the first screen can be answered: zod took 0.2 s of it at
 * 20,000 documents, the compiled check takes a fifth.
 */
export const checkLibraryFile: (raw: unknown) => LibraryFileCheck = compiledCheck(libraryFileSchema, validate, (file) =>
  file.documents.every(({ meta }) => meta.publishedAt === undefined || isPublishedDate(meta.publishedAt)),
);
