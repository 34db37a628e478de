import { randomUUID } from 'node:crypto';
import { createCodePointConverter } from '../../../../shared/code-points';
import {
  isPlaced,
  type Database,
  type Highlight,
  type Stance,
  type StoredDocument,
  type Variable,
} from '../../../../shared/domain';
import { tagPaths } from '../../../../shared/tag-paths';
import { entryIn } from '../../../../shared/collections';
import { scopeFilters, type ExportScope } from '../../../../shared/export/build-export';
import {
  gathered,
  memorySource,
  type DocumentWithHighlights,
  type LibrarySource,
} from '../../../../shared/export/streamed-export';
import { TemporarySpill } from '../library-source';
import { codesXml, tagCodes, type CodeToWrite } from './codes-xml';
import { STANCES_CODE_NAME, stanceCodeName } from './stance-codes';
import { attributes, guidOf, xmlAttribute, xmlText } from './xml-text';
import { ZipStream } from './zip-stream';

/**
 * A REFI-QDA project (`.qdpx`): a zip of `project.qde` (QDA-XML, namespace `urn:QDA-XML:project:1.0`) and each
 * document's plain text as `sources/<guid>.txt` (UTF-8). Each highlight is a PlainTextSelection, its start and end in
 * Unicode code points of that text (the standard's unit, §10.2; the end exclusive, as its examples count), its tags
 * Codings, its note a Note it references, its coder a User; each stance a Coding of a code under "Stances" named
 * `holder → target: value`. The document details and variables are Variables, with a Case per document holding its
 * values and referring to its source; the memo is the source's Description.
 */

export const PROJECT_NAMESPACE = 'urn:QDA-XML:project:1.0';

/** The details every document has, exported as variables beside the library's own. */
const DETAIL_VARIABLES = [
  { key: 'outlet', name: 'Outlet' },
  { key: 'author', name: 'Author' },
  { key: 'publishedAt', name: 'Published' },
  { key: 'publishedText', name: 'Published (as written)' },
] as const;

const REFI_TYPES: Record<Variable['type'], string> = { text: 'Text', number: 'Float', date: 'Date', category: 'Text' };

interface VariableToWrite {
  guid: string;
  name: string;
  type: string;
  valueOf(document: Omit<StoredDocument, 'text'>): string | number | undefined;
}

/** A project (`.qdpx`) of the library in memory, as bytes: the app's Export, and the tests. */
export async function qdpxBytes(database: Database, scope: ExportScope, now: Date): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const part of qdpxBlocks(memorySource(database), scope, now)) parts.push(part);
  return Buffer.concat(parts);
}

/**
 * What one document adds to a project, made where the document is read (on the command line, in a worker thread:
 * export-workers.ts): UTF-8 bytes, so that a thread hands them over without a copy.
 */
export interface SourcePart {
  details: Omit<StoredDocument, 'text'>;
  guid: string;
  /** The document's text: the source's file. */
  text: Uint8Array;
  /** Its TextSource element. */
  xml: Uint8Array;
  /** The Note elements it refers to, and how many. */
  notes: Uint8Array;
  noteCount: number;
  /** The coders and the stance codes it refers to, in the order it first does. */
  users: string[];
  stances: string[];
}

/** The parts of the documents `ids`, in their order, made elsewhere (in worker threads) for `scope`. */
export type SourceParts = (ids: readonly string[], scope: ExportScope) => AsyncIterable<SourcePart>;

/**
 * A project (`.qdpx`) of `source` in blocks, read a document at a time: each source's text goes into the zip as it is
 * read, and its selections and notes into temporary files, since project.qde lists the coders and codes they use before
 * them. Memory holds a document at a time, never the library (at a million highlights project.qde is some 900 MB).
 * With `parts`, the documents are read and their elements written elsewhere (the command line's worker threads).
 */
export function qdpxBlocks(
  source: LibrarySource,
  scope: ExportScope,
  now: Date,
  parts?: SourceParts,
): AsyncGenerator<Uint8Array> {
  // Gathered into blocks of a megabyte: each source is two small pieces (its zip header, its deflated text), and a
  // write each cost the command line seconds at 20,000 documents.
  return gathered(zipOf(source, scope, now, parts));
}

async function* zipOf(
  source: LibrarySource,
  scope: ExportScope,
  now: Date,
  parts: SourceParts | undefined,
): AsyncGenerator<Uint8Array> {
  const ids = source.documentIds.filter(scopeFilters(scope).document);
  const project = new ProjectWriter(source);
  const zip = new ZipStream(now);
  const selections = new TemporarySpill();
  const notes = new TemporarySpill();
  try {
    let documents = 0;
    // The texts are deflated a few at a time on zlib's threads while the next documents are read.
    const deflating: Array<AsyncIterable<Buffer>> = [];
    const made = parts?.(ids, scope) ?? madeHere(source.documents(ids), sourcePartMaker(source, scope));
    for await (const part of made) {
      project.add(part);
      const text = Buffer.from(part.text.buffer, part.text.byteOffset, part.text.byteLength);
      deflating.push(zip.file(`sources/${part.guid}.txt`, text));
      if (deflating.length > SOURCES_AHEAD) yield* deflating.shift()!;
      await selections.write(part.xml);
      if (part.noteCount > 0) await notes.write(part.notes);
      documents += 1;
    }
    for (const file of deflating) yield* file;
    const qde = async function* () {
      yield project.head(now);
      if (documents > 0) {
        yield '  <Sources>\n';
        yield* selections.read();
        yield '  </Sources>\n';
      }
      if (project.notes > 0) {
        yield '  <Notes>\n';
        yield* notes.read();
        yield '  </Notes>\n';
      }
      yield '</Project>\n';
    };
    yield* zip.streamed('project.qde', qde());
    yield zip.end();
  } finally {
    await Promise.all([selections.dispose(), notes.dispose()]);
  }
}

async function* madeHere(
  documents: AsyncIterable<DocumentWithHighlights>,
  make: (one: DocumentWithHighlights) => SourcePart,
): AsyncGenerator<SourcePart> {
  for await (const one of documents) yield make(one);
}

const utf8 = new TextEncoder();

/**
 * What makes each document's {@link SourcePart} of a project of `scope`, with the library's lists. Every GUID it
 * writes for a coder, tag or stance code is derived from its name or id, so parts made in different threads agree.
 */
export function sourcePartMaker(
  library: Pick<LibrarySource, 'tags' | 'entities'>,
  scope: ExportScope,
): (one: DocumentWithHighlights) => SourcePart {
  const keep = scopeFilters(scope).highlight;
  const names = new ProjectNames(library);
  return ({ document, highlights }) => {
    const { text, ...details } = document;
    const kept = highlights.filter(keep);
    const users = new Set<string>();
    const stances = new Set<string>();
    for (const h of kept) {
      if (h.annotator) users.add(h.annotator);
      for (const s of h.stances) stances.add(names.stanceCode(s).name);
    }
    const written = sourceXml(names, document, kept);
    return {
      details,
      guid: written.guid,
      text: utf8.encode(text),
      xml: utf8.encode(written.xml),
      notes: utf8.encode(written.notes),
      noteCount: written.noteCount,
      users: [...users],
      stances: [...stances],
    };
  };
}

/** The names and GUIDs a project's elements refer to, each worked out once. */
class ProjectNames {
  readonly tagPath: Map<string, string>;
  readonly tagGuid: Map<string, string>;
  private readonly entityName: Map<string, string>;
  private readonly userGuids = new Map<string, string>();
  /**
   * Each stance code's name and GUID by holder, target and value: a million highlights name a few hundred stances, and
   * building each name again (then hashing it to find its GUID) cost a second per export thread at the scale step.
   */
  private readonly stanceCodes = new Map<string | null, Map<string, Map<string, { name: string; guid: string }>>>();

  constructor(library: Pick<LibrarySource, 'tags' | 'entities'>) {
    this.entityName = new Map(library.entities.map((e) => [e.id, e.name]));
    this.tagPath = tagPaths(library.tags);
    this.tagGuid = new Map(library.tags.map((t) => [t.id, guidOf('tag', t.id)]));
  }

  /** A stance's code: `holder → target: value`, and its GUID. */
  stanceCode(s: Stance): { name: string; guid: string } {
    const byTarget = entryIn(this.stanceCodes, s.holderId, () => new Map());
    const byValue = entryIn(byTarget, s.targetId, () => new Map<string, { name: string; guid: string }>());
    return entryIn(byValue, s.stance, () => {
      const name = this.stanceName(s);
      return { name, guid: guidOf('stance', name) };
    });
  }

  stanceName(s: Stance): string {
    return stanceCodeName(
      s.holderId === null ? null : (this.entityName.get(s.holderId) ?? '?'),
      this.entityName.get(s.targetId) ?? '?',
      s.stance,
    );
  }

  /** A coder's GUID; none for a highlight without a coder. */
  userGuid(name: string): string | undefined {
    if (!name) return undefined;
    return entryIn(this.userGuids, name, () => guidOf('user', name));
  }

  /** What an orphaned highlight holds, as a note's text: its quote, tags, stances and note. */
  orphanText(h: Highlight): string {
    return [
      `“${h.quote}” (no longer found in the text)`,
      h.tagIds.length > 0 && `Tags: ${h.tagIds.map((id) => this.tagPath.get(id) ?? '?').join(', ')}`,
      ...h.stances.map((st) => `Stance: ${this.stanceName(st)}`),
      h.note && `Note: ${h.note}`,
    ]
      .filter(Boolean)
      .join('\n');
  }
}

/**
 * project.qde's head, from what the sources' parts told of as they came: the coders, stance codes and details they
 * use, in the order the documents first did.
 */
class ProjectWriter {
  /** How many notes the sources have referred to. */
  notes = 0;
  private readonly users = new Map<string, string>(); // coder name → guid
  private readonly stanceNames = new Set<string>();
  private readonly stanceCodes: CodeToWrite[] = [];
  private readonly details: Array<Omit<StoredDocument, 'text'>> = [];

  constructor(private readonly library: Pick<LibrarySource, 'tags' | 'entities' | 'variables'>) {}

  add(part: SourcePart): void {
    this.details.push(part.details);
    for (const name of part.users) if (!this.users.has(name)) this.users.set(name, guidOf('user', name));
    for (const name of part.stances) {
      if (this.stanceNames.has(name)) continue;
      this.stanceNames.add(name);
      this.stanceCodes.push({ guid: guidOf('stance', name), name, codable: true, children: [] });
    }
    this.notes += part.noteCount;
  }

  /** Everything before the sources: the project, its coders, its codebook, its variables and cases. */
  head(now: Date): string {
    const documents = this.details;
    const codes = tagCodes(this.library.tags);
    if (this.stanceCodes.length > 0) {
      codes.push({
        guid: guidOf('code', STANCES_CODE_NAME),
        name: STANCES_CODE_NAME,
        codable: false,
        children: this.stanceCodes,
      });
    }
    const variables: VariableToWrite[] = [
      ...DETAIL_VARIABLES.map(({ key, name }) => ({
        guid: guidOf('detail', key),
        name,
        type: 'Text',
        valueOf: (d: Omit<StoredDocument, 'text'>) => d.meta[key] || undefined,
      })),
      ...this.library.variables.map((v) => ({
        guid: guidOf('variable', v.id),
        name: v.name,
        type: REFI_TYPES[v.type],
        valueOf: (d: Omit<StoredDocument, 'text'>) => d.variables[v.id],
      })),
    ].filter((v) => documents.some((d) => v.valueOf(d) !== undefined));
    const parts: string[] = [
      '<?xml version="1.0" encoding="utf-8"?>\n',
      `<Project${attributes({ xmlns: PROJECT_NAMESPACE, name: 'Stance Annotator project', origin: 'Stance Annotator', creationDateTime: now.toISOString() })}>\n`,
    ];
    if (this.users.size > 0) {
      parts.push('  <Users>\n');
      for (const [name, guid] of this.users) parts.push(`    <User${attributes({ guid, name })}/>\n`);
      parts.push('  </Users>\n');
    }
    if (codes.length > 0)
      parts.push(`  <CodeBook>\n    <Codes>\n${codesXml(codes, '      ')}    </Codes>\n  </CodeBook>\n`);
    if (variables.length > 0) {
      parts.push('  <Variables>\n');
      for (const v of variables)
        parts.push(`    <Variable${attributes({ guid: v.guid, name: v.name, typeOfVariable: v.type })}/>\n`);
      parts.push('  </Variables>\n');
      const cases = documents.filter((d) => variables.some((v) => v.valueOf(d) !== undefined));
      if (cases.length > 0) {
        parts.push('  <Cases>\n');
        for (const d of cases) {
          parts.push(`    <Case${attributes({ guid: guidOf('case', d.id), name: d.title })}>\n`);
          for (const v of variables) {
            const value = v.valueOf(d);
            if (value === undefined) continue;
            parts.push(
              `      <VariableValue>\n        <VariableRef targetGUID="${v.guid}"/>\n        ${valueXml(v.type, value)}\n      </VariableValue>\n`,
            );
          }
          parts.push(`      <SourceRef targetGUID="${sourceGuid(d)}"/>\n    </Case>\n`);
        }
        parts.push('  </Cases>\n');
      }
    }
    return parts.join('');
  }
}

/** A document's TextSource element, and the Note elements it refers to. */
function sourceXml(
  names: ProjectNames,
  d: StoredDocument,
  highlights: readonly Highlight[],
): { guid: string; xml: string; notes: string; noteCount: number } {
  const guid = sourceGuid(d);
  const parts: string[] = [
    `    <TextSource${attributes({ guid, name: d.title, plainTextPath: `internal://${guid}.txt`, creationDateTime: d.addedAt })}>\n`,
  ];
  const notes: string[] = [];
  if (d.memo) parts.push(`      <Description>${xmlText(d.memo)}</Description>\n`);
  const toCodePoints = createCodePointConverter(d.text);
  for (const h of highlights.filter(isPlaced)) {
    const user = names.userGuid(h.annotator);
    // Written out rather than through attributes(), which costs an object per element (a million at the scale step):
    // GUIDs and positions are ours and need no escaping; the quote and the times are escaped as attributes() would.
    const name = xmlAttribute(h.quote.length > 100 ? `${h.quote.slice(0, 100)}…` : h.quote);
    const created = xmlAttribute(h.createdAt);
    const creating = user ? ` creatingUser="${user}"` : '';
    parts.push(
      `      <PlainTextSelection guid="${guidOf('selection', h.id)}" name="${name}" ` +
        `startPosition="${toCodePoints(h.start)}" endPosition="${toCodePoints(h.end)}"${creating} ` +
        `creationDateTime="${created}"${user ? ` modifyingUser="${user}"` : ''} ` +
        `modifiedDateTime="${xmlAttribute(h.updatedAt)}">\n`,
    );
    // A coding's GUID need not be the same from one export to the next: nothing refers to it.
    const codingHead = `        <Coding${creating} creationDateTime="${created}" guid="`;
    const coding = (target: string) =>
      parts.push(`${codingHead}${randomUUID()}">\n          <CodeRef targetGUID="${target}"/>\n        </Coding>\n`);
    for (const tagId of h.tagIds) {
      const target = names.tagGuid.get(tagId);
      if (target) coding(target);
    }
    for (const s of h.stances) coding(names.stanceCode(s).guid);
    if (h.note) {
      const noteGuid = randomUUID();
      parts.push(`        <NoteRef targetGUID="${noteGuid}"/>\n`);
      notes.push(
        `    <Note${attributes({ guid: noteGuid, name: `Note on “${h.quote.slice(0, 60)}”`, creatingUser: user, creationDateTime: h.updatedAt })}>\n      <PlainTextContent>${xmlText(h.note)}</PlainTextContent>\n    </Note>\n`,
      );
    }
    parts.push('      </PlainTextSelection>\n');
  }
  // An orphan has no place in the text to select: it goes as a note on the source, with all it holds.
  for (const h of highlights.filter((x) => !isPlaced(x))) {
    const noteGuid = guidOf('orphan', h.id);
    parts.push(`      <NoteRef targetGUID="${noteGuid}"/>\n`);
    notes.push(
      `    <Note${attributes({ guid: noteGuid, name: `Orphaned highlight “${h.quote.slice(0, 60)}”`, creatingUser: names.userGuid(h.annotator), creationDateTime: h.updatedAt })}>\n      <PlainTextContent>${xmlText(names.orphanText(h))}</PlainTextContent>\n    </Note>\n`,
    );
  }
  parts.push('    </TextSource>\n');
  return { guid, xml: parts.join(''), notes: notes.join(''), noteCount: notes.length };
}

const sourceGuid = (d: Pick<StoredDocument, 'id'>) => guidOf('document', d.id);

/** How many texts are being deflated ahead of the one written: about the threads zlib has. */
const SOURCES_AHEAD = 4;

/** A variable's value in the element its REFI type takes (a Float as a plain decimal, never in exponent form). */
function valueXml(type: string, value: string | number): string {
  if (type === 'Float') {
    const decimal =
      typeof value === 'number'
        ? value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 })
        : value;
    return `<FloatValue>${xmlText(decimal)}</FloatValue>`;
  }
  if (type === 'Date') return `<DateValue>${xmlText(String(value).slice(0, 10))}</DateValue>`;
  return `<TextValue>${xmlText(String(value))}</TextValue>`;
}
