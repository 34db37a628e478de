/**
 * CSV writing for the exports: RFC 4180, for Excel, LibreOffice, pandas and R alike.
 *
 * - Fields are separated by commas and records end with CRLF (including the last).
 * - A field is quoted when it holds a comma, a double quote, CR or LF; a double quote inside is doubled.
 *   Other fields are written as they are (NUL included: the exports never drop a character).
 * - With `bom` (the default) the text starts with a UTF-8 byte order mark, so Excel reads it as UTF-8.
 * - With `formulaEscape` (the default) a field whose first character could start a formula in a spreadsheet —
 *   `=`, `+`, `-`, `@`, tab, CR, LF, or their full-width forms `＝＋－＠` — gets a leading `'` (OWASP's advice for CSV
 *   injection), so the spreadsheet shows it as text and runs nothing. Numbers we write ourselves (offsets, counts) are
 *   never negative, so they never carry the `'`. Turn it off for pipelines that want the values verbatim.
 */

export interface CsvOptions {
  bom: boolean;
  formulaEscape: boolean;
}

export const defaultCsvOptions: CsvOptions = { bom: true, formulaEscape: true };

const NEEDS_QUOTES = /[",\r\n]/;
const QUOTES = /"/g;

/** True when a spreadsheet could take the value as a formula. */
export function isFormulaTrigger(value: string): boolean {
  switch (value.charCodeAt(0)) {
    case 0x3d: // =
    case 0x2b: // +
    case 0x2d: // -
    case 0x40: // @
    case 0x09: // tab
    case 0x0d: // CR
    case 0x0a: // LF
    case 0xff1d: // ＝
    case 0xff0b: // ＋
    case 0xff0d: // －
    case 0xff20: // ＠
      return true;
    default:
      return false;
  }
}

export function csvField(value: string | number, formulaEscape: boolean): string {
  if (typeof value === 'number') return String(value);
  const text = formulaEscape && isFormulaTrigger(value) ? `'${value}` : value;
  if (!NEEDS_QUOTES.test(text)) return text;
  return text.includes('"') ? `"${text.replace(QUOTES, '""')}"` : `"${text}"`;
}

/**
 * Data rows alone as one CSV text (no header, no byte order mark): a streamed export's part for one document. Built by
 * appending, which V8 keeps as a rope until the text is encoded: joining each row and then the rows copied every
 * character twice more and left twice the garbage (the app's export of a million rows, median of five: 4.1 s then,
 * 2.6 s appended; an array of every field and separator joined once, 3.5 s).
 */
export function csvRowsText(rows: Iterable<ReadonlyArray<string | number>>, { formulaEscape }: CsvOptions): string {
  let text = '';
  for (const row of rows) {
    if (row.length > 0) text += csvField(row[0]!, formulaEscape);
    for (let i = 1; i < row.length; i++) text += `,${csvField(row[i]!, formulaEscape)}`;
    text += '\r\n';
  }
  return text;
}

/** Rows per block of {@link csvBlocks}: about a megabyte of text for annotations.csv. */
const ROWS_PER_BLOCK = 4096;

/**
 * The CSV text of a header row and data rows, in blocks of a few thousand rows, so that a large export can be written
 * while it is built. Each row is joined once and each block once: an export of 100,000 highlights is some 30 MB, and a
 * string grown a field at a time is a deep chain V8 must walk to flatten. The byte order mark, when asked for, is a
 * block of its own, which keeps the other blocks one byte per character in V8 when the text is ASCII or Latin-1.
 */
export function* csvBlocks(
  header: readonly string[],
  rows: Iterable<ReadonlyArray<string | number>>,
  options: CsvOptions = defaultCsvOptions,
): Generator<string> {
  if (options.bom) yield '\ufeff';
  let lines: string[] = [header.map((h) => csvField(h, false)).join(',')];
  const cells: string[] = [];
  for (const row of rows) {
    cells.length = row.length;
    for (let i = 0; i < row.length; i++) cells[i] = csvField(row[i]!, options.formulaEscape);
    lines.push(cells.join(','));
    if (lines.length === ROWS_PER_BLOCK) {
      yield `${lines.join('\r\n')}\r\n`;
      lines = [];
    }
  }
  if (lines.length > 0) yield `${lines.join('\r\n')}\r\n`;
}
