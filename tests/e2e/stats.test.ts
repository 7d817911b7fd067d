import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import { Decimal } from 'decimal.js';
import type { Browser, Page } from 'playwright-core';
import { formatYuan } from '../../shared/money';
import { journeyHooks } from '../support/browser';
import { lotBody, NOTICE_WAIT_MS } from '../support/factories';
import { courtServer, type ApiClient, type TestServer } from '../support/server';

/**
 * The public statistics dashboard and the court report, in Chinese and English, at desktop and phone width,
 * over auctions two courts ran to their end on the test clock.
 */

const SHOTS = '/tmp/shots';
const suffix = Math.floor(Math.random() * 1e9);
const COURT_A = `北京市东城区人民法院 ${suffix}`;
const COURT_B = `Haidian District Court ${suffix}`;

const percent = (rate: string) => `${new Decimal(rate).times(100).toFixed(2)}%`;

async function seed() {
  const { t, staff, finance } = await courtServer();
  const lotIn = async (court: string, starting: string, reference: string) => {
    const c = await staff.post('/api/cases', { caseNumber: `(2026)京执${Math.floor(Math.random() * 1e9)}号`, court, applicant: 'Creditor Co.', respondent: 'Debtor Qian', claimAmount: '900000.00' });
    const a = await staff.post('/api/assets', { caseId: c.body.id, title: 'Seized flat', kind: 'immovable', description: 'For the statistics pages.' });
    expect((await staff.post(`/api/assets/${a.body.id}/valuations`, { method: 'negotiated', amount: reference })).status).to.equal(201);
    const r = await staff.post('/api/lots', { ...lotBody(t, a.body.id, { startInDays: 36 }), startingPrice: starting, deposit: new Decimal(starting).times('0.1').toFixed(2) });
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    return r.body as { id: string; startsAt: string; endsAt: string };
  };
  const bidder = async (lotId: string) => {
    const b = await t.user('bidder', { verified: true });
    const reg = await b.api.post(`/api/lots/${lotId}/registrations`);
    expect((await finance.post(`/api/finance/deposits/${reg.body.id}/confirm`, { bankReference: `E2E-${reg.body.id}` })).status).to.equal(200);
    return b.api;
  };
  // Court A: a sale over two C29 bands after a contest, and an unsold lot. Court B: one sale at the starting price.
  const soldA = await lotIn(COURT_A, '2000000.00', '2100000.00');
  const unsoldA = await lotIn(COURT_A, '70000.00', '100000.00');
  const soldB = await lotIn(COURT_B, '70000.00', '100000.00');
  const all = [soldA, unsoldA, soldB];
  for (const l of all) expect((await staff.post(`/api/lots/${l.id}/notify-parties`, { note: 'Served.' })).status).to.equal(200);
  await t.advance(NOTICE_WAIT_MS);
  for (const l of all) expect((await staff.post(`/api/lots/${l.id}/publish`)).status).to.equal(200);
  await t.advance(new Date(soldA.startsAt).getTime() - t.now().getTime() + 1000);
  const [a1, a2, b1] = [await bidder(soldA.id), await bidder(soldA.id), await bidder(soldB.id)];
  expect((await a1.post(`/api/lots/${soldA.id}/bids`, { amount: '2000000.00', clientBidId: 'a1' })).status).to.equal(201);
  expect((await a2.post(`/api/lots/${soldA.id}/bids`, { amount: '2501000.00', clientBidId: 'a2' })).status).to.equal(201);
  expect((await b1.post(`/api/lots/${soldB.id}/bids`, { amount: '70000.00', clientBidId: 'b1' })).status).to.equal(201);
  await t.advance(new Date(soldA.endsAt).getTime() - t.now().getTime() + 1000);
  // the close runs on the scheduler: wait for each lot's outcome
  for (const [l, s] of [[soldA, 'sold'], [unsoldA, 'unsold'], [soldB, 'sold']] as const) {
    const end = Date.now() + 10_000;
    let status = '';
    while ((status = (await t.anon.get(`/api/lots/${l.id}`)).body.status) !== s && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    expect(status).to.equal(s);
  }
  return { t, staff, closedAt: new Date(soldA.endsAt) };
}

describe('browser journey: the public statistics dashboard and the court report', () => {
  let t: TestServer, staff: ApiClient, browser: Browser, closedAt: Date;
  journeyHooks(seed, (s) => ({ t, staff, browser, closedAt } = s));
  before(() => fs.mkdirSync(SHOTS, { recursive: true }));

  async function open(lang: 'zh' | 'en', url: string, width = 1280): Promise<Page> {
    const context = await browser.newContext({ locale: lang === 'zh' ? 'zh-CN' : 'en-US', viewport: { width, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${t.url}${url}`);
    return page;
  }
  const stats = async (query: URLSearchParams) => {
    const r = await t.anon.get(`/api/stats?${query.toString()}`);
    expect(r.status, JSON.stringify(r.body)).to.equal(200);
    return r.body;
  };
  /** A full-page shot, and the same in screen-high slices that can be read at phone width. */
  const shoot = async (page: Page, name: string) => {
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
    const { width } = page.viewportSize()!;
    if (width > 600) return;
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    for (let y = 0, i = 1; y < height; y += 1200, i++) {
      await page.screenshot({ path: path.join(SHOTS, `${name}-part${i}.png`), fullPage: true, clip: { x: 0, y, width, height: Math.min(1200, height - y) } });
    }
  };
  const text = async (page: Page, testId: string) => (await page.getByTestId(testId).innerText()).trim();
  const money = async (page: Page, testId: string) => (await page.locator(`[data-testid="${testId}"] .money-figure`).first().innerText()).trim();
  /** The filters the page is showing, read from its CSV link (the defaults are not in the URL). */
  const shownFilters = async (page: Page) => {
    const href = await page.getByTestId('stats-csv').getAttribute('href');
    const q = new URL(href!, t.url).searchParams;
    q.delete('format');
    q.delete('groupBy');
    return q;
  };

  async function expectHeadline(page: Page, json: Record<string, string | number>) {
    await page.getByTestId('stats-headline').waitFor();
    expect(await text(page, 'stat-lotsFinished-value')).to.equal(String(json.lotsFinished));
    expect(await text(page, 'stat-lotsSold-value')).to.equal(String(json.lotsSold));
    expect(await text(page, 'stat-successRate-value')).to.equal(percent(json.successRate as string));
    expect(await money(page, 'stat-turnover-value')).to.equal(formatYuan(json.turnover as string));
    expect(await text(page, 'stat-premiumOverStarting-value')).to.equal(percent(json.premiumOverStarting as string));
    expect(await text(page, 'stat-premiumOverReference-value')).to.equal(percent(json.premiumOverReference as string));
    expect(await money(page, 'stat-commissionSaved-value')).to.equal(formatYuan(json.commissionSaved as string));
    expect(await text(page, 'stat-realisationRate-value')).to.equal(percent(json.realisationRate as string));
    expect(await text(page, 'stat-refunds24h-value')).to.equal(percent(json.loserDepositsRefundedWithin24hShare as string));
    expect(await text(page, 'stat-biddersPerLot')).to.include(new Decimal(json.biddersPerLot).toFixed(2));
    expect(await text(page, 'stat-bidsPerLot')).to.include(new Decimal(json.bidsPerLot).toFixed(2));
  }

  async function expectCharts(page: Page) {
    for (const id of ['stats-chart-month', 'stats-chart-round', 'stats-chart-court']) {
      await page.locator(`[data-testid="${id}-canvas"] svg, [data-testid="${id}-canvas"] canvas`).first().waitFor({ timeout: 15_000 });
    }
  }

  for (const lang of ['zh', 'en'] as const) {
    it(`when a visitor opens the dashboard in ${lang}, picks a court and reloads, then the figures, charts, method and CSV match the API`, async function () {
      this.timeout(120_000);
      const page = await open(lang, '/stats');
      await page.getByTestId('stats-headline').waitFor({ timeout: 15_000 });
      // the default period is the last 12 months on the server's clock, which includes the closes
      const defaults = await shownFilters(page);
      expect(defaults.get('from')! <= closedAt.toISOString().slice(0, 10)).to.equal(true);
      // All courts: under PostgreSQL other suites finish auctions in the same database meanwhile, so the page
      // and the API are compared on one snapshot, reloading while a close fell between the two reads.
      for (let attempt = 1; ; attempt++) {
        const json = await stats(defaults);
        try {
          await expectHeadline(page, json);
          break;
        } catch (e) {
          if (attempt === 3) throw e;
          await page.reload();
        }
      }
      await expectCharts(page);
      const method = page.getByTestId('stats-method');
      expect(await method.innerText()).to.include(lang === 'zh' ? '统计口径说明' : 'How these figures are counted');
      expect(await method.innerText()).to.include(lang === 'zh' ? '绝不按成交总额套用费率' : 'never applied to the total turnover');
      await shoot(page, `stats-${lang}-1280-all`);

      await page.getByTestId('stats-court').selectOption(COURT_A);
      await page.waitForURL((u) => u.searchParams.get('court') === COURT_A);
      await page.waitForFunction(() => document.querySelector('[data-testid="stats-csv"]')?.getAttribute('href')?.includes('court='));
      const courtQuery = await shownFilters(page);
      expect(courtQuery.get('court')).to.equal(COURT_A);
      const courtA = await stats(courtQuery);
      expect(courtA.lotsFinished).to.equal(2);
      expect(courtA.commissionSaved).to.equal('115030.00');
      await page.waitForFunction((n) => document.querySelector('[data-testid="stat-lotsFinished-value"]')?.textContent === n, String(courtA.lotsFinished));
      await expectHeadline(page, courtA);

      await page.reload();
      expect(await page.getByTestId('stats-court').inputValue()).to.equal(COURT_A);
      await expectHeadline(page, courtA);
      await expectCharts(page);
      // the data behind each chart, as a table
      await page.locator('[data-testid="stats-chart-court"] summary').click();
      const courtRows = page.locator('[data-testid="stats-chart-court"] [data-testid="stats-court-row"]');
      expect(await courtRows.count()).to.equal(1);
      expect(await courtRows.first().innerText()).to.include(COURT_A).and.include('¥115,030.00');

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('stats-csv').click()]);
      expect(download.suggestedFilename()).to.match(/\.csv$/);
      // the file starts with a byte order mark (Excel reads it as UTF-8) and its header row is in the page's language
      const bytes = fs.readFileSync((await download.path())!);
      expect([...bytes.subarray(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
      const rows = parse(bytes.toString('utf8'), { bom: true }) as string[][];
      expect(rows[0].slice(0, 7)).to.deep.equal(lang === 'zh'
        ? ['分组', '项目', '结束场次', '成交场次', '悔拍场次', '成交率', '成交额']
        : ['group', 'key', 'lotsFinished', 'lotsSold', 'lotsDefaulted', 'successRate', 'turnover']);
      expect(rows[1].slice(0, 7)).to.deep.equal([lang === 'zh' ? '合计' : 'total', '', '2', '1', '0', courtA.successRate, courtA.turnover]);
      expect(rows.slice(2).every((r) => r[0] === (lang === 'zh' ? '月份' : 'month'))).to.equal(true);
      await shoot(page, `stats-${lang}-1280-court`);

      // at phone width the page does not scroll sideways: wide tables scroll inside their own box
      const phone = await open(lang, `/stats?${courtQuery.toString()}`, 390);
      await expectHeadline(phone, courtA);
      await expectCharts(phone);
      for (const d of await phone.locator('details.stats-data').all()) await d.locator('summary').click();
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(390);
      await shoot(phone, `stats-${lang}-390`);
      await phone.context().close();
      await page.context().close();
    });

    it(`when a visitor opens the report for a court and period in ${lang}, then its tables hold the API's figures and it prints without the site frame`, async function () {
      this.timeout(120_000);
      const page = await open(lang, `/stats?court=${encodeURIComponent(COURT_A)}`);
      await page.getByTestId('stats-headline').waitFor({ timeout: 15_000 });
      const q = await shownFilters(page);
      await page.getByTestId('stats-report-link').click();
      await page.waitForURL((u) => u.pathname === '/stats/report');
      expect(new URL(page.url()).searchParams.get('court')).to.equal(COURT_A);
      await page.getByTestId('stats-report-summary').waitFor({ timeout: 15_000 });
      q.set('groupBy', 'month');
      const json = await stats(q);
      expect(await money(page, 'report-turnover')).to.equal(formatYuan(json.turnover));
      expect(await text(page, 'report-premiumOverStarting')).to.equal(percent(json.premiumOverStarting));
      expect(await text(page, 'report-premiumOverReference')).to.equal(percent(json.premiumOverReference));
      expect(await money(page, 'report-commissionSaved')).to.equal(formatYuan(json.commissionSaved));
      expect(await text(page, 'report-commissionShare')).to.equal(percent(json.commissionShareOfTurnover));
      expect(await text(page, 'report-lotsFinished')).to.equal(String(json.lotsFinished));
      expect(await text(page, 'report-lotsSold')).to.equal(String(json.lotsSold));
      expect(await text(page, 'report-successRate')).to.equal(percent(json.successRate));
      for (const g of json.groups as Array<{ key: string; lotsFinished: number; turnover: string }>) {
        const row = page.locator(`[data-testid="stats-report-month"][data-month="${g.key}"]`);
        const cells = await row.locator('td').allInnerTexts();
        expect(cells[0]).to.equal(String(g.lotsFinished));
        expect(cells[3]).to.equal(formatYuan(g.turnover));
      }
      expect((await page.getByTestId('stats-report-total').locator('td').allInnerTexts())[0]).to.equal(String(json.lotsFinished));
      expect(await text(page, 'stats-scope-court')).to.equal(COURT_A);
      expect(await text(page, 'stats-report-generated')).to.include('(UTC+8)');
      expect(await page.getByTestId('stats-method').isVisible()).to.equal(true);
      await shoot(page, `report-${lang}-1280`);

      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('header.header, .header').first().isVisible()).to.equal(false);
      expect(await page.getByTestId('stats-print').isVisible()).to.equal(false);
      expect(await page.getByTestId('stats-report-summary').isVisible()).to.equal(true);
      await shoot(page, `report-${lang}-print`);
      await page.context().close();

      const phone = await open(lang, page.url().replace(t.url, ''), 390);
      await phone.getByTestId('stats-report-summary').waitFor({ timeout: 15_000 });
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(390);
      // the month table's column names stay on one line (not 成/交/场/次 down the cell): the table scrolls in its frame
      const heads = await phone.locator('[data-testid="stats-report-months"] thead th').evaluateAll((ths) => ths.map((th) => ({ text: th.textContent, ws: getComputedStyle(th).whiteSpace, h: th.getBoundingClientRect().height })));
      for (const h of heads) expect(h.ws, String(h.text)).to.equal('nowrap');
      expect(Math.max(...heads.map((h) => h.h))).to.be.below(48);
      await shoot(phone, `report-${lang}-390`);
      await phone.context().close();
    });
  }

  for (const lang of ['zh', 'en'] as const) {
    it(`when a province's turnover runs to ¥14,280,000,000.00 in ${lang}, then the figure fits its card at 1280 and 390 px and the page does not scroll sideways`, async function () {
      this.timeout(60_000);
      for (const width of [1280, 390]) {
        const context = await browser.newContext({ locale: lang === 'zh' ? 'zh-CN' : 'en-US', viewport: { width, height: 900 } });
        const page = await context.newPage();
        // the province's figures, as the API would give them for a large year
        await page.route('**/api/stats?*', async (route) => {
          const response = await route.fetch();
          const body = await response.json();
          const big = (f: Record<string, unknown>) => ({ ...f, turnover: '14280000000.00', commissionSaved: '1375157888.00' });
          await route.fulfill({ response, json: { ...big(body), groups: body.groups?.map(big) } });
        });
        await page.goto(`${t.url}/stats`);
        await page.getByTestId('stat-turnover-figure').waitFor({ timeout: 15_000 });
        expect(await page.getByTestId('stat-turnover-figure').innerText()).to.equal('¥14,280,000,000.00');
        if (lang === 'zh') expect(await page.getByTestId('stat-turnover-figure-wan').innerText()).to.equal('142.80亿');
        for (const id of ['stat-turnover-figure', 'stat-commissionSaved-figure', 'stat-turnover', 'stat-commissionSaved']) {
          const fit = await page.getByTestId(id).evaluate((el) => {
            const card = el.closest('.stats-figure')!.getBoundingClientRect();
            const r = el.getBoundingClientRect();
            return { scroll: el.scrollWidth, client: el.clientWidth, inside: r.left >= card.left - 0.5 && r.right <= card.right + 0.5 };
          });
          expect(fit.scroll, `${id} at ${width}`).to.be.at.most(fit.client);
          expect(fit.inside, `${id} inside its card at ${width}`).to.equal(true);
        }
        expect(await page.evaluate(() => document.documentElement.scrollWidth), `page at ${width}`).to.be.at.most(width);
        await shoot(page, `stats-big-${lang}-${width}`);
        await context.close();
      }
    });
  }

  it('when all courts are selected, then the report link and the report are for all courts', async function () {
    this.timeout(60_000);
    for (const lang of ['zh', 'en'] as const) {
      const page = await open(lang, '/stats');
      await page.getByTestId('stats-headline').waitFor({ timeout: 15_000 });
      expect(await text(page, 'stats-report-link')).to.equal(lang === 'zh' ? '生成全部法院本期间报表' : 'Report for all courts and this period');
      await page.getByTestId('stats-report-link').click();
      await page.getByTestId('stats-report-summary').waitFor({ timeout: 15_000 });
      expect(await text(page, 'stats-report-title')).to.equal(lang === 'zh' ? '网络司法拍卖工作统计报表（全部法院）' : 'Online judicial auctions: report for all courts');
      expect(await text(page, 'stats-scope-court')).to.equal(lang === 'zh' ? '全部法院' : 'All courts');
      await page.context().close();
    }
  });

  it('when the period holds no finished auction, then the page shows zeros and says so, not an error', async function () {
    this.timeout(60_000);
    const page = await open('en', `/stats?court=${encodeURIComponent(COURT_B)}`);
    await page.getByTestId('stats-headline').waitFor({ timeout: 15_000 });
    // the form's "to" is the last day included; the URL and the API take the day after it
    await page.getByTestId('stats-from').fill('2000-01-01');
    await page.getByTestId('stats-to').fill('2000-01-31');
    await page.waitForURL((u) => u.searchParams.get('from') === '2000-01-01' && u.searchParams.get('to') === '2000-02-01');
    await page.getByTestId('stats-empty').waitFor({ timeout: 15_000 });
    expect(await text(page, 'stats-scope-period')).to.include('1 Jan 2000 to 31 Jan 2000');
    expect(await text(page, 'stat-lotsFinished-value')).to.equal('0');
    expect(await money(page, 'stat-turnover-value')).to.equal('¥0.00');
    expect(await text(page, 'stat-successRate-value')).to.equal('0.00%');
    expect(await page.locator('.alert-error').count()).to.equal(0);
    await page.context().close();
    void staff;
  });
});
