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

const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r', '\n', '\uff1d', '\uff0b', '\uff0d', '\uff20']);
const NEEDS_QUOTES = /[",\r\n]/;

/** True when a spreadsheet could take the value as a formula. */
export function isFormulaTrigger(value: string): boolean {
  return value.length > 0 && FORMULA_TRIGGERS.has(value[0]!);
}

export function csvField(value: string | number, formulaEscape: boolean): string {
  let text = String(value);
  if (formulaEscape && typeof value === 'string' && isFormulaTrigger(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The CSV text of a header row and data rows. */
export function toCsv(
  header: readonly string[],
  rows: Iterable<ReadonlyArray<string | number>>,
  options: CsvOptions = defaultCsvOptions,
): string {
  const lines: string[] = [header.map((h) => csvField(h, false)).join(',')];
  for (const row of rows) lines.push(row.map((cell) => csvField(cell, options.formulaEscape)).join(','));
  return `${options.bom ? '\ufeff' : ''}${lines.join('\r\n')}\r\n`;
}
