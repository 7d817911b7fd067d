import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { bidderWithDeposit, publishedLot } from '../support/factories';
import { journeyHooks } from '../support/browser';
import { startTestServer, type TestServer } from '../support/server';

describe('browser journey: a bidder bids live and another browser sees it', () => {
  let t: TestServer, browser: Browser;
  journeyHooks(async () => ({ t: await startTestServer() }), (s) => ({ t, browser } = s));

  it('when a bidder logs in and places the first quick bid (the starting price), then a second browser shows the new price within a second', async function () {
    this.timeout(60_000);
    const staff = (await t.user('court_staff')).api;
    const finance = (await t.user('finance')).api;
    const lot = await publishedLot(t, staff, { live: true });
    const bidder = await bidderWithDeposit(t, lot.id, finance);

    const watcherContext = await browser.newContext({ locale: 'en-US' });
    const watcher = await watcherContext.newPage();
    await watcher.goto(`${t.url}/lots/${lot.id}`);
    await watcher.getByTestId('current-price').waitFor();
    await watcher.locator('[data-testid="connection-status"][data-state="connected"]').waitFor({ timeout: 10_000 });

    const bidderContext = await browser.newContext({ locale: 'en-US', viewport: { width: 390, height: 844 } });
    const page = await bidderContext.newPage();
    await page.goto(`${t.url}/login`);
    await page.getByTestId('login-email').fill(bidder.email);
    await page.getByTestId('login-password').fill('correct-horse-battery');
    await page.getByTestId('login-submit').click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.goto(`${t.url}/lots/${lot.id}`);
    await page.getByTestId('bidder-code').filter({ hasText: bidder.bidderCode }).waitFor({ timeout: 10_000 });
    await page.getByTestId('bid-quick-1').click();
    const confirm = page.getByTestId('bid-confirm');
    await confirm.waitFor();
    // The confirmation repeats the amount in capital numerals, as bank forms do.
    await page.getByText('人民币柒万元整').first().waitFor();
    await confirm.click();
    await page.getByTestId('bid-feedback').filter({ hasText: /lead|领先/i }).waitFor({ timeout: 5000 });
    const acceptedAt = Date.now();

    await watcher.getByTestId('current-price').filter({ hasText: '70,000.00' }).waitFor({ timeout: 1000 });
    expect(Date.now() - acceptedAt).to.be.lessThan(1000);
    await watcher.getByTestId('bid-record').filter({ hasText: bidder.bidderCode }).waitFor({ timeout: 1000 });

    const view = (await t.anon.get(`/api/lots/${lot.id}`)).body;
    expect(view).to.include({ currentPrice: '70000.00', leadingBidderCode: bidder.bidderCode, bidCount: 1 });
    await watcherContext.close();
    await bidderContext.close();
  });
});
