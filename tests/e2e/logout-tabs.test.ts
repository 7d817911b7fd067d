import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { bidderWithDeposit, publishedLot } from '../support/factories';
import { journeyHooks } from '../support/browser';
import { startTestServer, type TestServer } from '../support/server';

describe('browser journey: a logout in one tab signs out the other tabs of the browser at once', () => {
  let t: TestServer, browser: Browser;
  journeyHooks(async () => ({ t: await startTestServer() }), (s) => ({ t, browser } = s));

  /** The bidding room of a live lot, signed in, with the bid buttons usable. */
  async function signedInRoom(page: Page, lotId: string, bidderCode: string) {
    await page.goto(`${t.url}/lots/${lotId}`);
    await page.getByTestId('bidder-code').filter({ hasText: bidderCode }).waitFor({ timeout: 10_000 });
    await page.locator('[data-testid="connection-status"][data-state="connected"]').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('bid-quick-1').isEnabled()).to.equal(true);
  }

  it('when a bidder logs out in one of two tabs of a live lot, then the other shows the signed-out room (the sign-in prompt instead of the bid form) within two seconds without reloading, and keeps watching', async function () {
    this.timeout(90_000);
    const staff = (await t.user('court_staff')).api;
    const finance = (await t.user('finance')).api;
    const lot = await publishedLot(t, staff, { live: true });
    const bidder = await bidderWithDeposit(t, lot.id, finance);
    const rival = await bidderWithDeposit(t, lot.id, finance);

    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 390, height: 844 } });
    const first = await context.newPage();
    await first.goto(`${t.url}/login`);
    await first.getByTestId('login-email').fill(bidder.email);
    await first.getByTestId('login-password').fill('correct-horse-battery');
    await first.getByTestId('login-submit').click();
    await first.waitForURL((u) => !u.pathname.startsWith('/login'));
    const second = await context.newPage();
    await signedInRoom(first, lot.id, bidder.bidderCode);
    await signedInRoom(second, lot.id, bidder.bidderCode);
    // Set on the page itself: a reload would lose it.
    await second.evaluate(() => { (window as unknown as { stayed: boolean }).stayed = true; });

    await first.getByRole('button', { name: 'Log out' }).click();
    await first.locator('.header-user a[href="/login"]').waitFor({ timeout: 5000 });
    const loggedOutAt = Date.now();

    await second.locator('.header-user a[href="/login"]').waitFor({ timeout: 2000 });
    await second.getByText('To bid: log in, verify your identity once, register for this auction and pay the deposit.').waitFor({ timeout: 2000 });
    expect(Date.now() - loggedOutAt).to.be.lessThan(2000);
    expect(await second.getByTestId('bidder-code').count(), 'no bidder code once signed out').to.equal(0);
    // The room asks to sign in where the bid form was.
    await second.getByTestId('bid-signin').filter({ hasText: 'Log in, register for this auction and pay the deposit to bid.' }).waitFor({ timeout: 2000 });
    expect(await second.getByTestId('bid-quick-1').count(), 'the bid form is gone').to.equal(0);
    expect(await second.getByTestId('bid-custom-amount').count()).to.equal(0);
    expect(await second.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).to.equal(true);

    // Still watching, anonymously: a rival's bid reaches the page live.
    await second.locator('[data-testid="connection-status"][data-state="connected"]').waitFor({ timeout: 5000 });
    expect((await rival.api.post(`/api/lots/${lot.id}/bids`, { amount: '70000.00', clientBidId: 'logout-tabs-1' })).status).to.equal(201);
    await second.getByTestId('current-price').filter({ hasText: '70,000.00' }).waitFor({ timeout: 3000 });
    await context.close();
  });
});
