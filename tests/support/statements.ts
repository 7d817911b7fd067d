import { eq } from 'drizzle-orm';
import { schema } from '../../server/platform/db/index';
import { csvField } from '../../server/modules/payments/statement-fixture';
import type { ApiClient, TestServer } from './server';

/** Bank statements as finance uploads them, and the registrations they pay. */
export const STATEMENT_HEADER = 'value_date,amount,currency,reference,payer_name,payer_account,bank_txn_id';

/** A statement file: each row is [amount, reference, payer name, bank_txn_id], paid from one account. */
export function statement(rows: Array<[string, string, string, string]>): string {
  return [STATEMENT_HEADER, ...rows.map(([amount, ref, payer, txn]) => ['2026-11-30', amount, 'CNY', ref, payer, '6222020200001234567', txn].map(csvField).join(','))].join('\r\n') + '\r\n';
}

let txnSeq = 0;
/** bank_txn_ids unique across the run: on PostgreSQL every test file shares one database. */
export const txnId = () => `T${Date.now().toString(36)}${(++txnSeq).toString().padStart(4, '0')}`;

export function importStatement(api: ApiClient, csv: string, query = '') {
  return api.request('POST', `/api/finance/statements${query}`, undefined, { raw: csv, headers: { 'content-type': 'text/csv' } });
}

/** A verified bidder registered for the lot, deposit not yet paid. */
export async function pendingRegistration(t: TestServer, lotId: string) {
  const b = await t.user('bidder', { verified: true });
  const reg = await b.api.post(`/api/lots/${lotId}/registrations`);
  if (reg.status !== 201) throw new Error(`registration: ${JSON.stringify(reg.body)}`);
  return { ...b, registrationId: reg.body.id as string, reference: reg.body.payment.reference as string, deposit: reg.body.depositAmount as string };
}

export async function registrationRow(t: TestServer, id: string) {
  const [r] = await t.database.db.select().from(schema.registrations).where(eq(schema.registrations.id, id));
  return r;
}
