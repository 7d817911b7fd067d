import { expect } from 'chai';
import { lotBody, NOTICE_WAIT_MS } from '../support/factories';
import { courtServer, type ApiClient, type TestServer } from '../support/server';
import { cstDate } from '../../shared/rules';
import type { DutyItem } from '../../shared/api';

const DAY = 24 * 60 * 60 * 1000;
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

describe("the court's worklist: every duty, with its due date and reason", () => {
  let t: TestServer;
  let staff: ApiClient;
  let finance: ApiClient;
  /** This file's own court: under PostgreSQL every test shares one database, so each story reads only its court. */
  const court = `Duty Court ${crypto.randomUUID().slice(0, 8)}`;
  before(async () => ({ t, staff, finance } = await courtServer()));
  after(async () => { await t.stop(); });

  async function asset(kind: 'movable' | 'immovable' = 'movable', courtName = court) {
    const c = await staff.post('/api/cases', { caseNumber: `(2026)职执${crypto.randomUUID().slice(0, 8)}号`, court: courtName, applicant: 'Creditor Co.', respondent: 'Debtor Wang', claimAmount: '500000.00' });
    expect(c.status).to.equal(201);
    const a = await staff.post('/api/assets', { caseId: c.body.id, title: `Asset ${crypto.randomUUID().slice(0, 6)}`, kind, description: 'Seized.' });
    expect(a.status).to.equal(201);
    return { caseId: c.body.id as string, assetId: a.body.id as string };
  }
  async function priced(kind: 'movable' | 'immovable' = 'movable', courtName = court) {
    const a = await asset(kind, courtName);
    expect((await staff.post(`/api/assets/${a.assetId}/valuations`, { method: 'negotiated', amount: '100000.00' })).status).to.equal(201);
    return a;
  }
  async function duties(query = ''): Promise<{ items: DutyItem[]; truncated: boolean; asOf: string }> {
    const r = await staff.get(`/api/court/duties?court=${encodeURIComponent(court)}${query}`);
    expect(r.status).to.equal(200);
    return r.body;
  }
  const forLot = (items: DutyItem[], lotId: string) => items.filter((i) => i.lotId === lotId);

  it("when the asset has the court's English title, then its duty carries it for readers of English; without one it is null", async () => {
    const c = await staff.post('/api/cases', { caseNumber: `(2026)职执${crypto.randomUUID().slice(0, 8)}号`, court, applicant: 'Creditor Co.', respondent: 'Debtor Wang', claimAmount: '500000.00' });
    expect(c.status).to.equal(201);
    const a = await staff.post('/api/assets', { caseId: c.body.id, title: '银灰色轿车', titleEn: 'Silver sedan', kind: 'movable', description: 'Seized.' });
    expect(a.status, JSON.stringify(a.body)).to.equal(201);
    expect((await staff.post(`/api/assets/${a.body.id}/valuations`, { method: 'negotiated', amount: '100000.00' })).status).to.equal(201);
    const withEn = await staff.post('/api/lots', lotBody(t, a.body.id, { startInDays: 40 }));
    expect(withEn.status).to.equal(201);
    const { assetId } = await priced();
    const without = await staff.post('/api/lots', lotBody(t, assetId, { startInDays: 40 }));
    expect(without.status).to.equal(201);
    const items = (await duties()).items;
    expect(forLot(items, withEn.body.id)[0]).to.include({ assetTitle: '银灰色轿车', assetTitleEn: 'Silver sedan' });
    expect(forLot(items, without.body.id)[0].assetTitleEn).to.equal(null);
  });

  it('when a draft waits for its A16 notice, then the worklist says by when to notify so that the A12 period still fits; after the notice it says from when it may be published', async () => {
    const { assetId } = await priced('immovable');
    const created = await staff.post('/api/lots', lotBody(t, assetId, { startInDays: 40 }));
    expect(created.status).to.equal(201);
    const lotId = created.body.id as string;
    const startDate = cstDate(new Date(created.body.startsAt));
    // 30 days of announcement (A12, immovable): published on start − 31 at the latest; notified 4 days before that (A16).
    const latestPublish = addDays(startDate, -31);
    const [notice] = forLot((await duties()).items, lotId);
    expect(notice).to.include({ kind: 'notice_to_send', reasonCode: 'NOTICE_TO_SEND', urgency: 'upcoming', article: 'A16', assetId });
    expect(notice.reasonParams).to.include({ latestPublishDate: latestPublish, latestNoticeDate: addDays(latestPublish, -4), startDate, days: '30' });
    expect(cstDate(new Date(notice.dueAt!))).to.equal(addDays(latestPublish, -4));

    expect((await staff.post(`/api/lots/${lotId}/notify-parties`, { note: 'Served in writing.' })).status).to.equal(200);
    const [waiting] = forLot((await duties()).items, lotId);
    expect(waiting).to.include({ kind: 'draft_to_publish', reasonCode: 'PUBLISH_FROM', urgency: 'upcoming' });
    expect(waiting.reasonParams).to.include({ earliestPublishDate: addDays(cstDate(t.now()), 4), latestPublishDate: latestPublish });

    await t.advance(NOTICE_WAIT_MS);
    const [ready] = forLot((await duties()).items, lotId);
    expect(ready).to.include({ kind: 'draft_to_publish', reasonCode: 'PUBLISH_NOW', article: 'A12' });
    const pub = await staff.post(`/api/lots/${lotId}/publish`);
    expect(pub.status, JSON.stringify(pub.body)).to.equal(200);
    expect(forLot((await duties()).items, lotId)).to.have.length(0);
  });

  it('when a draft was not notified in time for its start, then the notice is overdue and ranked before every later duty', async () => {
    const { assetId } = await priced('movable');
    const late = await staff.post('/api/lots', lotBody(t, assetId, { startInDays: 16 }));
    expect(late.status).to.equal(201);
    const { assetId: other } = await priced('movable');
    const early = await staff.post('/api/lots', lotBody(t, other, { startInDays: 60 }));
    const { items } = await duties();
    const lateItem = forLot(items, late.body.id)[0];
    expect(lateItem).to.include({ kind: 'notice_to_send', reasonCode: 'NOTICE_TOO_LATE', urgency: 'overdue' });
    expect(items.findIndex((i) => i.lotId === late.body.id)).to.be.lessThan(items.findIndex((i) => i.lotId === early.body.id));
    const ranks = items.map((i) => ['overdue', 'today', 'upcoming'].indexOf(i.urgency));
    expect(ranks).to.deep.equal([...ranks].sort((a, b) => a - b));
  });

  it('when a lot ends today (UTC+8), then it is listed; a sold lot whose buyer has not paid shows its balance due (A25); a loser whose deposit was not refunded within 24 hours shows a refund overdue (A23)', async () => {
    const { assetId } = await priced('movable');
    const created = await staff.post('/api/lots', lotBody(t, assetId, { startInDays: 21 }));
    const lotId = created.body.id as string;
    await staff.post(`/api/lots/${lotId}/notify-parties`, { note: 'Served.' });
    await t.advance(NOTICE_WAIT_MS);
    const pub = await staff.post(`/api/lots/${lotId}/publish`);
    expect(pub.status, JSON.stringify(pub.body)).to.equal(200);
    const endsAt = new Date(created.body.endsAt);
    // Into the lot's last day: live, and its end is today in UTC+8.
    const dayStart = Date.parse(`${cstDate(endsAt)}T00:00:00+08:00`);
    const target = Math.max(new Date(created.body.startsAt).getTime() + 1000, dayStart + 1000);
    await t.advance(target - t.now().getTime());
    const winner = await bidder(lotId);
    const loser = await bidder(lotId);
    expect((await winner.api.post(`/api/lots/${lotId}/bids`, { amount: '71000.00', clientBidId: 'w1' })).status).to.equal(201);
    expect((await loser.api.post(`/api/lots/${lotId}/bids`, { amount: '70000.00', clientBidId: 'l0' })).status).to.equal(422);
    const ending = forLot((await duties()).items, lotId);
    expect(ending.map((i) => i.kind)).to.deep.equal(['ending_today']);
    expect(ending[0]).to.include({ urgency: 'today', reasonCode: 'ENDING_TODAY', dueAt: endsAt.toISOString(), amount: '71000.00' });

    await t.advance(endsAt.getTime() - t.now().getTime() + 1000);
    expect((await t.anon.get(`/api/lots/${lotId}`)).body.status).to.equal('sold');
    const afterClose = forLot((await duties()).items, lotId);
    const balance = afterClose.find((i) => i.kind === 'balance_due')!;
    expect(balance).to.include({ reasonCode: 'BALANCE_DUE', article: 'A25', amount: '71000.00' });
    expect(balance.reasonParams.dueAt).to.equal(balance.dueAt);
    expect(afterClose.some((i) => i.kind === 'refund_overdue')).to.equal(false);

    await t.advance(25 * 60 * 60 * 1000);
    const refunds = forLot((await duties()).items, lotId).filter((i) => i.kind === 'refund_overdue');
    expect(refunds).to.have.length(1);
    expect(refunds[0]).to.include({ urgency: 'overdue', reasonCode: 'REFUND_OVERDUE', article: 'A23', amount: '7000.00' });
    // Overdue items come first: the refund before the balance that is still due.
    const mine = forLot((await duties()).items, lotId);
    expect(mine.map((i) => i.kind)).to.deep.equal(['refund_overdue', 'balance_due']);

    const paid = await finance.post(`/api/finance/lots/${lotId}/balance`, { bankReference: `BAL-${lotId}` });
    expect(paid.status).to.equal(200);
    expect(forLot((await duties()).items, lotId).map((i) => i.kind)).to.deep.equal(['refund_overdue']);
  });

  async function bidder(lotId: string) {
    const b = await t.user('bidder', { verified: true });
    const reg = await b.api.post(`/api/lots/${lotId}/registrations`);
    expect(reg.status).to.equal(201);
    expect((await finance.post(`/api/finance/deposits/${reg.body.id}/confirm`, { bankReference: `BANK-${reg.body.id}` })).status).to.equal(200);
    return b;
  }

  it('when a determination collects its appraisal, then it is listed with its report deadline (B19); kind= narrows the list', async () => {
    const { assetId } = await asset('movable');
    const v = await staff.post(`/api/assets/${assetId}/valuations`, { method: 'appraisal', selection: 'agreed', agencies: ['Agency A', 'Agency B', 'Agency C'], skipAgreement: { note: 'Both parties asked for an appraisal.' } });
    expect(v.status).to.equal(201);
    const only = await duties('&kind=determination');
    expect(only.items.every((i) => i.kind === 'determination')).to.equal(true);
    const mine = only.items.find((i) => i.valuationId === v.body.id)!;
    expect(mine).to.include({ assetId, reasonCode: 'DETERMINATION_COLLECTING', article: 'B19', lotId: null });
    expect(mine.reasonParams).to.include({ method: 'appraisal' });
    expect(mine.dueAt).to.be.a('string');
  });

  it("when another court's duty exists, then ?court= leaves it out, and the list stays within its limit", async () => {
    const elsewhere = `Other Court ${crypto.randomUUID().slice(0, 8)}`;
    const { assetId } = await priced('movable', elsewhere);
    const lot = await staff.post('/api/lots', lotBody(t, assetId));
    expect((await duties()).items.some((i) => i.lotId === lot.body.id)).to.equal(false);
    const there = await staff.get(`/api/court/duties?court=${encodeURIComponent(elsewhere)}`);
    expect(there.body.items.map((i: DutyItem) => i.lotId)).to.deep.equal([lot.body.id]);
    const one = await duties('&limit=1');
    expect(one.items).to.have.length(1);
    expect(one.truncated).to.equal(true);
  });

  it('when a bidder, finance or nobody asks for the worklist, then it is refused; a bad query is a 400', async () => {
    expect((await t.anon.get('/api/court/duties')).status).to.equal(401);
    expect((await finance.get('/api/court/duties')).status).to.equal(403);
    expect((await (await t.user('bidder')).api.get('/api/court/duties')).status).to.equal(403);
    expect((await staff.get('/api/court/duties?kind=everything')).status).to.equal(400);
    expect((await staff.get('/api/court/duties?limit=501')).status).to.equal(400);
    expect((await staff.get('/api/court/duties?extra=1')).status).to.equal(400);
  });
});
