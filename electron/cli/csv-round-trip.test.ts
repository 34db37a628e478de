import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isFormulaTrigger } from '../../shared/csv';
import { ANNOTATION_COLUMNS, annotationRows } from '../../shared/export/annotation-rows';
import { CODEBOOK_COLUMNS, documentColumns, documentRows } from '../../shared/export/library-rows';
import { useTempDirs } from '../backend/test-support';
import { cli, writeLibrary } from './test/cli-test-support';
import { hardCaseLibrary } from '../backend/test/hard-cases';

const tempDir = useTempDirs();
const READER = path.join(__dirname, 'test', 'read_csv.py');

interface PythonResult {
  annotations: Array<Record<string, string>>;
  documents: Array<Record<string, string>>;
  mismatches: unknown[];
}

/** What a cell must read as in Python: the value, with the neutralising ' when it starts like a formula. */
const expectedCell = (value: string | number, escape: boolean): string =>
  escape && typeof value === 'string' && isFormulaTrigger(value) ? `'${value}` : String(value);

async function exportAndRead(dir: string, ...flags: string[]): Promise<PythonResult & { raw: string }> {
  const annotations = path.join(dir, 'annotations.csv');
  const documents = path.join(dir, 'documents.csv');
  expect((await cli('export', '--data-dir', dir, '--out', annotations, ...flags)).status).toBe(0);
  expect((await cli('export', '--data-dir', dir, '--what', 'documents', '--out', documents, ...flags)).status).toBe(0);
  const output = execFileSync('python3', [READER, annotations, documents], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return { ...(JSON.parse(output) as PythonResult), raw: await readFile(annotations, 'utf8') };
}

describe('CSV export read back by Python’s csv module', () => {
  it('gives the same rows and cells, and text[start:end] == quote for every annotation', async () => {
    const dir = await tempDir();
    const library = hardCaseLibrary();
    await writeLibrary(dir, library);
    const result = await exportAndRead(dir);
    expect(result.mismatches).toEqual([]);

    const expectedAnnotations = [...annotationRows(library)].map((row) =>
      Object.fromEntries(ANNOTATION_COLUMNS.map((c, i) => [c, expectedCell(row[i]!, true)])),
    );
    expect(result.annotations).toEqual(expectedAnnotations);
    // One row per highlight × stance, one for a highlight without stances.
    expect(result.annotations).toHaveLength(library.highlights.reduce((n, h) => n + Math.max(1, h.stances.length), 0));
    const expectedDocuments = [...documentRows(library)].map((row) =>
      Object.fromEntries(documentColumns(library).map((c, i) => [c, expectedCell(row[i]!, true)])),
    );
    expect(result.documents).toEqual(expectedDocuments);
    // One column per variable after the fixed ones, under its name (a fixed column's name prefixed), read as written.
    expect(Object.keys(result.documents[0]!).slice(-3)).toEqual(['Country, "region"', 'variable_title', 'Wave']);
    expect(result.documents.map((d) => d['Country, "region"'])).toEqual(["'=AT", 'Україна', '']);
    expect(result.documents.map((d) => d.Wave)).toEqual(['2', '-1.5', '']);

    // The file format itself: BOM, CRLF between records, a quoted multi-line note.
    expect(result.raw.startsWith('\ufeffdocument_id,document_title,')).toBe(true);
    expect(result.raw.endsWith('\r\n')).toBe(true);
    expect(result.raw).toContain('"Multi-line\r\nnote, with ""quotes""\nand a comma"');
    expect(result.annotations.find((r) => r.note?.startsWith('xxxx'))?.note).toHaveLength(50_000);
  });

  it('neutralises every formula trigger in every column, and writes them verbatim with --no-formula-escape', async () => {
    const dir = await tempDir();
    const library = hardCaseLibrary();
    await writeLibrary(dir, library);

    const escaped = await exportAndRead(dir);
    const cells = [...escaped.annotations, ...escaped.documents].flatMap((row) => Object.values(row));
    // A number variable's value is written as a number: "-1.5" is read as a number by spreadsheets, never a formula.
    const triggered = cells.filter((cell) => isFormulaTrigger(cell) && !/^-?\d+(\.\d+)?$/.test(cell));
    expect(triggered).toEqual([]);
    // Each kind of trigger is in the fixture, and comes out with its '.
    for (const trigger of ['=', '+', '-', '@', '\t', '\n', '＝']) {
      expect(
        cells.some((cell) => cell.startsWith(`'${trigger}`)),
        JSON.stringify(trigger),
      ).toBe(true);
    }

    const verbatim = await exportAndRead(dir, '--no-formula-escape', '--no-bom');
    expect(verbatim.raw.startsWith('document_id,')).toBe(true);
    const expected = [...annotationRows(library)].map((row) =>
      Object.fromEntries(ANNOTATION_COLUMNS.map((c, i) => [c, String(row[i])])),
    );
    expect(verbatim.annotations).toEqual(expected);
    expect(verbatim.mismatches).toEqual([]);
  });

  it('writes the codebook with parents, shortcuts and counts', async () => {
    const dir = await tempDir();
    await writeLibrary(dir, hardCaseLibrary());
    const { stdout, status } = await cli('export', '--data-dir', dir, '--what', 'codebook', '--out', '-', '--no-bom');
    expect(status).toBe(0);
    const lines = stdout.split('\r\n');
    expect(lines[0]).toBe(CODEBOOK_COLUMNS.join(','));
    // The path, and the highlights carrying the tag or a sub-tag (each once), follow the earlier columns.
    expect(lines[1]).toBe('"Claim, ""main""",,"line1\nline2",#f2c94c,1,7,3,"Claim, ""main""",7');
    expect(lines[2]).toBe(`'=cmd,"Claim, ""main""",'+desc,#6fcf97,2,1,1,"Claim, ""main"" › =cmd",1`);
  });
});
