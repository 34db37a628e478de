import { isPublishedDate } from '../../../shared/published-date';
import { compiledCheck } from './compiled-check';
import { validate } from './library-file-validator.generated';
import { libraryFileSchema } from './library-layout';

/**
 * The library file as parsed from disk (and migrated to this schema), checked against {@link libraryFileSchema} by
 * code compiled ahead of time (compiled-check.ts). Every start reads it before the first screen can be answered: zod
 * took 40 ms of a 260 ms start at 2,000 documents. Its one refinement is a publication date's calendar check, made
 * here on every document the file lists.
 */
export const checkLibraryFile = compiledCheck(libraryFileSchema, validate, (file) =>
  file.documents.every((d) => d.meta.publishedAt === undefined || isPublishedDate(d.meta.publishedAt)),
);
