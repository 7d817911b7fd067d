import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import {
  STATEMENT_HEADER, STATEMENT_MAX_BYTES, STATEMENT_MAX_ERRORS, STATEMENT_MAX_LINES, parseStatement, statementInvalidDetails,
  problemText, statementInvalidMessage, type StatementLine, type StatementParseResult,
} from '../../server/modules/payments/bank-statement';
import {
  REFERENCE_ALPHABET, classifyReference, isValidPaymentReference, newPaymentReference, normalizeReference, referenceCheckCharacter,
} from '../../server/modules/payments/payment-reference';
import { STATEMENT_PROBLEM_CODES, type StatementProblem, type StatementProblemCode } from '../../shared/contract/money';
import { syntheticOpenPayments, syntheticStatement } from '../../server/modules/payments/statement-fixture';
import {
  matchStatement, referencesOf, type BalanceTarget, type DepositTarget, type LineDecision,
} from '../../server/modules/payments/statement-matcher';

type Row = { value_date: string; amount: string; currency: string; reference: string; payer_name: string; payer_account: string; bank_txn_id: string };
const good = (n: number, over: Partial<Row> = {}): Row => ({
  value_date: '2026-11-30', amount: '1000.00', currency: 'CNY', reference: `D-REF${n}`, payer_name: '王伟', payer_account: '6222020200112233', bank_txn_id: `TXN${n}`, ...over,
});
const csvLine = (r: Row) => [r.value_date, r.amount, r.currency, r.reference, r.payer_name, r.payer_account, r.bank_txn_id].join(',');
const file = (...lines: string[]) => [STATEMENT_HEADER, ...lines].join('\n') + '\n';

function lines(result: StatementParseResult): StatementLine[] {
  if (!result.ok) throw new Error(`expected a valid statement, got ${JSON.stringify(result.errors)}`);
  return result.lines;
}
function errors(result: StatementParseResult) {
  if (result.ok) throw new Error('expected the statement to be refused');
  return result.errors;
}

describe('bank statement file: reading', () => {
  it('when fields are quoted, then commas, doubled quotes and empty-looking padding survive as the bank wrote them', () => {
    const text = file(
      '2026-11-30,"1000.00",CNY,"D-A1","Shenzhen Qianhai Trading Co., Ltd.",6222,"T1"',
      '2026-11-30,2.5,CNY,D-A2,"北京""诚信""资产管理",6222,T2',
      '2026-11-30,3,CNY,D-A3,"""Quoted"" at both ends""",6222,T3',
      ' 2026-11-30 , 4.00 , CNY , d-a4 , 李娜 , 6222 , T4 ',
    );
    const [a, b, c, d] = lines(parseStatement(text));
    expect(a.payerName).to.equal('Shenzhen Qianhai Trading Co., Ltd.');
    expect(a.amount.toFixed(2)).to.equal('1000.00');
    expect(b.payerName).to.equal('北京"诚信"资产管理');
    expect(b.amount.toFixed(2)).to.equal('2.50');
    expect(c.payerName).to.equal('"Quoted" at both ends"');
    expect(d).to.include({ valueDate: '2026-11-30', currency: 'CNY', reference: 'd-a4', payerName: '李娜', bankTxnId: 'T4' });
  });

  it('when the file starts with a BOM, as Excel writes UTF-8, then the header is still recognised (string and bytes)', () => {
    const text = '\uFEFF' + file(csvLine(good(1)));
    expect(lines(parseStatement(text))).to.have.length(1);
    expect(lines(parseStatement(Buffer.from(text, 'utf8')))).to.have.length(1);
    expect(lines(parseStatement(new TextEncoder().encode(text)))[0].payerName).to.equal('王伟');
  });

  it('when lines end in CRLF, LF or a mix, and blank lines are scattered, then line numbers stay those of the file', () => {
    const text = `${STATEMENT_HEADER}\r\n${csvLine(good(1))}\r\n\r\n${csvLine(good(2))}\n${csvLine(good(3))}\r\n\n\n`;
    expect(lines(parseStatement(text)).map((l) => [l.line, l.bankTxnId])).to.deep.equal([[2, 'TXN1'], [4, 'TXN2'], [5, 'TXN3']]);
    const noFinalBreak = `${STATEMENT_HEADER}\r\n${csvLine(good(1))}`;
    expect(lines(parseStatement(noFinalBreak))).to.have.length(1);
  });

  it('when an amount has more digits than a double holds, then it arrives as the exact Decimal', () => {
    const [l] = lines(parseStatement(file(csvLine(good(1, { amount: '999999999999999.99' })))));
    expect(l.amount).to.be.instanceOf(Decimal);
    expect(l.amount.toFixed(2)).to.equal('999999999999999.99');
  });
});

describe('bank statement file: every malformed line is named with its line number', () => {
  const bad: Array<[string, Partial<Row>, string, StatementProblemCode, string]> = [
    ['a 29 February outside a leap year', { value_date: '2026-02-29' }, 'value_date must be a calendar date', 'DATE_FORMAT', 'value_date'],
    ['month 13', { value_date: '2026-13-01' }, 'value_date must be a calendar date', 'DATE_FORMAT', 'value_date'],
    ['a date written day first', { value_date: '30/11/2026' }, 'value_date must be a calendar date', 'DATE_FORMAT', 'value_date'],
    ['no date', { value_date: '' }, 'value_date must be a calendar date', 'DATE_FORMAT', 'value_date'],
    ['money out', { amount: '-100.00' }, 'amount is money out', 'AMOUNT_NEGATIVE', 'amount'],
    ['a zero amount', { amount: '0.00' }, 'amount must be above zero', 'AMOUNT_ZERO', 'amount'],
    ['a negative zero', { amount: '-0' }, 'amount must be above zero', 'AMOUNT_ZERO', 'amount'],
    ['a year before 1970', { value_date: '1926-11-30' }, 'value_date must be a calendar date', 'DATE_FORMAT', 'value_date'],
    ['three decimal places', { amount: '1.005' }, 'amount must be a decimal amount with at most two places', 'AMOUNT_FORMAT', 'amount'],
    ['a thousands separator', { amount: '"1,000.00"' }, 'amount must be a decimal amount', 'AMOUNT_FORMAT', 'amount'],
    ['an exponent', { amount: '1e3' }, 'amount must be a decimal amount', 'AMOUNT_FORMAT', 'amount'],
    ['a plus sign', { amount: '+5' }, 'amount must be a decimal amount', 'AMOUNT_FORMAT', 'amount'],
    ['no amount', { amount: '' }, 'amount must be a decimal amount', 'AMOUNT_FORMAT', 'amount'],
    ['an amount above NUMERIC(18,2)', { amount: '9999999999999999' }, 'amount must be at most', 'AMOUNT_TOO_LARGE', 'amount'],
    ['another currency', { currency: 'USD' }, 'currency must be CNY', 'CURRENCY', 'currency'],
    ['no reference', { reference: '' }, 'reference must be 1 to 64', 'REFERENCE_FORMAT', 'reference'],
    ['a reference with a space inside', { reference: 'D-AB CD' }, 'reference must be 1 to 64', 'REFERENCE_FORMAT', 'reference'],
    ['a reference in Chinese', { reference: '保证金' }, 'reference must be 1 to 64', 'REFERENCE_FORMAT', 'reference'],
    ['a reference of 65 characters', { reference: 'A'.repeat(65) }, 'reference must be 1 to 64', 'REFERENCE_FORMAT', 'reference'],
    ['no payer name', { payer_name: '' }, 'payer_name is empty', 'TEXT_EMPTY', 'payer_name'],
    ['a payer name of 201 characters', { payer_name: '张'.repeat(201) }, 'payer_name is longer than 200', 'TEXT_TOO_LONG', 'payer_name'],
    ['a tab in the payer name', { payer_name: '王\t伟' }, 'payer_name contains a line break, control or invisible', 'CONTROL_CHARACTER', 'payer_name'],
    ['a right-to-left override in the payer name', { payer_name: 'ACME\u202Egnp.exe' }, 'payer_name contains a line break, control or invisible', 'CONTROL_CHARACTER', 'payer_name'],
    ['a line break inside a quoted payer name', { payer_name: '"王\n伟"' }, 'payer_name contains a line break', 'CONTROL_CHARACTER', 'payer_name'],
    ['no payer account', { payer_account: '' }, 'payer_account is empty', 'TEXT_EMPTY', 'payer_account'],
    ['a payer account of 65 characters', { payer_account: '6'.repeat(65) }, 'payer_account is longer than 64', 'TEXT_TOO_LONG', 'payer_account'],
    ['no bank_txn_id', { bank_txn_id: '' }, 'bank_txn_id is empty', 'TEXT_EMPTY', 'bank_txn_id'],
    ['a bank_txn_id of 65 characters', { bank_txn_id: 'T'.repeat(65) }, 'bank_txn_id is longer than 64', 'TEXT_TOO_LONG', 'bank_txn_id'],
    ['a NUL in the bank_txn_id', { bank_txn_id: 'T\u0000' }, 'bank_txn_id contains a line break, control', 'CONTROL_CHARACTER', 'bank_txn_id'],
  ];
  for (const [what, over, message, code, field] of bad) {
    it(`when line 3 has ${what}, then the file is refused naming line 3, the column and the problem's code`, () => {
      const errs = errors(parseStatement(file(csvLine(good(1)), csvLine(good(2, over)), csvLine(good(3)))));
      expect(errs).to.have.length(1);
      expect(errs[0].line).to.equal(3);
      expect(errs[0].message).to.contain(message);
      expect(errs[0].problems).to.have.length(1);
      expect(errs[0].problems[0]).to.include({ code, field });
    });
  }

  const syntax: Array<[string, string, string, StatementProblem]> = [
    ['six fields', '2026-11-30,1.00,CNY,D-X,王伟,6222', 'expected 7 fields', { code: 'FIELD_COUNT', params: { expected: 7, found: 6, header: STATEMENT_HEADER } }],
    ['eight fields', '2026-11-30,1.00,CNY,D-X,王伟,6222,T9,extra', 'found 8', { code: 'FIELD_COUNT', params: { expected: 7, found: 8, header: STATEMENT_HEADER } }],
    ['an unclosed quote', '2026-11-30,1.00,CNY,D-X,"王伟,6222,T9', 'a quoted field is not closed', { code: 'CSV_QUOTE_NOT_CLOSED' }],
    ['a quote inside an unquoted field', '2026-11-30,1.00,CNY,D-X,王"伟,6222,T9', 'a quote appears inside an unquoted field', { code: 'CSV_QUOTE_INSIDE' }],
    ['text after a closing quote', '2026-11-30,1.00,CNY,D-X,"王伟"x,6222,T9', 'a quoted field is followed by something other than a comma', { code: 'CSV_AFTER_QUOTE' }],
  ];
  for (const [what, bad3, message, problem] of syntax) {
    it(`when line 3 has ${what}, then the file is refused naming line 3 and the lines around it pass`, () => {
      const errs = errors(parseStatement(file(csvLine(good(1)), bad3, csvLine(good(3)), csvLine(good(4)))));
      expect(errs).to.deep.equal([{ line: 3, message: errs[0].message, problems: [problem] }]);
      expect(errs[0].message).to.contain(message);
    });
  }

  it('when syntax errors sit far apart in a long file, then each is named and no good line between them is blamed', () => {
    const broken = new Set([10, 300, 301, 599]);
    const rows = Array.from({ length: 600 }, (_, i) => (broken.has(i + 2) ? `2026-11-30,"1.00,CNY,D-X,王伟,6222,T${i}` : csvLine(good(i))));
    expect(errors(parseStatement(file(...rows))).map((e) => e.line)).to.deep.equal([...broken]);
  });

  it('when one line is far longer than any statement line, then it is refused as too long', () => {
    const errs = errors(parseStatement(file(csvLine(good(1)), csvLine(good(2, { payer_name: `"${'王'.repeat(20_000)}"` })), csvLine(good(3)))));
    expect(errs).to.have.length(1);
    expect(errs[0]).to.include({ line: 3 });
    expect(errs[0].message).to.contain('longer than');
    expect(errs[0].problems).to.deep.equal([{ code: 'LINE_TOO_LONG', params: { max: 16_384 } }]);
  });

  it('when one line among many good ones is bad, then the whole file is refused and no line is returned', () => {
    const rows = Array.from({ length: 50 }, (_, i) => csvLine(good(i + 1, i === 30 ? { currency: 'EUR' } : {})));
    const result = parseStatement(file(...rows));
    expect(result).to.deep.equal({
      ok: false, errors: [{ line: 32, message: 'currency must be CNY', problems: [{ field: 'currency', code: 'CURRENCY', params: { currency: 'CNY' } }] }], truncated: false,
    });
  });

  it('when several lines are bad, syntax errors included, then every one of them is listed in file order', () => {
    const text = file(
      csvLine(good(1)), csvLine(good(2, { amount: '-5' })), csvLine(good(3)), '2026-11-30,"1.00,CNY', csvLine(good(5)),
      csvLine(good(6, { value_date: '2026-04-31', currency: 'HKD' })), csvLine(good(7)),
    );
    const errs = errors(parseStatement(text));
    expect(errs.map((e) => e.line)).to.deep.equal([3, 5, 7]);
    expect(errs[2].message).to.equal('value_date must be a calendar date written YYYY-MM-DD; currency must be CNY');
    expect(errs.map((e) => e.problems.map((p) => p.code))).to.deep.equal([['AMOUNT_NEGATIVE'], ['CSV_QUOTE_NOT_CLOSED'], ['DATE_FORMAT', 'CURRENCY']]);
  });

  it('when a bank_txn_id repeats within the file, then each repeat is refused naming the line it first appeared on', () => {
    const text = file(csvLine(good(1)), csvLine(good(2)), csvLine(good(3, { bank_txn_id: 'TXN1' })), csvLine(good(4, { bank_txn_id: ' TXN1 ', amount: '-1' })));
    expect(errors(parseStatement(text))).to.deep.equal([
      { line: 4, message: 'bank_txn_id TXN1 already appears on line 2', problems: [{ code: 'TXN_ID_REPEATED', field: 'bank_txn_id', params: { txnId: 'TXN1', firstLine: 2 } }] },
      {
        line: 5, message: 'amount is money out; this importer takes money in only (positive amounts); bank_txn_id TXN1 already appears on line 2',
        problems: [{ code: 'AMOUNT_NEGATIVE', field: 'amount' }, { code: 'TXN_ID_REPEATED', field: 'bank_txn_id', params: { txnId: 'TXN1', firstLine: 2 } }],
      },
    ]);
  });

  it('when more than 1,000 lines are bad, then the first 1,000 are listed and the answer says there are more', () => {
    const rows = Array.from({ length: 1500 }, (_, i) => csvLine(good(i, { currency: 'USD' })));
    const result = parseStatement(file(...rows));
    const errs = errors(result);
    expect(errs).to.have.length(STATEMENT_MAX_ERRORS);
    expect(errs[0].line).to.equal(2);
    expect(errs[STATEMENT_MAX_ERRORS - 1].line).to.equal(STATEMENT_MAX_ERRORS + 1);
    expect(statementInvalidDetails(result as { errors: typeof errs; truncated: boolean })).to.deep.equal({ errors: errs, truncated: true });
    expect(statementInvalidMessage({ errors: errs, truncated: true })).to.contain('more than 1000 lines are malformed');
  });

  it('when the file is empty, a BOM alone, blank lines alone or a header alone, then it is refused with one clear error', () => {
    for (const text of ['', '\uFEFF', '\r\n\n', ' ']) {
      const errs = errors(parseStatement(text));
      expect(errs).to.have.length(1);
      expect(errs[0].line).to.equal(1);
    }
    expect(errors(parseStatement('')).at(0)).to.deep.equal({ line: 1, message: 'the file is empty', problems: [{ code: 'EMPTY_FILE' }] });
    expect(errors(parseStatement(`${STATEMENT_HEADER}\r\n`))).to.deep.equal([{ line: 2, message: 'the statement has no transaction lines', problems: [{ code: 'NO_LINES' }] }]);
  });

  it('when the header is not exactly the documented one, then the file is refused at line 1', () => {
    const headers = [
      'amount,value_date,currency,reference,payer_name,payer_account,bank_txn_id',
      STATEMENT_HEADER.toUpperCase(),
      `${STATEMENT_HEADER},memo`,
      'value_date,amount,currency,reference,payer_name,payer_account',
      csvLine(good(1)),
    ];
    for (const header of headers) {
      const errs = errors(parseStatement(`${header}\n${csvLine(good(1))}\n`));
      expect(errs).to.have.length(1);
      expect(errs[0]).to.include({ line: 1 });
      expect(errs[0].message).to.contain(STATEMENT_HEADER);
      expect(errs[0].problems).to.deep.equal([{ code: 'HEADER', params: { header: STATEMENT_HEADER } }]);
    }
  });

  it('when a line is not valid UTF-8, then that line is named', () => {
    const head = Buffer.from(file(csvLine(good(1))), 'utf8');
    const gb18030Name = Buffer.from([0xcd, 0xf5, 0xce, 0xb0]); // 王伟 in GB18030, as an old bank export writes it
    const bytes = Buffer.concat([head, Buffer.from('2026-11-30,1.00,CNY,D-X,'), gb18030Name, Buffer.from(',6222,T9\n')]);
    expect(errors(parseStatement(bytes))).to.deep.equal([{ line: 3, message: 'the line is not valid UTF-8; export the statement as UTF-8', problems: [{ code: 'NOT_UTF8' }] }]);
  });

  it('when the file is larger than 20 MB, then it is refused before it is parsed', () => {
    const big = file(csvLine(good(1))) + ' '.repeat(STATEMENT_MAX_BYTES);
    expect(errors(parseStatement(big))[0].message).to.contain('larger than 20 MB');
    expect(errors(parseStatement(Buffer.from(big)))[0].message).to.contain('larger than 20 MB');
    expect(errors(parseStatement(big))[0].problems).to.deep.equal([{ code: 'TOO_LARGE', params: { maxMb: 20 } }]);
  });

  it('when a statement has 100,000 lines it is read; at 100,001 it is refused', function () {
    this.timeout(120_000);
    const row = (i: number) => `2026-11-30,1.00,CNY,D-X,王伟,6222,T${i}`;
    const rows = Array.from({ length: STATEMENT_MAX_LINES }, (_, i) => row(i));
    expect(lines(parseStatement(file(...rows)))).to.have.length(STATEMENT_MAX_LINES);
    rows.push(row(STATEMENT_MAX_LINES));
    expect(errors(parseStatement(file(...rows)))).to.deep.equal([{
      line: STATEMENT_MAX_LINES + 2, message: 'the statement has more than 100000 lines; split it into several files',
      problems: [{ code: 'TOO_MANY_LINES', params: { max: STATEMENT_MAX_LINES } }],
    }]);
  });
});

describe('bank statement problems', () => {
  it('every problem code has its English wording, and a refusal carries only codes of the closed list', () => {
    for (const code of STATEMENT_PROBLEM_CODES) expect(problemText({ code, field: 'amount', params: { max: 1, maxMb: 1, header: 'h', expected: 7, found: 6, currency: 'CNY', txnId: 'T', firstLine: 2 } })).to.be.a('string').and.not.equal('');
    const errs = errors(parseStatement(file(csvLine(good(1, { amount: '1,5', reference: '', payer_name: '王\u200B伟' })), '2026-11-30,"1')));
    for (const e of errs) for (const p of e.problems) expect(STATEMENT_PROBLEM_CODES).to.include(p.code);
  });
});

describe('bank statement matching', () => {
  const dep = (registrationId: string, amount: string, status = 'pending'): DepositTarget => ({ registrationId, depositAmount: new Decimal(amount), status });
  const bal = (lotId: string, amount: string, status: BalanceTarget['status'] = 'due'): BalanceTarget => ({ lotId, amountDue: new Decimal(amount), status });
  const dRef = newPaymentReference('deposit');
  const heldRef = newPaymentReference('deposit');
  const bRef = newPaymentReference('balance');
  const paidRef = newPaymentReference('balance');
  const deposits = new Map([[dRef, dep('reg-1', '5000.00')], [heldRef, dep('reg-2', '5000.00', 'held')], ['DEP9F3A0B1C2D', dep('reg-3', '800')]]);
  const balances = new Map([[bRef, bal('lot-1', '95000.00')], [paidRef, bal('lot-2', '10.00', 'paid')]]);
  const statement = (...rows: Array<Partial<Row>>) => lines(parseStatement(file(...rows.map((r, i) => csvLine(good(i + 1, r))))));
  const decide = (rows: Array<Partial<Row>>, seen: string[] = []) =>
    matchStatement({ lines: statement(...rows), seenTxnIds: new Set(seen), deposits, balances });
  const only = (r: Partial<Row>): LineDecision => decide([r]).decisions[0];
  const typo = (ref: string) => ref.slice(0, 4) + (ref[4] === 'K' ? 'X' : 'K') + ref.slice(5);

  it('when reference and amount equal a pending deposit, then it holds the deposit, whatever the case and padding', () => {
    expect(only({ reference: dRef, amount: '5000' })).to.deep.include({ outcome: 'deposit', registrationId: 'reg-1' });
    expect(only({ reference: ` ${dRef.toLowerCase()} `, amount: '5000.00' })).to.deep.include({ outcome: 'deposit', registrationId: 'reg-1' });
    expect(only({ reference: 'dep9f3a0b1c2d', amount: '800.00' })).to.deep.include({ outcome: 'deposit', registrationId: 'reg-3' });
  });

  it('when reference and amount equal a due balance, then it pays the balance', () => {
    expect(only({ reference: bRef, amount: '95000.00' })).to.deep.include({ outcome: 'balance', lotId: 'lot-1' });
  });

  it('when a deposit is overpaid, then the deposit is held and the excess is to be refunded', () => {
    const d = only({ reference: dRef, amount: '5000.01' });
    expect(d.outcome).to.equal('overpaid');
    if (d.outcome !== 'overpaid') return;
    expect([d.registrationId, d.expected.toFixed(2), d.excess.toFixed(2)]).to.deep.equal(['reg-1', '5000.00', '0.01']);
  });

  it('when a deposit or a balance is paid short, then nothing is held and the line waits as underpaid with the shortfall', () => {
    for (const [ref, amount, target, shortfall] of [[dRef, '4999.99', { kind: 'deposit', registrationId: 'reg-1' }, '0.01'], [bRef, '90000', { kind: 'balance', lotId: 'lot-1' }, '5000.00']] as const) {
      const d = only({ reference: ref, amount });
      expect(d).to.deep.include({ outcome: 'underpaid', unmatchedReason: 'UNDERPAID', target });
      if (d.outcome === 'underpaid') expect(d.shortfall.toFixed(2)).to.equal(shortfall);
    }
  });

  it('when a balance is paid with more than is due, then it waits for finance with the excess', () => {
    const d = only({ reference: bRef, amount: '95000.50' });
    expect(d).to.deep.include({ outcome: 'balance_overpaid', unmatchedReason: 'BALANCE_OVERPAID', target: { kind: 'balance', lotId: 'lot-1' } });
    if (d.outcome === 'balance_overpaid') expect(d.excess.toFixed(2)).to.equal('0.50');
  });

  it('when a reference is unknown, then the line is unmatched; when it is ours with a broken check character, it is flagged a typo', () => {
    expect(only({ reference: 'INVOICE-2291' })).to.deep.include({ outcome: 'unknown_reference', unmatchedReason: 'UNKNOWN_REFERENCE' });
    expect(only({ reference: newPaymentReference('deposit') })).to.deep.include({ outcome: 'unknown_reference', unmatchedReason: 'UNKNOWN_REFERENCE' });
    expect(only({ reference: typo(dRef), amount: '5000.00' })).to.deep.include({ outcome: 'unknown_reference', unmatchedReason: 'REFERENCE_TYPO' });
  });

  it('when the deposit is already held or the balance already paid, then the line is a likely double payment', () => {
    expect(only({ reference: heldRef, amount: '5000.00' })).to.deep.include({ outcome: 'already_settled', unmatchedReason: 'DEPOSIT_ALREADY_HELD', target: { kind: 'deposit', registrationId: 'reg-2' } });
    expect(only({ reference: paidRef, amount: '10.00' })).to.deep.include({ outcome: 'already_settled', unmatchedReason: 'BALANCE_ALREADY_PAID', target: { kind: 'balance', lotId: 'lot-2' } });
  });

  it('when the same reference is paid twice in one file, then the first settles it and the second is already settled', () => {
    const { decisions } = decide([{ reference: dRef, amount: '5000.00' }, { reference: dRef, amount: '5000.00' }, { reference: bRef, amount: '95000.00' }, { reference: bRef, amount: '95000.00' }]);
    expect(decisions.map((d) => d.outcome)).to.deep.equal(['deposit', 'already_settled', 'balance', 'already_settled']);
    const afterUnderpaid = decide([{ reference: dRef, amount: '100.00' }, { reference: dRef, amount: '5000.00' }]).decisions;
    expect(afterUnderpaid.map((d) => d.outcome)).to.deep.equal(['underpaid', 'deposit']);
  });

  it('when a bank_txn_id was imported before, or repeats among the lines given, then the line is a duplicate and changes nothing', () => {
    const { decisions, summary } = decide([{ reference: dRef, amount: '5000.00' }, { reference: bRef, amount: '95000.00' }], ['TXN1']);
    expect(decisions.map((d) => d.outcome)).to.deep.equal(['duplicate', 'balance']);
    expect(summary).to.deep.equal({ lines: 2, matched: 1, unmatched: 0, duplicates: 1 });
    const [l] = statement({ reference: dRef, amount: '5000.00' });
    const twice = matchStatement({ lines: [l, { ...l, line: 3 }], seenTxnIds: new Set(), deposits, balances });
    expect(twice.decisions.map((d) => d.outcome)).to.deep.equal(['deposit', 'duplicate']);
  });

  it('when a statement mixes every outcome, then the summary counts matched, unmatched and duplicates as the answer needs', () => {
    const { summary } = decide([
      { reference: dRef, amount: '5000.01' }, { reference: bRef, amount: '95000.00' }, { reference: heldRef, amount: '5000.00' },
      { reference: 'NOPE' }, { reference: paidRef, amount: '1.00' }, { reference: dRef }, { bank_txn_id: 'OLD' },
    ], ['OLD']);
    expect(summary).to.deep.equal({ lines: 7, matched: 2, unmatched: 4, duplicates: 1 });
  });

  it('when the caller loads targets, then it gets each normalized reference once', () => {
    expect(referencesOf(statement({ reference: 'd-abc' }, { reference: ' D-ABC ' }, { reference: 'B-X' }))).to.deep.equal(['D-ABC', 'B-X']);
  });
});

describe('payment references', () => {
  const body = fc.array(fc.constantFrom(...REFERENCE_ALPHABET), { minLength: 8, maxLength: 8 }).map((a) => a.join(''));
  const reference = fc.tuple(fc.constantFrom('D', 'B'), body).map(([p, b]) => `${p}-${b}${referenceCheckCharacter(p + b)}`);

  it('when references are made, then they read D-/B- and nine characters with no 0, O, 1 or I, and pass their own check', () => {
    for (let i = 0; i < 200; i++) {
      const d = newPaymentReference('deposit');
      expect(d).to.match(/^D-[2-9A-HJ-NP-Z]{9}$/);
      expect(isValidPaymentReference(d)).to.equal(true);
      expect(newPaymentReference('balance')).to.match(/^B-[2-9A-HJ-NP-Z]{9}$/);
    }
    expect(isValidPaymentReference(` ${newPaymentReference('deposit').toLowerCase()} `)).to.equal(true);
    expect(classifyReference(normalizeReference('dep1234'))).to.deep.equal({ shape: 'other' });
  });

  it('when the random source gives bytes the alphabet cannot take evenly, then they are skipped, not folded onto a few characters', () => {
    const bytes = [255, 250, 248, ...Array.from({ length: 40 }, (_, i) => i)];
    let at = 0;
    const ref = newPaymentReference('deposit', (n) => Uint8Array.from(Array.from({ length: n }, () => bytes[at++ % bytes.length])));
    expect(ref.slice(2, 10)).to.equal(REFERENCE_ALPHABET.slice(0, 8));
  });

  it('when any one character is replaced by another, then the check character catches it', () => {
    fc.assert(fc.property(reference, (ref) => {
      for (let i = 0; i < ref.length; i++) {
        for (const c of REFERENCE_ALPHABET + '-01OI') {
          if (c === ref[i]) continue;
          const typo = ref.slice(0, i) + c + ref.slice(i + 1);
          if (isValidPaymentReference(typo)) return false;
        }
      }
      return isValidPaymentReference(ref);
    }), { numRuns: 300 });
  });

  it('when two neighbouring characters are swapped, then the check character catches it', () => {
    fc.assert(fc.property(reference, (ref) => {
      for (let i = 0; i + 1 < ref.length; i++) {
        if (ref[i] === ref[i + 1]) continue;
        const swapped = ref.slice(0, i) + ref[i + 1] + ref[i] + ref.slice(i + 2);
        if (isValidPaymentReference(swapped)) return false;
      }
      return true;
    }), { numRuns: 300 });
  });
});

describe('synthetic statements for benchmarks', () => {
  it('when a statement is generated against open payments, then it is valid, deterministic and meets every outcome', () => {
    const open = syntheticOpenPayments(2500, 5);
    const text = syntheticStatement(2000, { seed: 9, payments: open.payments });
    expect(syntheticStatement(2000, { seed: 9, payments: open.payments })).to.equal(text);
    const parsed = lines(parseStatement(text));
    expect(parsed).to.have.length(2000);
    const seen = new Set(parsed.slice(0, 10).map((l) => l.bankTxnId));
    const { decisions, summary } = matchStatement({ lines: parsed, seenTxnIds: seen, ...open });
    const outcomes = new Set(decisions.map((d) => d.outcome));
    expect([...outcomes].sort()).to.deep.equal(['already_settled', 'balance', 'balance_overpaid', 'deposit', 'duplicate', 'overpaid', 'underpaid', 'unknown_reference']);
    expect(decisions.some((d) => d.outcome === 'unknown_reference' && d.unmatchedReason === 'REFERENCE_TYPO')).to.equal(true);
    expect(summary.lines).to.equal(2000);
    expect(summary.matched + summary.unmatched + summary.duplicates).to.equal(2000);
  });
});
