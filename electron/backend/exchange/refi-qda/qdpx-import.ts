import { createHash } from 'node:crypto';
import { BACKUP_FORMAT, type Backup } from '../../../../shared/export/backup-format';
import {
  CURRENT_SCHEMA_VERSION,
  type Database,
  type Entity,
  type Highlight,
  type Stance,
  type StoredDocument,
  type Variable,
  type VariableValue,
} from '../../../../shared/domain';
import { utf16OffsetsOf } from '../../../../shared/code-points';
import { isPublishedDate } from '../../../../shared/published-date';
import { NameIndex } from '../../../../shared/names';
import { ApiFailure } from '../../api-error';
import { newId } from '../../make-document';
import { codesAsTags } from './codes-to-tags';
import { readCodes, type ReadCode } from './qdc';
import { parseStanceCodeName } from './stance-codes';
import { readZip } from './zip-archive';
import { attribute, childElement, childElements, childText, guidKey, parseXml, type XmlElement } from './xml-read';

/**
 * A REFI-QDA project (`.qdpx`, or a bare `project.qde`) as a backup of this app, to go through the backup import's
 * plan (documents matched by their text, each coder's highlights kept, one step to undo). Text sources and their
 * plain-text selections come in, with their codings as tags (codes merged by name path), the stance codes as stances,
 * notes and descriptions as notes, the users as coders, and the variables of their cases as document details and
 * variables. What the app cannot hold (PDF, picture, audio and video sources, graphs, sets, links, codings of whole
 * sources, selections that do not fit their text) is skipped and listed.
 */

export interface ProjectImport {
  backup: Backup;
  /** What was left out or changed on the way in, said in the summary. */
  notes: string[];
}

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];

export function isZip(bytes: Uint8Array): boolean {
  return ZIP_SIGNATURE.every((byte, i) => bytes[i] === byte);
}

/** The project.qde text and a reader of the internal files, from a `.qdpx`. */
export async function openQdpx(
  bytes: Buffer,
): Promise<{ qde: string; internal(path: string): Promise<string | null> }> {
  const zip = await readZip(bytes, 'The .qdpx file');
  const qdeName =
    zip.names().find((name) => name === 'project.qde') ?? zip.names().find((name) => /\.qde$/i.test(name));
  if (!qdeName) throw new ApiFailure('invalid-request', 'The .qdpx file has no project.qde inside.');
  const qde = (await zip.text(qdeName))!;
  // The texts are inflated on zlib's thread pool while the project is parsed on this one: started now, awaited when
  // their sources are read. (A failure is reported then; until then it is held, not thrown unhandled.)
  const texts = new Map<string, Promise<string | null>>();
  for (const name of zip.names()) {
    if (!/\.txt$/i.test(name)) continue;
    const text = zip.text(name);
    text.catch(() => undefined);
    texts.set(name, text);
  }
  const read = (name: string) => texts.get(name) ?? zip.text(name);
  return {
    qde,
    internal: async (path) => (await read(`sources/${path}`)) ?? (await read(path)),
  };
}

const SKIPPED_KINDS: Record<string, string> = {
  PDFSource: 'PDF sources',
  PictureSource: 'picture sources',
  AudioSource: 'audio sources',
  VideoSource: 'video sources',
};

export async function projectAsBackup(
  qde: string,
  internal: (path: string) => Promise<string | null>,
  data: Database,
  now: Date,
): Promise<ProjectImport> {
  const root = parseXml(qde, 'The project file');
  if (root.localName !== 'Project') {
    throw new ApiFailure(
      'invalid-request',
      `The file is XML but not a REFI-QDA project (its root is <${root.localName}>).`,
    );
  }
  const notes: string[] = [];
  const skipped = new Map<string, string[]>();
  const skip = (kind: string, name: string) => skipped.set(kind, [...(skipped.get(kind) ?? []), name]);

  const users = new Map<string, string>();
  for (const user of childElements(childElement(root, 'Users') ?? root, 'User')) {
    users.set(guidKey(attribute(user, 'guid')), attribute(user, 'name') ?? attribute(user, 'id') ?? '');
  }
  const codeBook = childElement(root, 'CodeBook');
  const codes = codeBook ? readCodes(codeBook) : [];
  const asTags = codesAsTags(data.tags, codes);
  notes.push(...asTags.notes);

  // Stance codes, by GUID, with their holder and target as entities (matched by name, or new).
  const entities: Entity[] = [];
  const known = new NameIndex<Entity>((e) => e.name).add(data.entities);
  const taken = new Set<Entity>();
  const entityId = (name: string): string => {
    const entity = known.find(name) ?? { id: newId(), name };
    known.add([entity]);
    if (!taken.has(entity)) entities.push(entity);
    taken.add(entity);
    return entity.id;
  };
  const stanceByGuid = new Map<string, Stance>();
  const visitStance = (code: ReadCode) => {
    const parsed = parseStanceCodeName(code.name);
    if (parsed) {
      stanceByGuid.set(code.guid, {
        holderId: parsed.holder === null ? null : entityId(parsed.holder),
        targetId: entityId(parsed.target),
        stance: parsed.stance,
      });
    } else notes.push(`The stance code "${code.name}" is not "holder → target: value"; its codings were left out.`);
    code.children.forEach(visitStance);
  };
  asTags.stanceCodes.forEach(visitStance);

  const noteText = new Map<string, string>();
  for (const note of childElements(childElement(root, 'Notes') ?? root, 'Note')) {
    noteText.set(guidKey(attribute(note, 'guid')), childText(note, 'PlainTextContent'));
  }

  const variables = readVariables(root, data);
  notes.push(...variables.notes);

  const documents: StoredDocument[] = [];
  const highlights: Highlight[] = [];
  const sources = childElement(root, 'Sources');
  const sourceElements = sources ? childElements(sources, '*') : [];
  // The texts are read all at once: each is inflated on zlib's thread pool, and one after another they waited in turn.
  const texts = await Promise.all(
    sourceElements.map((source) => (source.localName === 'TextSource' ? sourceText(source, internal) : null)),
  );
  for (const [index, source] of sourceElements.entries()) {
    const kind = source.localName;
    const name = attribute(source, 'name') ?? '(no name)';
    if (kind !== 'TextSource') {
      skip(SKIPPED_KINDS[kind] ?? `${kind} elements`, name);
      continue;
    }
    const text = texts[index]!;
    if (text === null) {
      skip('text sources whose text is not in the file', name);
      continue;
    }
    const sourceGuid = guidKey(attribute(source, 'guid'));
    const document: StoredDocument = {
      id: newId(),
      title: name.trim() || text.trim().split('\n')[0]!.slice(0, 120) || 'Untitled',
      text,
      source: { kind: 'file', path: name },
      meta: variables.metaFor(sourceGuid, source),
      memo: childText(source, 'Description'),
      variables: variables.valuesFor(sourceGuid, source),
      sha256: createHash('sha256').update(text).digest('hex'),
      addedAt: attribute(source, 'creationDateTime')
        ? toIso(attribute(source, 'creationDateTime')!, now)
        : now.toISOString(),
    };
    documents.push(document);
    if (childElements(source, 'Coding').length > 0) skip('codings of a whole source', name);
    const toUtf16 = utf16OffsetsOf(text);
    for (const selection of childElements(source, 'PlainTextSelection')) {
      const start = toUtf16(Number(attribute(selection, 'startPosition')));
      const end = toUtf16(Number(attribute(selection, 'endPosition')));
      if (start === null || end === null || end <= start) {
        skip(
          'selections that do not fit their text',
          `${name} ${attribute(selection, 'startPosition')}–${attribute(selection, 'endPosition')}`,
        );
        continue;
      }
      const tagIds = new Set<string>();
      const stances: Stance[] = [];
      for (const coding of childElements(selection, 'Coding')) {
        const target = guidKey(attribute(childElement(coding, 'CodeRef') ?? coding, 'targetGUID'));
        const tagId = asTags.tagIdByGuid.get(target);
        const stance = stanceByGuid.get(target);
        if (tagId) tagIds.add(tagId);
        else if (stance) stances.push(stance);
      }
      const noteParts = [
        childText(selection, 'Description'),
        ...childElements(selection, 'NoteRef').map((ref) => noteText.get(guidKey(attribute(ref, 'targetGUID'))) ?? ''),
      ].filter((part) => part !== '');
      const created = toIso(attribute(selection, 'creationDateTime') ?? '', now);
      const guid = guidKey(attribute(selection, 'guid'));
      highlights.push({
        // The selection's GUID: importing the same project again finds its highlights there already.
        id: /^[0-9a-f-]{36}$/.test(guid) ? guid : newId(),
        documentId: document.id,
        start,
        end,
        quote: text.slice(start, end),
        prefix: '',
        suffix: '',
        tagIds: [...tagIds],
        stances,
        note: noteParts.join('\n\n'),
        annotator: users.get(guidKey(attribute(selection, 'creatingUser'))) ?? '',
        createdAt: created,
        updatedAt: toIso(attribute(selection, 'modifiedDateTime') ?? '', new Date(created)),
      });
    }
  }
  for (const element of ['Graphs', 'Sets', 'Links']) {
    const found = childElement(root, element);
    if (found) skip(element.toLowerCase(), `${childElements(found, '*').length}`);
  }
  for (const [kind, names] of skipped) {
    const shown = names.slice(0, 5).join(', ') + (names.length > 5 ? ', …' : '');
    notes.push(
      `Skipped ${names.length} ${kind} (${kind === 'graphs' || kind === 'sets' || kind === 'links' ? 'not held by this app' : shown}).`,
    );
  }

  return {
    backup: {
      format: BACKUP_FORMAT,
      schemaVersion: CURRENT_SCHEMA_VERSION,
      documents,
      tags: asTags.tags,
      entities,
      variables: variables.library,
      highlights,
      settings: data.settings,
    },
    notes,
  };
}

/** A source's plain text: its internal file, or the PlainTextContent inside; a leading byte order mark dropped. */
async function sourceText(
  source: XmlElement,
  internal: (path: string) => Promise<string | null>,
): Promise<string | null> {
  const path = attribute(source, 'plainTextPath');
  let text: string | null = null;
  if (path?.startsWith('internal://')) text = await internal(path.slice('internal://'.length));
  else if (childElement(source, 'PlainTextContent')) text = childText(source, 'PlainTextContent');
  return text === null ? null : text.replace(/^\ufeff/, '');
}

const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

function toIso(value: string, fallback: Date): string {
  if (ISO_UTC.test(value)) return value;
  const time = Date.parse(value);
  return Number.isNaN(time) ? fallback.toISOString() : new Date(time).toISOString();
}

const DETAIL_NAMES: Record<string, 'outlet' | 'author' | 'publishedAt' | 'publishedText'> = {
  outlet: 'outlet',
  author: 'author',
  published: 'publishedAt',
  'published (as written)': 'publishedText',
};

const APP_TYPES: Record<string, Variable['type']> = {
  Text: 'text',
  Boolean: 'text',
  Integer: 'number',
  Float: 'number',
  Date: 'date',
  DateTime: 'text',
};

interface VariablesRead {
  library: Variable[];
  notes: string[];
  metaFor(sourceGuid: string, source: XmlElement): StoredDocument['meta'];
  valuesFor(sourceGuid: string, source: XmlElement): Record<string, VariableValue>;
}

/**
 * The project's Variables and the values its Cases (and sources) give them. Outlet, Author, Published and "Published
 * (as written)" are the documents' own details; the others are library variables, matched by name with the
 * library's (a matched one keeps its type) or new.
 */
function readVariables(root: XmlElement, data: Database): VariablesRead {
  const notes: string[] = [];
  const byGuid = new Map<string, { detail?: (typeof DETAIL_NAMES)[string]; variable?: Variable }>();
  const library: Variable[] = [];
  const libraryVariables = new NameIndex<Variable>((v) => v.name).add(data.variables);
  for (const element of childElements(childElement(root, 'Variables') ?? root, 'Variable')) {
    const name = (attribute(element, 'name') ?? '').trim();
    const guid = guidKey(attribute(element, 'guid'));
    if (!name) continue;
    const detail = DETAIL_NAMES[name.toLowerCase()];
    if (detail) {
      byGuid.set(guid, { detail });
      continue;
    }
    const existing = libraryVariables.find(name);
    const variable: Variable = existing ?? {
      id: newId(),
      name,
      type: APP_TYPES[attribute(element, 'typeOfVariable') ?? 'Text'] ?? 'text',
      values: [],
    };
    library.push(variable);
    byGuid.set(guid, { variable });
  }

  const valuesBySource = new Map<string, XmlElement[]>();
  for (const kase of childElements(childElement(root, 'Cases') ?? root, 'Case')) {
    const values = childElements(kase, 'VariableValue');
    for (const ref of childElements(kase, 'SourceRef')) {
      const key = guidKey(attribute(ref, 'targetGUID'));
      valuesBySource.set(key, [...(valuesBySource.get(key) ?? []), ...values]);
    }
  }
  const valuesOf = (sourceGuid: string, source: XmlElement) => [
    ...(valuesBySource.get(sourceGuid) ?? []),
    ...childElements(source, 'VariableValue'),
  ];
  const read = (element: XmlElement) => {
    const target = byGuid.get(guidKey(attribute(childElement(element, 'VariableRef') ?? element, 'targetGUID')));
    const valueElement = childElements(element, '*').find((e) => e.localName !== 'VariableRef');
    return { target, value: valueElement?.text.trim() ?? '' };
  };
  let dropped = 0;
  return {
    library,
    notes,
    metaFor(sourceGuid, source) {
      const meta: { -readonly [K in keyof StoredDocument['meta']]: StoredDocument['meta'][K] } = {};
      for (const element of valuesOf(sourceGuid, source)) {
        const { target, value } = read(element);
        if (!target?.detail || value === '') continue;
        if (target.detail === 'publishedAt' && !isPublishedDate(value)) meta.publishedText = value;
        else meta[target.detail] = value;
      }
      return meta;
    },
    valuesFor(sourceGuid, source) {
      const values: Record<string, VariableValue> = {};
      for (const element of valuesOf(sourceGuid, source)) {
        const { target, value } = read(element);
        const variable = target?.variable;
        if (!variable || value === '') continue;
        if (variable.type === 'number') {
          const number = Number(value);
          if (Number.isFinite(number)) values[variable.id] = number;
          else dropped++;
        } else if (variable.type === 'date') {
          if (isPublishedDate(value.slice(0, 10))) values[variable.id] = value.slice(0, 10);
          else dropped++;
        } else if (variable.type === 'category' && !variable.values.includes(value)) {
          dropped++;
        } else values[variable.id] = value;
      }
      if (dropped > 0 && !notes.some((n) => n.startsWith('Values left out'))) {
        notes.push('Values left out: some variable values did not fit their variable’s type.');
      }
      return values;
    },
  };
}
