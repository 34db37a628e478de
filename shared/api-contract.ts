import { z } from 'zod';
import { exportScopes, idSchema, publishedDateSchema, stanceValueSchema, variableTypes } from './domain';
import { isPublishedDate } from './published-date';
import type {
  DocumentListItem,
  DocumentSummary,
  Entity,
  Highlight,
  Settings,
  StoredDocument,
  Tag,
  Variable,
} from './domain';
import type { AgreementReport } from './agreement/compute-agreement';
import { segmentOrders, type CodedSegment } from './analysis/coded-segments';
import type { SearchMatch } from './analysis/library-search';
import type { StanceMapRow } from './analysis/stance-map';
import type { TagMatrix } from './analysis/tag-matrix';
import { intervals, type Timeline } from './analysis/timeline';
import type { ImportSummary } from './export/import-summary';
import { exportKinds } from './export/build-export';

/**
 * The one contract between the renderer and the backend, whichever shell carries the call (Electron IPC or the
 * browser mode's HTTP). Each method takes one object argument, parsed by its schema here before the backend sees it,
 * and answers an {@link ApiResult}. Adding a method = one entry in `apiArgumentSchemas`, one in {@link ApiResults},
 * and one handler in the backend; every shell picks it up from the list of names.
 */

/** Longest highlight we accept, in UTF-16 units: far more than any claim, small enough to keep a file sane. */
export const MAX_HIGHLIGHT_LENGTH = 100_000;
export const MAX_NOTE_LENGTH = 100_000;
export const MAX_NAME_LENGTH = 200;
const MAX_TAGS_PER_HIGHLIGHT = 50;
/** The largest backup accepted, in characters. */
export const MAX_IMPORT_LENGTH = 200_000_000;
/** The largest document text, in UTF-16 units after extraction (about 5 MB of text). */
export const MAX_DOCUMENT_LENGTH = 5_000_000;
/** The largest file accepted for import, as base64 (about 40 MB of file). */
const MAX_FILE_BASE64 = 55_000_000;
const MAX_STANCES_PER_HIGHLIGHT = 50;
export const MAX_MEMO_LENGTH = 100_000;
const MAX_VARIABLE_VALUES = 200;
const MAX_VARIABLE_TEXT = 2_000;
/** Agreement tallies each word's coders as bits of a number: 30 coders at most (far more than any study has). */
export const MAX_AGREEMENT_CODERS = 30;

const offsetSchema = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const uniqueIds = (ids: readonly string[]): boolean => new Set(ids).size === ids.length;
const tagIdsSchema = z.array(idSchema).max(MAX_TAGS_PER_HIGHLIGHT).refine(uniqueIds, 'tagIds must not repeat a tag');
const nameSchema = z.string().trim().min(1, 'A name cannot be empty').max(MAX_NAME_LENGTH);
/** `|` joins tags in the CSV export, and `›` a tag's path: a name may contain neither, so the column splits back. */
export const tagNameSchema = nameSchema
  .refine((name) => !name.includes('|'), 'A tag name may not contain "|"')
  .refine((name) => !name.includes('›'), 'A tag name may not contain "›"');
const colorSchema = z.string().regex(/^#[0-9a-f]{6}$/i, 'A colour is written #rrggbb');
const descriptionSchema = z.string().max(2_000);

/**
 * A stance as the UI sends it: holder and target each by id, or by name — a name that matches no entry (ignoring
 * case) creates one in the same change, so that labelling a stance with new names is one step to undo.
 */
export const stanceInputSchema = z
  .strictObject({
    holderId: idSchema.nullable().optional(),
    holderName: nameSchema.optional(),
    targetId: idSchema.optional(),
    targetName: nameSchema.optional(),
    stance: stanceValueSchema,
  })
  .refine((s) => (s.targetId === undefined) !== (s.targetName === undefined), {
    message: 'A stance needs a target: give targetId or targetName, not both',
  })
  .refine((s) => !(s.holderName !== undefined && s.holderId), {
    message: 'Give holderId or holderName, not both',
  });
export type StanceInput = z.input<typeof stanceInputSchema>;

const spanSchema = z
  .strictObject({
    start: offsetSchema,
    end: offsetSchema,
    quote: z.string().min(1).max(MAX_HIGHLIGHT_LENGTH),
  })
  .refine((a) => a.end > a.start, { message: 'end must be greater than start', path: ['end'] });

/**
 * What to export. Not an API method, since its answer is a file rather than a value: the backend writes it block by
 * block, where the analyst chose in Electron's save dialog, or into the download's response in browser mode.
 */
/** The id a page gives a long piece of work (an export, an import) to follow it (`getJobProgress`) and stop it. */
export const jobIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'A job id is 8 to 64 letters, digits, - or _');

export const exportRequestSchema = z.strictObject({
  kind: z.enum(exportKinds),
  /** To follow the export's progress and cancel it. */
  jobId: jobIdSchema.optional(),
  documentIds: z.array(idSchema).max(100_000).optional(),
  highlightIds: z.array(idSchema).max(1_000_000).optional(),
  /** Only these coders' highlights (for agreement: the coders compared). */
  coders: z.array(z.string().max(MAX_NAME_LENGTH)).max(1_000).optional(),
  /** For agreement: the tags reported. */
  tagIds: z.array(idSchema).max(10_000).optional(),
  /** For the tag matrix: the groups (and the variable, for `variable`). */
  by: z.enum(['document', 'outlet', 'variable']).optional(),
  variableId: idSchema.optional(),
  /** For the timeline: its periods, and the target or holder (null: an unknown holder) whose stances it counts. */
  interval: z.enum(intervals).optional(),
  targetId: idSchema.optional(),
  holderId: idSchema.nullable().optional(),
  /** For the search: what is searched for, as `searchLibrary` takes it. */
  query: z.string().min(1).max(1_000).optional(),
  regex: z.boolean().optional(),
  /** For the coded segments: what they are chosen by, as `getCodedSegments` takes it. */
  tagId: idSchema.optional(),
  stance: stanceValueSchema.optional(),
  words: z.string().max(1_000).optional(),
  /** For the stance map and the tag matrix: documents published from and to these days (YYYY-MM-DD). */
  from: z.string().max(10).optional(),
  to: z.string().max(10).optional(),
  /** For the stance map and the tag matrix: documents of this outlet, or with this value of a variable. */
  outlet: z.string().max(MAX_NAME_LENGTH).optional(),
  variable: z.strictObject({ variableId: idSchema, value: z.string().max(MAX_NAME_LENGTH) }).optional(),
  bom: z.boolean().optional(),
  formulaEscape: z.boolean().optional(),
});
export type ExportRequest = z.input<typeof exportRequestSchema>;

/** A category's allowed values: distinct, non-empty after trimming. */
const variableValuesSchema = z
  .array(z.string().trim().min(1, 'A value cannot be empty').max(MAX_NAME_LENGTH))
  .max(MAX_VARIABLE_VALUES)
  .refine((values) => new Set(values).size === values.length, 'A value is listed twice');

/** The details of a document an analyst sets, alone or for several documents at once. */
const documentDetailsSchema = z.object({
  outlet: z.string().max(MAX_NAME_LENGTH).optional(),
  author: z.string().max(MAX_NAME_LENGTH).optional(),
  publishedAt: z.union([publishedDateSchema, z.literal('')]).optional(),
  /** By variable id; null clears the document's value. */
  variables: z.record(idSchema, z.union([z.string().trim().max(MAX_VARIABLE_TEXT), z.number()]).nullable()).optional(),
});

/** What an analysis counts: some coders' highlights, documents published from one day to another (YYYY-MM-DD). */
const daySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'A day is written YYYY-MM-DD')
  .refine(isPublishedDate, 'That day is not on the calendar');
const analysisFilterSchema = z.strictObject({
  coders: z.array(z.string().max(MAX_NAME_LENGTH)).max(1_000).optional(),
  from: daySchema.optional(),
  to: daySchema.optional(),
  outlet: z.string().max(MAX_NAME_LENGTH).optional(),
  variable: z.strictObject({ variableId: idSchema, value: z.string().max(MAX_NAME_LENGTH) }).optional(),
});

export const apiArgumentSchemas = {
  getWorkspace: z.strictObject({}),
  /**
   * The documents as the library lists them. `unlessRevision`: the revision of the listing the caller holds; if the
   * listing is still that one, none is sent (at 20,000 documents a listing is 4.5 MB for the page to read).
   */
  listDocuments: z.strictObject({ unlessRevision: z.string().max(100).optional() }),
  /** Answered once every document of the library is read (at start-up they are read in the background). */
  documentsLoaded: z.strictObject({}),
  getDocument: z.strictObject({ documentId: idSchema }),
  /** `id` may be chosen by the caller (a UUID), so that the UI can show and edit the highlight before the answer. */
  createHighlight: z
    .strictObject({
      id: z.uuid().optional(),
      documentId: idSchema,
      start: offsetSchema,
      end: offsetSchema,
      quote: z.string().min(1).max(MAX_HIGHLIGHT_LENGTH),
      tagIds: tagIdsSchema,
    })
    .refine((a) => a.end > a.start, { message: 'end must be greater than start', path: ['end'] }),
  /** Changes the given fields of a highlight; `bounds` moves its start and end (with the quote they now cover). */
  updateHighlight: z.strictObject({
    highlightId: idSchema,
    tagIds: tagIdsSchema.optional(),
    stances: z.array(stanceInputSchema).max(MAX_STANCES_PER_HIGHLIGHT).optional(),
    note: z.string().max(MAX_NOTE_LENGTH).optional(),
    bounds: spanSchema.optional(),
  }),
  deleteHighlight: z.strictObject({ highlightId: idSchema }),
  /** Accepts a coder's version of a disagreement: a copy in the `curated` layer (same span, tags, stances, note). */
  curateHighlight: z.strictObject({ highlightId: idSchema, id: z.uuid().optional() }),
  /** Rejects a disagreement (no version kept), or takes the rejection back; one step to undo. */
  rejectDisagreement: z.strictObject({
    documentId: idSchema,
    key: z.string().min(1).max(20_000),
    rejected: z.boolean(),
  }),
  /** Copies another coder's highlight as the current coder's own (same span, tags, stances and note). */
  adoptHighlight: z.strictObject({ highlightId: idSchema, id: z.uuid().optional() }),

  createTag: z.strictObject({
    name: tagNameSchema,
    color: colorSchema,
    description: descriptionSchema.optional(),
    parentId: idSchema.nullable().optional(),
  }),
  updateTag: z.strictObject({
    tagId: idSchema,
    name: tagNameSchema.optional(),
    color: colorSchema.optional(),
    description: descriptionSchema.optional(),
    parentId: idSchema.nullable().optional(),
  }),
  /** Deletes a tag and takes it off every highlight; its sub-tags move to the top level. */
  deleteTag: z.strictObject({ tagId: idSchema }),
  /** The whole codebook in its new order. */
  reorderTags: z.strictObject({ tagIds: z.array(idSchema).refine(uniqueIds, 'tagIds must not repeat a tag') }),

  /** Adds a holder or target (one list: an entity is either, or both, by its use in stances). */
  createEntity: z.strictObject({ name: nameSchema }),
  renameEntity: z.strictObject({ id: idSchema, name: nameSchema }),
  /** Moves every use of `sourceId` (as holder and as target) to `intoId` and deletes the source. */
  mergeEntities: z
    .strictObject({ sourceId: idSchema, intoId: idSchema })
    .refine((a) => a.sourceId !== a.intoId, { message: 'Cannot merge an entry into itself', path: ['intoId'] }),
  /** Deletes an entity: the stances it holds keep their target (holder unknown); the stances toward it go. */
  deleteEntity: z.strictObject({ id: idSchema }),
  /** How many stances each entity holds, and how many are toward it (by id): what the entities dialog shows. */
  countEntityUses: z.strictObject({}),
  /** How many highlights (in how many documents) use a tag or an entity: asked before deleting one. */
  countUsage: z.strictObject({ kind: z.enum(['tag', 'entity']), id: idSchema }),

  /**
   * Names who is coding: new highlights record it, and a coder changes only their own. Who works is not an edit of
   * the work, so it is no undo step (undoing a highlight never renames the coder).
   */
  setCoder: z.strictObject({ name: z.string().trim().max(MAX_NAME_LENGTH) }),
  updateSettings: z.strictObject({
    annotator: z.string().trim().max(MAX_NAME_LENGTH).optional(),
    snapToWords: z.boolean().optional(),
  }),

  /** Brings a project backup (the file's text) into the library, as one step to undo. */
  importBackup: z.strictObject({ content: z.string().max(MAX_IMPORT_LENGTH), jobId: jobIdSchema.optional() }),
  /** How far a job (an export, an import) is: `done` of `total`; null when no such job runs. */
  getJobProgress: z.strictObject({ jobId: jobIdSchema }),
  /** Stops a job, which then leaves nothing behind; `cancelled` false when no such job runs. */
  cancelJob: z.strictObject({ jobId: jobIdSchema }),

  /**
   * Brings another project in, as one step to undo, the kind told by the content: a REFI-QDA project (.qdpx, or a bare
   * .qde), a REFI-QDA codebook (.qdc: codes merged by name path), or a backup of this app.
   */
  importProject: z.strictObject({
    fileName: z.string().min(1).max(255),
    data: z.base64().max(MAX_FILE_BASE64),
    /** Web annotations only: the document for those whose source names none of the library's. */
    documentId: idSchema.optional(),
    /** Followed and stopped as a job (web annotations say how many of them are placed). */
    jobId: jobIdSchema.optional(),
  }),
  /**
   * Imports one file (its bytes as base64): .txt, .md, .html/.htm (the article in it), .docx or .pdf. When a document
   * of the same title or URL holds another text, `sameTitle` says what to do: `replace` its text (its highlights
   * re-anchored), `add` a document of its own; absent, nothing is imported and the answer asks (`changed`).
   */
  importFile: z.strictObject({
    fileName: z.string().min(1).max(255),
    data: z.base64().max(MAX_FILE_BASE64),
    sameTitle: z.enum(['replace', 'add']).optional(),
  }),
  /** A pasted text as a new document (`sameTitle` as for importFile). */
  importText: z.strictObject({
    title: nameSchema,
    text: z.string().min(1).max(MAX_DOCUMENT_LENGTH),
    sameTitle: z.enum(['replace', 'add']).optional(),
  }),
  /**
   * Replaces a document's text with an updated version of the article, as one step to undo: its highlights move to
   * the new text (shared/anchoring/), and those not found there are kept as orphans.
   */
  replaceDocumentText: z
    .strictObject({
      documentId: idSchema,
      /** The new text as it is (pasted), or… */
      text: z.string().min(1).max(MAX_DOCUMENT_LENGTH).optional(),
      /** …a file to read it from, as importFile reads one. */
      file: z.strictObject({ fileName: z.string().min(1).max(255), data: z.base64().max(MAX_FILE_BASE64) }).optional(),
      /** Followed and cancellable as a job: re-anchoring many highlights in a long text takes a while. */
      jobId: jobIdSchema.optional(),
    })
    .refine((a) => (a.text === undefined) !== (a.file === undefined), {
      message: 'Give the new text or a file, not both',
      path: ['text'],
    }),
  /** Changes the given details of a document; an empty `publishedAt`, or a variable's value null, clears it. */
  updateDocument: z.strictObject({
    documentId: idSchema,
    title: nameSchema.optional(),
    ...documentDetailsSchema.shape,
    memo: z.string().max(MAX_MEMO_LENGTH).optional(),
  }),
  /** The same details for several documents at once (a bulk edit in the Library), as one step to undo. */
  updateDocuments: z.strictObject({
    documentIds: z.array(idSchema).min(1).max(100_000).refine(uniqueIds, 'documentIds must not repeat a document'),
    ...documentDetailsSchema.shape,
  }),

  /** Defines a document variable; a category lists its allowed values. */
  createVariable: z.strictObject({
    name: nameSchema,
    type: z.enum(variableTypes),
    values: variableValuesSchema.optional(),
  }),
  /**
   * Renames a variable or changes a category's allowed values (its type stays: a different type is a new variable).
   * Documents holding a value no longer allowed lose it, in the same step.
   */
  updateVariable: z.strictObject({
    variableId: idSchema,
    name: nameSchema.optional(),
    values: variableValuesSchema.optional(),
  }),
  /** Deletes a variable and every document's value of it, as one step to undo. */
  deleteVariable: z.strictObject({ variableId: idSchema }),
  /** Remembers the Export dialog's choices for the next export (a preference: no undo step). */
  rememberExportChoices: z.strictObject({
    kind: z.enum(exportKinds),
    scope: z.enum(exportScopes),
    bom: z.boolean(),
    formulaEscape: z.boolean(),
  }),
  /** Remembers where the analyst is in a document (not an edit: no undo step). */
  setReadingPosition: z.strictObject({ documentId: idSchema, offset: offsetSchema }),
  /** Deletes a document and its highlights, as one step to undo. */
  deleteDocument: z.strictObject({ documentId: idSchema }),
  /** Re-adds a document found intact in files moved aside (`Workspace.recoverable`), as one step to undo. */
  bringBackDocument: z.strictObject({ documentId: idSchema }),

  /** Everyone who has coded in this library (the highlights' `annotator`), with how much. */
  listCoders: z.strictObject({}),
  /**
   * Intercoder agreement (README, "Agreement") between two or more coders, over the given documents (default: every
   * document where each of them has a highlight) and tags (default: all).
   */
  getAgreement: z.strictObject({
    coders: z
      .array(z.string().min(1).max(MAX_NAME_LENGTH))
      .min(2, 'Agreement needs two coders or more')
      .max(MAX_AGREEMENT_CODERS)
      .refine(uniqueIds, 'coders must not repeat a coder'),
    documentIds: z.array(idSchema).max(100_000).refine(uniqueIds, 'documentIds must not repeat a document').optional(),
    tagIds: z.array(idSchema).max(10_000).refine(uniqueIds, 'tagIds must not repeat a tag').optional(),
  }),

  /**
   * Searches every text of the library: words or a phrase ignoring case and diacritics, or a regular expression
   * (stopped if it runs too long). Answers the counts per document and the first `limit` matches.
   */
  searchLibrary: z.strictObject({
    query: z.string().min(1).max(1_000),
    regex: z.boolean().optional(),
    limit: z.number().int().min(1).max(10_000).optional(),
  }),
  /** The stance map: holders × targets, the stances counted by value (README, "Analysis"). */
  getStanceMap: analysisFilterSchema,
  /** The highlights behind a stance map cell (or any holder/target/value), the first `limit` of them. */
  getCodedSegments: analysisFilterSchema.extend({
    holderId: idSchema.nullable().optional(),
    targetId: idSchema.optional(),
    stance: stanceValueSchema.optional(),
    tagId: idSchema.optional(),
    documentIds: z.array(idSchema).max(100_000).optional(),
    words: z.string().max(1_000).optional(),
    sort: z.enum(segmentOrders).optional(),
    limit: z.number().int().min(1).max(10_000).optional(),
  }),
  /** Tags × documents, outlets or a variable's values: each tag's highlights (sub-tags included) per group. */
  getTagMatrix: analysisFilterSchema.extend({
    by: z.enum(['document', 'outlet', 'variable']),
    variableId: idSchema.optional(),
  }),
  /**
   * Stances over time: per ISO week or month of the documents' publication dates, the stances toward a target (or
   * held by a holder; null: an unknown holder), or all; documents without a date counted apart and named.
   */
  getTimeline: analysisFilterSchema.extend({
    interval: z.enum(intervals),
    targetId: idSchema.optional(),
    holderId: idSchema.nullable().optional(),
  }),
  /** Tags every match of a search (skipping those already highlighted with that tag) as one step to undo. */
  codeMatches: z.strictObject({
    query: z.string().min(1).max(1_000),
    regex: z.boolean().optional(),
    tagId: idSchema,
    /** Only these of the query's matches (the ones the analyst chose in the list); without it, every match. */
    only: z
      .array(z.strictObject({ documentId: idSchema, start: offsetSchema, end: offsetSchema }))
      .min(1)
      .max(10_000)
      .optional(),
  }),

  undo: z.strictObject({}),
  redo: z.strictObject({}),
} as const;

export type ApiMethod = keyof typeof apiArgumentSchemas;
export const apiMethods = Object.keys(apiArgumentSchemas) as ApiMethod[];

export type ApiArgs<M extends ApiMethod> = z.input<(typeof apiArgumentSchemas)[M]>;

/** What Undo and Redo would do now, as labels for menus and tooltips (null: nothing to undo/redo). */
export interface HistoryState {
  undoLabel: string | null;
  redoLabel: string | null;
}

/** A document found intact in a folder moved aside (after damage), and not in the library. */
export interface RecoverableDocumentInfo {
  documentId: string;
  /** Its first line of text: the title was in the library file that could not be read. */
  title: string;
  charCount: number;
  highlightCount: number;
}

/**
 * Everything the app needs to show its first screen but the documents' listing, which `listDocuments` sends once the
 * first document has come.
 */
export interface Workspace {
  /** The document to open first: the one last opened, else the first listed; null for a library without documents. */
  startDocumentId: string | null;
  tags: Tag[];
  /** Holders and targets: one list. */
  entities: Entity[];
  variables: Variable[];
  settings: Settings;
  history: HistoryState;
  /** The name to offer when the coder is asked for their name: the user's login name on this computer. */
  suggestedCoder: string;
  /** Messages for the analyst about what happened at start-up (e.g. a data file moved aside). */
  notices: string[];
  /** Documents found intact in files moved aside that the library does not hold: they can be brought back. */
  recoverable: RecoverableDocumentInfo[];
  /**
   * Whether documents are still loading (just after start-up): the counts are the library file's, and notices about
   * documents that could not be read may follow. `documentsLoaded` answers when they are read.
   */
  loading: boolean;
}

/**
 * The documents as the library lists them, at a revision. A listing the caller already holds is not sent again: then
 * `documents` is null, and the caller's listing is the current one, at `revision`.
 */
export interface DocumentListing {
  /** Names this listing; unchanged while the library does not change. */
  revision: string;
  documents: DocumentListItem[] | null;
}

/**
 * What reading every document added to a {@link Workspace} sent while they were still being read (the listing, if
 * reading them changed it, comes from `listDocuments`).
 */
export interface DocumentsLoaded {
  /** Every notice so far: those about documents that could not be read follow the ones sent while loading. */
  notices: string[];
  recoverable: RecoverableDocumentInfo[];
}

/**
 * A highlight as an opened document sends it: without what its document's text already holds (its document id, its
 * quote, the context around it), which for a document of 10,000 highlights is a third of what would be sent.
 */
export type DocumentHighlight = Omit<Highlight, 'documentId' | 'quote' | 'prefix' | 'suffix'>;

export interface OpenedDocument {
  document: StoredDocument;
  /** The quote of each is `document.text.slice(start, end)`. */
  highlights: DocumentHighlight[];
  /** Highlights that lost their place when the text changed (domain.ts, `anchor`), whole: their quote is their own. */
  orphans: Highlight[];
}

/**
 * A file or text brought in: added, already in the library (the same text, by SHA-256), put in place of the text of
 * the document of the same title or URL (`replaced`, with what became of its highlights), or not brought in because
 * such a document holds another text and the analyst must choose (`changed`: `document` is that document).
 */
export type ImportedDocument =
  | { status: 'imported' | 'duplicate' | 'changed'; document: DocumentSummary }
  | { status: 'replaced'; document: DocumentSummary; reanchored: ReanchorReport };

/** What became of a document's highlights when its text was replaced (shared/anchoring/reanchor.ts). */
export interface ReanchorReport {
  same: number;
  moved: number;
  /** Found with a few characters changed: each with its quote before and after. */
  changed: { highlightId: string; before: string; after: string }[];
  /** Not found: kept as orphans (with the orphans it had before and found again: none of those are counted here). */
  orphaned: { highlightId: string; quote: string }[];
  /** Orphans from before that the new text has again. */
  reattached: number;
}

/** The number of stances each entity holds, and toward each, by id; an entity no stance uses is absent. */
export interface EntityUses {
  holder: Record<string, number>;
  target: Record<string, number>;
}

/** What a library search found: every document's count, and the first matches (with the document's title). */
export interface LibrarySearchResult {
  total: number;
  documents: { documentId: string; title: string; count: number }[];
  matches: (SearchMatch & { title: string })[];
  /** Whether there are more matches than were sent. */
  truncated: boolean;
}

/** Someone who has coded in this library, and how much. */
export interface CoderInfo {
  name: string;
  highlights: number;
  documents: number;
}

export interface Usage {
  highlights: number;
  documents: number;
}

export interface ApiResults {
  getWorkspace: Workspace;
  listDocuments: DocumentListing;
  documentsLoaded: DocumentsLoaded;
  getDocument: OpenedDocument;
  createHighlight: Highlight;
  updateHighlight: Highlight;
  deleteHighlight: { highlightId: string };
  adoptHighlight: Highlight;
  curateHighlight: Highlight;
  rejectDisagreement: Settings;
  createTag: Tag;
  updateTag: Tag;
  deleteTag: { tagId: string };
  reorderTags: Tag[];
  createEntity: Entity;
  renameEntity: Entity;
  mergeEntities: { intoId: string };
  deleteEntity: { id: string };
  countUsage: Usage;
  countEntityUses: EntityUses;
  setCoder: Settings;
  updateSettings: Settings;
  importBackup: ImportSummary;
  getJobProgress: { done: number; total: number } | null;
  cancelJob: { cancelled: boolean };
  importProject: ImportSummary;
  importFile: ImportedDocument;
  importText: ImportedDocument;
  replaceDocumentText: { document: DocumentSummary; reanchored: ReanchorReport };
  updateDocument: DocumentSummary;
  updateDocuments: DocumentSummary[];
  createVariable: Variable;
  updateVariable: Variable;
  deleteVariable: { variableId: string };
  deleteDocument: { documentId: string };
  bringBackDocument: DocumentSummary;
  setReadingPosition: { offset: number };
  rememberExportChoices: Settings;
  listCoders: CoderInfo[];
  searchLibrary: LibrarySearchResult;
  /** `notFound`: chosen matches that the query no longer finds there (the text changed since the search). */
  codeMatches: { coded: number; skipped: number; notFound: number };
  getStanceMap: StanceMapRow[];
  getCodedSegments: { total: number; segments: CodedSegment[] };
  getTagMatrix: TagMatrix;
  getTimeline: Timeline;
  getAgreement: AgreementReport;
  undo: { label: string | null; history: HistoryState };
  redo: { label: string | null; history: HistoryState };
}

/** `cancelled`: the analyst stopped the work (a job: `cancelJob`), and it left nothing behind. */
export type ApiErrorCode = 'invalid-request' | 'unknown-method' | 'not-found' | 'conflict' | 'internal' | 'cancelled';

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
