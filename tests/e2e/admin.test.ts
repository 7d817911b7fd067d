import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { journeyHooks, loggedIn } from '../support/browser';
import { startTestServer, type TestServer } from '../support/server';

describe('browser journey: the admin page gives a user a role, adds courts and inquiry platforms; court staff cannot open it', () => {
  let t: TestServer, browser: Browser, adminEmail: string;
  journeyHooks(async () => {
    const t = await startTestServer();
    const a = await t.user('admin');
    return { t, adminEmail: a.email };
  }, (s) => ({ t, browser, adminEmail } = s));

  for (const lang of ['zh', 'en'] as const) {
    it(`when an admin ticks court staff for a bidder and saves, then the bidder holds the role and the change log shows it (${lang}, 390 px)`, async function () {
      this.timeout(120_000);
      const b = await t.user('bidder');
      const page = await loggedIn(browser, t.url, adminEmail, 390);
      await page.evaluate((l) => localStorage.setItem('lang', l), lang);
      await page.goto(`${t.url}/admin`);
      await page.locator('#admin-user-q').fill(b.email);
      const row = page.locator(`[data-testid="admin-user"][data-email="${b.email}"]`);
      await row.waitFor({ timeout: 15_000 });
      expect(await row.getByTestId('save-roles').isDisabled()).to.equal(true);
      await row.getByTestId('role-court_staff').check();
      await row.getByTestId('save-roles').click();
      for (let i = 0; i < 50; i++) {
        const u = (await t.admin.get(`/api/admin/users?q=${encodeURIComponent(b.email)}`)).body.users[0];
        if (u.roles.includes('court_staff')) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect((await b.api.get('/api/cases')).status).to.equal(200);
      await page.getByText(lang === 'zh' ? '设置角色' : 'Roles set').first().waitFor({ timeout: 10_000 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(390);
      await page.context().close();
    });
  }

  for (const lang of ['zh', 'en'] as const) {
    it(`when an admin adds a court and an inquiry platform, then both are listed with what was typed, and a bad fee is explained before sending (${lang}, 390 px)`, async function () {
      this.timeout(120_000);
      const tag = Math.random().toString(36).slice(2, 8);
      const court = `测试法院 ${tag}`;
      const platform = `E2E-${tag}`;
      const page = await loggedIn(browser, t.url, adminEmail, 390);
      await page.evaluate((l) => localStorage.setItem('lang', l), lang);
      await page.goto(`${t.url}/admin`);
      const courts = page.getByTestId('add-court');
      await courts.locator('#court-name').fill(court);
      await courts.locator('#court-region').fill('浙江省杭州市');
      await courts.locator('#court-phone').fill('0571-8888 0000');
      await courts.getByTestId('add-court-submit').click();
      const courtRow = page.locator(`[data-testid="court"][data-name="${court}"]`);
      await courtRow.waitFor({ timeout: 15_000 });
      expect(await courtRow.innerText()).to.include('浙江省杭州市').and.include('0571-8888 0000');

      const add = page.getByTestId('add-platform');
      await add.locator('#platform-name').fill(platform);
      await add.locator('#platform-url').fill('https://e2e.inquiry.test/api');
      await add.locator('#platform-fee').fill('8.005');
      await add.getByTestId('field-error').first().waitFor({ timeout: 5_000 });
      expect(await add.getByTestId('field-error').first().innerText()).to.include(lang === 'zh' ? '两位小数' : 'two decimal places');
      expect(await add.getByTestId('add-platform-submit').isDisabled()).to.equal(true);
      await add.locator('#platform-fee').fill('800');
      await add.getByTestId('add-platform-submit').click();
      const row = page.locator(`[data-testid="inquiry-platform"][data-name="${platform}"]`);
      await row.waitFor({ timeout: 15_000 });
      expect(await row.innerText()).to.include('https://e2e.inquiry.test/api').and.include('800.00');
      await page.getByText(lang === 'zh' ? '添加询价平台' : 'Inquiry platform added').first().waitFor({ timeout: 10_000 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(390);

      const listed = (await t.admin.get('/api/admin/inquiry-platforms')).body.platforms.find((p: { name: string }) => p.name === platform);
      expect(listed).to.deep.include({ url: 'https://e2e.inquiry.test/api', fee: '800.00', active: true });
      // Not asked by later inquiries on a shared database.
      await t.admin.post(`/api/admin/inquiry-platforms/${listed.id}/deactivate`, { reason: 'Browser test over.' });
      await page.context().close();
    });
  }

  it('when court staff open the admin page, then they are told it needs the administrator role, and no user list loads', async function () {
    this.timeout(60_000);
    const s = await t.user('court_staff');
    const page = await loggedIn(browser, t.url, s.email);
    await page.goto(`${t.url}/admin`);
    await page.getByText('Administrator').first().waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-testid="admin-user"]').count()).to.equal(0);
    expect(await page.getByTestId('nav-admin').count()).to.equal(0);
    await page.context().close();
  });
});
