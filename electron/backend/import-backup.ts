import { BACKUP_FORMAT, backupSchema, type Backup, type ImportSummary } from '../../shared/export/backup';
import {
  isPlaced,
  type Database,
  type Highlight,
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
import { sameName } from './handlers/lookup';
import { dedupeStances } from './handlers/stances';
import { migrate } from './migrations/index';

/** Reads a backup file's text: JSON, the backup format, a schema this version reads (older ones are migrated). */
export function parseBackup(content: string): Backup {
  let raw: unknown;
  try {
    raw = JSON.parse(content);
  } catch {
    throw new ApiFailure('invalid-request', 'The file is not JSON, so it is not a Stance Annotator backup.');
  }
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
  const fail = (message: string): never => {
    throw new ApiFailure('invalid-request', `The backup is inconsistent: ${message}.`);
  };
  const documents = new Map(backup.documents.map((d) => [d.id, d]));
  const tagIds = new Set(backup.tags.map((t) => t.id));
  const entityIds = new Set(backup.entities.map((e) => e.id));
  for (const tag of backup.tags) {
    if (tag.parentId !== null && !tagIds.has(tag.parentId)) fail(`tag "${tag.name}" has an unknown parent`);
  }
  const variables = new Map(backup.variables.map((v) => [v.id, v]));
  for (const document of backup.documents) {
    for (const [variableId, value] of Object.entries(document.variables)) {
      const variable = variables.get(variableId);
      if (!variable) fail(`document "${document.title}" has a value of an unknown variable`);
      const problem = variableValueProblem(variable!, value);
      if (problem) fail(`document "${document.title}": ${problem}`);
    }
  }
  for (const h of backup.highlights) {
    const document = documents.get(h.documentId);
    if (!document) fail(`highlight ${h.id} belongs to no document in the backup`);
    // An orphan has no place (domain.ts, `anchor`): its offsets only stay inside the text.
    const misplaced = isPlaced(h) && document!.text.slice(h.start, h.end) !== h.quote;
    if (h.end <= h.start || h.end > document!.text.length || misplaced) {
      fail(`highlight ${h.id} does not match its document's text`);
    }
    for (const tagId of h.tagIds) if (!tagIds.has(tagId)) fail(`highlight ${h.id} has an unknown tag`);
    for (const s of h.stances) {
      if ((s.holderId !== null && !entityIds.has(s.holderId)) || !entityIds.has(s.targetId)) {
        fail(`highlight ${h.id} has a stance with an unknown holder or target`);
      }
    }
  }
}

const newId = (): string => randomUUID();

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
  const count = () => ({ added: 0, alreadyThere: 0 });
  const summary: ImportSummary = {
    documents: count(),
    tags: count(),
    entities: count(),
    variables: count(),
    highlights: count(),
    byCoder: {},
    differentTexts: [],
    notes: [],
  };

  const variables = mapVariables(data, backup, changes, summary.variables);
  const documentIds = new Map<string, string>();
  const bySha = new Map(data.documents.map((e) => [e.sha256, e]));
  const libraryIds = new Set(data.documents.map((e) => e.id));
  for (const d of backup.documents) {
    // A document is the same when its text is: two coders who imported the same article share it, whatever its id.
    const same = bySha.get(d.sha256);
    if (same) {
      documentIds.set(d.id, same.id);
      summary.documents.alreadyThere++;
      continue;
    }
    // A text that differs from a document of the same id or title (another version of the article) is added as a
    // document of its own, and said: its highlights are never put onto the other text.
    const namesake = data.documents.find((e) => e.id === d.id) ?? data.documents.find((e) => e.title === d.title);
    if (namesake) summary.differentTexts.push({ title: d.title, libraryTitle: namesake.title });
    const id = libraryIds.has(d.id) ? newId() : d.id;
    libraryIds.add(id);
    documentIds.set(d.id, id);
    const added = { ...d, id, variables: variables.valuesFor(d) } satisfies StoredDocument;
    bySha.set(d.sha256, added);
    changes.push(insert('documents', added));
    summary.documents.added++;
  }

  const tagIds = new Map<string, string>();
  const addedTags: Tag[] = [];
  for (const t of backup.tags) {
    const same =
      data.tags.find((e) => e.id === t.id) ??
      (options.tagsMatched ? undefined : data.tags.find((e) => sameName(e.name, t.name)));
    if (same) {
      tagIds.set(t.id, same.id);
      summary.tags.alreadyThere++;
    } else {
      tagIds.set(t.id, t.id);
      addedTags.push(t);
      summary.tags.added++;
    }
  }
  const allTags = [...data.tags, ...addedTags];
  for (const t of addedTags) {
    let parentId = t.parentId === null ? null : (tagIds.get(t.parentId) ?? null);
    // One level of hierarchy: a parent that is itself a sub-tag in this library leaves the tag at the top.
    if (parentId !== null && allTags.find((x) => x.id === parentId)?.parentId !== null) parentId = null;
    changes.push(insert('tags', { ...t, parentId }));
  }

  // Holders and targets: one list, matched by id or else by name.
  const entityIds = new Map<string, string>();
  for (const e of backup.entities) {
    const same = data.entities.find((x) => x.id === e.id) ?? data.entities.find((x) => sameName(x.name, e.name));
    if (same) {
      entityIds.set(e.id, same.id);
      summary.entities.alreadyThere++;
    } else {
      entityIds.set(e.id, e.id);
      changes.push(insert('entities', e));
      summary.entities.added++;
    }
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
    const highlight: Highlight = {
      ...h,
      documentId,
      // The context is re-read from the text it now belongs to (the same text, by SHA-256); an orphan keeps its own.
      ...(isPlaced(h) && quoteWithContext(documentText.get(documentId)!, h.start, h.end)),
      tagIds: [...new Set(h.tagIds.map((id) => tagIds.get(id)!))],
      stances: dedupeStances(
        h.stances.map((s) => ({
          holderId: s.holderId === null ? null : entityIds.get(s.holderId)!,
          targetId: entityIds.get(s.targetId)!,
          stance: s.stance,
        })),
      ),
    };
    changes.push(insert('highlights', highlight));
    summary.highlights.added++;
    summary.byCoder[h.annotator] = (summary.byCoder[h.annotator] ?? 0) + 1;
  }

  if (data.documents.length === 0) {
    const lastDocumentId = backup.settings.lastDocumentId && documentIds.get(backup.settings.lastDocumentId);
    changes.push({
      kind: 'settings',
      before: data.settings,
      after: { ...backup.settings, lastDocumentId: lastDocumentId ?? data.settings.lastDocumentId },
    });
  }
  return { changes, summary };
}

/**
 * The backup's variables matched with the library's by id or name: a variable the library lacks is added; a matched
 * one keeps the library's definition, and a category there gains the values the backup's documents use. An added
 * document's values are moved to the matched variables; a value the matched variable's type does not take (a
 * variable of the same name but another type) is left out.
 */
function mapVariables(
  data: Database,
  backup: Backup,
  changes: Change[],
  tally: { added: number; alreadyThere: number },
): { valuesFor(document: StoredDocument): Record<string, VariableValue> } {
  const matched = new Map<string, Variable>();
  for (const v of backup.variables) {
    const same = data.variables.find((x) => x.id === v.id) ?? data.variables.find((x) => sameName(x.name, v.name));
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
    valuesFor(document) {
      const values: Record<string, VariableValue> = {};
      for (const [id, value] of Object.entries(document.variables)) {
        const variable = matched.get(id);
        if (variable && variableValueProblem(variable, value) === null) values[variable.id] = value;
      }
      return values;
    },
  };
}
