import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import type { Database, Tag } from '../../../../shared/domain';
import { tagPaths } from '../../../../shared/tag-paths';
import { hardCaseLibrary } from '../../test/hard-cases';
import { createBackend } from '../../backend';
import { openStore } from '../../store';
import { callOk, useTempDirs } from '../../test-support';
import { CODEBOOK_NAMESPACE, qdcText } from './qdc';
import { memorySource } from '../../../../shared/export/streamed-export';
import { qdpxBlocks, qdpxBytes } from './qdpx-export';
import { guidOf, xmlAttribute, xmlText } from './xml-text';
import { readZip, zipFiles } from './zip-archive';
import { ZipStream } from './zip-stream';

const tempDir = useTempDirs();
const schemas = path.join(__dirname, 'schemas');
const NOW = new Date('2026-12-01T10:00:00.000Z');

async function validate(xml: string, schemaFile: string): Promise<string[]> {
  const schema = await readFile(path.join(schemas, schemaFile), 'utf8');
  const result = await validateXML({ xml: [{ fileName: 'file.xml', contents: xml }], schema: [schema] });
  return result.errors.map((e) => e.rawMessage);
}

async function qdeOf(bytes: Uint8Array): Promise<{ qde: string; zip: JSZip }> {
  const zip = await JSZip.loadAsync(bytes);
  return { qde: await zip.file('project.qde')!.async('string'), zip };
}

/** An empty library in a temporary folder, with its backend. */
async function emptyLibrary() {
  const store = await openStore(await tempDir(), { seed: false });
  return { store, backend: createBackend(store, () => NOW) };
}

const base64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');

/** The codebook as paths with colour and description, to compare two libraries' codebooks. */
const codebookOf = (tags: readonly Tag[]) => {
  const paths = tagPaths(tags);
  return tags
    .map((t) => ({ path: paths.get(t.id), color: t.color, description: t.description }))
    .sort((a, b) => a.path!.localeCompare(b.path!));
};

/** Each highlight by what it is, in terms that survive new ids: document title, offsets, tag paths, note, coder. */
const highlightsOf = (data: Database) => {
  const paths = tagPaths(data.tags);
  const title = new Map(data.documents.map((d) => [d.id, d.title]));
  const name = new Map(data.entities.map((e) => [e.id, e.name]));
  return data.highlights
    .map((h) => ({
      document: title.get(h.documentId),
      start: h.start,
      end: h.end,
      quote: h.quote,
      tags: h.tagIds.map((id) => paths.get(id)).sort(),
      stances: h.stances
        .map((s) => `${s.holderId === null ? '-' : name.get(s.holderId)} → ${name.get(s.targetId)}: ${s.stance}`)
        .sort(),
      note: h.note,
      annotator: h.annotator,
    }))
    .sort((a, b) => `${a.document}${a.start}`.localeCompare(`${b.document}${b.start}`));
};

describe('XML text', () => {
  it('escapes what XML needs, keeps CR, tabs and line breaks, and replaces what XML 1.0 cannot hold', () => {
    expect(xmlText('a & b < c > d\r\n')).toBe('a &amp; b &lt; c &gt; d&#13;\n');
    expect(xmlAttribute('say "hi"\tthen\nbye')).toBe('say &quot;hi&quot;&#9;then&#10;bye');
    expect(xmlText('NUL\u0000 \u0007bell 😀 lone\ud800')).toBe('NUL\ufffd \ufffdbell 😀 lone\ufffd');
  });

  it('keeps a record’s UUID as its GUID, and derives a stable one from any other id', () => {
    const uuid = 'C6FF6C4B-80EB-4473-A361-88DAF9845D4F';
    expect(guidOf('tag', uuid)).toBe(uuid.toLowerCase());
    expect(guidOf('tag', 't-claim')).toBe(guidOf('tag', 't-claim'));
    expect(guidOf('tag', 't-claim')).not.toBe(guidOf('document', 't-claim'));
    expect(guidOf('tag', 't-claim')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('REFI-QDA project (.qdpx)', () => {
  it('exports a project.qde that validates against the REFI-QDA schema, with the texts as sources', async () => {
    const library = hardCaseLibrary();
    const { qde, zip } = await qdeOf(await qdpxBytes(library, {}, NOW));
    expect(await validate(qde, 'Project-mrt2019.xsd')).toEqual([]);
    const sources = zip.file(/^sources\/.*\.txt$/);
    expect(sources).toHaveLength(library.documents.length);
    expect((await Promise.all(sources.map((f) => f.async('string')))).sort()).toEqual(
      library.documents.map((d) => d.text).sort(),
    );
    // Positions in code points: "😀 then 👍🏽 and 🇺🇦" starts after one emoji-free stretch, ends after five astral ones.
    const emoji = library.highlights.find((h) => h.quote.startsWith('😀'))!;
    const text = library.documents.find((d) => d.id === emoji.documentId)!.text;
    const start = [...text.slice(0, emoji.start)].length;
    const end = [...text.slice(0, emoji.end)].length;
    expect(end - start).toBe([...emoji.quote].length);
    expect(qde).toContain(`startPosition="${start}" endPosition="${end}"`);
    expect(qde).toContain('name="Stances" isCodable="false"');
    expect(qde).toContain('name="Грушко → НАТО, &quot;peacekeepers&quot;: against"');
  });

  it('comes in blocks of a megabyte, not a piece or two per source, and texts long and short read back whole', async () => {
    const library = hardCaseLibrary();
    const [first] = library.documents;
    // 3,000 short texts (two pieces of the zip each: a header and the deflated text) and one long one (deflated on
    // zlib's threads rather than where the zip is written).
    const words = ['Kyiv', 'said', 'the', 'minister', 'on', 'Tuesday', 'that', 'talks', 'would', 'resume'];
    const texts = Array.from({ length: 3_001 }, (_, i) =>
      Array.from({ length: i === 3_000 ? 60_000 : 150 }, (_, w) => words[(i * 7 + w * w) % words.length]).join(' '),
    );
    const documents = texts.map((text, i) => ({ ...first!, id: `doc-${i}`, title: `Article ${i}`, text }));
    const blocks: Uint8Array[] = [];
    for await (const block of qdpxBlocks(memorySource({ ...library, documents, highlights: [] }), {}, NOW))
      blocks.push(block);
    expect(blocks.length).toBeLessThan(10);
    for (const block of blocks.slice(0, -1)) expect(block.length).toBeGreaterThanOrEqual(2 ** 20);
    const zip = await JSZip.loadAsync(Buffer.concat(blocks), { checkCRC32: true });
    for (const i of [0, 1_234, 3_000]) {
      const guid = guidOf('document', `doc-${i}`);
      expect(await zip.file(`sources/${guid}.txt`)!.async('string')).toBe(texts[i]);
    }
  });

  it('exports an orphaned highlight as a note on its source, with its quote, tags and note, still valid', async () => {
    const library = hardCaseLibrary();
    const [first, ...rest] = library.highlights;
    const orphan = { ...first!, anchor: 'orphan' as const, note: 'lost in an edit' };
    const { qde } = await qdeOf(await qdpxBytes({ ...library, highlights: [orphan, ...rest] }, {}, NOW));
    expect(await validate(qde, 'Project-mrt2019.xsd')).toEqual([]);
    expect(qde.match(/<PlainTextSelection /g)).toHaveLength(rest.length);
    expect(qde).toContain('name="Orphaned highlight');
    expect(qde).toMatch(/no longer found in the text\)\nTags: [^\n]+\n(Stance: [^\n]+\n)*Note: lost in an edit/);
  });

  it('imports back into an empty library as the same documents, highlights and codebook', async () => {
    const library = hardCaseLibrary();
    const bytes = await qdpxBytes(library, {}, NOW);
    const { store, backend } = await emptyLibrary();
    const summary = await callOk(backend, 'importProject', { fileName: 'p.qdpx', data: base64(bytes) });
    expect(summary.documents.added).toBe(library.documents.length);
    expect(summary.highlights.added).toBe(library.highlights.length);
    expect(summary.notes).toEqual([]);
    const imported = store.data;
    expect(codebookOf(imported.tags)).toEqual(codebookOf(library.tags));
    expect(highlightsOf(imported)).toEqual(highlightsOf(library));
    const documentsOf = (data: Database) =>
      data.documents
        .map((d) => ({ title: d.title, text: d.text, sha256: d.sha256, meta: d.meta, memo: d.memo }))
        .sort((a, b) => a.title.localeCompare(b.title));
    expect(documentsOf(imported)).toEqual(documentsOf(library));
    // Variables come back by name, with each document's values.
    const valuesOf = (data: Database) =>
      data.documents
        .map((d) =>
          Object.fromEntries(
            Object.entries(d.variables).map(([id, v]) => [data.variables.find((x) => x.id === id)!.name, v]),
          ),
        )
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    expect(valuesOf(imported)).toEqual(valuesOf(library));

    // The same project again adds nothing.
    const again = await callOk(backend, 'importProject', { fileName: 'p.qdpx', data: base64(bytes) });
    expect(again.highlights.added).toBe(0);
    expect(again.documents).toEqual({ added: 0, alreadyThere: library.documents.length });
    expect(again.tags.added).toBe(0);
    await store.close();
  });

  it('keeps one coder’s highlights with a coder filter, and names each coder as a User', async () => {
    const library = hardCaseLibrary();
    const { qde } = await qdeOf(await qdpxBytes(library, { coders: ['+annotator'] }, NOW));
    expect(qde.match(/<PlainTextSelection /g)).toHaveLength(1);
    expect(qde).toContain('<User guid=');
    expect(qde).toContain('name="+annotator"');
  });

  it('skips and lists what the app cannot hold, and reads braces GUIDs, 3-digit colours and descriptions', async () => {
    const qde = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="From elsewhere">
  <Users><User guid="{AD68FBE7-E1EE-4A82-A279-23CC698C89EB}" name="Maria"/></Users>
  <CodeBook><Codes>
    <Code guid="{5215CC69-B628-4E02-AFB9-9BEEAEE55808}" name="Topics" isCodable="false">
      <Code guid="{D7AA29DA-519B-4946-9B90-253B6DB8FD0A}" name="Economy" isCodable="true" color="#ff0">
        <Description>Jobs, taxes</Description>
        <Code guid="0dcef2f5-e55c-49da-8c33-9b0803c7aeb4" name="Taxes" isCodable="true"/>
      </Code>
    </Code>
  </Codes></CodeBook>
  <Sources>
    <TextSource guid="69a4332d-5b31-4915-b520-5275cfc21b40" name="Interview">
      <PlainTextContent>We pay too much tax. Jobs matter.</PlainTextContent>
      <PlainTextSelection guid="4191294a-e287-4510-95b0-69bce4638e56" startPosition="0" endPosition="20" creatingUser="AD68FBE7-E1EE-4A82-A279-23CC698C89EB">
        <Description>On taxes</Description>
        <Coding guid="445a6aec-1400-4502-919d-0867832ff211"><CodeRef targetGUID="0DCEF2F5-E55C-49DA-8C33-9B0803C7AEB4"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="b49d7982-bb8e-4335-80af-dc869ccc3f45" startPosition="30" endPosition="400"/>
    </TextSource>
    <PDFSource guid="876dca5e-0703-4e92-952c-3dcff3e8461f" name="Report.pdf"/>
    <PictureSource guid="960cfc96-bc32-46de-a792-0d17067fed72" name="Photo.png"/>
  </Sources>
  <Graphs><Graph guid="11e0d4d7-4de8-4501-a82f-653d3e5d1c15"/></Graphs>
</Project>`;
    const { store, backend } = await emptyLibrary();
    const summary = await callOk(backend, 'importProject', { fileName: 'project.qde', data: base64(qde) });
    expect(summary.highlights.added).toBe(1);
    expect(summary.notes.join('\n')).toMatch(/Skipped 1 PDF sources \(Report\.pdf\)/);
    expect(summary.notes.join('\n')).toMatch(/Skipped 1 picture sources \(Photo\.png\)/);
    expect(summary.notes.join('\n')).toMatch(/Skipped 1 selections that do not fit their text/);
    expect(summary.notes.join('\n')).toMatch(/Skipped 1 graphs/);
    expect(summary.notes.join('\n')).toMatch(/nested deeper than two levels/);
    const [highlight] = store.data.highlights;
    expect(highlight).toMatchObject({ quote: 'We pay too much tax.', note: 'On taxes', annotator: 'Maria' });
    const paths = tagPaths(store.data.tags);
    expect(highlight!.tagIds.map((id) => paths.get(id))).toEqual(['Topics › Economy / Taxes']);
    expect(store.data.tags.find((t) => t.name === 'Economy')).toMatchObject({
      color: '#ffff00',
      description: 'Jobs, taxes',
    });
    await store.close();
  });

  it('refuses what is not a project with a clear message, and changes nothing', async () => {
    const { store, backend } = await emptyLibrary();
    const before = JSON.stringify(store.data);
    const refused = async (fileName: string, data: string | Uint8Array) => {
      const result = await backend('importProject', { fileName, data: base64(data) });
      return result.ok ? 'accepted' : result.error.message;
    };
    expect(await refused('a.qdpx', 'hello')).toContain('is not a Stance Annotator backup (.json), web annotations');
    expect(await refused('a.qdc', '<CodeBook><Codes>')).toContain('is not well-formed XML');
    expect(await refused('a.qde', '<Other/>')).toContain('not a REFI-QDA codebook');
    const zip = new JSZip();
    zip.file('readme.txt', 'no project here');
    expect(await refused('a.qdpx', await zip.generateAsync({ type: 'uint8array' }))).toContain('has no project.qde');
    const broken = Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);
    expect(await refused('a.qdpx', broken)).toContain('not a readable zip');
    expect(JSON.stringify(store.data)).toBe(before);
    await store.close();
  });
});

describe('REFI-QDA project limits', () => {
  /** A project whose central directory declares each named file to unpack to `size` bytes. */
  const declaring = async (names: string[], size: number): Promise<Buffer> => {
    const zip = new JSZip();
    for (const name of names) zip.file(name, '<Project/>', { compression: 'DEFLATE' });
    const bytes = Buffer.from(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
    for (const name of names) {
      // Its central directory entry (the name's 46 bytes after its start), which follows the data.
      const entry = bytes.lastIndexOf(Buffer.from(name)) - 46;
      bytes.writeUInt32LE(size, entry + 24);
    }
    return bytes;
  };

  it('refuses a file in it that unpacks beyond what one string holds, and a project beyond 1 GB, in words', async () => {
    const { store, backend } = await emptyLibrary();
    const before = JSON.stringify(store.data);
    const refused = async (data: Buffer) => {
      const result = await backend('importProject', { fileName: 'big.qdpx', data: base64(data) });
      return result.ok ? 'accepted' : result.error.message;
    };
    // It said "expands beyond 1024 MB" of a project of 700 MB.
    expect(await refused(await declaring(['project.qde'], 700 * 2 ** 20))).toBe(
      'The .qdpx file: project.qde unpacks to 700 MB, more than the 500 MB a file in it may hold',
    );
    expect(await refused(await declaring(['project.qde', 'sources/a.txt', 'sources/b.txt'], 400 * 2 ** 20))).toBe(
      'The .qdpx file expands beyond 1024 MB when unpacked',
    );
    expect(JSON.stringify(store.data)).toBe(before);
    await store.close();
  });
});

describe('REFI-QDA codebook (.qdc)', () => {
  it('exports a codebook that validates against the schema, and merges one in by name path', async () => {
    const exported = qdcText(hardCaseLibrary().tags);
    expect(await validate(exported, 'Codebook-mrt2019.xsd')).toEqual([]);
    expect(exported).toContain('color="#F2C94C"');

    const { store, backend } = await emptyLibrary();
    await callOk(backend, 'createTag', { name: 'claim, "MAIN"', color: '#123456' }); // the same name, other case
    await callOk(backend, 'createTag', { name: 'Frame', color: '#654321' });
    const frame = store.data.tags.find((t) => t.name === 'Frame')!;
    await callOk(backend, 'createTag', { name: '=cmd', color: '#111111', parentId: frame.id }); // another path
    const summary = await callOk(backend, 'importProject', { fileName: 'codebook.qdc', data: base64(exported) });
    expect(summary.tags).toEqual({ added: 1, alreadyThere: 1 });
    expect(tagPaths(store.data.tags).size).toBe(4);
    expect([...tagPaths(store.data.tags).values()].sort()).toEqual([
      'Frame',
      'Frame › =cmd',
      'claim, "MAIN"',
      'claim, "MAIN" › =cmd',
    ]);
    // One step to undo.
    expect((await callOk(backend, 'undo', {})).label).toBe('Import codebook');
    expect(store.data.tags).toHaveLength(3);
    await store.close();
  });

  it('refuses a codebook nested deeper than any tool writes, in words, and changes nothing', async () => {
    const { store, backend } = await emptyLibrary();
    const before = JSON.stringify(store.data);
    const nested = (depth: number) =>
      `<CodeBook xmlns="${CODEBOOK_NAMESPACE}"><Codes>` +
      Array.from({ length: depth }, (_, i) => `<Code guid="${randomUUID()}" name="Level ${i}">`).join('') +
      '</Code>'.repeat(depth) +
      '</Codes></CodeBook>';
    // Recursion through 100,000 levels overflowed the stack ("Maximum call stack size exceeded").
    const refused = await backend('importProject', { fileName: 'deep.qdc', data: base64(nested(100_000)) });
    expect(refused.ok ? 'accepted' : refused.error.message).toBe(
      'deep.qdc nests elements more than 256 levels deep (at line 1), which no REFI-QDA project or codebook does: ' +
        'it was not read.',
    );
    expect(JSON.stringify(store.data)).toBe(before);
    // Deep, but within the limit: read, and put under the top-level code by path.
    const summary = await callOk(backend, 'importProject', { fileName: 'deep.qdc', data: base64(nested(200)) });
    expect(summary.tags.added).toBe(200);
    expect(store.data.tags.find((t) => t.name.endsWith('Level 199'))?.name.split(' / ')).toHaveLength(199);
    await store.close();
  });

  it('exports a tag that names itself as its parent (a hand-edited file) at the top level', async () => {
    const id = randomUUID();
    const exported = qdcText([{ id, name: 'Loop', color: '#123456', description: '', parentId: id }]);
    expect(await validate(exported, 'Codebook-mrt2019.xsd')).toEqual([]);
    expect(exported.match(/<Code /g)).toHaveLength(1);
  });

  it('refuses to export an empty codebook, with the reason', () => {
    expect(() => qdcText([])).toThrow('The codebook is empty');
  });
});

describe('zip archives', () => {
  it('writes zips that yauzl and JSZip read back byte for byte, names in UTF-8, and refuses damaged ones', async () => {
    const files: [string, string][] = [
      ['project.qde', '<Project/>'],
      ['sources/ünïcode 😀.txt', 'Text with emoji 😀 and\r\nCRLF'],
      ['sources/empty.txt', ''],
    ];
    const bytes = await zipFiles(files);
    const zip = await readZip(bytes, 'The test zip');
    expect(zip.names().sort()).toEqual(files.map(([name]) => name).sort());
    for (const [name, text] of files) expect(await zip.text(name)).toBe(text);
    const other = await JSZip.loadAsync(bytes);
    for (const [name, text] of files) expect(await other.file(name)!.async('string')).toBe(text);
    await expect(readZip(bytes.subarray(0, bytes.length - 30), 'A cut zip')).rejects.toThrow('A cut zip');
  });

  it('streams a long file through deflate, its CRC and sizes after its data, read back whole by yauzl and JSZip', async () => {
    const zip = new ZipStream(NOW);
    // Some 6 MB of text in pieces: several blocks deflated apart (a megabyte each), characters of several bytes cut
    // between pieces.
    const pieces = Array.from(
      { length: 3_000 },
      (_, i) => `<Line n="${i}">Київ — 😀 ${'x'.repeat(i % 4_000)}</Line>\n`,
    );
    const parts: Buffer[] = [];
    for await (const part of zip.file('sources/a.txt', Buffer.from('first', 'utf8'))) parts.push(part);
    const split = async function* () {
      for (const piece of pieces) {
        const bytes = Buffer.from(piece, 'utf8');
        yield bytes.subarray(0, 7);
        yield bytes.subarray(7);
      }
    };
    for await (const part of zip.streamed('project.qde', split())) parts.push(part);
    for await (const part of zip.file('sources/b.txt', Buffer.from('last', 'utf8'))) parts.push(part);
    parts.push(zip.end());
    const bytes = Buffer.concat(parts);
    const expected = pieces.join('');
    const read = await readZip(bytes, 'The streamed zip');
    expect(read.names()).toEqual(['sources/a.txt', 'project.qde', 'sources/b.txt']);
    expect(await read.text('project.qde')).toBe(expected);
    expect(await read.text('sources/b.txt')).toBe('last');
    const other = await JSZip.loadAsync(bytes, { checkCRC32: true });
    expect(await other.file('project.qde')!.async('string')).toBe(expected);
    expect(await other.file('sources/a.txt')!.async('string')).toBe('first');
  });
});
