import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { bidderWithDeposit, publishedLot } from '../support/factories';
import { journeyHooks, loggedIn } from '../support/browser';
import { startTestServer, type TestServer } from '../support/server';

describe('browser journey: an outbid alert reaches the outbid bidder on another page', () => {
  let t: TestServer, browser: Browser;
  journeyHooks(async () => ({ t: await startTestServer() }), (s) => ({ t, browser } = s));

  it('when bidder A (a phone, 390 px) is outbid by bidder B on a second page, then A\'s page shows the alert and the unread count without a reload, and lists it', async function () {
    this.timeout(90_000);
    const staff = (await t.user('court_staff')).api;
    const finance = (await t.user('finance')).api;
    const lot = await publishedLot(t, staff, { live: true });
    const a = await bidderWithDeposit(t, lot.id, finance);
    const b = await bidderWithDeposit(t, lot.id, finance);

    const pageA = await loggedIn(browser, t.url, a.email, 390);
    await pageA.goto(`${t.url}/lots/${lot.id}`);
    await pageA.getByTestId('bidder-code').filter({ hasText: a.bidderCode }).waitFor({ timeout: 10_000 });
    // A watches the lot from its page: the star says so, and the watchlist page lists it.
    await pageA.getByTestId('watch-button').first().click();
    await pageA.locator('[data-testid="watch-button"][aria-pressed="true"]').first().waitFor({ timeout: 5000 });
    await pageA.getByTestId('notification-bell').waitFor();
    expect(await pageA.getByTestId('notification-count').count(), 'deposit held alert already there').to.be.greaterThan(0);
    const before = Number(await pageA.getByTestId('notification-count').innerText());
    expect((await a.api.post(`/api/lots/${lot.id}/bids`, { amount: '70000.00', clientBidId: 'e2e-a-1' })).status).to.equal(201);
    await pageA.getByTestId('current-price').filter({ hasText: '70,000.00' }).waitFor({ timeout: 5000 });
    const urlBefore = pageA.url();
    const navigations: string[] = [];
    pageA.on('framenavigated', (f) => { if (f === pageA.mainFrame()) navigations.push(f.url()); });

    const pageB = await loggedIn(browser, t.url, b.email);
    await pageB.goto(`${t.url}/lots/${lot.id}`);
    await pageB.getByTestId('bidder-code').filter({ hasText: b.bidderCode }).waitFor({ timeout: 10_000 });
    await pageB.getByTestId('current-price').filter({ hasText: '70,000.00' }).waitFor({ timeout: 5000 });
    await pageB.getByTestId('bid-quick-1').click();
    await pageB.getByTestId('bid-confirm').click();
    await pageB.getByTestId('bid-feedback').filter({ hasText: /lead|领先/i }).waitFor({ timeout: 5000 });

    const toast = pageA.getByTestId('notification-toast');
    await toast.filter({ hasText: 'You have been outbid' }).waitFor({ timeout: 5000 });
    expect(await toast.innerText()).to.include('¥71,000.00');
    await pageA.getByTestId('notification-count').filter({ hasText: String(before + 1) }).waitFor({ timeout: 5000 });
    expect(navigations, 'no reload').to.deep.equal([]);
    expect(pageA.url()).to.equal(urlBefore);
    // Nothing of B's identity reaches A; B itself was not told it was outbid.
    expect(await toast.innerText()).to.not.include(b.bidderCode);
    expect(await pageB.getByTestId('notification-toast').count()).to.equal(0);

    await pageA.getByTestId('notification-bell').click();
    await pageA.waitForURL((u) => u.pathname === '/me/notifications');
    const item = pageA.locator('[data-testid="notification-item"][data-kind="outbid"]');
    await item.first().waitFor();
    expect(await item.first().innerText()).to.include('You have been outbid');
    const width = await pageA.evaluate(() => document.documentElement.scrollWidth);
    expect(width, 'fits a 390 px phone').to.be.at.most(390);
    await pageA.getByTestId('mark-all-read').click();
    await pageA.getByTestId('notification-count').waitFor({ state: 'detached', timeout: 5000 });

    await pageA.getByTestId('nav-watchlist').click();
    await pageA.getByTestId('watchlist-item').filter({ hasText: 'Seized sedan' }).waitFor({ timeout: 5000 });
    await pageA.context().close();
    await pageB.context().close();
  });
});
