import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { lotBody } from '../support/factories';
import { journeyHooks, loggedIn } from '../support/browser';
import { courtServer, type ApiClient, type TestServer } from '../support/server';

describe("browser journey: the court's start page — finding a case among many, paging, the lots by status, a new case from the top", () => {
  let t: TestServer, staff: ApiClient, staffEmail: string, browser: Browser;
  journeyHooks(async () => {
    const { t } = await courtServer();
    const s = await t.user('court_staff');
    return { t, staff: s.api, staffEmail: s.email };
  }, (s) => ({ t, staff, staffEmail, browser } = s));

  /** This journey's mark in every case it registers: under PostgreSQL other tests' cases share the database. */
  const mark = `j${crypto.randomUUID().slice(0, 8)}`;
  const court = `Court of Many Cases ${mark}`;
  const numberOf = (n: number) => `(2026)浙0106执${mark}-${n}号`;

  it('when a clerk searches part of a party name, then only that case is listed and a reload keeps the search; paging reads the rest; the lots filter by status; a new case opens from the top of the page', async function () {
    this.timeout(180_000);
    // 33 cases: one page of 30 and a few more; one respondent to look for.
    for (let n = 1; n <= 33; n++) {
      const r = await staff.post('/api/cases', {
        caseNumber: numberOf(n), court, applicant: `Creditor ${n}`, respondent: n === 7 ? `Debtor Needlework ${mark}` : `Debtor ${n} ${mark}`, claimAmount: '250000.00',
      });
      expect(r.status, JSON.stringify(r.body)).to.equal(201);
      if (n === 7) {
        const a = await staff.post('/api/assets', { caseId: r.body.id, title: `Sewing machine ${mark}`, kind: 'movable', description: 'Industrial.' });
        expect((await staff.post(`/api/assets/${a.body.id}/valuations`, { method: 'negotiated', amount: '100000.00' })).status).to.equal(201);
        expect((await staff.post('/api/lots', lotBody(t, a.body.id))).status).to.equal(201);
      }
    }

    const page = await loggedIn(browser, t.url, staffEmail);
    await page.goto(`${t.url}/court`);
    const open = page.getByTestId('new-case-open');
    await open.waitFor();
    expect(await open.innerText()).to.equal('New case');
    // The action sits above the list, whatever the list holds.
    const list = page.getByTestId('case-list');
    await list.waitFor();
    expect((await open.boundingBox())!.y).to.be.below((await list.boundingBox())!.y);

    // A part of the respondent's name, in other letter case: that case alone.
    await page.getByTestId('case-search').fill(`needlework ${mark}`.toUpperCase());
    await page.waitForURL((u) => u.searchParams.get('q') === `needlework ${mark}`.toUpperCase());
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="case-link"]').length === 1);
    expect(await page.getByTestId('case-link').innerText()).to.include(numberOf(7));
    await page.reload();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="case-link"]').length === 1);
    expect(await page.getByTestId('case-search').inputValue()).to.equal(`needlework ${mark}`.toUpperCase());
    expect(await page.getByTestId('case-link').innerText()).to.include(numberOf(7));

    // Nothing found says so; the journey's mark finds all 33, newest first, 30 and then the rest.
    await page.getByTestId('case-search').fill(`${mark}-none`);
    await page.getByTestId('case-empty').waitFor();
    expect(await page.getByTestId('case-empty').innerText()).to.include(`No case matches “${mark}-none”`);
    await page.getByTestId('case-search').fill(mark);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="case-link"]').length === 30);
    expect(await page.getByTestId('case-link').first().innerText()).to.include(numberOf(33));
    await page.getByTestId('case-more').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="case-link"]').length === 33);
    expect(await page.getByTestId('case-more').count()).to.equal(0);
    expect(await page.getByTestId('case-link').last().innerText()).to.include(numberOf(1));

    // The lots of one status, kept in the address.
    await page.getByTestId('court-lot-status').selectOption('draft');
    await page.waitForURL((u) => u.searchParams.get('lotStatus') === 'draft');
    const lots = page.getByTestId('court-lots');
    // The rows already shown stay until the filtered page arrives: wait for it rather than read the old ones.
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('[data-testid="court-lots"] [data-status]')];
      return rows.length > 0 && rows.every((e) => e.getAttribute('data-status') === 'draft');
    });
    expect(new Set(await lots.locator('[data-status]').evaluateAll((els) => els.map((e) => e.getAttribute('data-status'))))).to.deep.equal(new Set(['draft']));
    await page.reload();
    expect(await page.getByTestId('court-lot-status').inputValue()).to.equal('draft');
    await page.getByTestId('court-lot-status').selectOption('sold');
    await page.waitForURL((u) => u.searchParams.get('lotStatus') === 'sold');
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="court-lots"] [data-status]')].every((e) => e.getAttribute('data-status') === 'sold'));

    // A new case from the top of the page: the form opens in place, and the clerk lands on the new case.
    await open.click();
    const form = page.getByTestId('new-case-form');
    await form.waitFor();
    expect((await form.boundingBox())!.y).to.be.below((await list.boundingBox())!.y);
    await page.locator('#case-caseNumber').fill(numberOf(34));
    await page.locator('#case-court').fill(court);
    await page.locator('#case-applicant').fill('Creditor 34');
    await page.locator('#case-respondent').fill(`Debtor 34 ${mark}`);
    await page.locator('#case-claimAmount').fill('120000.00');
    await form.getByRole('button', { name: 'Register case' }).click();
    await page.waitForURL((u) => /^\/court\/cases\/[^/]+$/.test(u.pathname));
    await page.getByText(numberOf(34)).first().waitFor();
    const found = await staff.get(`/api/cases?q=${encodeURIComponent(numberOf(34))}`);
    expect(found.body.cases).to.have.length(1);
    expect(new URL(page.url()).pathname).to.equal(`/court/cases/${found.body.cases[0].id}`);

    // Back on the start page the new case leads the list, and the page speaks Chinese when asked.
    await page.evaluate(() => localStorage.setItem('lang', 'zh'));
    await page.goto(`${t.url}/court?q=${encodeURIComponent(mark)}`);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="case-link"]').length === 30);
    expect(await page.getByTestId('case-link').first().innerText()).to.include(numberOf(34));
    expect(await page.getByTestId('new-case-open').innerText()).to.equal('新建案件');
    expect(await page.getByText('更多案件').count()).to.equal(1);
    // On a phone the page keeps to the screen's width.
    await page.setViewportSize({ width: 390, height: 900 });
    await page.getByTestId('new-case-open').click();
    await page.getByTestId('new-case-form').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(390);
    await page.context().close();
  });
});
