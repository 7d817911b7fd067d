import { z } from 'zod';
import { clientBidId as clientBidIdSchema, idString, positiveMoneyString, ROLES, type BidResult } from '../../../shared/api';
import type { ErrorCode } from '../../../shared/error-codes';
import { sqlStateOf } from '../../platform/db/index';
import { DomainError } from '../../platform/errors';
import type { SessionUser } from '../../platform/session-user';

/** The messages between nodes for a lot's bids: a request forwarded to the lease holder, and its answer. */

export type BidPlacer = Pick<SessionUser, 'id' | 'roles'>;

/** What runs on a lot's sequencer: a bid, or a refresh of the lot's proxy bids (one was set or withdrawn). */
export type LotOp = { kind: 'bid'; user: BidPlacer; amount: string; clientBidId: string } | { kind: 'proxies' };

/**
 * A forwarded request is checked as strictly as a bidder's own: Redis is inside the platform's trust boundary,
 * but a malformed message (a bug, a node of another version, a stray publisher) must never reach a lot's
 * sequencer; an amount that is not money would stop the lot.
 */
export const forwardRequest = z.strictObject({
  id: z.string().uuid(),
  from: z.string().min(1).max(200),
  lotId: idString,
  op: z.discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('bid'),
      user: z.strictObject({ id: z.string().min(1).max(64), roles: z.array(z.enum(ROLES)).max(ROLES.length) }),
      amount: positiveMoneyString,
      clientBidId: clientBidIdSchema,
    }),
    z.strictObject({ kind: z.literal('proxies') }),
  ]),
});

/** A bid (or a proxy refresh) a node forwards to the lease holder. */
export interface ForwardRequest {
  id: string;
  from: string;
  lotId: string;
  op: LotOp;
}

export type ForwardReply =
  | { id: string; ok: true; result: BidResult | null }
  | { id: string; ok: false; error: { status: number; code: ErrorCode; message: string; details?: Record<string, unknown> } }
  | { id: string; ok: false; failed: { message: string; sqlState?: string } }
  /** The node no longer holds the lease: ask the table again. */
  | { id: string; ok: false; notHolder: true };

/** This node does not hold the lot's lease (any more): the sender asks the lease table again. */
export class NotHolder extends Error {}

/** Answers that travel from the holder to the forwarding node rebuild the same error there. */
export function toReply(id: string, err: unknown): ForwardReply {
  if (err instanceof NotHolder) return { id, ok: false, notHolder: true };
  if (err instanceof DomainError) return { id, ok: false, error: { status: err.status, code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } };
  return { id, ok: false, failed: { message: err instanceof Error ? err.message : String(err), sqlState: sqlStateOf(err) } };
}

export function fromReply(reply: Exclude<ForwardReply, { ok: true }>): Error {
  if ('notHolder' in reply) return new NotHolder();
  if ('error' in reply) return new DomainError(reply.error.status, reply.error.code, reply.error.message, reply.error.details);
  const err = new Error(reply.failed.message) as Error & { code?: string };
  if (reply.failed.sqlState) err.code = reply.failed.sqlState;
  return err;
}
