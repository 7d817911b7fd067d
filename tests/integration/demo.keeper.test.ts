import crypto from 'node:crypto';
import { expect } from 'chai';
import sharp from 'sharp';
import { createDemoKeeper } from '../../server/modules/demo/demo.keeper';
import { DEMO_ITEMS, DEMO_ROTATION } from '../../server/modules/demo/demo.content';
import { attachDemoMedia } from '../../server/modules/demo/demo.media';
import { download } from '../support/files';
import { startTestServer, type ApiClient, type TestServer } from '../support/server';

interface FileView { kind: string; title: string | null; url: string; thumbnailUrl?: string; displayUrl?: string; contentType: string }

/** A demo lot's files, as anyone downloads them: an illustration, captioned as one, with its sizes, and a PDF summary. */
async function expectDemoMedia(api: ApiClient, files: FileView[]) {
  const photos = files.filter((f) => f.kind === 'photo');
  const documents = files.filter((f) => f.kind === 'document');
  expect(photos, 'a photo').to.have.length.at.least(1);
  expect(documents, 'a document').to.have.length.at.least(1);
  for (const p of photos) {
    expect(p.title).to.include('示意图').and.include('Illustration');
    expect(p.contentType).to.equal('image/jpeg');
    const original = await download(api, p.url);
    expect(original.status).to.equal(200);
    expect((await sharp(original.bytes).metadata()).format).to.equal('jpeg');
    const thumb = await download(api, p.thumbnailUrl!);
    expect(thumb.status).to.equal(200);
    expect(await sharp(thumb.bytes).metadata()).to.include({ format: 'webp', width: 480, height: 360 });
    expect((await download(api, p.displayUrl!)).headers.get('content-type')).to.equal('image/webp');
  }
  for (const d of documents) {
    expect(d.contentType).to.equal('application/pdf');
    const served = await download(api, d.url);
    expect(served.status).to.equal(200);
    expect(served.bytes.subarray(0, 5).toString('latin1')).to.equal('%PDF-');
    expect(served.headers.get('content-disposition')).to.match(/^attachment;/);
  }
}

describe('the demo always has a live lot with simulated bidders', () => {
  let t: TestServer;
  let staff: { api: ApiClient; id: string };
  let finance: { api: ApiClient; id: string };
  let sims: Array<{ api: ApiClient; id: string; email: string }>;
  let keeper: ReturnType<typeof createDemoKeeper>;
  let caseId: string;
  // Its own settings row: other suites sharing the PostgreSQL database never see this keeper.
  const stateKey = `demo-test-${crypto.randomUUID()}`;

  before(async () => {
    t = await startTestServer();
    staff = await t.user('court_staff');
    finance = await t.user('finance');
    sims = [];
    for (let i = 0; i < 3; i++) sims.push(await t.user('bidder', { verified: true }));
    const c = await staff.api.post('/api/cases', { caseNumber: `(2026)浙0106执${crypto.randomInt(1e9)}号`, court: '杭州市西湖区人民法院', applicant: '某银行', respondent: '李某', claimAmount: '3200000.00' });
    expect(c.status).to.equal(201);
    caseId = c.body.id;
    // Always the first candidate and the smallest step: the bids are predictable.
    keeper = createDemoKeeper(t.platform, { stateKey, minutesLeft: 20, random: () => 0 });
  });
  after(async () => { await t?.stop(); });

  it('when a test server starts, then no keeper runs: nothing is opened until a test asks', async () => {
    expect(await keeper.readState()).to.equal(null);
    expect(await keeper.ensureLive()).to.equal(null);
  });

  it('when the keeper steps, then one lot is live, simulated bidders bid through the bid path, a newcomer can bid, and after it ends a new lot is opened', async () => {
    await keeper.writeState({ liveLotId: null, simulated: sims.map((s) => s.email), caseId, staffId: staff.id, financeId: finance.id, alsoRegister: [], opened: 0 });
    const first = await keeper.ensureLive();
    expect(first?.opened).to.equal(true);
    const lot1 = (await t.anon.get(`/api/lots/${first!.lotId}`)).body;
    expect(lot1.status).to.equal('live');
    expect(lot1.title).to.equal(DEMO_ROTATION[0].title);
    expect(lot1.titleEn).to.equal(DEMO_ROTATION[0].titleEn);
    expect(lot1.disclosureMissing).to.deep.equal([]);
    expect(new Date(lot1.endsAt).getTime() - t.now().getTime()).to.be.within(19 * 60_000, 20 * 60_000);
    expect(new Date(lot1.endsAt).getTime() - new Date(lot1.startsAt).getTime(), 'bidding lasts 24 hours (A20)').to.equal(24 * 60 * 60_000);
    expect(lot1.registrantCount).to.equal(3);
    await expectDemoMedia(t.anon, lot1.files);

    // While it is live, another step keeps it and bids on it.
    await keeper.step();
    expect((await keeper.ensureLive())).to.deep.equal({ lotId: lot1.id, opened: false });
    const bid1 = await keeper.simulateBid();
    expect(bid1).to.not.equal(null);
    const afterBids = (await t.anon.get(`/api/lots/${lot1.id}`)).body;
    expect(afterBids.bidCount).to.equal(2);
    expect(afterBids.currentPrice).to.equal(bid1!.amount);
    const log = (await t.anon.get(`/api/lots/${lot1.id}/bid-log`)).body;
    expect(log.entries).to.have.length(2);
    expect(log.entries[0].bidderCode).to.not.equal(log.entries[1].bidderCode, 'a leader never outbids itself');

    // A newcomer registers, has the deposit confirmed and bids at once.
    const newcomer = await t.user('bidder', { verified: true });
    const reg = await newcomer.api.post(`/api/lots/${lot1.id}/registrations`);
    expect(reg.status).to.equal(201);
    expect((await finance.api.post(`/api/finance/deposits/${reg.body.id}/confirm`, { bankReference: `BANK-${reg.body.id}` })).status).to.equal(200);
    const minimum = (Number(afterBids.currentPrice) + Number(afterBids.bidIncrement)).toFixed(2);
    const mine = await newcomer.api.post(`/api/lots/${lot1.id}/bids`, { amount: minimum, clientBidId: crypto.randomUUID() });
    expect(mine.status, JSON.stringify(mine.body)).to.equal(201);

    // The lot ends by the test clock and closes; the next step opens the next lot of the rotation, live.
    await t.advance(new Date(mine.body.endsAt).getTime() - t.now().getTime() + 1000);
    const closed = (await t.anon.get(`/api/lots/${lot1.id}`)).body;
    expect(closed.status).to.equal('sold');
    const second = await keeper.ensureLive();
    expect(second?.opened).to.equal(true);
    expect(second!.lotId).to.not.equal(lot1.id);
    const lot2 = (await t.anon.get(`/api/lots/${second!.lotId}`)).body;
    expect(lot2.status).to.equal('live');
    expect(lot2.title).to.equal(DEMO_ROTATION[1].title);
    expect(new Date(lot2.endsAt).getTime()).to.be.greaterThan(t.now().getTime());
    expect(await keeper.simulateBid()).to.not.equal(null);
    expect((await t.anon.get(`/api/lots/${lot2.id}`)).body.bidCount).to.equal(1);

    // And again when that one ends unsold or sold: always one live.
    await t.advance(new Date((await t.anon.get(`/api/lots/${lot2.id}`)).body.endsAt).getTime() - t.now().getTime() + 1000);
    const third = await keeper.ensureLive();
    expect(third?.opened).to.equal(true);
    expect((await t.anon.get(`/api/lots/${third!.lotId}`)).body.status).to.equal('live');
    await expectDemoMedia(t.anon, lot2.files);
    expect((await keeper.readState())?.opened).to.equal(3);

    // The rest of the rotation: every kind of lot the keeper opens comes with its illustration and summary.
    for (let i = 3; i <= DEMO_ROTATION.length; i++) {
      const live = (await t.anon.get(`/api/lots/${(await keeper.readState())!.liveLotId}`)).body;
      await t.advance(new Date(live.endsAt).getTime() - t.now().getTime() + 1000);
      const next = await keeper.ensureLive();
      const lot = (await t.anon.get(`/api/lots/${next!.lotId}`)).body;
      expect(lot.title).to.equal(DEMO_ROTATION[i % DEMO_ROTATION.length].title);
      await expectDemoMedia(t.anon, lot.files);
    }
  });

  it('when the seed lists the demo\'s announced property, then each asset gets its illustration and a PDF reference price summary through the files module', async () => {
    for (const item of Object.values(DEMO_ITEMS)) {
      const a = await staff.api.post('/api/assets', {
        caseId, title: item.title, titleEn: item.titleEn, kind: item.kind, description: item.description, descriptionEn: item.descriptionEn, preserved: false, appraisalMandatory: false,
      });
      expect(a.status, JSON.stringify(a.body)).to.equal(201);
      await attachDemoMedia(t.platform, a.body.id, { court: '杭州市西湖区人民法院', caseNumber: '(2026)浙0106执1234号', item, decidedAt: t.now() }, staff.id);
      // Not yet announced: court staff see and download them.
      const list = await staff.api.get(`/api/assets/${a.body.id}/files`);
      expect(list.status).to.equal(200);
      await expectDemoMedia(staff.api, list.body.files);
    }
  });

  it('when the kept lot has a leader and every other simulated bidder is past its budget, then no simulated bid is placed', async () => {
    const state = (await keeper.readState())!;
    const lot = (await t.anon.get(`/api/lots/${state.liveLotId}`)).body;
    const rich = await t.user('bidder', { verified: true });
    const reg = await rich.api.post(`/api/lots/${lot.id}/registrations`);
    await finance.api.post(`/api/finance/deposits/${reg.body.id}/confirm`, { bankReference: `BANK-${reg.body.id}` });
    // Above every simulated budget (at most 84% of the reference price).
    const high = (Number(lot.referencePrice) * 0.9).toFixed(2);
    expect((await rich.api.post(`/api/lots/${lot.id}/bids`, { amount: high, clientBidId: crypto.randomUUID() })).status).to.equal(201);
    expect(await keeper.simulateBid()).to.equal(null);
    expect((await t.anon.get(`/api/lots/${lot.id}`)).body.currentPrice).to.equal(high);
  });
});
