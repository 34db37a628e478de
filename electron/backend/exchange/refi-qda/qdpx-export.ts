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
import { scopeLibrary, type ExportScope } from '../../../../shared/export/build-export';
import { codesXml, tagCodes, type CodeToWrite } from './codes-xml';
import { STANCES_CODE_NAME, stanceCodeName } from './stance-codes';
import { attributes, guidOf, xmlText } from './xml-text';
import { zipFiles } from './zip-archive';

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
  valueOf(document: StoredDocument): string | number | undefined;
}

/** The project's files: `project.qde`'s text, and each source's text by its name inside the zip. */
export interface ProjectFiles {
  qde: string;
  sources: Map<string, string>;
}

export async function qdpxBytes(database: Database, scope: ExportScope, now: Date): Promise<Uint8Array> {
  const { qde, sources } = projectFiles(database, scope, now);
  return zipFiles([['project.qde', qde], ...sources]);
}

export function projectFiles(database: Database, scope: ExportScope, now: Date): ProjectFiles {
  const library = scopeLibrary(database, scope);
  const documents = library.documents;
  const byDocument = new Map<string, Highlight[]>();
  for (const h of library.highlights) {
    const list = byDocument.get(h.documentId);
    if (list) list.push(h);
    else byDocument.set(h.documentId, [h]);
  }
  const entityName = new Map(library.entities.map((e) => [e.id, e.name]));
  const stanceName = (s: Stance) =>
    stanceCodeName(
      s.holderId === null ? null : (entityName.get(s.holderId) ?? '?'),
      entityName.get(s.targetId) ?? '?',
      s.stance,
    );

  const tagPath = tagPaths(library.tags);
  /** What an orphaned highlight holds, as a note's text: its quote, tags, stances and note. */
  const orphanText = (h: Highlight) =>
    [
      `“${h.quote}” (no longer found in the text)`,
      h.tagIds.length > 0 && `Tags: ${h.tagIds.map((id) => tagPath.get(id) ?? '?').join(', ')}`,
      ...h.stances.map((st) => `Stance: ${stanceName(st)}`),
      h.note && `Note: ${h.note}`,
    ]
      .filter(Boolean)
      .join('\n');

  const users = new Map<string, string>(); // coder name → guid
  for (const h of library.highlights) if (h.annotator) users.set(h.annotator, guidOf('user', h.annotator));

  // Stance codes: one per holder → target → value used.
  const stanceGuid = new Map<string, string>();
  const stanceCodes: CodeToWrite[] = [];
  for (const h of library.highlights) {
    for (const s of h.stances) {
      const name = stanceName(s);
      if (stanceGuid.has(name)) continue;
      const guid = guidOf('stance', name);
      stanceGuid.set(name, guid);
      stanceCodes.push({ guid, name, codable: true, children: [] });
    }
  }
  const codes = tagCodes(library.tags);
  if (stanceCodes.length > 0) {
    codes.push({
      guid: guidOf('code', STANCES_CODE_NAME),
      name: STANCES_CODE_NAME,
      codable: false,
      children: stanceCodes,
    });
  }
  const tagGuid = new Map(library.tags.map((t) => [t.id, guidOf('tag', t.id)]));

  const variables: VariableToWrite[] = [
    ...DETAIL_VARIABLES.map(({ key, name }) => ({
      guid: guidOf('detail', key),
      name,
      type: 'Text',
      valueOf: (d: StoredDocument) => d.meta[key] || undefined,
    })),
    ...library.variables.map((v) => ({
      guid: guidOf('variable', v.id),
      name: v.name,
      type: REFI_TYPES[v.type],
      valueOf: (d: StoredDocument) => d.variables[v.id],
    })),
  ].filter((v) => documents.some((d) => v.valueOf(d) !== undefined));

  const sourceGuid = (d: StoredDocument) => guidOf('document', d.id);
  const sources = new Map<string, string>();
  const parts: string[] = [
    '<?xml version="1.0" encoding="utf-8"?>\n',
    `<Project${attributes({ xmlns: PROJECT_NAMESPACE, name: 'Stance Annotator project', origin: 'Stance Annotator', creationDateTime: now.toISOString() })}>\n`,
  ];
  if (users.size > 0) {
    parts.push('  <Users>\n');
    for (const [name, guid] of users) parts.push(`    <User${attributes({ guid, name })}/>\n`);
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

  const notes: string[] = [];
  if (documents.length > 0) {
    parts.push('  <Sources>\n');
    for (const d of documents) {
      const guid = sourceGuid(d);
      sources.set(`sources/${guid}.txt`, d.text);
      parts.push(
        `    <TextSource${attributes({ guid, name: d.title, plainTextPath: `internal://${guid}.txt`, creationDateTime: d.addedAt })}>\n`,
      );
      if (d.memo) parts.push(`      <Description>${xmlText(d.memo)}</Description>\n`);
      const toCodePoints = createCodePointConverter(d.text);
      const highlights = byDocument.get(d.id) ?? [];
      for (const h of highlights.filter(isPlaced)) {
        const user = users.get(h.annotator);
        parts.push(
          `      <PlainTextSelection${attributes({
            guid: guidOf('selection', h.id),
            name: h.quote.length > 100 ? `${h.quote.slice(0, 100)}…` : h.quote,
            startPosition: toCodePoints(h.start),
            endPosition: toCodePoints(h.end),
            creatingUser: user,
            creationDateTime: h.createdAt,
            modifyingUser: user,
            modifiedDateTime: h.updatedAt,
          })}>\n`,
        );
        // A coding's GUID need not be the same from one export to the next: nothing refers to it.
        const codingHead = `        <Coding${user ? ` creatingUser="${user}"` : ''} creationDateTime="${h.createdAt}" guid="`;
        const coding = (target: string) =>
          parts.push(
            `${codingHead}${randomUUID()}">\n          <CodeRef targetGUID="${target}"/>\n        </Coding>\n`,
          );
        for (const tagId of h.tagIds) {
          const target = tagGuid.get(tagId);
          if (target) coding(target);
        }
        for (const s of h.stances) {
          const name = stanceName(s);
          coding(stanceGuid.get(name)!);
        }
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
          `    <Note${attributes({ guid: noteGuid, name: `Orphaned highlight “${h.quote.slice(0, 60)}”`, creatingUser: users.get(h.annotator), creationDateTime: h.updatedAt })}>\n      <PlainTextContent>${xmlText(orphanText(h))}</PlainTextContent>\n    </Note>\n`,
        );
      }
      parts.push('    </TextSource>\n');
    }
    parts.push('  </Sources>\n');
  }
  if (notes.length > 0) parts.push('  <Notes>\n', ...notes, '  </Notes>\n');
  parts.push('</Project>\n');
  return { qde: parts.join(''), sources };
}

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
