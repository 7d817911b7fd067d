/**
 * SQL of bank statements and the unmatched queue. Statements run to tens of thousands of lines, so lookups
 * and inserts go in chunks that stay well under PostgreSQL's 65,535 bind parameters.
 */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { schema, type Db } from '../../platform/db/index';

const { bankStatements, bankStatementLines, lots, registrations, users } = schema;

export type StatementLineRow = typeof bankStatementLines.$inferSelect;
export type NewStatementLine = typeof bankStatementLines.$inferInsert;

const LOOKUP_CHUNK = 5_000;
/** Rows per insert: one array per column, so the size bounds memory, not bind parameters. */
const INSERT_CHUNK = 20_000;

function chunks<T>(xs: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

/** bank_txn_ids among `ids` imported before. */
export async function seenTxnIds(q: Db, ids: readonly string[]): Promise<Set<string>> {
  const seen = new Set<string>();
  for (const part of chunks([...new Set(ids)], LOOKUP_CHUNK)) {
    const rows = await q.select({ id: bankStatementLines.bankTxnId }).from(bankStatementLines).where(inArray(bankStatementLines.bankTxnId, part));
    for (const r of rows) seen.add(r.id);
  }
  return seen;
}

/** Registrations whose payment reference is among `refs` (normalized), with their lot's status. */
export async function depositTargets(q: Db, refs: readonly string[]) {
  const out: Array<{ id: string; lotId: string; reference: string; amount: string; status: string; lotStatus: string }> = [];
  for (const part of chunks(refs, LOOKUP_CHUNK)) {
    out.push(...await q.select({
      id: registrations.id, lotId: registrations.lotId, reference: registrations.paymentReference, amount: registrations.depositAmount,
      status: registrations.depositStatus, lotStatus: lots.status,
    }).from(registrations).innerJoin(lots, eq(lots.id, registrations.lotId))
      .where(inArray(registrations.paymentReference, part)));
  }
  return out;
}

/** Sold lots whose balance reference is among `refs`, with the amount due (final price less the winner's deposit). */
export async function balanceTargets(q: Db, refs: readonly string[]) {
  const out: Array<{ id: string; reference: string | null; due: string; status: string; paidAt: Date | null }> = [];
  for (const part of chunks(refs, LOOKUP_CHUNK)) {
    out.push(...await q.select({
      id: lots.id, reference: lots.balanceReference, due: sql<string>`(${lots.finalPrice} - ${registrations.depositAmount})::text`,
      status: lots.status, paidAt: lots.balancePaidAt,
    }).from(lots).innerJoin(registrations, eq(registrations.id, lots.winnerRegistrationId))
      .where(inArray(lots.balanceReference, part)));
  }
  return out;
}

/** Locks lots, then registrations (the order of the close and of the deposit desk), each in id order. */
export async function lockTargets(q: Db, lotIds: readonly string[], registrationIds: readonly string[]) {
  const lotRows = [];
  for (const part of chunks([...new Set(lotIds)].sort(), LOOKUP_CHUNK)) {
    lotRows.push(...await q.select().from(lots).where(inArray(lots.id, part)).orderBy(asc(lots.id)).for('update'));
  }
  const regRows = [];
  for (const part of chunks([...new Set(registrationIds)].sort(), LOOKUP_CHUNK)) {
    regRows.push(...await q.select().from(registrations).where(inArray(registrations.id, part)).orderBy(asc(registrations.id)).for('update'));
  }
  return { lots: new Map(lotRows.map((l) => [l.id, l])), registrations: new Map(regRows.map((r) => [r.id, r])) };
}

/** Open shortfalls: unmatched UNDERPAID lines not yet resolved, for these registrations or lots. */
/** Locked when applying: a line matched or returned by hand meanwhile is not counted twice. */
export async function openShortfalls(q: Db, registrationIds: readonly string[], lotIds: readonly string[], lock: boolean): Promise<StatementLineRow[]> {
  const out: StatementLineRow[] = [];
  const open = and(eq(bankStatementLines.unmatchedReason, 'UNDERPAID'), isNull(bankStatementLines.resolution));
  const read = (where: ReturnType<typeof and>) => {
    const query = q.select().from(bankStatementLines).where(where);
    return lock ? query.for('update') : query;
  };
  for (const part of chunks([...new Set(registrationIds)], LOOKUP_CHUNK)) out.push(...await read(and(open, inArray(bankStatementLines.registrationId, part))));
  for (const part of chunks([...new Set(lotIds)], LOOKUP_CHUNK)) out.push(...await read(and(open, isNull(bankStatementLines.registrationId), inArray(bankStatementLines.lotId, part))));
  return out;
}

export async function insertStatement(q: Db, values: typeof bankStatements.$inferInsert): Promise<void> {
  await q.insert(bankStatements).values(values);
}

/**
 * A statement's lines, as one array per column unnested by the database: tens of thousands of rows cost a
 * few statements with 14 parameters each, not one bind parameter per value.
 */
export async function insertLines(q: Db, rows: readonly NewStatementLine[]): Promise<void> {
  for (const part of chunks(rows, INSERT_CHUNK)) {
    const col = (f: (r: NewStatementLine) => string | number | null | undefined) => sql.param(part.map((r) => f(r) ?? null));
    await q.execute(sql`insert into ${bankStatementLines}
      (id, statement_id, line_no, bank_txn_id, value_date, amount, currency, reference, payer_name, payer_account, outcome, unmatched_reason, registration_id, lot_id)
      select * from unnest(${col((r) => r.id)}::text[], ${col((r) => r.statementId)}::text[], ${col((r) => r.lineNo)}::int[], ${col((r) => r.bankTxnId)}::text[],
        ${col((r) => r.valueDate)}::date[], ${col((r) => r.amount)}::numeric[], ${col((r) => r.currency)}::text[], ${col((r) => r.reference)}::text[],
        ${col((r) => r.payerName)}::text[], ${col((r) => r.payerAccount)}::text[], ${col((r) => r.outcome)}::text[], ${col((r) => r.unmatchedReason)}::text[],
        ${col((r) => r.registrationId)}::text[], ${col((r) => r.lotId)}::text[])`);
  }
}

export async function resolveLines(q: Db, ids: readonly string[], r: { resolution: 'matched' | 'returned'; resolvedBy: string; resolvedAt: Date; resolutionNote?: string | null; registrationId?: string; lotId?: string }): Promise<void> {
  if (ids.length === 0) return;
  await q.update(bankStatementLines).set(r).where(inArray(bankStatementLines.id, [...ids]));
}

/** The queue, oldest statement first. */
export async function unmatchedLines(q: Db, limit: number): Promise<StatementLineRow[]> {
  const rows = await q.select({ l: bankStatementLines }).from(bankStatementLines)
    .innerJoin(bankStatements, eq(bankStatements.id, bankStatementLines.statementId))
    .where(and(sql`${bankStatementLines.unmatchedReason} is not null`, isNull(bankStatementLines.resolution)))
    .orderBy(asc(bankStatements.importedAt), asc(bankStatementLines.statementId), asc(bankStatementLines.lineNo)).limit(limit);
  return rows.map((r) => r.l);
}

/** A sold lot's balance due: the final price less the winner's deposit. */
export async function balanceDueOf(q: Db, lotId: string): Promise<string | undefined> {
  const [row] = await q.select({ due: sql<string>`(${lots.finalPrice} - ${registrations.depositAmount})::text` }).from(lots)
    .innerJoin(registrations, eq(registrations.id, lots.winnerRegistrationId)).where(eq(lots.id, lotId));
  return row?.due;
}

export async function lockLine(q: Db, id: string): Promise<StatementLineRow | undefined> {
  const [row] = await q.select().from(bankStatementLines).where(eq(bankStatementLines.id, id)).for('update');
  return row;
}

export async function lotIdOfRegistration(q: Db, registrationId: string): Promise<string | undefined> {
  const [row] = await q.select({ lotId: registrations.lotId }).from(registrations).where(eq(registrations.id, registrationId));
  return row?.lotId;
}

/** The registered payer of a registration: an overpayment's excess is owed to them. */
export async function registrant(q: Db, registrationId: string) {
  const [row] = await q.select({ userId: users.id, name: users.realName }).from(registrations)
    .innerJoin(users, eq(users.id, registrations.userId)).where(eq(registrations.id, registrationId));
  return row;
}
