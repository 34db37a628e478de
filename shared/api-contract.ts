import { z } from 'zod';
import { idSchema } from './domain';
import type { DocumentSummary, Highlight, Settings, StoredDocument, Tag } from './domain';

/**
 * The one contract between the renderer and the backend, whichever shell carries the call (Electron IPC or the
 * browser mode's HTTP). Each method takes one object argument, parsed by its schema here before the backend sees it,
 * and answers an {@link ApiResult}. Adding a method = one entry in `apiArgumentSchemas`, one in {@link ApiResults},
 * and one handler in the backend; every shell picks it up from the list of names.
 */

/** Longest highlight we accept, in UTF-16 units: far more than any claim, small enough to keep a file sane. */
export const MAX_HIGHLIGHT_LENGTH = 100_000;
const MAX_TAGS_PER_HIGHLIGHT = 50;

const offsetSchema = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const tagIdsSchema = z
  .array(idSchema)
  .max(MAX_TAGS_PER_HIGHLIGHT)
  .refine((ids) => new Set(ids).size === ids.length, 'tagIds must not repeat a tag');

export const apiArgumentSchemas = {
  getWorkspace: z.strictObject({}),
  getDocument: z.strictObject({ documentId: idSchema }),
  createHighlight: z
    .strictObject({
      documentId: idSchema,
      start: offsetSchema,
      end: offsetSchema,
      quote: z.string().min(1).max(MAX_HIGHLIGHT_LENGTH),
      tagIds: tagIdsSchema,
    })
    .refine((a) => a.end > a.start, { message: 'end must be greater than start', path: ['end'] }),
  setHighlightTags: z.strictObject({ highlightId: idSchema, tagIds: tagIdsSchema }),
  deleteHighlight: z.strictObject({ highlightId: idSchema }),
} as const;

export type ApiMethod = keyof typeof apiArgumentSchemas;
export const apiMethods = Object.keys(apiArgumentSchemas) as ApiMethod[];

export type ApiArgs<M extends ApiMethod> = z.input<(typeof apiArgumentSchemas)[M]>;

/** Everything the app needs to show its first screen. */
export interface Workspace {
  documents: DocumentSummary[];
  tags: Tag[];
  settings: Settings;
  /** Messages for the analyst about what happened at start-up (e.g. a data file moved aside). */
  notices: string[];
}

export interface OpenedDocument {
  document: StoredDocument;
  highlights: Highlight[];
}

export interface ApiResults {
  getWorkspace: Workspace;
  getDocument: OpenedDocument;
  createHighlight: Highlight;
  setHighlightTags: Highlight;
  deleteHighlight: { highlightId: string };
}

export type ApiErrorCode = 'invalid-request' | 'unknown-method' | 'not-found' | 'conflict' | 'internal';

export interface ApiError {
  code: ApiErrorCode;
  message: string;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** The shape both the preload's `window.stanceApi` and the HTTP client implement. */
export type StanceApi = {
  [M in ApiMethod]: (args: ApiArgs<M>) => Promise<ApiResult<ApiResults[M]>>;
};

export function isApiMethod(name: string): name is ApiMethod {
  return Object.prototype.hasOwnProperty.call(apiArgumentSchemas, name);
}
