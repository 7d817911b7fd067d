import { expect } from 'chai';
import { assetWithReference, bidderWithDeposit, lotBody, NOTICE_WAIT_MS } from '../support/factories';
import { mountedRoutes } from '../support/routes';
import { ApiClient, startTestServer, type Response, type TestServer } from '../support/server';

/**
 * Every HTTP route the server mounts, called by each of six callers. A caller is either allowed (2xx, or a
 * 4xx other than 401/403 that the fixture's state explains), refused as anonymous (401) or refused for its
 * role or for not owning the object (403). A route mounted without an entry here fails the coverage test.
 */

const CALLERS = ['anonymous', 'bidder', 'other_bidder', 'finance', 'court_staff', 'admin'] as const;
type Caller = (typeof CALLERS)[number];
type Outcome = 'allowed' | 401 | 403;

const EVERYONE: Caller[] = [...CALLERS];
const SIGNED_IN: Caller[] = ['bidder', 'other_bidder', 'finance', 'court_staff', 'admin'];
const COURT: Caller[] = ['court_staff', 'admin'];
const FINANCE: Caller[] = ['finance', 'admin'];
const ADMIN: Caller[] = ['admin'];

interface Call { path: string; body?: unknown; /** another session of the same caller */ client?: ApiClient }
interface Entry {
  route: string;
  allowed: Caller[];
  /** Exact statuses where the fixture's state fixes them (e.g. the buyer's 200, a staff bid's 422). */
  exact?: Partial<Record<Caller, number>>;
  /** Builds the request for one caller, creating fresh objects where an allowed call changes state. */
  call(caller: Caller): Promise<Call>;
}

const PASSWORD = 'correct-horse-battery';
const HOUR = 60 * 60 * 1000;

function outcomeOf(status: number): Outcome | 'server_error' {
  if (status >= 500) return 'server_error';
  if (status === 401 || status === 403) return status;
  return 'allowed';
}

describe('authorization: every route, called by every kind of caller', function () {
  this.timeout(120_000);
  let t: TestServer;
  const as = {} as Record<Caller, ApiClient>;
  const users = {} as Record<'bidder' | 'other_bidder' | 'finance' | 'court_staff', { id: string; email: string }>;
  let thirdBidder: Awaited<ReturnType<typeof bidderWithDeposit>>;
  const f = {} as {
    caseId: string; assetId: string; valuationId: string;
    liveLot: any; soldLot: any; unsoldLot: any; suspendLot: any; cancelLot: any; priorityLot: any; regLot: any; notifyLot: any;
    publishLots: Partial<Record<Caller, string>>;
    bidderRegOnRegLot: any; secrets: string[];
  };
  let entries: Entry[];

  const newDraftLot = async (o: { startInDays?: number } = {}) => {
    const { assetId } = await assetWithReference(t, as.court_staff);
    const r = await as.court_staff.post('/api/lots', lotBody(t, assetId, { startInDays: o.startInDays ?? 60 }));
    if (r.status !== 201) throw new Error(`lot: ${JSON.stringify(r.body)}`);
    return r.body.id as string;
  };
  const pendingRegistrationOnRegLot = async () => {
    const b = await t.user('bidder', { verified: true });
    const r = await b.api.post(`/api/lots/${f.regLot.id}/registrations`);
    if (r.status !== 201) throw new Error(`registration: ${JSON.stringify(r.body)}`);
    return r.body.id as string;
  };
  const lotStatus = async (id: string) => (await as.court_staff.get(`/api/lots/${id}`)).body.status as string;

  before(async () => {
    t = await startTestServer();
    as.anonymous = t.anon;
    as.admin = t.admin;
    const staff = await t.user('court_staff');
    const fin = await t.user('finance');
    const b1 = await t.user('bidder', { verified: true, name: '甲一号竞买人' });
    const b2 = await t.user('bidder', { verified: true, name: '乙二号竞买人' });
    as.court_staff = staff.api; as.finance = fin.api; as.bidder = b1.api; as.other_bidder = b2.api;
    users.court_staff = staff; users.finance = fin; users.bidder = b1; users.other_bidder = b2;

    // Day 0: a case with an asset priced by agreement, and lots in every state the routes need.
    const base = await assetWithReference(t, as.court_staff);
    f.caseId = base.caseId; f.assetId = base.assetId; f.valuationId = base.valuation.id;
    const lot = async (o: { startInDays: number; biddingHours?: number }) => {
      const { assetId } = await assetWithReference(t, as.court_staff);
      const r = await as.court_staff.post('/api/lots', lotBody(t, assetId, o));
      if (r.status !== 201) throw new Error(`lot: ${JSON.stringify(r.body)}`);
      return r.body.id as string;
    };
    const ids = {
      sold: await lot({ startInDays: 21, biddingHours: 24 }),
      unsold: await lot({ startInDays: 21, biddingHours: 24 }),
      live: await lot({ startInDays: 21, biddingHours: 96 }),
      suspend: await lot({ startInDays: 21, biddingHours: 96 }),
      cancel: await lot({ startInDays: 60 }),
      priority: await lot({ startInDays: 60 }),
      reg: await lot({ startInDays: 60 }),
    };
    f.publishLots = { anonymous: await lot({ startInDays: 60 }), court_staff: await lot({ startInDays: 60 }), admin: await lot({ startInDays: 60 }) };
    f.notifyLot = { id: await lot({ startInDays: 60 }) };
    for (const id of [...Object.values(ids), ...Object.values(f.publishLots)]) {
      const n = await as.court_staff.post(`/api/lots/${id}/notify-parties`, { note: 'Served in writing.' });
      if (n.status !== 200) throw new Error(`notify: ${JSON.stringify(n.body)}`);
    }
    await t.advance(NOTICE_WAIT_MS);
    for (const id of Object.values(ids)) {
      const p = await as.court_staff.post(`/api/lots/${id}/publish`);
      if (p.status !== 200) throw new Error(`publish: ${JSON.stringify(p.body)}`);
    }

    // Registrations and deposits: bidder 1 everywhere; bidder 2 held on the sold lot, pending on the live one.
    const confirm = async (regId: string) => {
      const c = await as.finance.post(`/api/finance/deposits/${regId}/confirm`, { bankReference: `BANK-${regId}` });
      if (c.status !== 200) throw new Error(`confirm: ${JSON.stringify(c.body)}`);
    };
    const register = async (api: ApiClient, lotId: string) => {
      const r = await api.post(`/api/lots/${lotId}/registrations`);
      if (r.status !== 201) throw new Error(`registration: ${JSON.stringify(r.body)}`);
      return r.body;
    };
    const b1Sold = await register(as.bidder, ids.sold);
    await confirm(b1Sold.id);
    await confirm((await register(as.other_bidder, ids.sold)).id);
    const b1Live = await register(as.bidder, ids.live);
    await confirm(b1Live.id);
    const b2Live = await register(as.other_bidder, ids.live);
    const b3 = await bidderWithDeposit(t, ids.live, as.finance);
    thirdBidder = b3;
    f.bidderRegOnRegLot = await register(as.bidder, ids.reg);

    // Day 21: the auctions open; bidder 1 wins one lot outright and leads on another where bidder 3 also bid.
    const startsAt = new Date((await t.anon.get(`/api/lots/${ids.sold}`)).body.startsAt).getTime();
    await t.advance(startsAt - t.now().getTime() + 1000);
    for (const [api, lotId, amount, key] of [[as.bidder, ids.sold, '70000.00', 's1'], [b3.api, ids.live, '70000.00', 'l3'], [as.bidder, ids.live, '71000.00', 'l1']] as const) {
      const r = await api.post(`/api/lots/${lotId}/bids`, { amount, clientBidId: `fixture-${key}` });
      if (r.status !== 201) throw new Error(`bid: ${JSON.stringify(r.body)}`);
    }
    await t.advance(24 * HOUR + 1000);
    const load = async (id: string) => (await as.court_staff.get(`/api/lots/${id}`)).body;
    f.soldLot = await load(ids.sold); f.unsoldLot = await load(ids.unsold); f.liveLot = await load(ids.live);
    f.suspendLot = await load(ids.suspend); f.cancelLot = await load(ids.cancel); f.priorityLot = await load(ids.priority); f.regLot = await load(ids.reg);
    expect([f.soldLot.status, f.unsoldLot.status, f.liveLot.status, f.suspendLot.status, f.cancelLot.status]).to.deep.equal(['sold', 'unsold', 'live', 'live', 'announced']);
    expect(f.soldLot.winnerCode).to.equal(b1Sold.bidderCode);

    const me = async (api: ApiClient) => (await api.get('/api/me')).body.user;
    f.secrets = [
      users.bidder.id, users.other_bidder.id, b3.id, users.bidder.email, users.other_bidder.email, b3.email,
      (await me(as.bidder)).realName, (await me(as.other_bidder)).realName,
      b1Live.id, b2Live.id, b3.registration.id, b1Live.payment.reference, b2Live.payment.reference, b3.registration.payment.reference,
    ];

    const lotPath = (l: { id: string }, rest = '') => ({ path: `/api/lots/${l.id}${rest}` });
    const freshToken = async (caller: Caller) => {
      if (caller === 'anonymous') return t.anon;
      const email = caller === 'admin' ? (await t.admin.get('/api/me')).body.user.email : users[caller].email;
      const login = await t.anon.post('/api/auth/login', { email, password: PASSWORD });
      return t.anon.as(login.body.token);
    };
    let seq = 0;
    const unique = () => `${Date.now().toString(36)}-${++seq}`;
    // A court and an inquiry platform to change; the platform is left inactive, so no later inquiry on a shared database asks it.
    const matrixCourt = (await t.admin.post('/api/admin/courts', { name: `Matrix court ${unique()}` })).body.id as string;
    const matrixPlatform = (await t.admin.post('/api/admin/inquiry-platforms', { name: `Matrix-${unique()}`, url: 'https://matrix.inquiry.test', fee: '0.00' })).body as { id: string; name: string };
    await t.admin.post(`/api/admin/inquiry-platforms/${matrixPlatform.id}/deactivate`, { reason: 'Only for the matrix.' });

    entries = [
      { route: 'GET /api/health', allowed: EVERYONE, call: async () => ({ path: '/api/health' }) },
      { route: 'GET /api/clock', allowed: EVERYONE, call: async () => ({ path: '/api/clock' }) },
      { route: 'GET /api/stats', allowed: EVERYONE, exact: { anonymous: 200 }, call: async () => ({ path: '/api/stats?groupBy=court' }) },
      { route: 'GET /api/results', allowed: EVERYONE, exact: { anonymous: 200 }, call: async () => ({ path: '/api/results?limit=5' }) },
      { route: 'GET /api/stats/courts', allowed: EVERYONE, exact: { anonymous: 200 }, call: async () => ({ path: '/api/stats/courts' }) },
      { route: 'GET /api/regions', allowed: EVERYONE, exact: { anonymous: 200, bidder: 200 }, call: async () => ({ path: '/api/regions' }) },
      { route: 'GET /api/openapi.json', allowed: EVERYONE, call: async () => ({ path: '/api/openapi.json' }) },
      {
        route: 'POST /api/auth/register', allowed: EVERYONE, exact: { anonymous: 201 },
        call: async () => ({ path: '/api/auth/register', body: { email: `new-${unique()}@test.court`, password: 'a-long-enough-pass', name: 'New Person' } }),
      },
      {
        route: 'POST /api/auth/login', allowed: EVERYONE, exact: { anonymous: 200, bidder: 200 },
        call: async () => ({ path: '/api/auth/login', body: { email: thirdBidder.email, password: PASSWORD } }),
      },
      // Logging out ends the caller's session, so each caller logs out a second session of its own.
      { route: 'POST /api/auth/logout', allowed: EVERYONE, exact: { anonymous: 204, bidder: 204, admin: 204 }, call: async () => ({ path: '/api/auth/logout' }) },
      { route: 'GET /api/me', allowed: SIGNED_IN, exact: { bidder: 200, admin: 200 }, call: async () => ({ path: '/api/me' }) },
      {
        route: 'POST /api/me/identity', allowed: SIGNED_IN, exact: { bidder: 422, court_staff: 422 },
        call: async () => ({ path: '/api/me/identity', body: { realName: '张三', idNumber: '110105199001011230' } }),
      },
      { route: 'GET /api/valuations/worklist', allowed: COURT, exact: { court_staff: 200, admin: 200 }, call: async () => ({ path: '/api/valuations/worklist' }) },
      { route: 'POST /api/assets/:id/kind', allowed: COURT, exact: { court_staff: 200, admin: 200 }, call: async () => ({ path: `/api/assets/${f.assetId}/kind`, body: { kind: 'movable' } }) },
      { route: 'GET /api/court/duties', allowed: COURT, exact: { court_staff: 200, admin: 200 }, call: async () => ({ path: '/api/court/duties' }) },
      { route: 'GET /api/valuations/:id', allowed: COURT, exact: { court_staff: 200, admin: 200 }, call: async () => ({ path: `/api/valuations/${f.valuationId}` }) },
      {
        route: 'POST /api/valuations/:id/objections', allowed: COURT, exact: { court_staff: 422 },
        call: async () => ({ path: `/api/valuations/${f.valuationId}/objections`, body: { party: 'Debtor Li', reason: 'The agreed price is too low.' } }),
      },
      {
        route: 'POST /api/valuations/:id/objections/:objectionId/resolve', allowed: COURT, exact: { court_staff: 404 },
        call: async () => ({ path: `/api/valuations/${f.valuationId}/objections/no-such-objection/resolve`, body: { decision: 'rejected', resolution: 'Not founded.' } }),
      },
      {
        route: 'POST /api/valuations/:id/appraisal/extend', allowed: COURT,
        call: async () => ({ path: `/api/valuations/${f.valuationId}/appraisal/extend`, body: { reason: 'The agency asked for more time.' } }),
      },
      {
        route: 'POST /api/valuations/:id/appraisal/report', allowed: COURT,
        call: async () => ({ path: `/api/valuations/${f.valuationId}/appraisal/report`, body: { agency: 'Agency One', reportRef: 'R-1', amount: '100000.00' } }),
      },
      { route: 'GET /api/cases/:id/preservation', allowed: COURT, exact: { court_staff: 200 }, call: async () => ({ path: `/api/cases/${f.caseId}/preservation` }) },
      {
        route: 'POST /api/cases', allowed: COURT, exact: { court_staff: 201, admin: 201 },
        call: async () => ({ path: '/api/cases', body: { caseNumber: `(2026)测执${unique()}号`, court: 'Test District Court', applicant: 'Creditor Co.', respondent: 'Debtor Li', claimAmount: '500000.00' } }),
      },
      { route: 'GET /api/cases', allowed: COURT, exact: { court_staff: 200, admin: 200 }, call: async () => ({ path: '/api/cases' }) },
      { route: 'GET /api/cases/:id', allowed: COURT, exact: { court_staff: 200, admin: 200 }, call: async () => ({ path: `/api/cases/${f.caseId}` }) },
      {
        route: 'POST /api/assets', allowed: COURT, exact: { court_staff: 201, admin: 201 },
        call: async () => ({ path: '/api/assets', body: { caseId: f.caseId, title: 'A second car', kind: 'movable', description: 'Blue.' } }),
      },
      { route: 'GET /api/assets/:id', allowed: COURT, exact: { court_staff: 200, admin: 200 }, call: async () => ({ path: `/api/assets/${f.assetId}` }) },
      // A JSON body is not an upload (415): who may upload is what this checks; tests/integration/files.upload.test.ts uploads.
      { route: 'POST /api/assets/:id/files', allowed: COURT, exact: { court_staff: 415, admin: 415 }, call: async () => ({ path: `/api/assets/${f.assetId}/files`, body: { file: 'x' } }) },
      { route: 'GET /api/assets/:id/files', allowed: COURT, exact: { court_staff: 200, admin: 200 }, call: async () => ({ path: `/api/assets/${f.assetId}/files` }) },
      { route: 'DELETE /api/files/:id', allowed: COURT, exact: { court_staff: 404, admin: 404 }, call: async () => ({ path: '/api/files/no-such-file' }) },
      // Public once announced, the court's before: tests/integration/files.upload.test.ts checks both with real files.
      { route: 'GET /api/files/:id', allowed: EVERYONE, exact: { anonymous: 404, court_staff: 404 }, call: async () => ({ path: '/api/files/no-such-file' }) },
      { route: 'GET /api/files/:id/display', allowed: EVERYONE, exact: { anonymous: 404, court_staff: 404 }, call: async () => ({ path: '/api/files/no-such-file/display' }) },
      { route: 'GET /api/files/:id/thumbnail', allowed: EVERYONE, exact: { anonymous: 404, court_staff: 404 }, call: async () => ({ path: '/api/files/no-such-file/thumbnail' }) },
      {
        route: 'POST /api/assets/:id/valuations', allowed: COURT, exact: { court_staff: 201, admin: 201 },
        call: async (c) => {
          const id = COURT.includes(c) ? (await as.court_staff.post('/api/assets', { caseId: f.caseId, title: 'To value', kind: 'movable' })).body.id : f.assetId;
          return { path: `/api/assets/${id}/valuations`, body: { method: 'negotiated', amount: '90000.00' } };
        },
      },
      { route: 'POST /api/assets/:id/flags', allowed: COURT, exact: { court_staff: 200, admin: 200 }, call: async () => ({ path: `/api/assets/${f.assetId}/flags`, body: { preserved: true } }) },
      { route: 'GET /api/assets/:id/valuations', allowed: COURT, exact: { court_staff: 200, admin: 200 }, call: async () => ({ path: `/api/assets/${f.assetId}/valuations` }) },
      { route: 'GET /api/assets/:id/audit', allowed: COURT, exact: { court_staff: 200, admin: 200 }, call: async () => ({ path: `/api/assets/${f.assetId}/audit` }) },
      {
        route: 'POST /api/lots/:id/notify-parties', allowed: COURT, exact: { court_staff: 200, admin: 200 },
        call: async (c) => ({ path: `/api/lots/${COURT.includes(c) ? await newDraftLot() : f.notifyLot.id}/notify-parties`, body: { note: 'Served in writing.' } }),
      },
      {
        route: 'POST /api/lots/:id/suspend', allowed: COURT, exact: { court_staff: 200, admin: 200 },
        call: async () => {
          if ((await lotStatus(f.suspendLot.id)) === 'suspended') await as.court_staff.post(`/api/lots/${f.suspendLot.id}/resume`);
          return { path: `/api/lots/${f.suspendLot.id}/suspend`, body: { reason: 'A third party claims the car.' } };
        },
      },
      {
        route: 'POST /api/lots/:id/resume', allowed: COURT, exact: { court_staff: 200, admin: 200 },
        call: async () => {
          if ((await lotStatus(f.suspendLot.id)) !== 'suspended') await as.court_staff.post(`/api/lots/${f.suspendLot.id}/suspend`, { reason: 'A third party claims the car.' });
          return { path: `/api/lots/${f.suspendLot.id}/resume` };
        },
      },
      {
        route: 'POST /api/lots/:id/cancel', allowed: COURT, exact: { court_staff: 200, admin: 200 },
        call: async (c) => ({ path: `/api/lots/${COURT.includes(c) ? await newDraftLot() : f.cancelLot.id}/cancel`, body: { reason: 'The debt was paid.' } }),
      },
      {
        route: 'POST /api/lots/:id/priority-holders', allowed: COURT, exact: { court_staff: 201, admin: 201 },
        call: async () => ({ path: `/api/lots/${f.priorityLot.id}/priority-holders`, body: { email: (await t.user('bidder', { verified: true })).email, rank: 1 } }),
      },
      { route: 'GET /api/lots/:id/priority-holders', allowed: COURT, exact: { court_staff: 200, admin: 200 }, call: async () => lotPath(f.priorityLot, '/priority-holders') },
      {
        route: 'POST /api/lots/:id/creditor-takeover', allowed: COURT,
        call: async () => ({ path: `/api/lots/${f.unsoldLot.id}/creditor-takeover`, body: { creditor: 'Creditor Co.' } }),
      },
      {
        route: 'POST /api/finance/lots/:id/balance', allowed: FINANCE, exact: { finance: 200, admin: 200 },
        call: async () => ({ path: `/api/finance/lots/${f.soldLot.id}/balance`, body: { bankReference: `BAL-${f.soldLot.id}` } }),
      },
      { route: 'GET /api/finance/balances', allowed: FINANCE, exact: { finance: 200, admin: 200 }, call: async () => ({ path: '/api/finance/balances' }) },
      { route: 'GET /api/lots/:id/actions', allowed: COURT, exact: { court_staff: 200, admin: 200 }, call: async () => lotPath(f.liveLot, '/actions') },
      { route: 'GET /api/lots/:id/audit', allowed: COURT, exact: { court_staff: 200, admin: 200 }, call: async () => lotPath(f.liveLot, '/audit') },
      { route: 'GET /api/lots/:id/bid-log', allowed: EVERYONE, exact: { anonymous: 200, other_bidder: 200 }, call: async () => lotPath(f.liveLot, '/bid-log') },
      // The buyer's identity and the confirmation of sale: court staff and the buyer (bidder 1), nobody else.
      { route: 'GET /api/lots/:id/buyer', allowed: ['bidder', 'court_staff', 'admin'], exact: { bidder: 200, court_staff: 200, admin: 200 }, call: async () => lotPath(f.soldLot, '/buyer') },
      { route: 'GET /api/lots/:id/confirmation', allowed: ['bidder', 'court_staff', 'admin'], exact: { bidder: 200, court_staff: 200, admin: 200 }, call: async () => lotPath(f.soldLot, '/confirmation') },
      {
        route: 'POST /api/lots', allowed: COURT, exact: { court_staff: 201, admin: 201 },
        call: async (c) => ({ path: '/api/lots', body: lotBody(t, COURT.includes(c) ? (await assetWithReference(t, as.court_staff)).assetId : f.assetId) }),
      },
      {
        route: 'POST /api/lots/:id/publish', allowed: COURT, exact: { court_staff: 200, admin: 200 },
        call: async (c) => ({ path: `/api/lots/${f.publishLots[COURT.includes(c) ? c : 'anonymous']}/publish` }),
      },
      {
        route: 'POST /api/lots/:id/disclosure', allowed: COURT, exact: { court_staff: 200, admin: 200 },
        call: async (c) => ({
          path: `/api/lots/${COURT.includes(c) ? (await as.court_staff.post('/api/lots', lotBody(t, (await assetWithReference(t, as.court_staff)).assetId))).body.id : f.liveLot.id}/disclosure`,
          body: { disclosure: { knownDefects: '未发现明显瑕疵。' } },
        }),
      },
      { route: 'GET /api/lots', allowed: EVERYONE, exact: { anonymous: 200 }, call: async () => ({ path: '/api/lots?status=live' }) },
      { route: 'GET /api/lots/:id', allowed: EVERYONE, exact: { anonymous: 200 }, call: async () => lotPath(f.liveLot) },
      // A28: staff may not register or bid; that is a rule violation (422), not a missing permission.
      {
        route: 'POST /api/lots/:id/registrations', allowed: SIGNED_IN, exact: { bidder: 200, other_bidder: 200, finance: 422, court_staff: 422, admin: 422 },
        call: async () => lotPath(f.liveLot, '/registrations'),
      },
      // Each caller sees only its own registration: bidder 2 never reaches bidder 1's.
      { route: 'GET /api/lots/:id/registration', allowed: SIGNED_IN, exact: { bidder: 200, other_bidder: 404, court_staff: 404 }, call: async () => lotPath(f.regLot, '/registration') },
      { route: 'GET /api/me/registrations', allowed: SIGNED_IN, exact: { bidder: 200, other_bidder: 200 }, call: async () => ({ path: '/api/me/registrations' }) },
      { route: 'GET /api/me/watchlist', allowed: SIGNED_IN, exact: { bidder: 200, court_staff: 200 }, call: async () => ({ path: '/api/me/watchlist' }) },
      { route: 'PUT /api/me/watchlist/:lotId', allowed: SIGNED_IN, exact: { bidder: 200, finance: 200 }, call: async () => ({ path: `/api/me/watchlist/${f.liveLot.id}` }) },
      { route: 'DELETE /api/me/watchlist/:lotId', allowed: SIGNED_IN, exact: { bidder: 200, admin: 200 }, call: async () => ({ path: `/api/me/watchlist/${f.liveLot.id}` }) },
      { route: 'GET /api/me/notifications', allowed: SIGNED_IN, exact: { bidder: 200, other_bidder: 200 }, call: async () => ({ path: '/api/me/notifications' }) },
      { route: 'POST /api/me/notifications/read', allowed: SIGNED_IN, exact: { bidder: 200, finance: 200 }, call: async () => ({ path: '/api/me/notifications/read', body: { all: true } }) },
      // This server has no payment provider: online payment is 404 to whoever may ask (money.online.test.ts covers it with one).
      { route: 'POST /api/lots/:id/registration/pay-online', allowed: SIGNED_IN, exact: { bidder: 404 }, call: async () => lotPath(f.regLot, '/registration/pay-online') },
      { route: 'POST /api/lots/:id/balance/pay-online', allowed: SIGNED_IN, exact: { bidder: 404 }, call: async () => lotPath(f.soldLot, '/balance/pay-online') },
      { route: 'POST /api/payments/webhook', allowed: EVERYONE, exact: { anonymous: 404 }, call: async () => ({ path: '/api/payments/webhook', body: {} }) },
      { route: 'POST /api/payments/sandbox/pay', allowed: SIGNED_IN, exact: { bidder: 404 }, call: async () => ({ path: '/api/payments/sandbox/pay', body: { clientSecret: 'sbx_pi_1_secret_x', outcome: 'succeed' } }) },
      // Bidder 2's deposit on this lot is not held: it may not bid where bidder 1 may (once bidder 3 has outbid it).
      {
        route: 'POST /api/lots/:id/bids', allowed: ['bidder', 'finance', 'court_staff', 'admin'], exact: { bidder: 201, finance: 422, court_staff: 422, admin: 422 },
        call: async (c) => {
          const top = async () => {
            const v = (await t.anon.get(`/api/lots/${f.liveLot.id}`)).body;
            return (Number(v.currentPrice ?? v.startingPrice) + Number(v.bidIncrement)).toFixed(2);
          };
          if (c === 'bidder') {
            const outbid = await thirdBidder.api.post(`/api/lots/${f.liveLot.id}/bids`, { amount: await top(), clientBidId: `matrix-b3-${unique()}` });
            if (outbid.status !== 201) throw new Error(`outbid: ${JSON.stringify(outbid.body)}`);
          }
          const view = (await t.anon.get(`/api/lots/${f.liveLot.id}`)).body;
          const next = (Number(view.currentPrice ?? view.startingPrice) + Number(view.bidIncrement)).toFixed(2);
          return { path: `/api/lots/${f.liveLot.id}/bids`, body: { amount: next, clientBidId: `matrix-${unique()}` } };
        },
      },
      // A proxy bid at the bidder's minimum: it places at most one bid, so the bid entry above still finds the lot as it expects.
      {
        route: 'POST /api/lots/:id/proxy-bid', allowed: ['bidder', 'finance', 'court_staff', 'admin'], exact: { bidder: 201, other_bidder: 403, finance: 422, court_staff: 422, admin: 422 },
        call: async () => {
          const view = (await t.anon.get(`/api/lots/${f.liveLot.id}`)).body;
          const next = (Number(view.currentPrice ?? view.startingPrice) + Number(view.bidIncrement)).toFixed(2);
          return { path: `/api/lots/${f.liveLot.id}/proxy-bid`, body: { maxAmount: next } };
        },
      },
      { route: 'GET /api/lots/:id/proxy-bid', allowed: SIGNED_IN, exact: { bidder: 200, other_bidder: 200, court_staff: 200 }, call: async () => lotPath(f.liveLot, '/proxy-bid') },
      // Only the bidder has one to withdraw; anyone else's request finds none.
      { route: 'DELETE /api/lots/:id/proxy-bid', allowed: SIGNED_IN, exact: { other_bidder: 404, court_staff: 404, finance: 404 }, call: async () => lotPath(f.liveLot, '/proxy-bid') },
      { route: 'GET /api/finance/deposits', allowed: FINANCE, exact: { finance: 200, admin: 200 }, call: async () => ({ path: '/api/finance/deposits' }) },
      // Nobody but finance confirms a deposit; bidder 1 may not confirm its own.
      {
        route: 'POST /api/finance/deposits/:registrationId/confirm', allowed: FINANCE, exact: { finance: 200, admin: 200 },
        call: async (c) => {
          const id = FINANCE.includes(c) ? await pendingRegistrationOnRegLot() : f.bidderRegOnRegLot.id;
          return { path: `/api/finance/deposits/${id}/confirm`, body: { bankReference: `BANK-M-${id}` } };
        },
      },
      { route: 'GET /api/finance/accounts', allowed: FINANCE, exact: { finance: 200, admin: 200 }, call: async () => ({ path: '/api/finance/accounts' }) },
      { route: 'GET /api/finance/ledger', allowed: FINANCE, exact: { finance: 200, admin: 200 }, call: async () => ({ path: '/api/finance/ledger?account=asset:bank' }) },
      { route: 'GET /api/finance/proceeds', allowed: FINANCE, exact: { finance: 200, admin: 200 }, call: async () => ({ path: '/api/finance/proceeds' }) },
      { route: 'GET /api/finance/reconciliation', allowed: FINANCE, exact: { finance: 200, admin: 200 }, call: async () => ({ path: '/api/finance/reconciliation?date=2026-12-01' }) },
      {
        route: 'POST /api/finance/lots/:id/forfeiture', allowed: FINANCE, exact: { finance: 409, admin: 409 },
        call: async () => ({ path: `/api/finance/lots/${f.soldLot.id}/forfeiture`, body: { costs: '0.00', priceGap: '0.00' } }),
      },
      { route: 'POST /api/finance/lots/:id/payout', allowed: FINANCE, call: async () => ({ path: `/api/finance/lots/${f.soldLot.id}/payout`, body: { bankReference: `OUT-${f.soldLot.id}` } }) },
      { route: 'POST /api/lots/:id/proceeds/approve', allowed: COURT, call: async () => lotPath(f.soldLot, '/proceeds/approve') },
      // A JSON body is not a statement (415): who may import is what this checks; tests/integration/money.statements.test.ts imports.
      { route: 'POST /api/finance/statements', allowed: FINANCE, exact: { finance: 415, admin: 415 }, call: async () => ({ path: '/api/finance/statements', body: { lines: [] } }) },
      { route: 'GET /api/finance/unmatched', allowed: FINANCE, exact: { finance: 200, admin: 200 }, call: async () => ({ path: '/api/finance/unmatched' }) },
      { route: 'POST /api/finance/unmatched/:id/match', allowed: FINANCE, exact: { finance: 404, admin: 404 }, call: async () => ({ path: '/api/finance/unmatched/no-such-line/match', body: { lotId: f.soldLot.id } }) },
      { route: 'POST /api/finance/unmatched/:id/return', allowed: FINANCE, exact: { finance: 404, admin: 404 }, call: async () => ({ path: '/api/finance/unmatched/no-such-line/return', body: { note: 'Returned to the payer.' } }) },
      { route: 'GET /api/finance/outbox', allowed: FINANCE, exact: { finance: 200, admin: 200 }, call: async () => ({ path: '/api/finance/outbox?status=failed' }) },
      { route: 'POST /api/finance/outbox/:id/retry', allowed: FINANCE, exact: { finance: 404, admin: 404 }, call: async () => ({ path: '/api/finance/outbox/no-such-call/retry' }) },
      { route: 'GET /api/finance/refunds', allowed: FINANCE, exact: { finance: 200, admin: 200 }, call: async () => ({ path: '/api/finance/refunds?status=due' }) },
      { route: 'POST /api/finance/refunds/:id/sent', allowed: FINANCE, exact: { finance: 404, admin: 404 }, call: async () => ({ path: '/api/finance/refunds/no-such-refund/sent', body: { bankReference: 'OUT-MATRIX' } }) },
      { route: 'GET /api/finance/trial-balance', allowed: FINANCE, exact: { finance: 200, admin: 200 }, call: async () => ({ path: '/api/finance/trial-balance' }) },
      { route: 'POST /api/admin/clock/advance', allowed: ADMIN, exact: { admin: 200 }, call: async () => ({ path: '/api/admin/clock/advance', body: { ms: 0 } }) },
      { route: 'GET /api/admin/users', allowed: ADMIN, exact: { admin: 200 }, call: async () => ({ path: '/api/admin/users?limit=5' }) },
      { route: 'POST /api/admin/users/:id/roles', allowed: ADMIN, exact: { admin: 200 }, call: async () => ({ path: `/api/admin/users/${users.other_bidder.id}/roles`, body: { roles: ['bidder'] } }) },
      { route: 'GET /api/admin/holidays', allowed: ADMIN, exact: { admin: 200 }, call: async () => ({ path: '/api/admin/holidays' }) },
      { route: 'POST /api/admin/holidays', allowed: ADMIN, exact: { admin: 200 }, call: async () => ({ path: '/api/admin/holidays', body: { date: '2199-01-01', name: 'Matrix holiday' } }) },
      { route: 'POST /api/admin/holidays/:date/remove', allowed: ADMIN, exact: { admin: 404 }, call: async () => ({ path: '/api/admin/holidays/2199-12-31/remove' }) },
      { route: 'GET /api/admin/changes', allowed: ADMIN, exact: { admin: 200 }, call: async () => ({ path: '/api/admin/changes?limit=5' }) },
      { route: 'GET /api/admin/courts', allowed: ADMIN, exact: { admin: 200 }, call: async () => ({ path: '/api/admin/courts' }) },
      { route: 'POST /api/admin/courts', allowed: ADMIN, exact: { admin: 201 }, call: async () => ({ path: '/api/admin/courts', body: { name: `Matrix court ${unique()}` } }) },
      { route: 'POST /api/admin/courts/:id', allowed: ADMIN, exact: { admin: 200 }, call: async () => ({ path: `/api/admin/courts/${matrixCourt}`, body: { phone: '0571-0000' } }) },
      { route: 'GET /api/courts', allowed: COURT, exact: { court_staff: 200, admin: 200 }, call: async () => ({ path: '/api/courts' }) },
      { route: 'GET /api/admin/inquiry-platforms', allowed: ADMIN, exact: { admin: 200 }, call: async () => ({ path: '/api/admin/inquiry-platforms' }) },
      // The name is taken: the admin gets past the role check to the duplicate-name refusal, and no active platform is left behind.
      { route: 'POST /api/admin/inquiry-platforms', allowed: ADMIN, exact: { admin: 409 }, call: async () => ({ path: '/api/admin/inquiry-platforms', body: { name: matrixPlatform.name, url: 'https://matrix.inquiry.test', fee: '1.00' } }) },
      { route: 'POST /api/admin/inquiry-platforms/:id', allowed: ADMIN, exact: { admin: 200 }, call: async () => ({ path: `/api/admin/inquiry-platforms/${matrixPlatform.id}`, body: { fee: '2.00' } }) },
      // Reactivated, then deactivated again (entries run in order).
      { route: 'POST /api/admin/inquiry-platforms/:id/reactivate', allowed: ADMIN, exact: { admin: 200 }, call: async () => ({ path: `/api/admin/inquiry-platforms/${matrixPlatform.id}/reactivate`, body: { reason: 'Matrix.' } }) },
      { route: 'POST /api/admin/inquiry-platforms/:id/deactivate', allowed: ADMIN, exact: { admin: 200 }, call: async () => ({ path: `/api/admin/inquiry-platforms/${matrixPlatform.id}/deactivate`, body: { reason: 'Matrix.' } }) },
    ];

    // Logout needs a throwaway session per caller; the other entries use the callers' main sessions.
    const logout = entries.find((e) => e.route === 'POST /api/auth/logout')!;
    logout.call = async (c) => ({ path: '/api/auth/logout', client: await freshToken(c) });
  });
  after(async () => { await t?.stop(); });

  it('when the server starts, then the matrix has exactly one entry for every route it mounts', () => {
    const mounted = mountedRoutes(t);
    const covered = entries.map((e) => e.route).sort();
    expect(mounted.length).to.be.greaterThan(40);
    expect(mounted.filter((r) => !covered.includes(r)), 'routes mounted without a matrix entry').to.deep.equal([]);
    expect(covered.filter((r) => !mounted.includes(r)), 'matrix entries for routes that are not mounted').to.deep.equal([]);
    expect(new Set(covered).size, 'duplicate matrix entries').to.equal(covered.length);
  });

  it('when every route is called by each caller, then the allowed get through, anonymous callers get 401 and the wrong role or owner gets 403', async () => {
    const failures: string[] = [];
    for (const entry of entries) {
      const [method, pattern] = entry.route.split(' ');
      for (const caller of CALLERS) {
        const call = await entry.call(caller);
        const client = call.client ?? as[caller];
        const res: Response = await client.request(method, call.path, call.body);
        const expected: Outcome = entry.allowed.includes(caller) ? 'allowed' : caller === 'anonymous' ? 401 : 403;
        const got = outcomeOf(res.status);
        const exact = entry.exact?.[caller];
        if (got !== expected || (exact !== undefined && res.status !== exact)) {
          failures.push(`${method} ${pattern} as ${caller}: expected ${exact ?? expected}, got ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
        }
        if (res.status === 401 || res.status === 403) {
          const code = res.body?.error?.code;
          if (code !== (res.status === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN')) failures.push(`${method} ${pattern} as ${caller}: ${res.status} with code ${code}`);
        }
      }
    }
    expect(failures, failures.join('\n')).to.deep.equal([]);
  });

  it('when bidder 2 asks for its registration on a lot where only bidder 1 registered, then nothing of bidder 1\'s comes back', async () => {
    const own = await as.bidder.get(`/api/lots/${f.regLot.id}/registration`);
    expect(own.status).to.equal(200);
    expect(own.body.id).to.equal(f.bidderRegOnRegLot.id);
    const other = await as.other_bidder.get(`/api/lots/${f.regLot.id}/registration`);
    expect(other.status).to.equal(404);
    const text = JSON.stringify(other.body);
    for (const secret of [f.bidderRegOnRegLot.id, f.bidderRegOnRegLot.bidderCode, f.bidderRegOnRegLot.payment.reference]) expect(text).to.not.include(secret);
  });

  it('when a lot is live with bids, then no caller\'s lot view, lot list or bid log ties a bidder code to a person', async () => {
    const personKeys = ['userId', 'user', 'realName', 'email', 'idNumber', 'name', 'registrationId', 'paymentReference'];
    const keysOf = (v: unknown, out: Set<string> = new Set()): Set<string> => {
      if (Array.isArray(v)) v.forEach((x) => keysOf(x, out));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) { out.add(k); keysOf(x, out); }
      return out;
    };
    expect(f.liveLot.bidCount).to.be.at.least(2);
    for (const caller of CALLERS) {
      const views = [
        await as[caller].get(`/api/lots/${f.liveLot.id}`),
        await as[caller].get(`/api/lots/${f.liveLot.id}/bid-log`),
        await as[caller].get('/api/lots?status=live'),
      ];
      for (const v of views) expect(v.status, caller).to.equal(200);
      const [lot, log] = views.map((v) => v.body);
      expect(lot.bids.map((b: { bidderCode: string }) => b.bidderCode)).to.have.length.at.least(2);
      expect(log.entries.map((e: { bidderCode: string }) => e.bidderCode)).to.have.length.at.least(2);
      const text = JSON.stringify(views.map((v) => v.body));
      for (const secret of f.secrets) expect(text, `${caller} sees ${secret}`).to.not.include(secret);
      const leaked = [...keysOf(views.map((v) => v.body))].filter((k) => personKeys.includes(k));
      expect(leaked, `${caller} sees person fields`).to.deep.equal([]);
    }
  });
});
