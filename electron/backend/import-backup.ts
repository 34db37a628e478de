import { BACKUP_FORMAT, type Backup } from '../../shared/export/backup-format';
import { backupSchema } from '../../shared/export/backup';
import type { ImportSummary } from '../../shared/export/import-summary';
import {
  isPlaced,
  type Database,
  type Entity,
  type Highlight,
  type Settings,
  type StoredDocument,
  type Tag,
  type Variable,
  type VariableValue,
} from '../../shared/domain';
import { quoteWithContext } from '../../shared/text-context';
import { randomUUID } from 'node:crypto';
import { ApiFailure } from './api-error';
import { variableValueProblem } from '../../shared/variables';
import { insert, replace, type Change } from './change-set';
import { NameIndex } from '../../shared/names';
import { dedupeStances } from './handlers/stances';
import { migrate } from './migrations/index';
import { BackupDamage, partsOf, type LongList } from './exchange/backup-records';
import type { JobControl } from './jobs';

/** Reads a backup file's text: JSON, the backup format, a schema this version reads (older ones are migrated). */
export function parseBackup(content: string): Backup {
  let raw: unknown;
  try {
    raw = JSON.parse(content);
  } catch {
    throw new ApiFailure('invalid-request', 'The file is not JSON, so it is not a Stance Annotator backup.');
  }
  return backupFromJson(raw);
}

/** Bytes of a backup's text read between two turns of the event loop, when it is read a record at a time. */
const CONTENT_CHUNK = 1 << 20;

/**
 * {@link parseBackup}, reading the text a record at a time (exchange/backup-records.ts), a megabyte between two
 * turns of the event loop: the backend answers meanwhile, `control` hears how far it is and can stop it, and a
 * damaged backup is refused with the place of the damage.
 */
export async function readBackupContent(content: string, control: JobControl): Promise<Backup> {
  const bytes = Buffer.from(content, 'utf8');
  const raw: Record<string, unknown> = {};
  const lists: Partial<Record<LongList, unknown[]>> = {};
  async function* chunks(): AsyncGenerator<Buffer> {
    for (let at = 0; at < bytes.length; at += CONTENT_CHUNK) {
      control.progress(at, bytes.length);
      await new Promise((resolve) => setImmediate(resolve));
      control.signal.throwIfAborted();
      yield bytes.subarray(at, at + CONTENT_CHUNK);
    }
  }
  try {
    for await (const part of partsOf(chunks())) {
      if (part.kind === 'record') (lists[part.list] ??= []).push(part.value);
      else if (part.kind === 'list-end') lists[part.list] ??= [];
      else raw[part.key] = part.value;
    }
  } catch (error) {
    if (error instanceof BackupDamage) throw new ApiFailure('invalid-request', error.message);
    throw error;
  }
  control.progress(bytes.length, bytes.length);
  return backupFromJson({ ...raw, ...lists });
}

/** A backup's JSON value checked: the backup format, a schema this version reads (older ones are migrated). */
function backupFromJson(raw: unknown): Backup {
  if (typeof raw !== 'object' || raw === null || (raw as { format?: unknown }).format !== BACKUP_FORMAT) {
    throw new ApiFailure('invalid-request', 'The file is JSON but not a Stance Annotator backup.');
  }
  const { format, ...library } = raw as Record<string, unknown>;
  let migrated;
  try {
    migrated = migrate(library).data;
  } catch (error) {
    throw new ApiFailure('invalid-request', (error as Error).message.replace('data file', 'backup'));
  }
  const parsed = backupSchema.safeParse({ ...migrated, format });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ApiFailure('invalid-request', `The backup is damaged: ${issue?.message} at ${issue?.path.join('.')}.`);
  }
  checkIntegrity(parsed.data);
  return parsed.data;
}

/** Every reference inside the backup points to something in it, and every highlight matches its text. */
function checkIntegrity(backup: Backup): void {
  const documents = new Map(backup.documents.map((d) => [d.id, d]));
  const known = { tagIds: new Set(backup.tags.map((t) => t.id)), entityIds: new Set(backup.entities.map((e) => e.id)) };
  const problem = listsProblem(backup) ?? documentsProblem(backup.documents, backup.variables);
  if (problem) throw inconsistent(problem);
  for (const h of backup.highlights) {
    const highlightProblem = highlightProblemIn(h, documents.get(h.documentId)?.text, known);
    if (highlightProblem) throw inconsistent(highlightProblem);
  }
}

export const inconsistent = (problem: string): ApiFailure =>
  new ApiFailure('invalid-request', `The backup is inconsistent: ${problem}.`);

/** What is wrong with the backup's tags (a parent it does not hold); null when nothing. */
export function listsProblem(backup: Pick<Backup, 'tags'>): string | null {
  const tagIds = new Set(backup.tags.map((t) => t.id));
  for (const tag of backup.tags) {
    if (tag.parentId !== null && !tagIds.has(tag.parentId)) return `tag "${tag.name}" has an unknown parent`;
  }
  return null;
}

/** What is wrong with the documents' variable values; null when nothing. */
export function documentsProblem(
  documents: Iterable<Pick<StoredDocument, 'title' | 'variables'>>,
  backupVariables: readonly Variable[],
): string | null {
  const variables = new Map(backupVariables.map((v) => [v.id, v]));
  for (const document of documents) {
    for (const [variableId, value] of Object.entries(document.variables)) {
      const variable = variables.get(variableId);
      if (!variable) return `document "${document.title}" has a value of an unknown variable`;
      const problem = variableValueProblem(variable, value);
      if (problem) return `document "${document.title}": ${problem}`;
    }
  }
  return null;
}

/** What is wrong with a highlight of the backup, given its document's text (undefined: no such document). */
export function highlightProblemIn(
  h: Highlight,
  text: string | undefined,
  known: { tagIds: ReadonlySet<string>; entityIds: ReadonlySet<string> },
): string | null {
  if (text === undefined) return `highlight ${h.id} belongs to no document in the backup`;
  // An orphan has no place (domain.ts, `anchor`): its offsets only stay inside the text.
  const misplaced = isPlaced(h) && text.slice(h.start, h.end) !== h.quote;
  if (h.end <= h.start || h.end > text.length || misplaced)
    return `highlight ${h.id} does not match its document's text`;
  for (const tagId of h.tagIds) if (!known.tagIds.has(tagId)) return `highlight ${h.id} has an unknown tag`;
  for (const s of h.stances) {
    if ((s.holderId !== null && !known.entityIds.has(s.holderId)) || !known.entityIds.has(s.targetId)) {
      return `highlight ${h.id} has a stance with an unknown holder or target`;
    }
  }
  return null;
}

const newId = (): string => randomUUID();

/** What an import counts, empty. */
export function emptySummary(): ImportSummary {
  const count = () => ({ added: 0, alreadyThere: 0 });
  return {
    documents: count(),
    tags: count(),
    entities: count(),
    variables: count(),
    highlights: count(),
    byCoder: {},
    differentTexts: [],
    notes: [],
  };
}

/**
 * The changes that bring a backup into the library without loss or duplicates. What is there already — by id, or
 * else by content (a document by its text's SHA-256, a tag, holder or target by name, ignoring case) — is matched and
 * kept, and the backup's references are pointed at it; everything else is added. An empty library takes the
 * backup's settings too; a library in use keeps its own.
 */
export function planImport(
  data: Database,
  backup: Backup,
  /** `tagsMatched`: the backup's tags that are the library's carry its ids already (REFI-QDA codes, matched by path). */
  options: { tagsMatched?: boolean } = {},
): { changes: Change[]; summary: ImportSummary } {
  const changes: Change[] = [];
  const summary = emptySummary();
  const lists = matchLists(data, backup, summary, options);
  changes.push(...lists.changes);
  const matcher = new DocumentMatcher(data.documents, summary);
  const documentIds = new Map<string, string>();
  for (const d of backup.documents) {
    const match = matcher.match(d);
    documentIds.set(d.id, match.id);
    if (match.added) changes.push(insert('documents', { ...d, id: match.id, variables: lists.valuesFor(d) }));
  }

  const existingHighlights = new Set(data.highlights.map((h) => h.id));
  const documentText = new Map(data.documents.map((d) => [d.id, d.text]));
  for (const d of backup.documents)
    if (!documentText.has(documentIds.get(d.id)!)) documentText.set(documentIds.get(d.id)!, d.text);
  for (const h of backup.highlights) {
    if (existingHighlights.has(h.id)) {
      summary.highlights.alreadyThere++;
      continue;
    }
    const documentId = documentIds.get(h.documentId)!;
    changes.push(insert('highlights', lists.highlight(h, documentId, documentText.get(documentId)!)));
    countAdded(summary, h);
  }

  if (data.documents.length === 0) {
    changes.push({
      kind: 'settings',
      before: data.settings,
      after: importedSettings(data.settings, backup.settings, documentIds),
    });
  }
  return { changes, summary };
}

/** A highlight added, in the summary. */
export function countAdded(summary: ImportSummary, h: Pick<Highlight, 'annotator'>): void {
  summary.highlights.added++;
  summary.byCoder[h.annotator] = (summary.byCoder[h.annotator] ?? 0) + 1;
}

/** The settings an empty library takes from the backup: the backup's, its last document by the id it now has. */
export function importedSettings(
  library: Settings,
  backup: Settings,
  documentIds: ReadonlyMap<string, string>,
): Settings {
  const lastDocumentId = backup.lastDocumentId && documentIds.get(backup.lastDocumentId);
  return { ...backup, lastDocumentId: lastDocumentId ?? library.lastDocumentId };
}

/**
 * The backup's documents matched with the library's. A document is the same when its text is (by SHA-256): two coders
 * who imported the same article share it, whatever its id. A text that differs from a document of the same id or
 * title (another version of the article) is added as a document of its own, and said: its highlights are never put
 * onto the other text.
 */
export class DocumentMatcher {
  private readonly bySha: Map<string, Pick<StoredDocument, 'id'>>;
  private readonly libraryIds: Set<string>;
  private readonly byId: Map<string, Pick<StoredDocument, 'title'>>;
  /** The first of the library's documents with each title. */
  private readonly byTitle = new Map<string, Pick<StoredDocument, 'title'>>();

  constructor(
    library: ReadonlyArray<Pick<StoredDocument, 'id' | 'title' | 'sha256'>>,
    private readonly summary: ImportSummary,
  ) {
    this.bySha = new Map(library.map((e) => [e.sha256, e]));
    this.libraryIds = new Set(library.map((e) => e.id));
    this.byId = new Map(library.map((e) => [e.id, e]));
    for (const e of library) if (!this.byTitle.has(e.title)) this.byTitle.set(e.title, e);
  }

  /** The id the backup's document has in the library, and whether it is added. */
  match(d: Pick<StoredDocument, 'id' | 'title' | 'sha256'>): { id: string; added: boolean } {
    const same = this.bySha.get(d.sha256);
    if (same) {
      this.summary.documents.alreadyThere++;
      return { id: same.id, added: false };
    }
    const namesake = this.byId.get(d.id) ?? this.byTitle.get(d.title);
    if (namesake) this.summary.differentTexts.push({ title: d.title, libraryTitle: namesake.title });
    const id = this.libraryIds.has(d.id) ? newId() : d.id;
    this.libraryIds.add(id);
    this.bySha.set(d.sha256, { id });
    this.summary.documents.added++;
    return { id, added: true };
  }
}

/** The library's small lists that an import matches the backup's with. */
export type ImportLists = Pick<Database, 'tags' | 'entities' | 'variables'>;

/**
 * The backup's tags, holders and targets, and variables matched with the library's: the changes that add what the
 * library lacks, and how a backup's document and highlight read in the library's terms.
 */
export function matchLists(
  data: ImportLists,
  backup: ImportLists,
  summary: ImportSummary,
  options: { tagsMatched?: boolean } = {},
): {
  changes: Change[];
  valuesFor(document: Pick<StoredDocument, 'variables'>): Record<string, VariableValue>;
  highlight(h: Highlight, documentId: string, text: string): Highlight;
} {
  const changes: Change[] = [];
  const variables = mapVariables(data, backup, changes, summary.variables);
  const tagIds = new Map<string, string>();
  const addedTags: Tag[] = [];
  const tagsById = new Map(data.tags.map((t) => [t.id, t]));
  const tagsByName = new NameIndex<Tag>((t) => t.name).add(data.tags);
  for (const t of backup.tags) {
    const same = tagsById.get(t.id) ?? (options.tagsMatched ? undefined : tagsByName.find(t.name));
    if (same) {
      tagIds.set(t.id, same.id);
      summary.tags.alreadyThere++;
    } else {
      tagIds.set(t.id, t.id);
      addedTags.push(t);
      summary.tags.added++;
    }
  }
  for (const t of addedTags) tagsById.set(t.id, t);
  for (const t of addedTags) {
    let parentId = t.parentId === null ? null : (tagIds.get(t.parentId) ?? null);
    // One level of hierarchy: a parent that is itself a sub-tag in this library leaves the tag at the top.
    if (parentId !== null && tagsById.get(parentId)?.parentId !== null) parentId = null;
    changes.push(insert('tags', { ...t, parentId }));
  }

  // Holders and targets: one list, matched by id or else by name.
  const entityIds = new Map<string, string>();
  const entitiesById = new Map(data.entities.map((e) => [e.id, e]));
  const entitiesByName = new NameIndex<Entity>((e) => e.name).add(data.entities);
  for (const e of backup.entities) {
    const same = entitiesById.get(e.id) ?? entitiesByName.find(e.name);
    if (same) {
      entityIds.set(e.id, same.id);
      summary.entities.alreadyThere++;
    } else {
      entityIds.set(e.id, e.id);
      changes.push(insert('entities', e));
      summary.entities.added++;
    }
  }
  return {
    changes,
    valuesFor: (document) => variables.valuesFor(document),
    highlight: (h, documentId, text) => ({
      ...h,
      documentId,
      // The context is re-read from the text it now belongs to (the same text, by SHA-256); an orphan keeps its own.
      ...(isPlaced(h) && quoteWithContext(text, h.start, h.end)),
      tagIds: [...new Set(h.tagIds.map((id) => tagIds.get(id)!))],
      stances: dedupeStances(
        h.stances.map((s) => ({
          holderId: s.holderId === null ? null : entityIds.get(s.holderId)!,
          targetId: entityIds.get(s.targetId)!,
          stance: s.stance,
        })),
      ),
    }),
  };
}

/**
 * The backup's variables matched with the library's by id or name: a variable the library lacks is added; a matched
 * one keeps the library's definition, and a category there gains the values the backup's documents use. An added
 * document's values are moved to the matched variables; a value the matched variable's type does not take (a
 * variable of the same name but another type) is left out.
 */
function mapVariables(
  data: ImportLists,
  backup: ImportLists,
  changes: Change[],
  tally: { added: number; alreadyThere: number },
): { valuesFor(document: Pick<StoredDocument, 'variables'>): Record<string, VariableValue> } {
  const matched = new Map<string, Variable>();
  const variablesById = new Map(data.variables.map((v) => [v.id, v]));
  const variablesByName = new NameIndex<Variable>((v) => v.name).add(data.variables);
  for (const v of backup.variables) {
    const same = variablesById.get(v.id) ?? variablesByName.find(v.name);
    if (!same) {
      changes.push(insert('variables', v));
      matched.set(v.id, v);
      tally.added++;
      continue;
    }
    tally.alreadyThere++;
    const missing = v.values.filter((value) => !same.values.includes(value));
    if (same.type === 'category' && v.type === 'category' && missing.length > 0) {
      const widened = { ...same, values: [...same.values, ...missing] };
      changes.push(replace('variables', same, widened));
      matched.set(v.id, widened);
    } else {
      matched.set(v.id, same);
    }
  }
  return {
    valuesFor(document: Pick<StoredDocument, 'variables'>) {
      const values: Record<string, VariableValue> = {};
      for (const [id, value] of Object.entries(document.variables)) {
        const variable = matched.get(id);
        if (variable && variableValueProblem(variable, value) === null) values[variable.id] = value;
      }
      return values;
    },
  };
}
