import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { assetWithReference, bidderWithDeposit, publishedLot } from '../support/factories';
import { journeyHooks, loggedIn as loggedInAs } from '../support/browser';
import { expectCjkText } from '../support/pdf';
import { courtServer, type ApiClient, type TestServer } from '../support/server';

describe('browser journeys: the lot form explains the law, a priority holder matches, the buyer downloads the confirmation', () => {
  let t: TestServer, staff: ApiClient, finance: ApiClient, staffEmail: string, browser: Browser;
  journeyHooks(async () => {
    const { t, finance } = await courtServer();
    const s = await t.user('court_staff');
    return { t, finance, staff: s.api, staffEmail: s.email };
  }, (s) => ({ t, staff, finance, staffEmail, browser } = s));

  const loggedIn = (email: string, width = 1280): Promise<Page> => loggedInAs(browser, t.url, email, width);

  it('when court staff type a starting price under 70% of the reference, then the form explains A10 before submit and nothing is created', async function () {
    this.timeout(60_000);
    const { caseId, assetId } = await assetWithReference(t, staff, { reference: '100000.00' });
    const page = await loggedIn(staffEmail);
    await page.goto(`${t.url}/court/cases/${caseId}`);
    await page.getByRole('button', { name: 'New lot for this asset' }).click();
    const starting = page.getByTestId('lot-form-starting-price');
    await starting.fill('69999.99');
    const violations = page.getByTestId('lot-form-violations');
    await violations.filter({ hasText: 'A10' }).waitFor({ timeout: 5000 });
    await violations.filter({ hasText: '70,000.00' }).waitFor();
    expect(await page.getByTestId('lot-form-submit').isDisabled()).to.equal(true);
    const lots = (await staff.get('/api/lots')).body.lots.filter((l: { assetId: string }) => l.assetId === assetId);
    expect(lots).to.have.length(0);
    await starting.fill('70000.00');
    await page.locator('[data-testid="lot-form-violations"][data-violations="0"]').waitFor({ timeout: 5000 });
    await page.getByTestId('lot-form-submit').click();
    let created: Array<{ startingPrice: string }> = [];
    for (let i = 0; i < 50 && created.length === 0; i++) {
      created = (await staff.get('/api/lots?status=draft')).body.lots.filter((l: { assetId: string }) => l.assetId === assetId);
      if (created.length === 0) await new Promise((r) => setTimeout(r, 200));
    }
    expect(created).to.have.length(1);
    expect(created[0].startingPrice).to.equal('70000.00');
    await page.context().close();
  });

  it('when a priority holder opens the bidding room, then they can match the top price and lead (A21)', async function () {
    this.timeout(60_000);
    const lot = await publishedLot(t, staff);
    const holder = await t.user('bidder', { verified: true });
    expect((await staff.post(`/api/lots/${lot.id}/priority-holders`, { email: holder.email, rank: 1 })).status).to.equal(201);
    const reg = await holder.api.post(`/api/lots/${lot.id}/registrations`);
    await finance.post(`/api/finance/deposits/${reg.body.id}/confirm`, { bankReference: `PH-${reg.body.id}` });
    const other = await bidderWithDeposit(t, lot.id, finance);
    await t.advance(new Date(lot.startsAt).getTime() - t.now().getTime() + 1000);
    expect((await other.api.post(`/api/lots/${lot.id}/bids`, { amount: '75000.00', clientBidId: 'ordinary' })).status).to.equal(201);

    const page = await loggedIn(holder.email, 390);
    await page.goto(`${t.url}/lots/${lot.id}`);
    await page.getByTestId('bidder-code').filter({ hasText: reg.body.bidderCode }).waitFor({ timeout: 10_000 });
    await page.getByTestId('bid-match').click();
    await page.getByTestId('bid-confirm').click();
    await page.getByTestId('bid-feedback').filter({ hasText: /lead/i }).waitFor({ timeout: 5000 });
    await page.getByTestId('bid-priority').first().waitFor();
    const view = (await t.anon.get(`/api/lots/${lot.id}`)).body;
    expect(view).to.include({ currentPrice: '75000.00', leadingBidderCode: reg.body.bidderCode });
    await page.context().close();
  });

  it('when the buyer opens their won lot, then they download the confirmation of sale as a PDF', async function () {
    this.timeout(60_000);
    const lot = await publishedLot(t, staff, { live: true });
    const buyer = await bidderWithDeposit(t, lot.id, finance);
    await buyer.api.post(`/api/lots/${lot.id}/bids`, { amount: '70000.00', clientBidId: 'win' });
    await t.advance(new Date(lot.endsAt).getTime() - t.now().getTime() + 1000);
    const page = await loggedIn(buyer.email);
    await page.goto(`${t.url}/lots/${lot.id}`);
    const link = page.getByTestId('confirmation-download').first();
    await link.waitFor({ timeout: 10_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const path = await download.path();
    const fs = await import('node:fs');
    const bytes = fs.readFileSync(path);
    expect(bytes.subarray(0, 5).toString()).to.equal('%PDF-');
    expectCjkText(bytes, '网络司法拍卖成交确认书买受人柒万元整');
    expect(download.suggestedFilename()).to.match(/^confirmation-.*\.pdf$/);
    await page.context().close();
  });
});
