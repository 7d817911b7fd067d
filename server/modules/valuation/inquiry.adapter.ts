/**
 * Speaks the inquiry-platform protocol (api.md). The platform is a third party: every reply is bounded in
 * time and size, parsed defensively and checked with zod; a bad reply becomes a recorded error, never a crash.
 */
import net from 'node:net';
import { z } from 'zod';
import { MONEY_MAX } from '../../../shared/money';
import { Decimal } from 'decimal.js';
import { readBounded } from '../../platform/bounded-body';
import { isNonPublicAddress, publicOnlyAgent } from '../../platform/public-address';

/**
 * `fee`: the B31 inquiry fee the platform charges when its result is the closest to the sale price.
 * `publicOnly`: an administrator added the address, so it may reach only public addresses (checked per connection).
 */
export interface Platform { name: string; url: string; fee?: string; publicOnly?: boolean }
export interface InquiryError { kind: 'timeout' | 'network' | 'http_status' | 'malformed_json' | 'invalid_reply' | 'wrong_currency' | 'implausible_price'; detail: string }
export type AdapterResult<T> = { ok: true; value: T } | { ok: false; error: InquiryError };

/** Quotes above this are treated as hostile or mistaken (a seized asset worth more than ¥100 billion). */
export const MAX_PLAUSIBLE_QUOTE = new Decimal('100000000000.00');
const MAX_REPLY_BYTES = 64 * 1024;

const createdReply = z.object({ platformRef: z.string().min(1).max(200).regex(/^[A-Za-z0-9_.:-]+$/) });
const pollReply = z.object({
  status: z.enum(['pending', 'done']),
  price: z.string().max(40).optional(),
  currency: z.string().max(10).optional(),
  reportUrl: z.string().max(2000).optional(),
});

/** Text from a platform is kept only without control characters (PostgreSQL refuses NUL in jsonb). */
function clean(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f]/g, ' ');
}

async function call(method: 'GET' | 'POST', url: string, body: unknown, timeoutMs: number, publicOnly = false): Promise<AdapterResult<unknown>> {
  let res: Response;
  if (publicOnly) {
    // An IP literal connects without a lookup, so the agent's check does not see it: refuse it here.
    const host = URL.canParse(url) ? new URL(url).hostname.replace(/^\[|\]$/g, '') : '';
    if (host === '' || (net.isIP(host) !== 0 && isNonPublicAddress(host))) return { ok: false, error: { kind: 'network', detail: 'the platform address is not public; refused' } };
  }
  try {
    res = await fetch(url, {
      ...(publicOnly ? ({ dispatcher: publicOnlyAgent } as object) : {}),
      method,
      headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
  } catch (err) {
    const name = (err as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') return { ok: false, error: { kind: 'timeout', detail: `no reply within ${timeoutMs} ms` } };
    return { ok: false, error: { kind: 'network', detail: String((err as Error).message ?? err).slice(0, 200) } };
  }
  let text: string;
  try {
    // Read at most MAX_REPLY_BYTES: a hostile platform may stream without end.
    const read = await readBounded(res, MAX_REPLY_BYTES);
    if (!read.ok) return { ok: false, error: { kind: 'invalid_reply', detail: read.detail } };
    text = read.body.toString('utf8');
  } catch (err) {
    const name = (err as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') return { ok: false, error: { kind: 'timeout', detail: `reply body not complete within ${timeoutMs} ms` } };
    return { ok: false, error: { kind: 'network', detail: String((err as Error).message).slice(0, 200) } };
  }
  if (res.status >= 300) return { ok: false, error: { kind: 'http_status', detail: `HTTP ${res.status}` } };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    // The reply's text is never kept or shown: the address may have reached something that is not a platform.
    return { ok: false, error: { kind: 'malformed_json', detail: `HTTP ${res.status}, ${Buffer.byteLength(text, 'utf8')} bytes, not JSON` } };
  }
}

export async function requestQuote(p: Platform, inquiryId: string, asset: { title: string; kind: string; description: string }, timeoutMs: number): Promise<AdapterResult<{ platformRef: string }>> {
  const r = await call('POST', `${p.url.replace(/\/$/, '')}/inquiries`, { inquiryId, asset }, timeoutMs, p.publicOnly);
  if (!r.ok) return r;
  const parsed = createdReply.safeParse(r.value);
  if (!parsed.success) return { ok: false, error: { kind: 'invalid_reply', detail: clean(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ').slice(0, 200)) } };
  return { ok: true, value: parsed.data };
}

export type PollOutcome = { status: 'pending' } | { status: 'done'; price: string; reportUrl: string | null };

export async function pollQuote(p: Platform, platformRef: string, timeoutMs: number): Promise<AdapterResult<PollOutcome>> {
  const r = await call('GET', `${p.url.replace(/\/$/, '')}/inquiries/${encodeURIComponent(platformRef)}`, undefined, timeoutMs, p.publicOnly);
  if (!r.ok) return r;
  const parsed = pollReply.safeParse(r.value);
  if (!parsed.success) return { ok: false, error: { kind: 'invalid_reply', detail: clean(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ').slice(0, 200)) } };
  const reply = parsed.data;
  if (reply.status === 'pending') return { ok: true, value: { status: 'pending' } };
  if (reply.currency !== undefined && reply.currency !== 'CNY') return { ok: false, error: { kind: 'wrong_currency', detail: clean(`currency ${reply.currency}, expected CNY`) } };
  if (reply.price === undefined || !/^\d{1,15}(\.\d{1,2})?$/.test(reply.price)) {
    return { ok: false, error: { kind: 'invalid_reply', detail: clean(`price ${JSON.stringify(reply.price)} is not a decimal amount`) } };
  }
  const price = new Decimal(reply.price);
  if (price.lte(0) || price.gt(MAX_PLAUSIBLE_QUOTE) || price.gt(MONEY_MAX)) {
    return { ok: false, error: { kind: 'implausible_price', detail: `price ${reply.price} is outside (0, ${MAX_PLAUSIBLE_QUOTE.toFixed(2)}]` } };
  }
  const reportUrl = reply.reportUrl && /^https?:\/\//.test(reply.reportUrl) ? reply.reportUrl : null;
  return { ok: true, value: { status: 'done', price: price.toFixed(2), reportUrl } };
}
