import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { toChineseCapital } from '../../shared/money';
import { bidderWithDeposit, publishedLot } from '../support/factories';
import { journeyHooks } from '../support/browser';
import { startTestServer, type ApiClient, type TestServer } from '../support/server';

/** The bidding room's safety nets: a proxy bid, a confirmation that follows the price, and a second look at a huge bid. */
describe('browser journey: bidding safely (proxy bid, a refused bid offered again, a bid far above the price)', () => {
  let t: TestServer, browser: Browser;
  let staff: ApiClient, finance: ApiClient;
  journeyHooks(async () => ({ t: await startTestServer() }), (s) => ({ t, browser } = s));
  before(async () => {
    staff = (await t.user('court_staff')).api;
    finance = (await t.user('finance')).api;
  });

  let n = 0;
  const bid = (b: { api: ApiClient }, lotId: string, amount: string) => b.api.post(`/api/lots/${lotId}/bids`, { amount, clientBidId: `safety-${++n}` });
  const lotView = async (id: string) => (await t.anon.get(`/api/lots/${id}`)).body;

  /** A bidder's phone (390 px) logged in, in one language, on the lot page with the live connection up. */
  async function bidderPage(email: string, code: string, lotId: string, lang: 'zh' | 'en', prepare?: (c: BrowserContext) => Promise<void>): Promise<Page> {
    const context = await browser.newContext({ locale: lang === 'zh' ? 'zh-CN' : 'en-US', viewport: { width: 390, height: 844 } });
    await prepare?.(context);
    const page = await context.newPage();
    await page.goto(`${t.url}/login`);
    await page.evaluate((l) => localStorage.setItem('lang', l), lang);
    await page.goto(`${t.url}/login`);
    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill('correct-horse-battery');
    await page.getByTestId('login-submit').click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.goto(`${t.url}/lots/${lotId}`);
    await page.getByTestId('bidder-code').filter({ hasText: code }).waitFor({ timeout: 10_000 });
    await page.locator('[data-testid="connection-status"][data-state="connected"]').waitFor({ timeout: 10_000 });
    return page;
  }
  const overflowsPhone = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

  it('a proxy bid beating a manual bidder: when A sets a maximum and B bids by hand, then A\'s proxy outbids B at once with an ordinary bid and A\'s page shows A leading', async function () {
    this.timeout(90_000);
    // Starting price 70,000, increment 1,000.
    const lot = await publishedLot(t, staff, { live: true });
    const a = await bidderWithDeposit(t, lot.id, finance);
    const b = await bidderWithDeposit(t, lot.id, finance);
    const page = await bidderPage(a.email, a.bidderCode, lot.id, 'en');

    // Below the minimum next bid: refused in the form, nothing sent.
    await page.getByTestId('proxy-max').fill('69000');
    await page.getByTestId('proxy-set').click();
    await page.getByTestId('proxy-note').filter({ hasText: 'at least ¥70,000.00' }).waitFor();
    expect((await a.api.get(`/api/lots/${lot.id}/proxy-bid`)).body).to.deep.equal({ proxyBid: null });

    await page.getByTestId('proxy-max').fill('75,000');
    await page.getByTestId('proxy-set').click();
    const dialog = page.getByTestId('proxy-confirm-dialog');
    await dialog.getByTestId('bid-confirm-amount').filter({ hasText: '¥75,000.00' }).waitFor();
    // Same confirmation as a bid: figures, 万 and 大写, and the warning that each automatic bid stands.
    await dialog.getByText('7.50万').waitFor();
    await dialog.getByTestId('bid-confirm-capital').filter({ hasText: '人民币柒万伍仟元整' }).waitFor();
    expect(await dialog.getByTestId('proxy-confirm-note').innerText()).to.match(/ordinary bid.*cannot be withdrawn/);
    expect(await overflowsPhone(page)).to.equal(false);
    await dialog.getByTestId('bid-confirm').click();

    // Set while no one had bid: it bids the starting price for A at once.
    await page.locator('[data-testid="proxy-status"][data-state="leading"]').waitFor({ timeout: 5000 });
    await page.getByTestId('proxy-max-amount').filter({ hasText: '¥75,000.00' }).waitFor();
    await page.getByTestId('bid-feedback').filter({ hasText: 'You lead at ¥70,000.00' }).waitFor({ timeout: 5000 });

    expect((await bid(b, lot.id, '71000.00')).status).to.equal(201);
    await page.getByTestId('current-price').filter({ hasText: '72,000.00' }).waitFor({ timeout: 5000 });
    await page.getByTestId('bid-feedback').filter({ hasText: 'You lead at ¥72,000.00' }).waitFor({ timeout: 5000 });
    await page.getByTestId('proxy-headroom').filter({ hasText: '¥3,000.00' }).waitFor({ timeout: 5000 });
    await page.locator('[data-testid="proxy-status"][data-state="leading"]').waitFor();
    // The automatic bid is an ordinary row of the record under A's code, marked as A's own.
    const row = page.getByTestId('bid-record').locator('li').filter({ hasText: '72,000.00' });
    await row.waitFor();
    expect(await row.getAttribute('data-mine')).to.equal('true');
    expect(await row.innerText()).to.include(a.bidderCode);
    const log = (await t.anon.get(`/api/lots/${lot.id}/bid-log`)).body.entries as Array<{ bidderCode: string; amount: string }>;
    expect(log.map((e) => [e.bidderCode, e.amount])).to.deep.equal([[a.bidderCode, '70000.00'], [b.bidderCode, '71000.00'], [a.bidderCode, '72000.00']]);
    expect(await lotView(lot.id)).to.include({ leadingBidderCode: a.bidderCode, currentPrice: '72000.00', bidCount: 3 });
    expect(await overflowsPhone(page)).to.equal(false);

    // Withdrawn, it bids no more; the bids it placed stand.
    await page.getByTestId('proxy-withdraw').click();
    await page.getByTestId('proxy-note').filter({ hasText: 'withdrawn' }).waitFor({ timeout: 5000 });
    expect((await a.api.get(`/api/lots/${lot.id}/proxy-bid`)).body).to.deep.equal({ proxyBid: null });
    expect((await bid(b, lot.id, '73000.00')).status).to.equal(201);
    await page.getByTestId('bid-feedback').filter({ hasText: 'Outbid' }).waitFor({ timeout: 5000 });
    expect(await lotView(lot.id)).to.include({ leadingBidderCode: b.bidderCode, currentPrice: '73000.00', bidCount: 4 });
    await page.context().close();
  });

  it('the refused-bid dialog updating: when another bidder bids first while the confirmation is open, then it shows the new minimum (in Chinese) and one tap places it', async function () {
    this.timeout(90_000);
    const lot = await publishedLot(t, staff, { live: true });
    const a = await bidderWithDeposit(t, lot.id, finance);
    const b = await bidderWithDeposit(t, lot.id, finance);
    const page = await bidderPage(a.email, a.bidderCode, lot.id, 'zh');

    await page.getByTestId('bid-quick-1').click();
    const dialog = page.getByTestId('bid-confirm-dialog');
    await dialog.getByTestId('bid-confirm-capital').filter({ hasText: '人民币柒万元整' }).waitFor();
    expect((await bid(b, lot.id, '70000.00')).status).to.equal(201);

    // The stale 70,000 is not offered any more: the dialog says why and offers the new minimum, in all three forms.
    await dialog.getByTestId('bid-price-moved').filter({ hasText: '¥70,000.00 现在会被拒绝' }).waitFor({ timeout: 5000 });
    await dialog.getByTestId('bid-confirm-amount').filter({ hasText: '¥71,000.00' }).waitFor();
    await dialog.getByTestId('bid-confirm-capital').filter({ hasText: '人民币柒万壹仟元整' }).waitFor();
    expect(await dialog.getByTestId('bid-confirm').innerText()).to.include('¥71,000.00');
    await page.getByTestId('bid-minimum').filter({ hasText: '¥71,000.00' }).waitFor();
    expect(await overflowsPhone(page)).to.equal(false);

    await dialog.getByTestId('bid-confirm').click();
    await page.getByTestId('bid-feedback').filter({ hasText: '领先' }).waitFor({ timeout: 5000 });
    expect(await lotView(lot.id)).to.include({ leadingBidderCode: a.bidderCode, currentPrice: '71000.00', bidCount: 2 });
    const log = (await t.anon.get(`/api/lots/${lot.id}/bid-log`)).body.entries as Array<{ bidderCode: string; amount: string }>;
    expect(log.map((e) => [e.bidderCode, e.amount])).to.deep.equal([[b.bidderCode, '70000.00'], [a.bidderCode, '71000.00']]);
    await page.context().close();
  });

  it('the refused-bid flow: when the server refuses a bid because someone bid first before the page heard of it, then the refusal offers the new minimum with one tap, and that bid is placed', async function () {
    this.timeout(90_000);
    const lot = await publishedLot(t, staff, { live: true });
    const a = await bidderWithDeposit(t, lot.id, finance);
    const b = await bidderWithDeposit(t, lot.id, finance);
    // Hold back the live bid events from A's page for a while, as a slow network would: it still shows the old price.
    let holdBids = false;
    const page = await bidderPage(a.email, a.bidderCode, lot.id, 'en', async (c) => {
      await c.routeWebSocket(/\/socket\.io\//, (ws) => {
        const server = ws.connectToServer();
        server.onMessage((m) => {
          if (holdBids && typeof m === 'string' && m.includes('"lot:bid"')) return;
          ws.send(m);
        });
        ws.onMessage((m) => server.send(m));
      });
    });
    // Let the client move from polling to the WebSocket the route sees.
    await page.waitForTimeout(1000);
    holdBids = true;
    expect((await bid(b, lot.id, '70000.00')).status).to.equal(201);
    await page.getByTestId('bid-minimum').filter({ hasText: '¥70,000.00' }).waitFor();

    await page.getByTestId('bid-quick-1').click();
    const dialog = page.getByTestId('bid-confirm-dialog');
    await dialog.getByTestId('bid-confirm-amount').filter({ hasText: '¥70,000.00' }).waitFor();
    await dialog.getByTestId('bid-confirm').click();
    await page.getByTestId('bid-feedback').filter({ hasText: 'Someone bid first' }).waitFor({ timeout: 5000 });
    expect(await page.getByTestId('bid-feedback').innerText()).to.include('The minimum is now ¥71,000.00');
    holdBids = false;

    await page.getByTestId('bid-suggested').filter({ hasText: 'Bid ¥71,000.00 now' }).click();
    await dialog.getByTestId('bid-confirm-amount').filter({ hasText: '¥71,000.00' }).waitFor();
    await dialog.getByTestId('bid-confirm').click();
    await page.getByTestId('bid-feedback').filter({ hasText: 'You lead at ¥71,000.00' }).waitFor({ timeout: 5000 });
    expect(await lotView(lot.id)).to.include({ leadingBidderCode: a.bidderCode, currentPrice: '71000.00', bidCount: 2 });
    await page.context().close();
  });

  it('when a bidder types an amount far above the price, then it must be confirmed a second time, and cancelling sends nothing', async function () {
    this.timeout(90_000);
    const lot = await publishedLot(t, staff, { live: true });
    const a = await bidderWithDeposit(t, lot.id, finance);
    const page = await bidderPage(a.email, a.bidderCode, lot.id, 'en');

    await page.getByTestId('bid-custom-amount').fill('123456789012');
    await page.getByTestId('bid-custom-submit').click();
    const dialog = page.getByTestId('bid-confirm-dialog');
    const far = dialog.getByTestId('bid-far-above');
    await far.waitFor();
    // How far above the (starting) price it is, and the amount in capital numerals next to the box to tick.
    expect(await far.innerText()).to.include('¥123,456,719,012.00 above the starting price of ¥70,000.00');
    expect(await far.innerText()).to.include(toChineseCapital('123456789012'));
    expect(await dialog.getByTestId('bid-confirm').isDisabled()).to.equal(true);
    expect(await overflowsPhone(page)).to.equal(false);
    // Every digit is on the phone's screen, none cut off by the dialog.
    const amountBox = await dialog.getByTestId('bid-confirm-amount').evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, right: el.getBoundingClientRect().right }));
    expect(amountBox.scroll).to.be.at.most(amountBox.client);
    expect(amountBox.right).to.be.at.most(390);
    await dialog.getByTestId('bid-far-confirm').check();
    expect(await dialog.getByTestId('bid-confirm').isEnabled()).to.equal(true);

    await dialog.getByTestId('bid-confirm-cancel').click();
    await far.waitFor({ state: 'detached' });
    await page.waitForTimeout(500);
    expect(await lotView(lot.id)).to.include({ bidCount: 0 });
    expect((await t.anon.get(`/api/lots/${lot.id}/bid-log`)).body.entries).to.deep.equal([]);

    // An ordinary amount needs one confirmation only.
    await page.getByTestId('bid-quick-2').click();
    await dialog.getByTestId('bid-confirm-amount').filter({ hasText: '¥71,000.00' }).waitFor();
    expect(await dialog.getByTestId('bid-far-above').count()).to.equal(0);
    await dialog.getByTestId('bid-confirm').click();
    await page.getByTestId('bid-feedback').filter({ hasText: 'You lead at ¥71,000.00' }).waitFor({ timeout: 5000 });
    expect(await lotView(lot.id)).to.include({ bidCount: 1, currentPrice: '71000.00' });
    await page.context().close();
  });
});
