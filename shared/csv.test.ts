import { describe, expect, it } from 'vitest';
import { csvBlocks, csvField, csvRowsText, isFormulaTrigger, type CsvOptions } from './csv';

const toCsv = (header: readonly string[], rows: Array<ReadonlyArray<string | number>>, options?: CsvOptions): string =>
  [...csvBlocks(header, rows, options)].join('');
import { ANNOTATION_COLUMNS } from './export/annotation-rows';
import { CODEBOOK_COLUMNS, DOCUMENT_COLUMNS } from './export/library-rows';

describe('csvField', () => {
  it('quotes fields with a comma, quote, CR or LF, doubling inner quotes', () => {
    expect(csvField('plain', true)).toBe('plain');
    expect(csvField('a,b', true)).toBe('"a,b"');
    expect(csvField('say "no"', true)).toBe('"say ""no"""');
    expect(csvField('line\nbreak', true)).toBe('"line\nbreak"');
    expect(csvField('cr\rhere', true)).toBe('"cr\rhere"');
    expect(csvField('', true)).toBe('');
  });

  it('neutralises every formula trigger with a leading quote, and only at the start', () => {
    for (const trigger of ['=', '+', '-', '@', '\t', '\r', '\n', '＝', '＋', '－', '＠']) {
      expect(isFormulaTrigger(`${trigger}SUM(A1)`), JSON.stringify(trigger)).toBe(true);
      const written = csvField(`${trigger}1+1`, true);
      expect(written.replace(/^"/, '').startsWith(`'${trigger}`), JSON.stringify(trigger)).toBe(true);
    }
    expect(csvField('=HYPERLINK("http://x")', true)).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField('\n=1+1\nsecond line', true)).toBe('"\'\n=1+1\nsecond line"');
    expect(csvField('a=1', true)).toBe('a=1');
  });

  it('writes triggers verbatim when escaping is off, and never escapes numbers', () => {
    expect(csvField('=1+1', false)).toBe('=1+1');
    expect(csvField('-5', false)).toBe('-5');
    expect(csvField(42, true)).toBe('42');
  });
});

describe('csvBlocks', () => {
  it('gives the byte order mark alone, then whole rows a few thousand at a time', () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => [`row ${i}`, i]);
    const blocks = [...csvBlocks(['name', 'n'], rows)];
    expect(blocks[0]).toBe('\ufeff');
    expect(blocks.slice(1).map((b) => b.split('\r\n').length - 1)).toEqual([4096, 4096, 1809]);
    expect(blocks[1]!.startsWith('name,n\r\nrow 0,0\r\n')).toBe(true);
    expect(blocks.at(-1)!.endsWith('row 9999,9999\r\n')).toBe(true);
    expect([...csvBlocks(['a'], [], { bom: false, formulaEscape: true })]).toEqual(['a\r\n']);
  });
});

describe('csvRowsText', () => {
  it('writes the same records as csvBlocks, without header or byte order mark', () => {
    const rows: Array<ReadonlyArray<string | number>> = [
      ['plain', 0, 'a, comma', 'a "quote"', 'line\r\nbreak', '=SUM(A1)', '＠cmd', '', 12.5],
      ['Київ 😀', -0, '\u0000', ' -not a trigger'],
      [],
      ['one'],
    ];
    for (const formulaEscape of [true, false]) {
      const options = { bom: false, formulaEscape };
      const whole = [...csvBlocks(['h'], rows, options)].join('');
      expect(csvRowsText(rows, options)).toBe(whole.slice('h\r\n'.length));
    }
    expect(csvRowsText([], { bom: true, formulaEscape: true })).toBe('');
  });
});

describe('the CSV text', () => {
  it('writes CRLF after every record, a BOM by default, and headers unescaped', () => {
    expect(toCsv(['a', 'b'], [['1', 2]])).toBe('\ufeffa,b\r\n1,2\r\n');
    expect(toCsv(['a'], [['-x']], { bom: false, formulaEscape: true })).toBe("a\r\n'-x\r\n");
  });
});

describe('formula triggers in every column', () => {
  const TRIGGERS = ['=', '+', '-', '@', '\t', '\r', '\n', '\uff1d', '\uff0b', '\uff0d', '\uff20'];
  for (const columns of [ANNOTATION_COLUMNS, DOCUMENT_COLUMNS, CODEBOOK_COLUMNS]) {
    it(`neutralises each trigger in each of ${columns.join(', ')}`, () => {
      for (const trigger of TRIGGERS) {
        const row = columns.map((c) => `${trigger}${c}`);
        const escaped = toCsv(columns, [row], { bom: false, formulaEscape: true }).split('\r\n')[1]!;
        const verbatim = toCsv(columns, [row], { bom: false, formulaEscape: false });
        columns.forEach((c) => {
          const cell = csvField(`${trigger}${c}`, true);
          expect(cell.replace(/^"/, ''), `${c} ${JSON.stringify(trigger)}`).toMatch(/^'/);
          expect(escaped).toContain(cell);
          expect(verbatim).toContain(csvField(`${trigger}${c}`, false));
          expect(csvField(`${trigger}${c}`, false).replace(/^"/, '').startsWith(trigger)).toBe(true);
        });
      }
    });
  }
});
