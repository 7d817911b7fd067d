import { expect } from 'chai';
import type { Socket } from 'socket.io-client';
import { SMTPServer } from 'smtp-server';
import type { NotificationView } from '../../shared/api';
import { assetWithReference, bidderWithDeposit, lotBody, publishedLot } from '../support/factories';
import { courtServer, nextEvent, type ApiClient, type TestServer } from '../support/server';

type Kind = NotificationView['kind'];

/** Polls the caller's alerts until one of the kind (and lot) is there; alerts written after a commit may take a tick. */
async function alertOf(api: ApiClient, kind: Kind, lotId: string | null, timeoutMs = 5000): Promise<NotificationView> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const r = await api.call('myNotifications', { query: { limit: 100 } });
    const found = r.body.notifications.find((n) => n.kind === kind && (lotId === null || n.lotId === lotId));
    if (found) return found;
    if (Date.now() > until) throw new Error(`no ${kind} alert within ${timeoutMs} ms: ${JSON.stringify(r.body.notifications.map((n) => n.kind))}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function kinds(api: ApiClient, lotId: string): Promise<Kind[]> {
  return (await api.call('myNotifications', { query: { limit: 100 } })).body.notifications.filter((n) => n.lotId === lotId).map((n) => n.kind);
}

/** Every `notification` event a socket receives, kept in order. */
function collect(socket: Socket): NotificationView[] {
  const got: NotificationView[] = [];
  socket.on('notification', (n: NotificationView) => got.push(n));
  return got;
}

const endOf = (lot: { endsAt: string }) => new Date(lot.endsAt).getTime();

describe('watching lots and alerts', () => {
  let t: TestServer;
  let staff: ApiClient;
  let finance: ApiClient;
  before(async () => ({ t, staff, finance } = await courtServer()));
  after(async () => { await t.stop(); });

  describe('the watchlist', () => {
    it('when a signed-in user watches a lot twice and unwatches it twice, then each answer says so and the list holds it once, then not at all', async () => {
      const lot = await publishedLot(t, staff);
      const u = await t.user('bidder');
      const first = await u.api.call('watchLot', { params: { lotId: lot.id } });
      expect(first.body).to.deep.equal({ lotId: lot.id, watching: true });
      expect((await u.api.call('watchLot', { params: { lotId: lot.id } })).body).to.deep.equal({ lotId: lot.id, watching: true });
      const list = (await u.api.call('myWatchlist')).body.lots;
      expect(list.filter((l) => l.lotId === lot.id)).to.have.length(1);
      expect(list[0]).to.include({ lotId: lot.id, title: 'Seized sedan', court: 'Test District Court', status: 'announced', startingPrice: '70000.00', currentPrice: null });
      const other = await t.user('bidder');
      expect((await other.api.call('myWatchlist')).body.lots, "another user's list").to.deep.equal([]);
      expect((await u.api.call('unwatchLot', { params: { lotId: lot.id } })).body).to.deep.equal({ lotId: lot.id, watching: false });
      expect((await u.api.call('unwatchLot', { params: { lotId: lot.id } })).body).to.deep.equal({ lotId: lot.id, watching: false });
      expect((await u.api.call('myWatchlist')).body.lots).to.deep.equal([]);
    });

    it('when the lot is unknown or still a draft, then watching it is 404; when the caller is anonymous, then 401; a bad id is 400', async () => {
      const u = await t.user('bidder');
      const { assetId } = await assetWithReference(t, staff);
      const draft = await staff.post('/api/lots', lotBody(t, assetId));
      expect(draft.status).to.equal(201);
      for (const method of ['PUT', 'DELETE']) {
        expect((await u.api.request(method, '/api/me/watchlist/no-such-lot')).status).to.equal(404);
        expect((await u.api.request(method, `/api/me/watchlist/${draft.body.id}`)).status).to.equal(404);
        expect((await u.api.request(method, '/api/me/watchlist/bad%20id')).status).to.equal(400);
        const anon = await t.anon.request(method, `/api/me/watchlist/${draft.body.id}`);
        expect(anon.status).to.equal(401);
        expect(anon.body.error.code).to.equal('UNAUTHENTICATED');
      }
      expect((await t.anon.get('/api/me/watchlist')).status).to.equal(401);
      expect((await u.api.call('myWatchlist')).body.lots).to.deep.equal([]);
    });
  });

  describe('alerts from the real flow', () => {
    it('when a lot starts, then its watchers and registered bidders are told, and nobody else', async () => {
      const lot = await publishedLot(t, staff);
      const watcher = await t.user('bidder');
      await watcher.api.call('watchLot', { params: { lotId: lot.id } });
      const registered = await t.user('bidder', { verified: true });
      expect((await registered.api.post(`/api/lots/${lot.id}/registrations`)).status).to.equal(201);
      const stranger = await t.user('bidder');
      await t.advance(new Date(lot.startsAt).getTime() - t.now().getTime() + 500);
      const w = await alertOf(watcher.api, 'lot_starting', lot.id);
      expect(w.params).to.include({ title: 'Seized sedan', startsAt: lot.startsAt, endsAt: lot.endsAt });
      expect(w.readAt).to.equal(null);
      await alertOf(registered.api, 'lot_starting', lot.id);
      expect(await kinds(stranger.api, lot.id)).to.deep.equal([]);
    });

    it('when finance confirms a deposit, then its bidder is told it is held, with the amount', async () => {
      const lot = await publishedLot(t, staff);
      const b = await bidderWithDeposit(t, lot.id, finance);
      const n = await alertOf(b.api, 'deposit_held', lot.id);
      expect(n.params).to.include({ amount: '7000.00', title: 'Seized sedan' });
    });

    it('when a bidder is outbid, then that bidder alone is pushed an outbid alert naming the new price and no one behind the code', async () => {
      const lot = await publishedLot(t, staff, { live: true });
      const a = await bidderWithDeposit(t, lot.id, finance);
      const b = await bidderWithDeposit(t, lot.id, finance);
      const c = await bidderWithDeposit(t, lot.id, finance);
      const [sa, sb, sc] = await Promise.all([t.socket(a.token), t.socket(b.token), t.socket(c.token)]);
      const [gotA, gotB, gotC] = [collect(sa), collect(sb), collect(sc)];
      expect((await a.api.post(`/api/lots/${lot.id}/bids`, { amount: '70000.00', clientBidId: 'a-1' })).status).to.equal(201);
      const pushed = nextEvent(sa, 'notification', (n) => n.kind === 'outbid' && n.lotId === lot.id);
      expect((await b.api.post(`/api/lots/${lot.id}/bids`, { amount: '71000.00', clientBidId: 'b-1' })).status).to.equal(201);
      const n = await pushed;
      expect(n.params).to.include({ currentPrice: '71000.00', title: 'Seized sedan', lastMinutes: false });
      const text = JSON.stringify(n);
      for (const secret of [b.id, b.email, b.bidderCode, b.registration.id]) expect(text, 'the alert names nobody').to.not.include(secret);
      // The same alert is in A's list; B (who leads) and C (never outbid) have none, on the socket or in the list.
      expect((await alertOf(a.api, 'outbid', lot.id)).id).to.equal(n.id);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(gotB.filter((x) => x.kind === 'outbid')).to.deep.equal([]);
      expect(gotC.filter((x) => x.kind === 'outbid')).to.deep.equal([]);
      expect(await kinds(b.api, lot.id)).to.not.include('outbid');
      expect(await kinds(c.api, lot.id)).to.not.include('outbid');
      expect(gotA.filter((x) => x.kind === 'deposit_held' && x.lotId !== lot.id), 'no one else\'s alerts').to.deep.equal([]);
    });

    it('when a bidder is outbid in the last five minutes, then the alert is pushed within a second and says so, and watchers hear the end was extended', async () => {
      const lot = await publishedLot(t, staff, { live: true });
      const a = await bidderWithDeposit(t, lot.id, finance);
      const b = await bidderWithDeposit(t, lot.id, finance);
      const watcher = await t.user('bidder');
      await watcher.api.call('watchLot', { params: { lotId: lot.id } });
      await t.advance(endOf(lot) - t.now().getTime() - 2 * 60_000);
      const sa = await t.socket(a.token);
      expect((await a.api.post(`/api/lots/${lot.id}/bids`, { amount: '70000.00', clientBidId: 'a-late' })).status).to.equal(201);
      const pushed = nextEvent(sa, 'notification', (n) => n.kind === 'outbid' && n.lotId === lot.id, 1000);
      const bid = await b.api.post(`/api/lots/${lot.id}/bids`, { amount: '71000.00', clientBidId: 'b-late' });
      expect(bid.status).to.equal(201);
      expect(bid.body.extended).to.equal(true);
      const n = await pushed;
      expect(n.params).to.include({ lastMinutes: true, currentPrice: '71000.00', endsAt: bid.body.endsAt });
      const ext = await alertOf(watcher.api, 'end_extended', lot.id);
      expect(ext.params.endsAt).to.equal(bid.body.endsAt);
      // A's bid, also in the last minutes, extended the end too, and b may be told of that one; of its own, never.
      const toB = (await b.api.call('myNotifications', { query: { limit: 100 } })).body.notifications
        .filter((x) => x.lotId === lot.id && x.kind === 'end_extended').map((x) => x.params.endsAt);
      expect(toB, 'the bidder who extended it is not told').to.not.include(bid.body.endsAt);
    });

    it('when a lot closes sold, then the winner is told it won and the balance due; a loser is told when the refund is sent', async () => {
      const lot = await publishedLot(t, staff, { live: true });
      const winner = await bidderWithDeposit(t, lot.id, finance);
      const loser = await bidderWithDeposit(t, lot.id, finance);
      expect((await loser.api.post(`/api/lots/${lot.id}/bids`, { amount: '70000.00', clientBidId: 'l-1' })).status).to.equal(201);
      expect((await winner.api.post(`/api/lots/${lot.id}/bids`, { amount: '75000.00', clientBidId: 'w-1' })).status).to.equal(201);
      await t.advance(endOf(lot) - t.now().getTime() + 10);
      const closed = (await t.anon.get(`/api/lots/${lot.id}`)).body;
      expect(closed.status).to.equal('sold');
      expect((await alertOf(winner.api, 'lot_won', lot.id)).params).to.include({ finalPrice: '75000.00' });
      const due = await alertOf(winner.api, 'balance_due', lot.id);
      expect(due.params).to.include({ amount: '68000.00' });
      expect(due.params.dueAt).to.be.a('string');
      expect(await kinds(loser.api, lot.id)).to.not.include('lot_won');

      const refunds = (await finance.get('/api/finance/refunds?status=due')).body as Array<{ id: string; registrationId: string }>;
      const row = refunds.find((r) => r.registrationId === loser.registration.id)!;
      expect((await finance.post(`/api/finance/refunds/${row.id}/sent`, { bankReference: `RFD-${row.id}` })).status).to.equal(200);
      expect((await alertOf(loser.api, 'refund_sent', lot.id)).params).to.include({ amount: '7000.00' });
      expect(await kinds(winner.api, lot.id)).to.not.include('refund_sent');
    });
  });

  describe('reading alerts', () => {
    it('when alerts are read in pages and marked read, then they come newest first, the unread count follows, and another user can neither read nor mark them', async () => {
      const owner = await t.user('bidder', { verified: true });
      const lots = [];
      for (let i = 0; i < 3; i++) {
        const lot = await publishedLot(t, staff);
        const reg = await owner.api.post(`/api/lots/${lot.id}/registrations`);
        expect((await finance.post(`/api/finance/deposits/${reg.body.id}/confirm`, { bankReference: `PAGE-${reg.body.id}` })).status).to.equal(200);
        lots.push(lot);
      }
      const all = (await owner.api.call('myNotifications')).body;
      expect(all.notifications.map((n) => n.lotId)).to.deep.equal(lots.map((l) => l.id).reverse());
      expect(all.unread).to.equal(3);
      const page1 = (await owner.api.call('myNotifications', { query: { limit: 2 } })).body;
      expect(page1.notifications).to.have.length(2);
      expect(page1.nextBefore).to.equal(page1.notifications[1].id);
      const page2 = (await owner.api.call('myNotifications', { query: { limit: 2, before: page1.nextBefore! } })).body;
      expect(page2.notifications.map((n) => n.lotId)).to.deep.equal([lots[0].id]);
      expect(page2.nextBefore).to.equal(null);

      const intruder = await t.user('bidder');
      expect((await t.anon.get('/api/me/notifications')).status).to.equal(401);
      expect((await t.anon.post('/api/me/notifications/read', { all: true })).status).to.equal(401);
      expect((await intruder.api.call('myNotifications')).body.notifications).to.deep.equal([]);
      expect((await intruder.api.call('markNotificationsRead', { body: { ids: [all.notifications[0].id] } })).body.unread).to.equal(0);
      expect((await owner.api.call('myNotifications')).body.unread, "the intruder's mark changed nothing").to.equal(3);

      expect((await owner.api.call('markNotificationsRead', { body: { ids: [all.notifications[0].id] } })).body.unread).to.equal(2);
      const unreadOnly = (await owner.api.call('myNotifications', { query: { unread: '1' } })).body.notifications;
      expect(unreadOnly.map((n) => n.lotId)).to.deep.equal([lots[1].id, lots[0].id]);
      expect((await owner.api.call('markNotificationsRead', { body: { all: true } })).body.unread).to.equal(0);
      expect((await owner.api.post('/api/me/notifications/read', {})).status, 'neither ids nor all').to.equal(400);
    });
  });
});

describe('alert emails through SMTP', () => {
  let t: TestServer;
  let finance: ApiClient;
  let staff: ApiClient;
  let smtp: SMTPServer;
  let port: number;
  const mails: Array<{ to: string[]; raw: string }> = [];
  /** Recipients whose next delivery the server refuses with a temporary error. */
  const refuseOnce = new Set<string>();

  before(async () => {
    smtp = new SMTPServer({
      authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
      onRcptTo(address, _session, cb) {
        if (refuseOnce.delete(address.address)) return cb(Object.assign(new Error('Mailbox busy, try later'), { responseCode: 451 }));
        cb();
      },
      onData(stream, session, cb) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
          cb();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
    port = (smtp.server.address() as { port: number }).port;
    ({ t, staff, finance } = await courtServer({ env: { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'Court auctions <auctions@test.court>' } }));
  });
  after(async () => {
    await t?.stop();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  async function mailTo(email: string, timeoutMs = 8000) {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const m = mails.find((x) => x.to.includes(email));
      if (m) return m;
      if (Date.now() > until) throw new Error(`no mail to ${email} within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** The Subject header with its MIME encoded-words decoded. */
  function subjectOf(raw: string): string {
    const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
    const value = /^Subject: (.*)$/m.exec(head)![1];
    return value.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_m, enc: string, data: string) => enc.toLowerCase() === 'b'
      ? Buffer.from(data, 'base64').toString('utf8')
      : Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8')).trim();
  }

  /** The decoded text of a mail (nodemailer sends non-ASCII bodies quoted-printable or base64). */
  function textOf(raw: string): string {
    const [head, ...rest] = raw.split(/\r?\n\r?\n/);
    const body = rest.join('\n\n');
    if (/content-transfer-encoding: base64/i.test(head)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    if (/content-transfer-encoding: quoted-printable/i.test(head)) {
      return Buffer.from(body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
    }
    return body;
  }

  it('when a deposit is held, then the bidder gets a mail in Chinese and English from MAIL_FROM, and the request did not wait for it', async () => {
    const lot = await publishedLot(t, staff);
    const b = await bidderWithDeposit(t, lot.id, finance);
    const m = await mailTo(b.email);
    expect(m.raw).to.match(/^From: Court auctions <auctions@test\.court>/m);
    expect(subjectOf(m.raw)).to.equal('保证金已到账 / Deposit received');
    const text = textOf(m.raw);
    expect(text).to.include('保证金 ¥7,000.00 已确认').and.to.include('¥7,000.00').and.to.include('Your deposit of ¥7,000.00');
  });

  it('when the mail server refuses a delivery, then the mail is tried again later and arrives', async () => {
    const lot = await publishedLot(t, staff);
    const u = await t.user('bidder', { verified: true });
    refuseOnce.add(u.email);
    const reg = await u.api.post(`/api/lots/${lot.id}/registrations`);
    expect((await finance.post(`/api/finance/deposits/${reg.body.id}/confirm`, { bankReference: `SMTP-${reg.body.id}` })).status).to.equal(200);
    const until = Date.now() + 8000;
    while (refuseOnce.has(u.email) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(refuseOnce.has(u.email), 'the first attempt reached the server').to.equal(false);
    expect(mails.some((x) => x.to.includes(u.email)), 'nothing delivered on the refused attempt').to.equal(false);
    await t.advance(31_000);
    const m = await mailTo(u.email);
    expect(subjectOf(m.raw)).to.equal('保证金已到账 / Deposit received');
  });
});
