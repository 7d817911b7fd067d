/**
 * The outbox of provider calls. A call is decided inside the transaction that changes our state, written
 * here in that same transaction, and made afterwards by the outbox job with retries. Its idempotency key
 * travels with it to the provider, so a crash between the call and marking it done repeats nothing.
 */
import { schema, type Db } from '../../platform/db/index';

export const OUTBOX_KINDS = ['authorize_deposit', 'capture_deposit', 'cancel_deposit', 'charge_balance', 'refund'] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

export interface OutboxCall {
  kind: OutboxKind;
  /** What the call needs (registration, provider reference, amount as a decimal string, refund id). */
  payload: Record<string, string>;
  /** Also the provider's Idempotency-Key; the same decision always carries the same key. */
  idempotencyKey: string;
  at: Date;
}

/** Writes the call once (a repeated decision with the same key adds nothing); true when it was new. */
export async function enqueue(tx: Db, call: OutboxCall): Promise<boolean> {
  const rows = await tx.insert(schema.outbox).values({
    id: crypto.randomUUID(), kind: call.kind, payload: call.payload, idempotencyKey: call.idempotencyKey,
    status: 'pending', attempts: 0, nextAttemptAt: call.at, createdAt: call.at,
  }).onConflictDoNothing({ target: schema.outbox.idempotencyKey }).returning({ id: schema.outbox.id });
  return rows.length > 0;
}
