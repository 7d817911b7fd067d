import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { lotBody, NOTICE_WAIT_MS } from '../support/factories';
import { journeyHooks, loggedIn } from '../support/browser';
import { courtServer, type ApiClient, type TestServer } from '../support/server';

describe("browser journey: the court's day — a balance due on the worklist, and a control page without finance actions", () => {
  let t: TestServer, staff: ApiClient, finance: ApiClient, staffEmail: string, browser: Browser;
  journeyHooks(async () => {
    const { t, finance } = await courtServer();
    const s = await t.user('court_staff');
    return { t, finance, staff: s.api, staffEmail: s.email };
  }, (s) => ({ t, staff, finance, staffEmail, browser } = s));

  /** This journey's own court: under PostgreSQL other tests' duties share the database. */
  const court = `Court of the Day ${crypto.randomUUID().slice(0, 8)}`;

  /** A lot sold to a bidder who has not paid the balance. */
  async function soldUnpaid() {
    const c = await staff.post('/api/cases', { caseNumber: `(2026)日执${crypto.randomUUID().slice(0, 8)}号`, court, applicant: 'Creditor Co.', respondent: 'Debtor Sun', claimAmount: '500000.00' });
    const a = await staff.post('/api/assets', { caseId: c.body.id, title: '小型轿车一辆', kind: 'movable', description: 'Grey sedan.' });
    expect((await staff.post(`/api/assets/${a.body.id}/valuations`, { method: 'negotiated', amount: '100000.00' })).status).to.equal(201);
    const lot = await staff.post('/api/lots', lotBody(t, a.body.id));
    expect(lot.status).to.equal(201);
    await staff.post(`/api/lots/${lot.body.id}/notify-parties`, { note: 'Served.' });
    await t.advance(NOTICE_WAIT_MS);
    expect((await staff.post(`/api/lots/${lot.body.id}/publish`)).status).to.equal(200);
    await t.advance(new Date(lot.body.startsAt).getTime() - t.now().getTime() + 1000);
    const b = await t.user('bidder', { verified: true });
    const reg = await b.api.post(`/api/lots/${lot.body.id}/registrations`);
    await finance.post(`/api/finance/deposits/${reg.body.id}/confirm`, { bankReference: `DAY-${reg.body.id}` });
    expect((await b.api.post(`/api/lots/${lot.body.id}/bids`, { amount: '70000.00', clientBidId: 'day-1' })).status).to.equal(201);
    await t.advance(new Date(lot.body.endsAt).getTime() - t.now().getTime() + 1000);
    const sold = (await t.anon.get(`/api/lots/${lot.body.id}`)).body;
    expect(sold.status).to.equal('sold');
    return sold as { id: string; balanceDueAt: string };
  }

  for (const lang of ['en', 'zh'] as const) {
    it(`when a sold lot's buyer has not paid, then the worklist shows the balance due, and the lot's control page offers the court no finance action (${lang}, 390 px)`, async function () {
      this.timeout(180_000);
      const lot = await soldUnpaid();
      const page = await loggedIn(browser, t.url, staffEmail, 390);
      await page.evaluate((l) => localStorage.setItem('lang', l), lang);
      await page.goto(`${t.url}/court/worklist?court=${encodeURIComponent(court)}`);
      const item = page.locator(`[data-testid="duty"][data-lot="${lot.id}"]`);
      await item.waitFor({ timeout: 15_000 });
      expect(await item.getAttribute('data-kind')).to.equal('balance_due');
      const text = await item.innerText();
      if (lang === 'en') {
        expect(text).to.include('Balance due');
        expect(text).to.include('the buyer has not paid the balance');
      } else {
        expect(text).to.include('余款待付');
        expect(text).to.include('买受人尚未支付余款');
        expect(text).to.not.match(/balance|buyer/i);
      }
      expect(text).to.include('¥70,000.00');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(390);

      await item.getByRole('link').first().click();
      await page.waitForURL((u) => u.pathname === `/court/lots/${lot.id}`);
      await page.getByTestId('lot-actions').waitFor({ timeout: 15_000 });
      await page.locator('[data-action="confirmation"][data-allowed="true"]').waitFor();
      expect(await page.locator('[data-action="record_balance"]').count()).to.equal(0);
      expect(await page.getByTestId('action-record_balance').count()).to.equal(0);
      // A disabled button says what is missing: each blocked action carries its reason in the reader's language.
      const blocked = page.locator('[data-allowed="false"]').first();
      const reason = await blocked.locator('.action-reason').innerText();
      expect(reason.trim().length).to.be.greaterThan(0);
      if (lang === 'zh') expect(reason).to.match(/[\u4e00-\u9fff]/);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(390);
      await page.context().close();
    });
  }
});
