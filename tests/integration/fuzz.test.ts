import { expect } from 'chai';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { ASSET_KINDS, LOT_STATUSES, VALUATION_METHODS } from '../../shared/api';
import { MAX_BALANCE_DUE_DAYS } from '../../shared/rules';
import { assetWithReference, bidderWithDeposit, lotBody, publishedLot } from '../support/factories';
import { ApiClient, emitAck, startTestServer, type Response, type TestServer, sandboxProvider } from '../support/server';

/**
 * Bad input, generated: every route that takes input answers it with a 4xx and the error shape, never a
 * 5xx, and the database is exactly as it was. Each route is called by a role allowed to call it, with real
 * ids, so the request reaches validation rather than stopping at 401/403.
 * FUZZ_SEED=<n> replays another seed; FUZZ_RUNS=<n> changes the runs per route.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const DAY = 24 * 60 * 60 * 1000;

// ---------------------------------------------------------------------------------------------------------
// What a field must hold, and JSON text that a field of that kind must refuse.

type Kind =
  | { type: 'text'; min: number; max: number }
  | { type: 'email'; max: number }
  | { type: 'money' }
  | { type: 'int'; min: number; max: number }
  | { type: 'bool' }
  | { type: 'id' }
  | { type: 'datetime' }
  | { type: 'enum'; values: readonly (string | number)[] };
type Field = Kind & { required?: boolean };

const text = (min: number, max: number, required = true): Field => ({ type: 'text', min, max, required });
const J = (v: unknown) => JSON.stringify(v);

/** Values that are wrong for every field of a given JSON type. */
const notAString = fc.oneof(
  fc.integer().map(J), fc.double({ noNaN: true, noDefaultInfinity: true }).map(J), fc.boolean().map(J), fc.constant('null'),
  fc.constantFrom('[]', '{}', '["a"]', '{"a":"b"}', '1e400', '-0', '123456789012345678901234567890'),
);
const notANumber = fc.oneof(fc.string({ maxLength: 20 }).map(J), fc.boolean().map(J), fc.constantFrom('null', '[]', '{}', '[1]', '{"n":1}', '"1"'));
const notABoolean = fc.oneof(fc.string({ maxLength: 10 }).map(J), fc.integer().map(J), fc.constantFrom('null', '[]', '{}', '"true"', '1', '0'));

/** Strings no field accepts: a lone UTF-16 surrogate, a NUL character. Escaped, so they reach the server as such. */
const poisonedString = fc.tuple(fc.string({ maxLength: 8 }), fc.constantFrom('\\ud800', '\\udfff', '\\udbff', '\\u0000'), fc.string({ maxLength: 8 }))
  .map(([a, bad, b]) => `${J(a).slice(0, -1)}${bad}${J(b).slice(1)}`);

/** Arrays or objects nested far deeper than any field needs, as JSON text. */
const deepJson = (maxDepth: number) => fc.tuple(fc.integer({ min: 40, max: maxDepth }), fc.boolean())
  .map(([depth, arrays]) => (arrays ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)));

function badValue(k: Kind): fc.Arbitrary<string> {
  switch (k.type) {
    case 'text': {
      const short = k.min >= 1 ? [J(''), J('   '), J('x'.repeat(Math.max(0, k.min - 1)))].filter((s) => s !== J('x'.repeat(k.min))) : [];
      return fc.oneof(
        notAString, poisonedString, fc.constant(J('x'.repeat(k.max + 1))), fc.constant(J(' '.repeat(3) + 'y'.repeat(k.max + 1))), fc.constant(J('长'.repeat(Math.max(k.max + 1, 20_000)))),
        ...(short.length ? [fc.constantFrom(...short)] : []),
      );
    }
    case 'email':
      return fc.oneof(notAString, poisonedString, fc.constantFrom(J('not-an-email'), J('a@'), J('@b.cn'), J(''), J(`${'a'.repeat(k.max)}@b.cn`)));
    case 'money':
      return fc.oneof(notAString, poisonedString, fc.constantFrom(
        '"-1.00"', '"-70000.00"', '"1e5"', '"1.001"', '"abc"', '""', '"0.00"', '"0"', '"1000000000000000.00"', '"99999999999999999999.00"',
        '"1,000.00"', '" 1.00"', '"1.00 "', '"NaN"', '"Infinity"', '"0x10"', '"+1.00"', '"١٢٣"', '"01.00"', '"1."', '".5"', '1000', '1000.5', '-1',
      ));
    case 'int':
      return fc.oneof(
        notANumber,
        fc.integer({ min: -(2 ** 31), max: k.min - 1 }).map(J),
        fc.constantFrom(J(k.max + 1), J(2 ** 53), J(-(2 ** 53)), '1e308', '-1e308', '1e400', '2.5', '1.0000001', '123456789012345678901234567890'),
        fc.double({ min: k.min, max: k.max, noInteger: true, noNaN: true }).map(J),
      );
    case 'bool':
      return notABoolean;
    case 'id':
      return fc.oneof(notAString, poisonedString, fc.constantFrom(J(''), J('../etc/passwd'), J('a b'), J('é'), J('x'.repeat(65)), J('a/b'), J('a;drop table lots'), J('%00')));
    case 'datetime':
      return fc.oneof(notAString, poisonedString, fc.constantFrom(
        J('tomorrow'), J('2026-13-45T00:00:00Z'), J('2026-12-01'), J('2026-12-01T02:00:00'), J(''), J('2026-12-01T25:00:00Z'), J('99999-12-01T00:00:00Z'), J('2026-12-01 02:00:00Z'),
      ));
    case 'enum':
      return fc.oneof(
        fc.string({ maxLength: 20 }).filter((s) => !k.values.includes(s)).map(J),
        fc.integer().filter((n) => !k.values.includes(n)).map(J),
        fc.constantFrom('null', '[]', '{}', 'true'), poisonedString,
        fc.constantFrom(...k.values.map((v) => J(typeof v === 'string' ? v.toUpperCase() + ' ' : String(v)))),
      );
  }
}

// ---------------------------------------------------------------------------------------------------------
// Whole bodies: each generator yields JSON text (or other text) that the route must refuse.

interface BodySpec {
  fields: Record<string, Field>;
  base: Record<string, unknown>;
  /** true when `{}` is a valid body (every field optional), so it is never sent as bad input */
  emptyIsValid?: boolean;
}
interface BadBody { what: string; raw: string; contentType?: string }

const objectText = (entries: Array<[string, string]>) => `{${entries.map(([k, v]) => `${J(k)}:${v}`).join(',')}}`;
const baseEntries = (base: Record<string, unknown>): Array<[string, string]> => Object.entries(base).map(([k, v]) => [k, J(v)]);

/** Malformed or absurd text that the JSON parser itself must refuse, whatever the route. */
const junkBody: fc.Arbitrary<BadBody> = fc.oneof(
  fc.constantFrom('not json', '{"a":', "{'a':1}", '{"a":1,}', '{"a":1}{"b":2}', '{"a":01}', '[1,2', '\u0000', '{"a":"\\x41"}', '{"a":"\\ud800"', '   ')
    .map((raw) => ({ what: 'malformed JSON', raw })),
  fc.constantFrom('null', 'true', '42', '"a string"', '1e400').map((raw) => ({ what: 'a JSON scalar', raw })),
  deepJson(10_000).map((raw) => ({ what: 'deeply nested JSON', raw })),
  fc.integer({ min: 1000, max: 10_000 }).map((n) => ({ what: 'unclosed nesting', raw: '['.repeat(n) })),
  fc.string({ minLength: 1, maxLength: 200 }).filter((s) => { try { JSON.parse(s); return false; } catch { return true; } }).map((raw) => ({ what: 'random text', raw })),
);

function badBody(spec: BodySpec): fc.Arbitrary<BadBody> {
  const names = Object.keys(spec.fields);
  const required = names.filter((n) => spec.fields[n].required !== false);
  const base = baseEntries(spec.base);
  const withField = (name: string, value: string) => objectText([...base.filter(([k]) => k !== name), [name, value]]);
  const strategies: Array<fc.Arbitrary<BadBody>> = [
    junkBody,
    // A field replaced by a value of the wrong type or outside its bounds.
    fc.constantFrom(...names).chain((name) => badValue(spec.fields[name]).map((v) => ({ what: `bad ${name}`, raw: withField(name, v) }))),
    // A field nested absurdly deep.
    fc.tuple(fc.constantFrom(...names), deepJson(2_000)).map(([name, v]) => ({ what: `deeply nested ${name}`, raw: withField(name, v) })),
    // A field the contract does not have, including prototype-pollution keys.
    fc.tuple(
      fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'isAdmin', 'roles', 'role', 'id', 'status', 'userId', 'createdBy', 'toString'), fc.string({ minLength: 1, maxLength: 12 })),
      fc.oneof(fc.constantFrom('{"isAdmin":true}', '{"prototype":{"isAdmin":true}}', '{"polluted":"yes"}', 'true', '"admin"', '["admin"]', 'null')),
    ).filter(([k]) => !names.includes(k)).map(([k, v]) => ({ what: `extra key ${k}`, raw: objectText([[k, v], ...base]) })),
    // The body as an array, a string, or an array of bodies.
    fc.constantFrom(`[${objectText(base)}]`, '[]', J(objectText(base)), '[[]]', '[{}]').map((raw) => ({ what: 'not an object', raw })),
  ];
  if (required.length) {
    strategies.push(fc.constantFrom(...required).map((name) => ({ what: `missing ${name}`, raw: objectText(base.filter(([k]) => k !== name)) })));
    strategies.push(fc.constant({ what: 'the body as text/plain', raw: objectText(base), contentType: 'text/plain' }));
  }
  if (!spec.emptyIsValid) strategies.push(fc.constant({ what: 'an empty object', raw: '{}' }));
  return fc.oneof(...strategies);
}

/** Path segments that are no id of anything: bad characters, too long, bad percent-encoding, or well-formed but unknown. */
const badSegment = fc.oneof(
  fc.constantFrom('..%2F..%2Fetc', '%ED%A0%80', '%FF', '%C0%AF', '%00', 'a%20b', '%E2%80%AE', 'x'.repeat(65), 'x'.repeat(300), '%25', 'null', 'undefined', '-', '__proto__', 'constructor'),
  fc.string({ minLength: 1, maxLength: 40 }).map((s) => encodeURIComponent(s)),
  fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/),
);

/** Query strings GET /api/lots must refuse; each holds at least one bad parameter. */
const badLotQuery = fc.tuple(
  fc.oneof(
    fc.constantFrom('limit=-1', 'limit=0', 'limit=201', 'limit=1e400', 'limit=abc', 'limit=1.5', 'limit=', 'limit=1&limit=2', 'status=everything', 'status=live&status=sold',
      'status[]=live', 'kind=car', 'kind=MOVABLE', `q=${'x'.repeat(201)}`, `court=${'c'.repeat(201)}`, `region=${'r'.repeat(101)}`, 'region=a&region=b', 'q=%00', 'unknown=1', '__proto__[x]=1', 'constructor=1', 'status=%ED%A0%80',
      'minPrice=-1', 'minPrice=1.001', 'maxPrice=1e3', 'minPrice=2&maxPrice=1', 'startsFrom=2026-02-30', 'startsTo=tomorrow', 'startsFrom=2026-03-01&startsTo=2026-03-01',
      'sort=price', 'sort=', 'sort=startsAt&sort=endsAt', 'cursor=', 'cursor=%25%25', 'cursor=e30', `cursor=${'A'.repeat(401)}`),
    fc.string({ minLength: 1, maxLength: 10 })
      .filter((k) => !['status', 'court', 'region', 'kind', 'q', 'limit', 'minPrice', 'maxPrice', 'startsFrom', 'startsTo', 'sort', 'cursor'].includes(k))
      .map((k) => `${encodeURIComponent(k)}=1`),
  ),
  fc.constantFrom('', 'status=live', 'kind=movable', 'limit=5', `status=${LOT_STATUSES[1]}&kind=${ASSET_KINDS[0]}`, 'sort=-currentPrice', 'minPrice=0&maxPrice=100.50', 'startsFrom=2026-12-01'),
).map(([bad, good]) => (good ? `${good}&${bad}` : bad));

/** Query strings GET /api/stats must refuse; each holds at least one bad parameter. */
const badStatsQuery = fc.tuple(
  fc.oneof(
    fc.constantFrom('from=2026-13-01', 'from=2026-02-30', 'from=20260101', 'to=yesterday', 'from=2026-03-01&to=2026-03-01', 'from=2026-03-02&to=2026-03-01',
      'round=3', 'round=sell-off', 'round=1&round=2', 'groupBy=year', 'groupBy=', 'kind=car', 'court=', `court=${'c'.repeat(201)}`, 'unknown=1',
      '__proto__[x]=1', 'from[]=2026-01-01', 'court=%ED%A0%80'),
    fc.string({ minLength: 1, maxLength: 10 }).filter((k) => !['from', 'to', 'court', 'kind', 'round', 'groupBy'].includes(k)).map((k) => `${encodeURIComponent(k)}=1`),
  ),
  fc.constantFrom('', 'round=2', 'kind=movable', 'groupBy=month', 'court=X'),
).map(([bad, good]) => (good ? `${good}&${bad}` : bad));

// ---------------------------------------------------------------------------------------------------------

/** Row count and a hash of every row, per table: equal snapshots mean nothing was written. */
async function snapshot(t: TestServer): Promise<Record<string, string>> {
  const rows = <T>(r: unknown) => ((r as { rows?: T[] }).rows ?? (r as T[]));
  const tables = rows<{ table_name: string }>(await t.database.db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`));
  const out: Record<string, string> = {};
  for (const { table_name: name } of tables) {
    // An alert's delivery state (pushed, mailed) is moved by jobs on their own; what input could store is the alert itself.
    const source = name === 'notifications'
      ? sql`(select id, user_id, kind, lot_id, params, dedupe_key, created_at, read_at from notifications)`
      : sql.identifier(name);
    const [r] = rows<{ n: number; h: string }>(await t.database.db.execute(sql`select count(*)::int as n, coalesce(md5(string_agg(x::text, '|' order by x::text)), '') as h from ${source} x`));
    out[name] = `${r.n} rows, ${r.h}`;
  }
  return out;
}

function expectRefused(res: Response, what: string) {
  const show = `${what} → ${res.status} ${typeof res.body === 'string' ? res.body.slice(0, 200) : JSON.stringify(res.body).slice(0, 300)}`;
  expect(res.status, show).to.be.within(400, 499);
  expect(res.body?.error?.code, show).to.be.a('string').and.match(/^[A-Z][A-Z_]*$/);
  expect(res.body.error.message, show).to.be.a('string').and.not.equal('');
}

interface RouteSpec {
  route: string;
  /** the caller allowed to call it */
  as: () => ApiClient;
  params: Record<string, () => string>;
  body?: BodySpec;
}

/** Signed raw bodies, not JSON: a bad one is a BAD_SIGNATURE, fuzzed in money.online.test.ts. */
// Bodies that are not JSON: the webhook's signed bytes, and bank statements (text/csv, fuzzed in
// tests/integration/money.statements.test.ts and tests/unit/bank-statement.test.ts).
// Bodies that are not JSON: their own tests send them bad input (statements, webhooks, multipart uploads in files.upload.test.ts).
const RAW_BODY_ROUTES = ['POST /api/payments/webhook', 'POST /api/finance/statements', 'POST /api/assets/:id/files'];

const fill = (route: string, params: Record<string, string>) => route.split(' ')[1].replace(/:(\w+)/g, (_m, p: string) => params[p]);

describe('fuzzing: bad input never answers 5xx and never changes the database', function () {
  this.timeout(120_000);
  let t: TestServer;
  let staff: ApiClient;
  let finance: ApiClient;
  let unverified: ApiClient;
  let bidder: Awaited<ReturnType<typeof bidderWithDeposit>>;
  let throwawaySession: ApiClient;
  const ids = {} as { caseId: string; assetId: string; valuationId: string; draftLot: string; liveLot: string; pendingRegistration: string; bidderEmail: string };
  /** A court and an (inactive) inquiry platform whose names are taken: a well-formed add is refused with 409. */
  const taken = { court: `Fuzz court ${Math.random().toString(36).slice(2, 8)}`, platform: `Fuzz-${Math.random().toString(36).slice(2, 8)}` };
  let posts: RouteSpec[];
  let gets: RouteSpec[];

  before(async () => {
    // The sandbox provider mounts online payment for real, so its routes are fuzzed past the provider check.
    t = await startTestServer({ paymentProvider: sandboxProvider() });
    staff = (await t.user('court_staff')).api;
    finance = (await t.user('finance')).api;
    unverified = (await t.user('bidder')).api;
    const live = await publishedLot(t, staff, { live: true });
    bidder = await bidderWithDeposit(t, live.id, finance);
    const pending = await t.user('bidder', { verified: true });
    const reg = await pending.api.post(`/api/lots/${live.id}/registrations`);
    const { caseId, assetId, valuation } = await assetWithReference(t, staff);
    const draft = await staff.post('/api/lots', lotBody(t, (await assetWithReference(t, staff)).assetId, { startInDays: 40 }));
    await t.admin.post('/api/admin/courts', { name: taken.court });
    const platform = await t.admin.post('/api/admin/inquiry-platforms', { name: taken.platform, url: 'https://fuzz.inquiry.test', fee: '0.00' });
    await t.admin.post(`/api/admin/inquiry-platforms/${platform.body.id}/deactivate`, { reason: 'Only for the fuzz test.' });
    Object.assign(ids, { caseId, assetId, valuationId: valuation.id, draftLot: draft.body.id, liveLot: live.id, pendingRegistration: reg.body.id, bidderEmail: pending.email });
    const login = await t.anon.post('/api/auth/login', { email: bidder.email, password: 'correct-horse-battery' });
    throwawaySession = t.anon.as(login.body.token);

    const court = () => staff;
    const lot = { id: () => ids.liveLot };
    const draftLot = { id: () => ids.draftLot };
    const reason = { fields: { reason: text(3, 2000) }, base: { reason: 'A valid reason.' } };
    const starts = new Date(t.now().getTime() + 40 * DAY);
    posts = [
      {
        route: 'POST /api/auth/register', as: () => t.anon, params: {},
        body: { fields: { email: { type: 'email', max: 254 }, password: text(8, 200), name: text(1, 100) }, base: { email: 'fuzz@test.court', password: 'a-long-enough-pass', name: 'Fuzz' } },
      },
      {
        route: 'POST /api/auth/login', as: () => t.anon, params: {},
        body: { fields: { email: text(0, 254), password: text(0, 200) }, base: { email: bidder.email, password: 'correct-horse-battery' } },
      },
      { route: 'POST /api/auth/logout', as: () => throwawaySession, params: {} },
      { route: 'POST /api/me/identity', as: () => unverified, params: {}, body: { fields: { realName: text(2, 50), idNumber: text(1, 32) }, base: { realName: '张三', idNumber: '11010519491231002X' } } },
      { route: 'PUT /api/me/watchlist/:lotId', as: () => bidder.api, params: lot },
      { route: 'DELETE /api/me/watchlist/:lotId', as: () => bidder.api, params: lot },
      { route: 'POST /api/me/notifications/read', as: () => bidder.api, params: {}, body: { fields: { all: { type: 'bool' } }, base: { all: true } } },
      {
        route: 'POST /api/valuations/:id/objections', as: court, params: { id: () => ids.valuationId },
        body: { fields: { party: text(1, 200), reason: text(3, 2000), quoteId: { type: 'id', required: false } }, base: { party: 'Debtor Li', reason: 'Too low.' } },
      },
      {
        route: 'POST /api/valuations/:id/objections/:objectionId/resolve', as: court, params: { id: () => ids.valuationId, objectionId: () => 'no-such-objection' },
        body: { fields: { decision: { type: 'enum', values: ['sustained', 'rejected'] }, resolution: text(3, 2000) }, base: { decision: 'rejected', resolution: 'Not founded.' } },
      },
      { route: 'POST /api/valuations/:id/appraisal/extend', as: court, params: { id: () => ids.valuationId }, body: reason },
      {
        route: 'POST /api/valuations/:id/appraisal/report', as: court, params: { id: () => ids.valuationId },
        body: { fields: { agency: text(2, 200), reportRef: text(1, 200), amount: { type: 'money' } }, base: { agency: 'Agency One', reportRef: 'R-1', amount: '100000.00' } },
      },
      {
        route: 'POST /api/cases', as: court, params: {},
        body: {
          fields: { caseNumber: text(1, 100), court: text(1, 200), applicant: text(1, 200), respondent: text(1, 200), claimAmount: { type: 'money' } },
          base: { caseNumber: '(2026)测执1号', court: 'Test District Court', applicant: 'Creditor Co.', respondent: 'Debtor Li', claimAmount: '500000.00' },
        },
      },
      {
        route: 'POST /api/assets', as: court, params: {},
        body: {
          fields: {
            caseId: { type: 'id' }, title: text(1, 200), kind: { type: 'enum', values: ASSET_KINDS }, description: text(0, 20000, false),
            preserved: { type: 'bool', required: false }, appraisalMandatory: { type: 'bool', required: false }, seizedAt: { type: 'datetime', required: false },
          },
          base: { caseId: ids.caseId, title: 'A car', kind: 'movable' },
        },
      },
      {
        route: 'POST /api/assets/:id/valuations', as: court, params: { id: () => ids.assetId },
        body: { fields: { method: { type: 'enum', values: VALUATION_METHODS }, amount: { type: 'money' }, note: text(0, 2000, false) }, base: { method: 'negotiated', amount: '90000.00' } },
      },
      {
        route: 'POST /api/assets/:id/flags', as: court, params: { id: () => ids.assetId },
        body: { fields: { preserved: { type: 'bool', required: false }, appraisalMandatory: { type: 'bool', required: false }, seizedAt: { type: 'datetime', required: false } }, base: { preserved: true } },
      },
      { route: 'POST /api/lots/:id/notify-parties', as: court, params: draftLot, body: { fields: { note: text(0, 2000, false) }, base: { note: 'Served.' }, emptyIsValid: true } },
      { route: 'POST /api/lots/:id/suspend', as: court, params: lot, body: reason },
      { route: 'POST /api/lots/:id/resume', as: court, params: lot },
      { route: 'POST /api/lots/:id/cancel', as: court, params: lot, body: reason },
      {
        route: 'POST /api/lots/:id/priority-holders', as: court, params: draftLot,
        body: { fields: { userId: { type: 'id', required: false }, email: { type: 'email', max: 254, required: false }, rank: { type: 'int', min: 1, max: 20 } }, base: { email: ids.bidderEmail, rank: 1 } },
      },
      {
        route: 'POST /api/lots/:id/creditor-takeover', as: court, params: lot,
        body: { fields: { creditor: text(1, 200), note: text(0, 2000, false) }, base: { creditor: 'Creditor Co.' } },
      },
      { route: 'POST /api/finance/lots/:id/balance', as: () => finance, params: lot, body: { fields: { bankReference: text(3, 100) }, base: { bankReference: 'BAL-1' } } },
      {
        route: 'POST /api/lots', as: court, params: {},
        body: {
          fields: {
            assetId: { type: 'id' }, round: { type: 'enum', values: [1, 2, 'sell_off'] }, startingPrice: { type: 'money' }, bidIncrement: { type: 'money' }, deposit: { type: 'money' },
            startsAt: { type: 'datetime' }, endsAt: { type: 'datetime' }, balanceDueDays: { type: 'int', min: 1, max: MAX_BALANCE_DUE_DAYS, required: false }, announcement: text(0, 20000, false),
          },
          base: { ...lotBody(t, ids.assetId), startsAt: starts.toISOString(), endsAt: new Date(starts.getTime() + DAY).toISOString() },
        },
      },
      { route: 'POST /api/lots/:id/publish', as: court, params: draftLot },
      {
        route: 'POST /api/lots/:id/disclosure', as: court, params: draftLot,
        body: { fields: { announcement: text(0, 20000, false) }, base: { disclosure: { knownDefects: '未发现明显瑕疵。' } } },
      },
      { route: 'POST /api/lots/:id/registrations', as: () => unverified, params: lot },
      {
        route: 'POST /api/lots/:id/bids', as: () => bidder.api, params: lot,
        body: { fields: { amount: { type: 'money' }, clientBidId: { type: 'id' } }, base: { amount: '80000.00', clientBidId: 'fuzz-1' } },
      },
      {
        route: 'POST /api/finance/deposits/:registrationId/confirm', as: () => finance, params: { registrationId: () => ids.pendingRegistration },
        body: { fields: { bankReference: text(3, 100) }, base: { bankReference: 'BANK-FUZZ' } },
      },
      // No line or refund has this id: a well-formed request is refused with 404, a malformed one before that.
      {
        route: 'POST /api/finance/unmatched/:id/match', as: () => finance, params: { id: () => 'no-such-line' },
        body: { fields: { registrationId: { type: 'id' }, note: text(3, 2000, false) }, base: { registrationId: ids.pendingRegistration } },
      },
      { route: 'POST /api/finance/unmatched/:id/return', as: () => finance, params: { id: () => 'no-such-line' }, body: { fields: { note: text(3, 2000) }, base: { note: 'Returned to the payer.' } } },
      { route: 'POST /api/finance/outbox/:id/retry', as: () => finance, params: { id: () => 'no-such-call' } },
      { route: 'POST /api/finance/refunds/:id/sent', as: () => finance, params: { id: () => 'no-such-refund' }, body: { fields: { bankReference: text(3, 100) }, base: { bankReference: 'OUT-FUZZ' } } },
      // The live lot is not sold or defaulted: a well-formed request is refused with 409, a malformed one before that.
      { route: 'POST /api/lots/:id/proceeds/approve', as: court, params: lot },
      { route: 'POST /api/finance/lots/:id/payout', as: () => finance, params: lot, body: { fields: { bankReference: text(3, 100) }, base: { bankReference: 'OUT-FUZZ' } } },
      {
        route: 'POST /api/finance/lots/:id/forfeiture', as: () => finance, params: lot,
        body: { fields: { costs: { type: 'money' }, priceGap: { type: 'money' } }, base: { costs: '100.00', priceGap: '0.00' } },
      },
      { route: 'POST /api/admin/clock/advance', as: () => t.admin, params: {}, body: { fields: { ms: { type: 'int', min: 0, max: 400 * DAY } }, base: { ms: 0 } } },
      { route: 'POST /api/lots/:id/registration/pay-online', as: () => bidder.api, params: lot },
      // The live lot is not sold: a well-formed request is refused with 409, a malformed one before that.
      { route: 'POST /api/lots/:id/balance/pay-online', as: () => bidder.api, params: lot },
      {
        route: 'POST /api/payments/sandbox/pay', as: () => bidder.api, params: {},
        body: { fields: { clientSecret: text(1, 300), outcome: { type: 'enum', values: ['succeed', 'decline'] } }, base: { clientSecret: 'sbx_pi_000001_secret_x', outcome: 'succeed' } },
      },
      { route: 'POST /api/lots/:id/proxy-bid', as: () => bidder.api, params: lot, body: { fields: { maxAmount: { type: 'money' } }, base: { maxAmount: '90000.00' } } },
      // The bidder has no proxy bid in force: a well-formed request is refused with 404.
      { route: 'DELETE /api/lots/:id/proxy-bid', as: () => bidder.api, params: lot },
      { route: 'POST /api/assets/:id/kind', as: court, params: { id: () => ids.assetId }, body: { fields: { kind: { type: 'enum', values: ['movable', 'immovable', 'property_right'] } }, base: { kind: 'movable' } } },
      { route: 'DELETE /api/files/:id', as: court, params: { id: () => 'no-such-file' } },
      { route: 'POST /api/admin/users/:id/roles', as: () => t.admin, params: { id: () => bidder.id }, body: { fields: { roles: { type: 'enum', values: ['bidder'] } }, base: { roles: ['bidder'] } } },
      { route: 'POST /api/admin/holidays', as: () => t.admin, params: {}, body: { fields: { date: text(10, 10), name: text(1, 100) }, base: { date: '2199-01-03', name: '节日' } } },
      { route: 'POST /api/admin/holidays/:date/remove', as: () => t.admin, params: { date: () => '2199-01-04' }, body: { fields: { reason: text(0, 500, false) }, base: { reason: 'Moved.' } } },
      // Names taken and ids that do not exist: a well-formed request is refused with 409 or 404, a malformed one before that.
      {
        route: 'POST /api/admin/inquiry-platforms', as: () => t.admin, params: {},
        body: { fields: { name: text(1, 100), url: text(1, 500), fee: { type: 'money' }, reason: text(2, 500, false) }, base: { name: taken.platform, url: 'https://fuzz.inquiry.test', fee: '1.00' } },
      },
      {
        route: 'POST /api/admin/inquiry-platforms/:id', as: () => t.admin, params: { id: () => 'no-such-platform' },
        body: { fields: { url: text(1, 500, false), fee: { type: 'money', required: false }, reason: text(2, 500, false) }, base: { fee: '1.00' } },
      },
      { route: 'POST /api/admin/inquiry-platforms/:id/deactivate', as: () => t.admin, params: { id: () => 'no-such-platform' }, body: { fields: { reason: text(2, 500) }, base: { reason: 'Stopped.' } } },
      { route: 'POST /api/admin/inquiry-platforms/:id/reactivate', as: () => t.admin, params: { id: () => 'no-such-platform' }, body: { fields: { reason: text(2, 500) }, base: { reason: 'Resumed.' } } },
      {
        route: 'POST /api/admin/courts', as: () => t.admin, params: {},
        body: { fields: { name: text(1, 200), region: text(0, 100, false), address: text(0, 300, false), phone: text(0, 40, false) }, base: { name: taken.court } },
      },
      {
        route: 'POST /api/admin/courts/:id', as: () => t.admin, params: { id: () => 'no-such-court' },
        body: { fields: { region: text(0, 100, false), address: text(0, 300, false), phone: text(0, 40, false) }, base: { phone: '0571-0000' } },
      },
    ];
    const admin = () => t.admin;
    gets = [
      { route: 'GET /api/valuations/:id', as: admin, params: { id: () => ids.valuationId } },
      { route: 'GET /api/cases/:id/preservation', as: admin, params: { id: () => ids.caseId } },
      { route: 'GET /api/cases/:id', as: admin, params: { id: () => ids.caseId } },
      { route: 'GET /api/assets/:id', as: admin, params: { id: () => ids.assetId } },
      { route: 'GET /api/assets/:id/valuations', as: admin, params: { id: () => ids.assetId } },
      { route: 'GET /api/assets/:id/audit', as: admin, params: { id: () => ids.assetId } },
      { route: 'GET /api/lots/:id/priority-holders', as: admin, params: lot },
      { route: 'GET /api/lots/:id/actions', as: admin, params: lot },
      { route: 'GET /api/lots/:id/audit', as: admin, params: lot },
      { route: 'GET /api/lots/:id/bid-log', as: admin, params: lot },
      { route: 'GET /api/lots/:id/buyer', as: admin, params: lot },
      { route: 'GET /api/lots/:id/confirmation', as: admin, params: lot },
      { route: 'GET /api/lots/:id', as: () => t.anon, params: lot },
      { route: 'GET /api/lots/:id/registration', as: () => bidder.api, params: lot },
      { route: 'GET /api/lots/:id/proxy-bid', as: () => bidder.api, params: lot },
      { route: 'GET /api/assets/:id/files', as: admin, params: { id: () => ids.assetId } },
      { route: 'GET /api/files/:id', as: admin, params: { id: () => 'no-such-file' } },
      { route: 'GET /api/files/:id/display', as: admin, params: { id: () => 'no-such-file' } },
      { route: 'GET /api/files/:id/thumbnail', as: admin, params: { id: () => 'no-such-file' } },
    ];
  });
  after(async () => { await t?.stop(); });

  /** Runs the requests of one batch, then checks that no table changed. */
  async function unchanged(run: () => Promise<void>) {
    const before = await snapshot(t);
    await run();
    const after = await snapshot(t);
    const changed = Object.keys(after).filter((k) => after[k] !== before[k]);
    expect(changed, `tables changed by refused input: ${changed.join(', ')}`).to.deep.equal([]);
    // The server runs in this process: a polluted prototype would show here.
    for (const key of ['isAdmin', 'polluted', 'prototype']) expect(Object.prototype, `Object.prototype.${key}`).to.not.have.property(key);
  }

  it('when the server starts, then every route that takes a body or a path id has a fuzz entry', () => {
    const found: string[] = [];
    const walk = (stack: Array<Record<string, any>>, prefix: string) => {
      for (const layer of stack) {
        if (layer.route) for (const m of Object.keys(layer.route.methods)) found.push(`${m.toUpperCase()} ${`${prefix}/${layer.route.path}`.replace(/\/+/g, '/')}`);
        else if (Array.isArray(layer.handle?.stack)) walk(layer.handle.stack, `${prefix}/${typeof layer.rawPath === 'string' ? layer.rawPath : ''}`.replace(/\/+$/, ''));
      }
    };
    walk((t.platform.app as unknown as { router: { stack: Array<Record<string, any>> } }).router.stack, '');
    const needed = found.filter((r) => r.includes(' /api/') && (!r.startsWith('GET ') || r.includes('/:')) && !RAW_BODY_ROUTES.includes(r));
    const covered = [...posts, ...gets].map((s) => s.route);
    expect(needed.filter((r) => !covered.includes(r)), 'routes without a fuzz entry').to.deep.equal([]);
    expect(covered.filter((r) => !found.includes(r)), 'fuzz entries for routes not mounted').to.deep.equal([]);
  });

  describe('bodies', () => {
    // The tests are named before the fixture exists; the next test checks this list against the specs.
    const names = [
      'POST /api/auth/register', 'POST /api/auth/login', 'POST /api/auth/logout', 'POST /api/me/identity', 'POST /api/valuations/:id/objections',
      'PUT /api/me/watchlist/:lotId', 'DELETE /api/me/watchlist/:lotId', 'POST /api/me/notifications/read',
      'POST /api/valuations/:id/objections/:objectionId/resolve', 'POST /api/valuations/:id/appraisal/extend', 'POST /api/valuations/:id/appraisal/report',
      'POST /api/cases', 'POST /api/assets', 'POST /api/assets/:id/valuations', 'POST /api/assets/:id/flags', 'POST /api/lots/:id/notify-parties',
      'POST /api/lots/:id/suspend', 'POST /api/lots/:id/resume', 'POST /api/lots/:id/cancel', 'POST /api/lots/:id/priority-holders',
      'POST /api/lots/:id/creditor-takeover', 'POST /api/finance/lots/:id/balance', 'POST /api/lots', 'POST /api/lots/:id/publish',
      'POST /api/lots/:id/registrations', 'POST /api/lots/:id/bids', 'POST /api/finance/deposits/:registrationId/confirm', 'POST /api/admin/clock/advance',
      'POST /api/lots/:id/registration/pay-online', 'POST /api/lots/:id/balance/pay-online', 'POST /api/payments/sandbox/pay',
      'POST /api/finance/unmatched/:id/match', 'POST /api/finance/unmatched/:id/return', 'POST /api/finance/refunds/:id/sent', 'POST /api/finance/outbox/:id/retry',
      'POST /api/lots/:id/proceeds/approve', 'POST /api/finance/lots/:id/payout', 'POST /api/finance/lots/:id/forfeiture',
      'POST /api/lots/:id/disclosure', 'POST /api/lots/:id/proxy-bid', 'DELETE /api/lots/:id/proxy-bid', 'POST /api/assets/:id/kind', 'DELETE /api/files/:id',
      'POST /api/admin/users/:id/roles', 'POST /api/admin/holidays', 'POST /api/admin/holidays/:date/remove',
      'POST /api/admin/inquiry-platforms', 'POST /api/admin/inquiry-platforms/:id', 'POST /api/admin/inquiry-platforms/:id/deactivate',
      'POST /api/admin/inquiry-platforms/:id/reactivate', 'POST /api/admin/courts', 'POST /api/admin/courts/:id',
    ];
    it('when the list of fuzzed bodies is compared with the specs, then it names each route once', () => {
      expect([...names].sort()).to.deep.equal(posts.map((p) => p.route).sort());
    });
    for (const name of names) {
      it(`when ${name} gets bad bodies and bad path ids, then it answers 4xx with the error shape and stores nothing`, async () => {
        const spec = posts.find((p) => p.route === name)!;
        const params = Object.fromEntries(Object.entries(spec.params).map(([k, f]) => [k, f()]));
        const client = spec.as();
        const method = spec.route.split(' ')[0];
        const base = spec.body ? objectText(baseEntries(spec.body.base)) : '{}';
        await unchanged(async () => {
          await fc.assert(fc.asyncProperty(spec.body ? badBody(spec.body) : junkBody, async (bad) => {
            const res = await client.request(method, fill(spec.route, params), undefined, { raw: bad.raw, headers: bad.contentType ? { 'content-type': bad.contentType } : {} });
            expectRefused(res, `${name} with ${bad.what}: ${bad.raw.slice(0, 120)}`);
          }), { numRuns: RUNS, seed: SEED });
          const paramNames = Object.keys(params);
          if (paramNames.length) {
            await fc.assert(fc.asyncProperty(fc.constantFrom(...paramNames), badSegment, async (param, segment) => {
              const path = fill(spec.route, { ...params, [param]: segment });
              const res = await client.request(method, path, undefined, { raw: base });
              expectRefused(res, `${name} at ${path}`);
            }), { numRuns: Math.ceil(RUNS / 2), seed: SEED });
          }
        });
      });
    }
  });

  it('when GET routes get bad path ids, then they answer 4xx with the error shape and store nothing', async () => {
    await unchanged(async () => {
      for (const spec of gets) {
        const params = Object.fromEntries(Object.entries(spec.params).map(([k, f]) => [k, f()]));
        await fc.assert(fc.asyncProperty(fc.constantFrom(...Object.keys(params)), badSegment, async (param, segment) => {
          const path = fill(spec.route, { ...params, [param]: segment });
          expectRefused(await spec.as().get(path), `GET ${path}`);
        }), { numRuns: Math.ceil(RUNS / 2), seed: SEED });
      }
    });
  });

  it('when GET /api/lots gets bad query strings, then it answers 400 with the error shape and stores nothing', async () => {
    await unchanged(async () => {
      await fc.assert(fc.asyncProperty(badLotQuery, async (query) => {
        expectRefused(await t.anon.get(`/api/lots?${query}`), `GET /api/lots?${query}`);
      }), { numRuns: RUNS * 2, seed: SEED });
    });
  });

  it('when GET /api/stats gets bad query strings, then it answers 400 with the error shape and stores nothing', async () => {
    await unchanged(async () => {
      await fc.assert(fc.asyncProperty(badStatsQuery, async (query) => {
        expectRefused(await t.anon.get(`/api/stats?${query}`), `GET /api/stats?${query}`);
      }), { numRuns: RUNS * 2, seed: SEED });
    });
  });

  describe('deep nesting, empty flags and lone surrogates', () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    it('when a body nests 10,000 arrays deep (20 KB), then login, register and every other POST route answer 400, not 500', async () => {
      const failures: string[] = [];
      await unchanged(async () => {
        for (const spec of posts) {
          const params = Object.fromEntries(Object.entries(spec.params).map(([k, f]) => [k, f()]));
          for (const raw of [deep, '['.repeat(10_000)]) {
            const res = await spec.as().request(spec.route.split(' ')[0], fill(spec.route, params), undefined, { raw });
            if (res.status !== 400 || res.body?.error?.code !== 'VALIDATION_FAILED') failures.push(`${spec.route} (${raw.length} bytes): ${res.status} ${JSON.stringify(res.body).slice(0, 120)}`);
          }
        }
      });
      expect(failures, failures.join('\n')).to.deep.equal([]);
    });

    it('when asset flags are sent as an empty object, then 400 and the asset is unchanged', async () => {
      await unchanged(async () => {
        const res = await staff.post(`/api/assets/${ids.assetId}/flags`, {});
        expect(res.status, JSON.stringify(res.body)).to.equal(400);
        expect(res.body.error.code).to.equal('VALIDATION_FAILED');
      });
    });

    it('when a notice to the parties carries a lone surrogate, then 400 and the lot records no notice', async () => {
      await unchanged(async () => {
        const res = await staff.request('POST', `/api/lots/${ids.draftLot}/notify-parties`, undefined, { raw: '{"note":"\\ud800"}' });
        expect(res.status, JSON.stringify(res.body)).to.equal(400);
        expect(res.body.error.code).to.equal('VALIDATION_FAILED');
      });
      expect((await staff.get(`/api/lots/${ids.draftLot}`)).body.noticesSentAt).to.equal(null);
    });

    it('when any string field of any route carries a lone surrogate, then 400 and nothing is stored', async () => {
      const failures: string[] = [];
      await unchanged(async () => {
        for (const spec of posts.filter((p) => p.body)) {
          const params = Object.fromEntries(Object.entries(spec.params).map(([k, f]) => [k, f()]));
          const base = baseEntries(spec.body!.base);
          for (const [name, field] of Object.entries(spec.body!.fields)) {
            if (field.type === 'int' || field.type === 'bool') continue;
            const value = typeof spec.body!.base[name] === 'string' ? spec.body!.base[name] as string : 'Some text';
            const raw = objectText([...base.filter(([k]) => k !== name), [name, `${J(value).slice(0, -1)}\\ud800"`]]);
            const res = await spec.as().request(spec.route.split(' ')[0], fill(spec.route, params), undefined, { raw });
            if (res.status !== 400 || res.body?.error?.code !== 'VALIDATION_FAILED') failures.push(`${spec.route} ${name}: ${res.status} ${JSON.stringify(res.body).slice(0, 100)}`);
          }
        }
      });
      expect(failures, failures.join('\n')).to.deep.equal([]);
    });
  });

  describe('socket events', () => {
    const sockets: Socket[] = [];
    let used = 0;
    /** A fresh connection every few events, so the per-connection rate limit never answers instead of validation. */
    async function socketFor(token?: string) {
      if (used++ % 10 === 0 || !sockets.length) {
        for (const s of sockets.splice(0)) s.disconnect();
        sockets.push(await t.socket(token));
      }
      return sockets[0];
    }
    afterEach(() => { for (const s of sockets.splice(0)) s.disconnect(); used = 0; });

    const badPayload = (fields: Record<string, Field>, base: Record<string, unknown>) => fc.oneof(
      fc.constantFrom<unknown>(null, 42, 'lot', true, [], [base], {}),
      fc.constantFrom(...Object.keys(fields)).chain((name) => badValue(fields[name]).map((v) => ({ ...base, [name]: JSON.parse(v.replace(/^1e400$|^-1e400$/, '1e308')) }))),
      fc.constantFrom(...Object.keys(fields)).map((name) => Object.fromEntries(Object.entries(base).filter(([k]) => k !== name))),
      fc.tuple(fc.constantFrom('__proto__', 'constructor', 'extra', 'userId'), fc.constantFrom<unknown>({ isAdmin: true }, 'x', 1)).map(([k, v]) => JSON.parse(objectText([[k, J(v)], ...baseEntries(base)]))),
      fc.integer({ min: 40, max: 2_000 }).map((d) => ({ ...base, [Object.keys(fields)[0]]: JSON.parse('['.repeat(d) + ']'.repeat(d)) })),
    );

    for (const event of ['lot:watch', 'lot:unwatch', 'bid:place'] as const) {
      it(`when ${event} gets bad payloads, then the ack is {ok:false} with VALIDATION_FAILED and nothing is stored`, async () => {
        const fields: Record<string, Field> = event === 'bid:place' ? { lotId: { type: 'id' }, amount: { type: 'money' }, clientBidId: { type: 'id' } } : { lotId: { type: 'id' } };
        const base = event === 'bid:place' ? { lotId: ids.liveLot, amount: '80000.00', clientBidId: 'fuzz-socket' } : { lotId: ids.liveLot };
        await unchanged(async () => {
          await fc.assert(fc.asyncProperty(badPayload(fields, base), async (payload) => {
            const ack = await emitAck(await socketFor(bidder.token), event, payload);
            const show = `${event} ${JSON.stringify(payload)?.slice(0, 150)} → ${JSON.stringify(ack)}`;
            expect(ack?.ok, show).to.equal(false);
            expect(ack.error?.code, show).to.equal('VALIDATION_FAILED');
          }), { numRuns: RUNS, seed: SEED });
        });
      });
    }

    it('when clock:sync gets any payload, then it answers the server time and nothing is stored', async () => {
      await unchanged(async () => {
        await fc.assert(fc.asyncProperty(fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.constant(undefined)), async (payload) => {
          const ack = await emitAck(await socketFor(), 'clock:sync', payload);
          expect(ack, JSON.stringify(payload)).to.have.property('now').that.is.a('string');
          expect(Number.isNaN(Date.parse(ack.now))).to.equal(false);
        }), { numRuns: RUNS, seed: SEED });
      });
    });
  });
});
