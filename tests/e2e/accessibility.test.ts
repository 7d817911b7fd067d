import { createRequire } from 'node:module';
import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { bidderWithDeposit, lotBody, notifyAndPublish } from '../support/factories';
import { journeyHooks } from '../support/browser';
import { courtServer, type ApiClient, type TestServer } from '../support/server';

/**
 * axe-core on every main page, in Chinese and in English, at desktop width (the lot page and the bidding
 * room also at phone width): no violation of impact serious or critical.
 */

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const PASSWORD = 'correct-horse-battery';

interface Violation { id: string; impact: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }
type Who = 'anon' | 'bidder' | 'staff' | 'finance' | 'admin';
interface Cast { t: TestServer; staff: ApiClient; emails: Record<Exclude<Who, 'anon'>, string>; announced: string; live: string; sold: string }

async function seed(): Promise<Cast> {
  const { t, finance } = await courtServer();
  const staffUser = await t.user('court_staff');
  const financeUser = await t.user('finance');
  const adminUser = await t.user('admin');
  const staff = staffUser.api;
  const make = async (startInDays: number) => {
    const c = await staff.post('/api/cases', { caseNumber: `(2026)无障${crypto.randomUUID().slice(0, 8)}号`, court: '杭州市西湖区人民法院', applicant: 'Creditor Co.', respondent: 'Debtor Zhao', claimAmount: '500000.00' });
    const a = await staff.post('/api/assets', { caseId: c.body.id, title: '小型轿车一辆 Grey sedan', kind: 'movable', description: 'A grey sedan with a scratched rear bumper.' });
    expect((await staff.post(`/api/assets/${a.body.id}/valuations`, { method: 'negotiated', amount: '100000.00' })).status).to.equal(201);
    const lot = await staff.post('/api/lots', lotBody(t, a.body.id, { startInDays }));
    expect(lot.status, JSON.stringify(lot.body)).to.equal(201);
    expect((await notifyAndPublish(t, staff, lot.body.id)).status).to.equal(200);
    return lot.body as { id: string; startsAt: string; endsAt: string };
  };
  const toTime = (iso: string) => t.advance(Math.max(0, new Date(iso).getTime() - t.now().getTime()) + 1000);

  // A lot sold to a bidder: the results, the statistics and the court's balance due have something to show.
  const sold = await make(21);
  await toTime(sold.startsAt);
  const buyer = await bidderWithDeposit(t, sold.id, finance);
  expect((await buyer.api.post(`/api/lots/${sold.id}/bids`, { amount: '70000.00', clientBidId: 'a11y-1' })).status).to.equal(201);
  await toTime(sold.endsAt);
  const end = Date.now() + 10_000;
  while ((await t.anon.get(`/api/lots/${sold.id}`)).body.status !== 'sold' && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
  expect((await t.anon.get(`/api/lots/${sold.id}`)).body.status).to.equal('sold');

  // A lot that goes live, and one announced to start after it.
  const live = await make(21);
  const announced = await make(30);
  await toTime(live.startsAt);
  expect((await t.anon.get(`/api/lots/${live.id}`)).body.status).to.equal('live');
  const bidder = await bidderWithDeposit(t, live.id, finance);
  return {
    t, staff, announced: announced.id, live: live.id, sold: sold.id,
    emails: { bidder: bidder.email, staff: staffUser.email, finance: financeUser.email, admin: adminUser.email },
  };
}

describe('accessibility: axe finds nothing serious or critical on the main pages', () => {
  let cast: Cast, browser: Browser;
  journeyHooks(seed, (s) => {
    browser = s.browser;
    cast = s;
  });
  const contexts = new Map<string, BrowserContext>();
  after(async () => {
    for (const c of contexts.values()) await c.close().catch(() => undefined);
  });

  /** A browser context per reader, language and width, signed in once through the login page. */
  async function context(who: Who, lang: 'zh' | 'en', width: number): Promise<BrowserContext> {
    const key = `${who}-${lang}-${width}`;
    const known = contexts.get(key);
    if (known) return known;
    const ctx = await browser.newContext({ locale: lang === 'zh' ? 'zh-CN' : 'en-US', viewport: { width, height: width < 600 ? 844 : 900 }, bypassCSP: true });
    await ctx.addInitScript((l) => localStorage.setItem('lang', l), lang);
    if (who !== 'anon') {
      const page = await ctx.newPage();
      await page.goto(`${cast.t.url}/login`);
      await page.getByTestId('login-email').fill(cast.emails[who]);
      await page.getByTestId('login-password').fill(PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.waitForURL((u) => !u.pathname.startsWith('/login'));
      await page.close();
    }
    contexts.set(key, ctx);
    return ctx;
  }

  async function audit(page: Page): Promise<Violation[]> {
    await page.addScriptTag({ path: AXE });
    return page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(ctx: Document): Promise<{ violations: Violation[] }> } }).axe;
      const r = await axe.run(document);
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
    });
  }

  const pages: { name: string; who: Who; url: (c: Cast) => string; ready: string | string[]; phone?: boolean }[] = [
    { name: 'lot list', who: 'anon', url: () => '/', ready: 'lot-grid' },
    { name: 'lot page (announced)', who: 'anon', url: (c) => `/lots/${c.announced}`, ready: 'announcement-text', phone: true },
    { name: 'bidding room (registered, deposit held)', who: 'bidder', url: (c) => `/lots/${c.live}`, ready: 'bidder-code', phone: true },
    { name: 'login', who: 'anon', url: () => '/login', ready: 'login-email' },
    { name: 'register', who: 'anon', url: () => '/register', ready: 'missing-fields' },
    { name: 'results', who: 'anon', url: () => '/results', ready: 'result-row' },
    { name: 'statistics', who: 'anon', url: () => '/stats', ready: 'stats-headline' },
    { name: 'court worklist', who: 'staff', url: () => '/court/worklist', ready: ['duty', 'duties-empty'] },
    { name: 'court lot control', who: 'staff', url: (c) => `/court/lots/${c.sold}`, ready: 'lot-actions' },
    { name: 'finance', who: 'finance', url: () => '/finance', ready: 'finance-page' },
    { name: 'admin', who: 'admin', url: () => '/admin', ready: 'admin-user' },
    { name: 'account', who: 'bidder', url: () => '/me', ready: 'account-page' },
    { name: 'notifications', who: 'bidder', url: () => '/me/notifications', ready: 'notifications-list' },
  ];

  for (const lang of ['zh', 'en'] as const) {
    for (const p of pages) {
      for (const width of p.phone ? [1280, 390] : [1280]) {
        it(`${p.name} (${lang}, ${width} px) has no serious or critical axe violation`, async function () {
          this.timeout(90_000);
          const page = await (await context(p.who, lang, width)).newPage();
          try {
            await page.goto(`${cast.t.url}${p.url(cast)}`);
            await page.locator([p.ready].flat().map((id) => `[data-testid="${id}"]`).join(', ')).first().waitFor({ timeout: 20_000 }).catch(async (e: unknown) => {
              throw new Error(`${String(e)}\n${await page.locator('body').innerText({ timeout: 2000 }).catch(() => '(no page text)')}`);
            });
            await page.locator('main .spinner').first().waitFor({ state: 'detached', timeout: 20_000 });
            expect(await page.evaluate(() => document.documentElement.lang)).to.match(lang === 'zh' ? /^zh/ : /^en/);
            const bad = (await audit(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
            const report = bad.map((v) => `${v.id} [${v.impact}] ${v.help}\n${v.nodes.slice(0, 4).map((n) => `    ${JSON.stringify(n.target)} ${n.failureSummary?.split('\n').slice(0, 3).join(' ') ?? ''}`).join('\n')}`).join('\n');
            expect(bad.map((v) => v.id), `${p.name} (${lang}, ${width} px):\n${report}`).to.deep.equal([]);
          } finally {
            await page.close();
          }
        });
      }
    }
  }
});
