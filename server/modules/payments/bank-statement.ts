/**
 * Bank statement files (docs/api.md, "Money"): read and validated before anything is matched or applied.
 * A file is taken whole or refused whole, so this returns either every line or every bad line.
 */
import { isUtf8 } from 'node:buffer';
import { parse as parseCsv, type Options } from 'csv-parse/sync';
import { Decimal } from 'decimal.js';
import { z } from 'zod';
import { STATEMENT_FIELDS, type StatementField, type StatementLineError, type StatementProblem, type StatementProblemCode } from '../../../shared/contract/money';
import { MONEY_MAX } from '../../../shared/money';

export const STATEMENT_COLUMNS = STATEMENT_FIELDS;
export const STATEMENT_HEADER = STATEMENT_COLUMNS.join(',');
/** Transaction lines, header not counted: a day's statement of a busy court is a few thousand. */
export const STATEMENT_MAX_LINES = 100_000;
export const STATEMENT_MAX_BYTES = 20 * 1024 * 1024;
/** Enough to show finance what is wrong without sending back a second copy of a broken file. */
export const STATEMENT_MAX_ERRORS = 1_000;
/** One line of this format is well under 1 kB; a longer one is not a statement line. */
const MAX_RECORD_CHARS = 16_384;

export interface StatementLine {
  /** The line in the file, header = 1, as a spreadsheet numbers its rows. */
  line: number;
  valueDate: string;
  amount: Decimal;
  currency: 'CNY';
  /** As the payer typed it, surrounding spaces removed; compare with `normalizeReference`. */
  reference: string;
  payerName: string;
  payerAccount: string;
  bankTxnId: string;
}

export type { StatementLineError, StatementProblem };

/** The English wording of a problem, for `message` (logs, scripts); the client words the code itself. */
export function problemText(p: StatementProblem): string {
  const v = p.params ?? {};
  switch (p.code) {
    case 'TOO_LARGE': return `the file is larger than ${v.maxMb} MB; split it into several statements`;
    case 'NOT_UTF8': return 'the line is not valid UTF-8; export the statement as UTF-8';
    case 'EMPTY_FILE': return 'the file is empty';
    case 'TOO_MANY_LINES': return `the statement has more than ${v.max} lines; split it into several files`;
    case 'HEADER': return `the first line must be exactly ${v.header}`;
    case 'NO_LINES': return 'the statement has no transaction lines';
    case 'CSV_QUOTE_NOT_CLOSED': return 'a quoted field is not closed before the end of the line';
    case 'CSV_QUOTE_INSIDE': return 'a quote appears inside an unquoted field; quote the whole field and double the quote inside it';
    case 'CSV_AFTER_QUOTE': return 'a quoted field is followed by something other than a comma or the end of the line';
    case 'LINE_TOO_LONG': return `the line is longer than ${v.max} characters`;
    case 'CSV_SYNTAX': return 'the line is not valid CSV';
    case 'FIELD_COUNT': return `expected ${v.expected} fields (${v.header}), found ${v.found}`;
    case 'CONTROL_CHARACTER': return `${p.field} contains a line break, control or invisible formatting character`;
    case 'DATE_FORMAT': return `${p.field} must be a calendar date written YYYY-MM-DD`;
    case 'AMOUNT_FORMAT': return `${p.field} must be a decimal amount with at most two places, e.g. 1000.00 (no thousands separators)`;
    case 'AMOUNT_NEGATIVE': return `${p.field} is money out; this importer takes money in only (positive amounts)`;
    case 'AMOUNT_ZERO': return `${p.field} must be above zero`;
    case 'AMOUNT_TOO_LARGE': return `${p.field} must be at most ${v.max}`;
    case 'CURRENCY': return `${p.field} must be ${v.currency}`;
    case 'REFERENCE_FORMAT': return `${p.field} must be 1 to ${v.max} letters, digits or hyphens`;
    case 'TEXT_EMPTY': return `${p.field} is empty`;
    case 'TEXT_TOO_LONG': return `${p.field} is longer than ${v.max} characters`;
    case 'TXN_ID_REPEATED': return `${p.field} ${v.txnId} already appears on line ${v.firstLine}`;
  }
}

/** A problem of the closed list in shared/contract/money.ts: the reader's wording, not an API error code. */
function problem(c: StatementProblemCode, params?: StatementProblem['params'], field?: StatementField): StatementProblem {
  return { ...(field ? { field } : {}), code: c, ...(params ? { params } : {}) };
}

function lineError(line: number, problems: StatementProblem[]): StatementLineError {
  return { line, message: problems.map(problemText).join('; '), problems };
}

export type StatementParseResult =
  | { ok: true; lines: StatementLine[] }
  | { ok: false; errors: StatementLineError[]; truncated: boolean };

/** `details` of the 422 STATEMENT_INVALID answer. */
export function statementInvalidDetails(result: { errors: StatementLineError[]; truncated: boolean }) {
  return result.truncated ? { errors: result.errors, truncated: true } : { errors: result.errors };
}

export function statementInvalidMessage(result: { errors: StatementLineError[]; truncated: boolean }): string {
  const n = result.errors.length;
  return `The statement was not imported: ${result.truncated ? `more than ${n}` : n} line${n === 1 ? ' is' : 's are'} malformed. Nothing in the file was applied.`;
}

// Control and invisible formatting characters (bidi overrides, zero-width) would let a line look, to the
// finance clerk, unlike what it is; line breaks inside a field are refused here too.
const UNSAFE_CHARACTER = /[\p{Cc}\p{Cf}\p{Cs}\u2028\u2029]/u;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const AMOUNT = /^-?\d{1,16}(\.\d{1,2})?$/;

/** A real day of the Gregorian calendar; a year before 1970 is a typo in a bank's export, not a payment. */
function isCalendarDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1970 && date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Spaces around a value are padding from the bank's export; other whitespace was refused before. */
const field = () => z.string().transform((s) => s.replace(/^ +| +$/g, ''));
/** A zod message carrying a problem code and its parameters; the field is the issue's path. */
const code = (c: StatementProblemCode, params?: StatementProblem['params']) => JSON.stringify(params ? { code: c, params } : { code: c });

const lineSchema = z.object({
  value_date: field().pipe(z.string().refine(isCalendarDate, code('DATE_FORMAT'))),
  amount: field()
    .pipe(z.string().regex(AMOUNT, code('AMOUNT_FORMAT')))
    .transform((s) => new Decimal(s))
    .refine((d) => !d.lt(0), code('AMOUNT_NEGATIVE'))
    .refine((d) => !d.isZero(), code('AMOUNT_ZERO'))
    .refine((d) => d.lte(MONEY_MAX), code('AMOUNT_TOO_LARGE', { max: MONEY_MAX.toFixed(2) })),
  currency: field().pipe(z.literal('CNY', { error: code('CURRENCY', { currency: 'CNY' }) })),
  reference: field().pipe(z.string().regex(/^[A-Za-z0-9-]{1,64}$/, code('REFERENCE_FORMAT', { max: 64 }))),
  payer_name: field().pipe(z.string().min(1, code('TEXT_EMPTY')).max(200, code('TEXT_TOO_LONG', { max: 200 }))),
  payer_account: field().pipe(z.string().min(1, code('TEXT_EMPTY')).max(64, code('TEXT_TOO_LONG', { max: 64 }))),
  bank_txn_id: field().pipe(z.string().min(1, code('TEXT_EMPTY')).max(64, code('TEXT_TOO_LONG', { max: 64 }))),
});

const TXN_COLUMN = STATEMENT_COLUMNS.indexOf('bank_txn_id');

interface RawRecord { line: number; fields: string[] }

const CSV_OPTIONS: Options = {
  relax_column_count: true,
  record_delimiter: ['\r\n', '\n'],
  skip_empty_lines: false,
  max_record_size: MAX_RECORD_CHARS,
};

function countLineBreaks(s: string): number {
  if (s.indexOf('\n') === -1) return 0;
  return s.match(/\r?\n/g)!.length;
}

/** Records with the file line each starts on; a quoted field that spans lines moves the count on. Throws on bad CSV. */
function parseRecords(text: string | Buffer, firstLine: number): RawRecord[] {
  const rows = parseCsv(text, CSV_OPTIONS) as string[][];
  const out: RawRecord[] = [];
  let line = firstLine;
  for (const fields of rows) {
    out.push({ line, fields });
    line += 1;
    for (const f of fields) line += countLineBreaks(f);
  }
  return out;
}

function csvProblem(e: unknown): StatementProblem {
  switch ((e as { code?: string }).code) {
    case 'CSV_QUOTE_NOT_CLOSED': return problem('CSV_QUOTE_NOT_CLOSED');
    case 'INVALID_OPENING_QUOTE': return problem('CSV_QUOTE_INSIDE');
    case 'CSV_INVALID_CLOSING_QUOTE': return problem('CSV_AFTER_QUOTE');
    case 'CSV_MAX_RECORD_SIZE': return problem('LINE_TOO_LONG', { max: MAX_RECORD_CHARS });
    default: return problem('CSV_SYNTAX');
  }
}

const FALLBACK_CHUNK_LINES = 256;

/**
 * After a CSV syntax error the parser cannot say where the next record starts, so the file is read again
 * in chunks of lines, and a chunk that fails line by line: every broken line is named, not only the first.
 */
function parseRecordsLineByLine(text: string, errors: StatementLineError[]): RawRecord[] {
  const lines = text.split(/\r?\n/);
  const out: RawRecord[] = [];
  for (let start = 0; start < lines.length && errors.length <= STATEMENT_MAX_ERRORS; start += FALLBACK_CHUNK_LINES) {
    const chunk = lines.slice(start, start + FALLBACK_CHUNK_LINES);
    try {
      out.push(...parseRecords(chunk.join('\n'), start + 1));
    } catch {
      chunk.forEach((l, i) => {
        try {
          out.push(...parseRecords(l, start + i + 1));
        } catch (e) {
          errors.push(lineError(start + i + 1, [csvProblem(e)]));
        }
      });
    }
  }
  return out;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** The file as UTF-8 bytes without a BOM: csv-parse reads a Buffer faster than it reads a string. */
function toBytes(input: string | Uint8Array): { bytes: Buffer } | { errors: StatementLineError[] } {
  if (typeof input === 'string' && input.length > STATEMENT_MAX_BYTES) return { errors: [tooLarge()] };
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (bytes.byteLength > STATEMENT_MAX_BYTES) return { errors: [tooLarge()] };
  if (!isUtf8(bytes)) {
    const errors: StatementLineError[] = [];
    new TextDecoder('utf-8').decode(bytes).split('\n').forEach((l, i) => {
      if (l.includes('\uFFFD')) errors.push(lineError(i + 1, [problem('NOT_UTF8')]));
    });
    return { errors };
  }
  return { bytes: bytes.subarray(0, 3).equals(BOM) ? bytes.subarray(3) : bytes };
}

function tooLarge(): StatementLineError {
  return lineError(1, [problem('TOO_LARGE', { maxMb: STATEMENT_MAX_BYTES / 1024 / 1024 })]);
}

/** Physical lines up to the last non-blank one; cheap enough to run before the parser on a 20 MB file. */
function countLines(bytes: Buffer): number {
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === 0x0a || bytes[end - 1] === 0x0d)) end--;
  if (end === 0) return 0;
  let n = 1;
  for (let i = bytes.indexOf(0x0a); i !== -1 && i < end; i = bytes.indexOf(0x0a, i + 1)) n++;
  return n;
}

function refuse(errors: StatementLineError[]): StatementParseResult {
  const sorted = [...errors].sort((a, b) => a.line - b.line);
  return { ok: false, errors: sorted.slice(0, STATEMENT_MAX_ERRORS), truncated: sorted.length > STATEMENT_MAX_ERRORS };
}

function validateRecord(rec: RawRecord): StatementLine | StatementProblem[] {
  if (rec.fields.length !== STATEMENT_COLUMNS.length) {
    return [problem('FIELD_COUNT', { expected: STATEMENT_COLUMNS.length, found: rec.fields.length, header: STATEMENT_HEADER })];
  }
  const f = rec.fields;
  if (UNSAFE_CHARACTER.test(f.join(''))) {
    return STATEMENT_COLUMNS.filter((_, i) => UNSAFE_CHARACTER.test(f[i])).map((name) => problem('CONTROL_CHARACTER', undefined, name));
  }
  const parsed = lineSchema.safeParse({
    value_date: f[0], amount: f[1], currency: f[2], reference: f[3], payer_name: f[4], payer_account: f[5], bank_txn_id: f[6],
  });
  if (!parsed.success) {
    return parsed.error.issues.map((i) => ({ field: i.path[0] as StatementField, ...(JSON.parse(i.message) as Omit<StatementProblem, 'field'>) }));
  }
  const v = parsed.data;
  return {
    line: rec.line, valueDate: v.value_date, amount: v.amount, currency: v.currency, reference: v.reference,
    payerName: v.payer_name, payerAccount: v.payer_account, bankTxnId: v.bank_txn_id,
  };
}

/**
 * Reads a statement file. UTF-8 (a leading BOM is dropped), RFC 4180 quoting, CRLF or LF line ends; blank
 * lines are skipped. Refused whole, with every bad line named: a bad header, no transaction lines, more than
 * STATEMENT_MAX_LINES lines or STATEMENT_MAX_BYTES, a malformed line, or a bank_txn_id repeated in the file.
 */
export function parseStatement(input: string | Uint8Array): StatementParseResult {
  const decoded = toBytes(input);
  if ('errors' in decoded) return refuse(decoded.errors);
  const { bytes } = decoded;

  const physicalLines = countLines(bytes);
  if (physicalLines === 0) return refuse([lineError(1, [problem('EMPTY_FILE')])]);
  if (physicalLines > STATEMENT_MAX_LINES + 1) {
    return refuse([lineError(STATEMENT_MAX_LINES + 2, [problem('TOO_MANY_LINES', { max: STATEMENT_MAX_LINES })])]);
  }

  const errors: StatementLineError[] = [];
  let records: RawRecord[];
  try {
    records = parseRecords(bytes, 1);
  } catch {
    records = parseRecordsLineByLine(bytes.toString('utf8'), errors);
  }
  records = records.filter((r) => !(r.fields.length === 1 && r.fields[0] === ''));

  const header = records[0];
  if (!header || header.line !== 1 || header.fields.join(',') !== STATEMENT_HEADER) {
    return refuse([lineError(1, [problem('HEADER', { header: STATEMENT_HEADER })])]);
  }
  if (records.length === 1 && errors.length === 0) return refuse([lineError(2, [problem('NO_LINES')])]);

  const lines: StatementLine[] = [];
  const firstLineOfTxn = new Map<string, number>();
  for (let i = 1; i < records.length && errors.length <= STATEMENT_MAX_ERRORS; i++) {
    const rec = records[i];
    const problems: StatementProblem[] = [];
    // A repeat is named even when the first line is broken too, so fixing that one does not uncover this one.
    const txnId = rec.fields.length === STATEMENT_COLUMNS.length ? rec.fields[TXN_COLUMN].replace(/^ +| +$/g, '') : '';
    const seenOn = txnId ? firstLineOfTxn.get(txnId) : undefined;
    if (seenOn !== undefined) problems.push(problem('TXN_ID_REPEATED', { txnId, firstLine: seenOn }, 'bank_txn_id'));
    else if (txnId) firstLineOfTxn.set(txnId, rec.line);
    const result = validateRecord(rec);
    if (Array.isArray(result)) problems.unshift(...result);
    if (problems.length) errors.push(lineError(rec.line, problems));
    else lines.push(result as StatementLine);
  }
  if (errors.length) return refuse(errors);
  return { ok: true, lines };
}
