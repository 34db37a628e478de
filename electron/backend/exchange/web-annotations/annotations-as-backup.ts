import { createHash, randomUUID } from 'node:crypto';
import { anchorQuote } from '../../../../shared/anchoring/anchor-quote';
import { utf16OffsetsOf } from '../../../../shared/code-points';
import {
  CURRENT_SCHEMA_VERSION,
  idSchema,
  type Database,
  type Entity,
  type Highlight,
  type StoredDocument,
  type Tag,
} from '../../../../shared/domain';
import { BACKUP_FORMAT, type Backup } from '../../../../shared/export/backup-format';
import { NameIndex } from '../../../../shared/names';
import { TagColors } from '../../../../shared/tag-colors';
import { TAG_PATH_SEPARATOR } from '../../../../shared/tag-paths';
import { quoteWithContext } from '../../../../shared/text-context';
import type { IncomingAnnotation, ReadAnnotations } from '../../../../shared/web-annotations/read-annotations';
import { entryIn } from '../../../../shared/collections';

/** This app's own name for a document, as its web annotation export writes it. */
const DOCUMENT_URN = /^urn:stance-annotator:document:(.+)$/;

export interface AnnotationsPlan {
  backup: Backup;
  notes: string[];
  /** How the annotations found their passages. */
  anchoring: { exact: number; fuzzy: number; orphan: number };
  /** Sources that name no document of the library (and were not given one): their annotations were left out. */
  unmatched: { source: string; count: number }[];
}

export interface AnnotationOptions {
  /** The document for annotations whose source names none of the library's (the analyst's choice). */
  documentId?: string;
  /** Whose highlights annotations without a creator become. */
  coder: string;
  now: Date;
}

/**
 * Web annotations as a backup of the library's own documents, for planImport to bring in: each annotation on the
 * document its source names (this app's URN, or the document's URL), else on the one the analyst chose, anchored as
 * DESIGN.md says — the position selector if the quote is found there, else the quote by its context, exactly or
 * within the error budget (shared/anchoring/), else kept as an orphan. Its id is derived from the annotation's, so
 * importing the same file twice adds nothing the second time. A step at a time, yielding how many annotations are
 * placed: one whose quote is not near its place is looked for in the whole text, which for thousands of annotations
 * of a long text that has changed takes minutes (handlers/exchange.ts runs it as a job, in slices).
 */
export function* annotationsAsBackup(
  data: Database,
  read: ReadAnnotations,
  options: AnnotationOptions,
): Generator<number, AnnotationsPlan> {
  const documents = new Map<string, StoredDocument>();
  const anchoring = { exact: 0, fuzzy: 0, orphan: 0 };
  const unmatched = new Map<string, number>();
  const tags = new Map<string, Backup['tags'][number]>();
  const entities = new Map<string, Backup['entities'][number]>();
  const highlights: Highlight[] = [];
  const skipped: string[] = [];
  const ids = new Set<string>();
  let repeated = 0;
  const chosen = options.documentId ? data.documents.find((d) => d.id === options.documentId) : undefined;

  // The library's tags, holders and targets by name, and the colours its tags use: looked up for each annotation.
  const libraryTags = new NameIndex<Tag>((t) => t.name).add(data.tags);
  const libraryEntities = new NameIndex<Entity>((e) => e.name).add(data.entities);
  const colors = new TagColors(data.tags);
  const tagId = (name: string) => {
    const clean = name.replaceAll('|', '/').replaceAll(TAG_PATH_SEPARATOR.trim(), '/').slice(0, 200);
    const key = clean.toLowerCase();
    let tag = tags.get(key);
    if (!tag) {
      const existing = libraryTags.find(clean);
      tag = existing ?? { id: randomUUID(), name: clean, color: colors.next(), description: '', parentId: null };
      colors.add(tag.color);
      tags.set(key, tag);
    }
    return tag.id;
  };
  const entityId = (name: string) => {
    const key = name.toLowerCase();
    let entity = entities.get(key);
    if (!entity) {
      entity = libraryEntities.find(name) ?? { id: randomUUID(), name: name.slice(0, 200) };
      entities.set(key, entity);
    }
    return entity.id;
  };

  // Asked once per source and per document, not per annotation: an export of a long document has thousands of
  // annotations of the same source (each looked through the documents, and made its text's offsets again).
  const documentsBySource = new Map<string | null, StoredDocument | undefined>();
  const offsetsByDocument = new Map<string, (codePoint: number) => number | null>();
  const take = (annotation: IncomingAnnotation): void => {
    // Kept when no document is found too, so that annotations of a page not in the library cost one look each.
    if (!documentsBySource.has(annotation.source)) {
      documentsBySource.set(annotation.source, documentOf(data, annotation.source));
    }
    const document = documentsBySource.get(annotation.source) ?? chosen;
    if (!document) {
      const source = annotation.source ?? '(no source)';
      unmatched.set(source, (unmatched.get(source) ?? 0) + 1);
      return;
    }
    const id = highlightIdOf(annotation, document.id);
    if (ids.has(id)) {
      repeated++;
      return;
    }
    const toUtf16 = entryIn(offsetsByDocument, document.id, () => utf16OffsetsOf(document.text));
    const place = placeOf(document.text, toUtf16, annotation);
    if (!place) {
      skipped.push(
        `${annotation.id ?? 'An annotation'}: its position is outside the text, and it has no quote to look for`,
      );
      return;
    }
    ids.add(id);
    documents.set(document.id, document);
    anchoring[place.anchor ?? 'exact']++;
    const timestamp = (value: string | null) =>
      value && !Number.isNaN(Date.parse(value)) ? new Date(value).toISOString() : options.now.toISOString();
    highlights.push({
      id,
      documentId: document.id,
      ...place,
      tagIds: annotation.tags.map(tagId),
      stances: annotation.stances.map((s) => ({
        holderId: s.holder === null ? null : entityId(s.holder),
        targetId: entityId(s.target),
        stance: s.stance,
      })),
      note: annotation.note,
      annotator: annotation.creator || options.coder,
      createdAt: timestamp(annotation.created),
      updatedAt: timestamp(annotation.modified ?? annotation.created),
    });
  };
  let done = 0;
  for (const annotation of read.annotations) {
    take(annotation);
    yield ++done;
  }

  const notes = [...read.skipped, ...skipped].map((why) => `Annotation ${why}: left out.`);
  if (repeated > 0) notes.push(`${repeated} annotation${repeated > 1 ? 's' : ''} repeated in the file counted once.`);
  if (anchoring.orphan > 0) {
    notes.push(
      `${anchoring.orphan} annotation${anchoring.orphan > 1 ? 's' : ''} could not be found in the text and ` +
        `${anchoring.orphan > 1 ? 'were' : 'was'} kept as orphaned highlights: re-attach them under "Orphaned highlights".`,
    );
  }
  return {
    backup: {
      format: BACKUP_FORMAT,
      schemaVersion: CURRENT_SCHEMA_VERSION,
      documents: [...documents.values()],
      tags: [...tags.values()],
      entities: [...entities.values()],
      variables: [],
      highlights,
      settings: data.settings,
    },
    notes,
    anchoring,
    unmatched: [...unmatched].map(([source, count]) => ({ source, count })),
  };
}

/** The library's document an annotation's source names: by this app's URN, or by the document's URL. */
function documentOf(data: Database, source: string | null): StoredDocument | undefined {
  if (!source) return undefined;
  const urn = DOCUMENT_URN.exec(source);
  if (urn) return data.documents.find((d) => d.id === urn[1]);
  const wanted = comparableUrl(source);
  return wanted === null
    ? undefined
    : data.documents.find((d) => d.source.url && comparableUrl(d.source.url) === wanted);
}

/** A URL as two writers of the same page would agree on it: no fragment, no trailing slash, host in lower case. */
function comparableUrl(url: string): string | null {
  try {
    const parsed = new URL(url);
    parsed.hash = '';
    return `${parsed.protocol.replace('http:', 'https:')}//${parsed.host.toLowerCase()}${parsed.pathname.replace(/\/$/, '')}${parsed.search}`;
  } catch {
    return null;
  }
}

type Place = Pick<Highlight, 'start' | 'end' | 'quote' | 'prefix' | 'suffix' | 'anchor'>;

/**
 * Where an annotation's passage is in `text`: its position if the quote is there, counted in code points (as the
 * standard counts) or in UTF-16 units (as browsers, and Hypothesis, do); else its quote found by context. Null for
 * an annotation with only a position, outside the text: nothing says what it was.
 */
function placeOf(
  text: string,
  toUtf16: (codePoint: number) => number | null,
  annotation: IncomingAnnotation,
): Place | null {
  const { quote, position } = annotation;
  const candidates = position
    ? [
        { start: toUtf16(position.start) ?? -1, end: toUtf16(position.end) ?? -1 },
        { start: position.start, end: position.end },
      ]
    : [];
  for (const c of candidates) {
    if (c.start < 0 || c.end > text.length || c.end <= c.start) continue;
    if (!quote || text.slice(c.start, c.end) === quote.exact)
      return { ...c, ...quoteWithContext(text, c.start, c.end) };
  }
  if (!quote) return null;
  const hint = candidates.find((c) => c.start >= 0 && c.start <= text.length)?.start;
  const found = anchorQuote(text, { quote: quote.exact, prefix: quote.prefix, suffix: quote.suffix }, hint);
  if (!found) return orphanPlace(text, quote.exact, quote.prefix, quote.suffix);
  return {
    start: found.start,
    end: found.end,
    ...quoteWithContext(text, found.start, found.end),
    ...(found.kind === 'fuzzy' && { anchor: 'fuzzy' as const }),
  };
}

/** An orphan keeps the passage as it was quoted; its offsets only stay inside the text (domain.ts, `anchor`). */
function orphanPlace(text: string, quote: string, prefix: string, suffix: string): Place {
  return { start: 0, end: Math.max(1, Math.min(text.length, quote.length)), quote, prefix, suffix, anchor: 'orphan' };
}

/**
 * The highlight id for an annotation: the id it names when it is this app's (`urn:uuid:` of a highlight), so that a
 * library's own export comes back as the same highlights; else one derived from the annotation's id (or content)
 * and the document, so that the same annotation imported again is recognised.
 */
function highlightIdOf(annotation: IncomingAnnotation, documentId: string): string {
  const own = annotation.id && /^urn:uuid:(.+)$/.exec(annotation.id);
  if (own && idSchema.safeParse(own[1]).success) return own[1]!;
  const digest = createHash('sha256')
    .update(`${documentId}\n${annotation.id ?? JSON.stringify(annotation)}`)
    .digest('hex');
  return `${digest.slice(0, 8)}-${digest.slice(8, 12)}-${digest.slice(12, 16)}-${digest.slice(16, 20)}-${digest.slice(20, 32)}`;
}
