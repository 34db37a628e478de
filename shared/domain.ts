import { z } from 'zod';
import { CURRENT_SCHEMA_VERSION, exportScopes, stanceValues, variableTypes } from './domain-values';
import { isPublishedDate, PUBLISHED_DATE_PATTERN } from './published-date';

/**
 * The saved data model, as zod schemas: the single source of truth for both the TypeScript types and the
 * validation of a data file read from disk. Offsets are UTF-16 indices into `Document.text` (what the DOM gives);
 * the CSV export converts them to code points.
 */

export {
  CURRENT_SCHEMA_VERSION,
  exportScopes,
  isPlaced,
  stanceValues,
  variableTypes,
  type ExportScopeChoice,
  type StanceValue,
  type VariableType,
} from './domain-values';

/**
 * A record as the app holds it: read-only all the way down. Records are never changed in place — a change replaces
 * the object (electron/backend/change-set.ts) — because the write cache and the painting know a record by identity:
 * a record changed in place would be written and painted as it was.
 */
export type Immutable<T> = T extends (infer U)[]
  ? readonly Immutable<U>[]
  : T extends object
    ? { readonly [K in keyof T]: Immutable<T[K]> }
    : T;

export const idSchema = z.string().min(1).max(64);
export type Id = z.infer<typeof idSchema>;

const isoTimestamp = z.iso.datetime();

export const stanceValueSchema = z.enum(stanceValues);

export const sourceKinds = ['sample', 'file', 'paste'] as const;

/** An ISO 8601 day, optionally with a time (published-date.ts); a day that is not on the calendar is refused. */
export const publishedDateSchema = z
  .string()
  .regex(PUBLISHED_DATE_PATTERN, 'A date is written YYYY-MM-DD, optionally with a time (YYYY-MM-DDTHH:MM)')
  .refine(isPublishedDate, 'That day is not on the calendar');

/**
 * Document variables (as MAXQDA's): the analyst's own descriptors of documents — country, outlet type, wave… — each
 * of a type; a category lists its allowed values. A document holds a value per variable by the variable's id.
 */
export const variableSchema = z.object({
  id: idSchema,
  name: z.string().min(1),
  type: z.enum(variableTypes),
  /** The allowed values of a category, in the order offered; empty for the other types. */
  values: z.array(z.string().min(1)),
});
export type Variable = Immutable<z.infer<typeof variableSchema>>;
/** A number for a number variable; text for the others (a date as YYYY-MM-DD, a category as one of its values). */
export const variableValueSchema = z.union([z.string(), z.number()]);
export type VariableValue = z.infer<typeof variableValueSchema>;

export const documentSchema = z.object({
  id: idSchema,
  title: z.string(),
  text: z.string(),
  source: z.object({
    kind: z.enum(sourceKinds),
    path: z.string().optional(),
    url: z.string().optional(),
  }),
  meta: z.object({
    outlet: z.string().optional(),
    author: z.string().optional(),
    publishedAt: publishedDateSchema.optional(),
    /** A publication date that could not be read as a date (kept as it was written, until one is chosen). */
    publishedText: z.string().optional(),
  }),
  /** The analyst's memo about the document as a whole. */
  memo: z.string(),
  /** Its value of each document variable, by the variable's id; a variable without a value is absent. */
  variables: z.record(idSchema, variableValueSchema),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  addedAt: isoTimestamp,
});
export type StoredDocument = Immutable<z.infer<typeof documentSchema>>;

export const tagSchema = z.object({
  id: idSchema,
  name: z.string().min(1),
  color: z.string().regex(/^#[0-9a-f]{6}$/i),
  description: z.string(),
  parentId: idSchema.nullable(),
});
export type Tag = Immutable<z.infer<typeof tagSchema>>;

/**
 * A person, country or organisation the analyst names in stances: one list, whatever the role — "Russia" holds stances
 * and is the target of others, as one entry. The role is in each stance (its holder, or its target).
 */
export const entitySchema = z.object({ id: idSchema, name: z.string().min(1) });
export type Entity = Immutable<z.infer<typeof entitySchema>>;

/** The two roles an entity takes in a stance. */
export const entityRoles = ['holder', 'target'] as const;
export type EntityRole = (typeof entityRoles)[number];

export const stanceSchema = z.object({
  holderId: idSchema.nullable(),
  targetId: idSchema,
  stance: stanceValueSchema,
});
export type Stance = Immutable<z.infer<typeof stanceSchema>>;

export const highlightSchema = z.object({
  id: idSchema,
  documentId: idSchema,
  start: z.number().int().nonnegative(),
  end: z.number().int().positive(),
  quote: z.string().min(1),
  prefix: z.string(),
  suffix: z.string(),
  tagIds: z.array(idSchema),
  stances: z.array(stanceSchema),
  note: z.string(),
  annotator: z.string(),
  createdAt: isoTimestamp,
  updatedAt: isoTimestamp,
  /**
   * How the highlight's place was last found, when not exactly (shared/anchoring/): `fuzzy`, with a few characters
   * changed, when its text was replaced or it came from a web annotation; `orphan` when it could not be found. An
   * orphan keeps its quote, tags, stances and note, but no place: its `start` and `end` stay inside the text and
   * mean nothing, and everything that works with places (the article, agreement, positions in exports) leaves it out
   * until the analyst re-attaches it. Absent: the analyst made it, or it was found exactly.
   */
  anchor: z.enum(['fuzzy', 'orphan']).optional(),
});
export type Highlight = Immutable<z.infer<typeof highlightSchema>>;

export const settingsSchema = z.object({
  annotator: z.string(),
  lastDocumentId: idSchema.nullable(),
  /** Whether a selection in the article grows to whole words. */
  snapToWords: z.boolean(),
  /** Where the analyst was in each document: the text offset at the top of the view, to reopen there. */
  readingPositions: z.record(z.string(), z.number().int().nonnegative()),
  /**
   * Disagreements an adjudicator rejected (no version kept), by document id: each the key of its passage
   * (shared/agreement/disagreements.ts). Absent until the first rejection.
   */
  rejectedDisagreements: z.record(z.string(), z.array(z.string()).readonly()).optional(),
  /** The Export dialog's last choices (what, which part, the CSV options); absent until the first choice. */
  exportChoices: z
    .object({
      kind: z.string(),
      scope: z.enum(exportScopes),
      bom: z.boolean(),
      formulaEscape: z.boolean(),
    })
    .optional(),
});
export type Settings = Immutable<z.infer<typeof settingsSchema>>;

export const databaseSchema = z.object({
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  documents: z.array(documentSchema),
  tags: z.array(tagSchema),
  entities: z.array(entitySchema),
  variables: z.array(variableSchema),
  highlights: z.array(highlightSchema),
  settings: settingsSchema,
});
/** The whole library: lists the store changes (a record put, replaced or taken out), of records that never change. */
export interface Database {
  schemaVersion: typeof CURRENT_SCHEMA_VERSION;
  documents: StoredDocument[];
  tags: Tag[];
  entities: Entity[];
  variables: Variable[];
  highlights: Highlight[];
  settings: Settings;
}

/** What lists of documents show: everything but the (possibly long) text. */
export type DocumentSummary = Omit<StoredDocument, 'text'> & { highlightCount: number; charCount: number };

/**
 * A document as the Library lists it at start-up: what its table shows, sorts and filters by, and what its Edit
 * dialog edits. Its checksum, source, memo and size stay out: the listing of 20,000 documents was 7 MB, a fifth of it
 * checksums, and the page parsed it before it could show anything.
 */
export type DocumentListItem = Omit<DocumentSummary, 'sha256' | 'source' | 'memo' | 'charCount'>;

/** The {@link DocumentListItem} of a document's summary (or of its entry in the library file). */
export function documentListItem({
  sha256: _sha256,
  source: _source,
  memo: _memo,
  charCount: _charCount,
  ...item
}: DocumentSummary): DocumentListItem {
  return item;
}
