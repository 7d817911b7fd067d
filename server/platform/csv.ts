/**
 * CSV that people open in a spreadsheet and banks import. Text that others control (a payer's name on a
 * bank statement) could otherwise start with `=`, `+`, `-` or `@` and run as a formula when finance opens
 * the file, so such a cell gets a leading apostrophe; plain numbers (a negative balance) stay numbers.
 */
import { stringify } from 'csv-stringify/sync';

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell) ? `'${cell}` : cell;
}

/**
 * Rows as RFC 4180 CSV with CRLF line ends; null is an empty cell. `bom` puts a UTF-8 byte order mark first,
 * for files the public opens in Excel (which otherwise reads UTF-8 Chinese as the system's ANSI code page);
 * files that banks import have none.
 */
export function toCsv(rows: Array<Array<string | number | boolean | null>>, opts: { bom?: boolean } = {}): string {
  return (opts.bom ? '\uFEFF' : '') + stringify(rows.map((r) => r.map((c) => (c === null ? '' : neutraliseFormula(String(c))))), { record_delimiter: '\r\n', quoted_match: /[\r\n]/ });
}
