import { expect } from 'chai';
import { io, type Socket } from 'socket.io-client';
import { bidderWithDeposit, publishedLot } from '../support/factories';
import { courtServer, emitAck, type TestServer } from '../support/server';

const EVIL = 'http://evil.example';

async function sessionCookie(t: TestServer, email: string): Promise<string> {
  const r = await t.anon.post('/api/auth/login', { email, password: 'correct-horse-battery' });
  expect(r.status).to.equal(200);
  return (r.headers.get('set-cookie') ?? '').split(';')[0];
}

/** A socket as a browser on another site would open it: its own Origin, the victim's cookie riding along. */
async function cookieSocket(t: TestServer, cookie: string, origin: string | null, transport: 'websocket' | 'polling' = 'websocket'): Promise<Socket> {
  // A browser's same-origin polling GET carries no Origin; its Sec-Fetch-Site says where it came from.
  const headers: Record<string, string> = origin ? { origin, cookie } : { cookie, 'sec-fetch-site': 'same-origin' };
  const s = io(`${t.url}/live`, { transports: [transport], forceNew: true, reconnection: false, extraHeaders: headers });
  await new Promise<void>((resolve, reject) => {
    s.once('connect', () => resolve());
    s.once('connect_error', reject);
  });
  return s;
}

describe('cross-site requests: cookie-authenticated state changes must come from the platform origin', () => {
  let t: TestServer;
  let lot: { id: string };
  let bidder: Awaited<ReturnType<typeof bidderWithDeposit>>;
  let rival: Awaited<ReturnType<typeof bidderWithDeposit>>;
  let cookie: string;
  const sockets: Socket[] = [];
  before(async function () {
    this.timeout(120_000);
    const cast = await courtServer();
    t = cast.t;
    lot = await publishedLot(t, cast.staff, { live: true });
    bidder = await bidderWithDeposit(t, lot.id, cast.finance);
    rival = await bidderWithDeposit(t, lot.id, cast.finance);
    cookie = await sessionCookie(t, bidder.email);
  });
  after(async () => {
    for (const s of sockets) s.disconnect();
    await t.stop();
  });

  const post = (path: string, body: unknown, headers: Record<string, string>) => t.anon.request('POST', path, body, { headers });

  it('when a cookie-authenticated bid comes from another origin, then 403 FORBIDDEN CROSS_ORIGIN and no bid is recorded', async () => {
    const r = await post(`/api/lots/${lot.id}/bids`, { amount: '70000.00', clientBidId: 'csrf-1' }, { cookie, origin: EVIL });
    expect(r.status).to.equal(403);
    expect(r.body.error.code).to.equal('FORBIDDEN');
    expect(r.body.error.details.reason).to.equal('CROSS_ORIGIN');
    const viaReferer = await post(`/api/lots/${lot.id}/bids`, { amount: '70000.00', clientBidId: 'csrf-2' }, { cookie, referer: `${EVIL}/page` });
    expect(viaReferer.status).to.equal(403);
    const crossSite = await post(`/api/lots/${lot.id}/bids`, { amount: '70000.00', clientBidId: 'csrf-4' }, { cookie, 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).to.equal(403);
    const neither = await post(`/api/lots/${lot.id}/bids`, { amount: '70000.00', clientBidId: 'csrf-3' }, { cookie });
    expect(neither.status).to.equal(403);
    expect(neither.body.error.details.reason).to.equal('CROSS_ORIGIN');
    expect((await t.anon.get(`/api/lots/${lot.id}`)).body.bidCount).to.equal(0);
  });

  it('when a cookie-authenticated change comes from the platform origin, or a bearer token is used from anywhere, then it is accepted', async () => {
    const sameOrigin = await post(`/api/lots/${lot.id}/bids`, { amount: '70000.00', clientBidId: 'same-1' }, { cookie, origin: t.url });
    expect(sameOrigin.status).to.equal(201);
    const bearer = await rival.api.request('POST', `/api/lots/${lot.id}/bids`, { amount: '71000.00', clientBidId: 'bearer-1' }, { headers: { origin: EVIL } });
    expect(bearer.status).to.equal(201);
    const viaReferer = await post(`/api/lots/${lot.id}/bids`, { amount: '72000.00', clientBidId: 'same-2' }, { cookie, referer: `${t.url}/lots/${lot.id}` });
    expect(viaReferer.status).to.equal(201);
    // Reading with the cookie from elsewhere is not a state change.
    expect((await t.anon.request('GET', '/api/me', undefined, { headers: { cookie, origin: EVIL } })).status).to.equal(200);
  });

  it('when a login is posted from another origin, then 403 and no session cookie is set', async () => {
    const r = await post('/api/auth/login', { email: bidder.email, password: 'correct-horse-battery' }, { origin: EVIL });
    expect(r.status).to.equal(403);
    expect(r.body.error.details.reason).to.equal('CROSS_ORIGIN');
    expect(r.headers.get('set-cookie')).to.equal(null);
    expect((await post('/api/auth/login', { email: bidder.email, password: 'correct-horse-battery' }, { origin: t.url })).status).to.equal(200);
  });

  it('when a socket from another origin carries the victim\'s cookie, then it may watch but its bid is refused', async () => {
    expect((await rival.api.post(`/api/lots/${lot.id}/bids`, { amount: '80000.00', clientBidId: 'rival-2' })).status).to.equal(201);
    const s = await cookieSocket(t, cookie, EVIL);
    sockets.push(s);
    const watch = await emitAck(s, 'lot:watch', { lotId: lot.id });
    expect(watch.ok).to.equal(true);
    const before = watch.snapshot.bidCount;
    const bid = await emitAck(s, 'bid:place', { lotId: lot.id, amount: '90000.00', clientBidId: 'evil-socket' });
    expect(bid.ok).to.equal(false);
    expect(bid.error.code).to.equal('FORBIDDEN');
    expect(bid.error.reason).to.equal('CROSS_ORIGIN');
    expect((await t.anon.get(`/api/lots/${lot.id}`)).body.bidCount).to.equal(before);
  });

  it('when the Origin or Referer is opaque (a file, data or extension page) or not a URL, then 403 CROSS_ORIGIN, never a 500', async () => {
    for (const origin of ['file://', 'data:text/html,x', 'about:blank', 'chrome-extension://abc', 'not a url']) {
      const bid = await post(`/api/lots/${lot.id}/bids`, { amount: '95000.00', clientBidId: 'opaque-1' }, { cookie, origin });
      expect(bid.status, origin).to.equal(403);
      expect(bid.body.error.details.reason, origin).to.equal('CROSS_ORIGIN');
      const login = await post('/api/auth/login', { email: bidder.email, password: 'wrong-password-here' }, { origin });
      expect(login.status, origin).to.equal(403);
    }
    expect((await post(`/api/lots/${lot.id}/bids`, { amount: '95000.00', clientBidId: 'opaque-2' }, { cookie, referer: 'file:///x' })).status).to.equal(403);
    expect((await post('/api/auth/login', { email: bidder.email, password: 'wrong-password-here' }, { referer: 'file:///x' })).status).to.equal(403);
    const s = await cookieSocket(t, cookie, 'file://');
    sockets.push(s);
    const bid = await emitAck(s, 'bid:place', { lotId: lot.id, amount: '95000.00', clientBidId: 'opaque-socket' });
    expect(bid.error).to.include({ code: 'FORBIDDEN', reason: 'CROSS_ORIGIN' });
  });

  it('when a socket from the platform origin carries the cookie, then it bids', async () => {
    const s = await cookieSocket(t, cookie, t.url);
    sockets.push(s);
    const bid = await emitAck(s, 'bid:place', { lotId: lot.id, amount: '90000.00', clientBidId: 'own-socket' });
    expect(bid.ok, JSON.stringify(bid)).to.equal(true);
    expect((await rival.api.post(`/api/lots/${lot.id}/bids`, { amount: '91000.00', clientBidId: 'rival-3' })).status).to.equal(201);
    const polling = await cookieSocket(t, cookie, null, 'polling');
    sockets.push(polling);
    const viaPolling = await emitAck(polling, 'bid:place', { lotId: lot.id, amount: '92000.00', clientBidId: 'own-polling' });
    expect(viaPolling.ok, JSON.stringify(viaPolling)).to.equal(true);
  });
});

describe('PUBLIC_ORIGIN names the one origin browsers use', () => {
  let t: TestServer;
  let lot: { id: string };
  let cookie: string;
  before(async function () {
    this.timeout(120_000);
    const cast = await courtServer({ env: { PUBLIC_ORIGIN: 'https://auction.example.court' } });
    t = cast.t;
    lot = await publishedLot(t, cast.staff, { live: true });
    const bidder = await bidderWithDeposit(t, lot.id, cast.finance);
    cookie = await sessionCookie(t, bidder.email);
  });
  after(async () => { await t.stop(); });

  it('when PUBLIC_ORIGIN is set, then a cookie-authenticated change from it is accepted and one from the server\'s own host is refused', async () => {
    const ok = await t.anon.request('POST', `/api/lots/${lot.id}/bids`, { amount: '70000.00', clientBidId: 'po-1' }, { headers: { cookie, origin: 'https://auction.example.court' } });
    expect(ok.status).to.equal(201);
    const other = await t.anon.request('POST', `/api/lots/${lot.id}/bids`, { amount: '71000.00', clientBidId: 'po-2' }, { headers: { cookie, origin: t.url } });
    expect(other.status).to.equal(403);
  });
});
