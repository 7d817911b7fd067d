import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { schema } from '../../server/platform/db/index';
import { formatYuan } from '../../shared/money';
import { journeyHooks } from '../support/browser';
import { lotBody, NOTICE_WAIT_MS } from '../support/factories';
import { courtServer, type TestServer } from '../support/server';

const SHOTS = '/tmp/shots';
const DAY = 24 * 60 * 60 * 1000;
const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const COURT = `E2E Results Court ${suffix}`;
/** More finished lots than one page holds (50), for "load more". */
const COURT_MANY = `E2E Results Many ${suffix}`;
const MANY = 52;
const utc8Day = (at: Date | string) => new Date(new Date(at).getTime() + 8 * 3600e3).toISOString().slice(0, 10);
const shiftDay = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

/** A sold, an unsold and a defaulted lot in one court, through the real flow and the test clock. */
async function seed() {
  const { t, staff, finance } = await courtServer();
  const asset = async (title: string, court = COURT) => {
    const c = await staff.post('/api/cases', { caseNumber: `(2026)京01执${Math.floor(Math.random() * 1e9)}号`, court, applicant: 'Creditor Co.', respondent: 'Debtor Wang', claimAmount: '500000.00' });
    const a = await staff.post('/api/assets', { caseId: c.body.id, title, kind: 'movable', description: 'For the results page.' });
    await staff.post(`/api/assets/${a.body.id}/valuations`, { method: 'negotiated', amount: '100000.00' });
    return a.body.id as string;
  };
  const lot = async (assetId: string) => {
    const r = await staff.post('/api/lots', lotBody(t, assetId, { startInDays: 36 }));
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    return r.body as { id: string; startsAt: string; endsAt: string };
  };
  const sold = await lot(await asset(`轿车 Sedan ${suffix}`));
  const unsold = await lot(await asset(`仓库 Warehouse ${suffix}`));
  const defaulted = await lot(await asset(`挖掘机 Excavator ${suffix}`));
  const many = [];
  for (let i = 0; i < MANY; i++) many.push(await lot(await asset(`Lot ${i} ${suffix}`, COURT_MANY)));
  for (const l of [sold, unsold, defaulted, ...many]) expect((await staff.post(`/api/lots/${l.id}/notify-parties`, { note: 'Served.' })).status).to.equal(200);
  await t.advance(NOTICE_WAIT_MS);
  for (const l of [sold, unsold, defaulted, ...many]) expect((await staff.post(`/api/lots/${l.id}/publish`)).status).to.equal(200);
  const advanceTo = async (iso: string) => { await t.advance(Math.max(0, new Date(iso).getTime() - t.now().getTime()) + 1000); };
  await advanceTo(sold.startsAt);
  const bidder = async (lotId: string, name: string) => {
    const b = await t.user('bidder', { verified: true, name });
    const reg = await b.api.post(`/api/lots/${lotId}/registrations`);
    expect((await finance.post(`/api/finance/deposits/${reg.body.id}/confirm`, { bankReference: `E2E-${reg.body.id}` })).status).to.equal(200);
    const [u] = await t.database.db.select().from(schema.users).where(eq(schema.users.id, b.id));
    return { api: b.api, code: reg.body.bidderCode as string, idNumber: u.idNumber!, name };
  };
  const buyer = await bidder(sold.id, `张三${suffix.slice(-3)}`);
  const loser = await bidder(sold.id, `李四${suffix.slice(-3)}`);
  const defaulter = await bidder(defaulted.id, `王五${suffix.slice(-3)}`);
  expect((await loser.api.post(`/api/lots/${sold.id}/bids`, { amount: '70000.00', clientBidId: 'l' })).status).to.equal(201);
  expect((await buyer.api.post(`/api/lots/${sold.id}/bids`, { amount: '72000.00', clientBidId: 'b' })).status).to.equal(201);
  expect((await defaulter.api.post(`/api/lots/${defaulted.id}/bids`, { amount: '70000.00', clientBidId: 'd' })).status).to.equal(201);
  await advanceTo(sold.endsAt);
  expect((await finance.post(`/api/finance/lots/${sold.id}/balance`, { bankReference: `E2EB-${sold.id}` })).status).to.equal(200);
  // the balance is due ten working days after the close; past that, the unpaid sale is defaulted (A24)
  await t.advance(25 * DAY);
  const closedAt = (await t.anon.get(`/api/lots/${sold.id}`)).body.closedAt as string;
  expect((await t.anon.get(`/api/lots/${defaulted.id}`)).body.status).to.equal('defaulted');
  return { t, ids: { sold: sold.id, unsold: unsold.id, defaulted: defaulted.id }, buyer, loser, defaulter, closeDay: utc8Day(closedAt) };
}

describe('browser journey: the public results page (成交公示)', () => {
  let t: TestServer, browser: Browser, ids: { sold: string; unsold: string; defaulted: string }, closeDay: string;
  let buyer: { code: string; idNumber: string; name: string }, loser: { name: string; idNumber: string }, defaulter: { code: string; name: string; idNumber: string };
  journeyHooks(seed, (s) => ({ t, browser, ids, buyer, loser, defaulter, closeDay } = s));
  before(() => fs.mkdirSync(SHOTS, { recursive: true }));

  async function open(lang: 'zh' | 'en', url: string, width = 1280): Promise<Page> {
    const context = await browser.newContext({ locale: lang === 'zh' ? 'zh-CN' : 'en-US', viewport: { width, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${t.url}${url}`);
    return page;
  }
  const row = (page: Page, id: string) => page.locator(`[data-testid="result-row"][data-lot-id="${id}"]`);
  const masked = () => `${buyer.idNumber.slice(0, 3)}${'*'.repeat(buyer.idNumber.length - 7)}${buyer.idNumber.slice(-4)}`;

  async function expectRows(page: Page, lang: 'zh' | 'en') {
    // the unfiltered list also holds these rows: wait for the filtered answer (its count) before counting
    const threeResults = lang === 'zh' ? '共 3 条' : '3 results';
    await page
      .waitForFunction((text) => document.querySelector('[data-testid="results-count"]')?.textContent === text, threeResults, { timeout: 10_000 })
      .catch(() => undefined);
    expect(await page.getByTestId('results-count').innerText()).to.equal(threeResults);
    expect(await page.getByTestId('result-row').count()).to.equal(3);
    const sold = row(page, ids.sold);
    expect(await sold.getByTestId('result-buyer-name').innerText()).to.equal(buyer.name);
    expect(await sold.getByTestId('result-buyer-id').innerText()).to.equal(masked());
    expect(await sold.getByTestId('result-winner').innerText()).to.equal(buyer.code);
    expect(await sold.getByTestId('result-final').innerText()).to.equal(formatYuan('72000.00'));
    expect(await sold.getByTestId('result-bids').innerText()).to.equal('2');
    expect(await sold.getByTestId('result-outcome').innerText()).to.equal(lang === 'zh' ? '已成交' : 'Sold');
    expect(await sold.getByTestId('result-title').getAttribute('href')).to.equal(`/lots/${ids.sold}`);
    const def = row(page, ids.defaulted);
    expect(await def.getByTestId('result-winner').innerText()).to.equal(defaulter.code);
    expect(await def.getByTestId('result-buyer-name').count()).to.equal(0);
    expect(await def.getByTestId('result-no-buyer').innerText()).to.equal(lang === 'zh' ? '买受人未付余款，成交无效' : 'Sale void: the buyer did not pay');
    expect(await def.getByTestId('result-outcome').innerText()).to.equal(lang === 'zh' ? '买受人悔拍' : 'Buyer defaulted');
    const unsold = row(page, ids.unsold);
    expect(await unsold.getByTestId('result-outcome').innerText()).to.equal(lang === 'zh' ? '流拍' : 'Unsold (流拍)');
    expect(await unsold.getByTestId('result-winner').innerText()).to.equal('—');
    const text = await page.locator('body').innerText();
    for (const s of [loser.name, loser.idNumber, defaulter.name, defaulter.idNumber, buyer.idNumber]) expect(text, `page shows ${s}`).to.not.include(s);
  }

  it('when a court has more results than one page, then "load more" brings the rest once each, and the button goes', async function () {
    this.timeout(60_000);
    const page = await open('en', `/results?court=${encodeURIComponent(COURT_MANY)}`);
    await page.getByTestId('result-row').nth(49).waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('result-row').count()).to.equal(50);
    expect(await page.getByTestId('results-count').innerText()).to.equal(`Showing 50 of ${MANY} results`);
    await page.getByTestId('results-more').click();
    await page.getByTestId('result-row').nth(MANY - 1).waitFor({ timeout: 10_000 });
    const shown = await page.getByTestId('result-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-lot-id')));
    expect(shown).to.have.length(MANY);
    expect(new Set(shown).size).to.equal(MANY);
    await page.getByTestId('results-more').waitFor({ state: 'detached' });
    expect(await page.getByTestId('results-count').innerText()).to.equal(`${MANY} results`);
    // the court list counts them
    expect(await page.locator(`[data-testid="results-court"] option[value="${COURT_MANY}"]`).innerText()).to.equal(`${COURT_MANY} (${MANY} results)`);
    await page.context().close();
  });

  for (const lang of ['zh', 'en'] as const) {
    it(`when a visitor searches by court and period in ${lang}, then the sold row names the buyer with the ID masked, the defaulted row names no one, and a reload and the CSV keep the search`, async function () {
      this.timeout(120_000);
      const page = await open(lang, '/results');
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect(await page.getByRole('heading', { level: 1 }).innerText()).to.equal(lang === 'zh' ? '成交公示' : 'Auction results');
      // the court list holds the seeded court once its results exist
      await page.locator(`[data-testid="results-court"] option[value="${COURT}"]`).waitFor({ state: 'attached', timeout: 10_000 });
      await page.getByTestId('results-court').selectOption(COURT);
      await page.getByTestId('results-from').fill(closeDay);
      await page.getByTestId('results-to').fill(closeDay);
      await expectRows(page, lang);
      const url = new URL(page.url());
      // the address holds the exclusive end, as the statistics pages and the API do; the form shows the last day included
      expect(Object.fromEntries(url.searchParams)).to.deep.equal({ court: COURT, from: closeDay, to: shiftDay(closeDay, 1) });
      expect(await page.getByTestId('results-to').inputValue()).to.equal(closeDay);
      expect(await page.getByTestId('results-count').innerText()).to.equal(lang === 'zh' ? '共 3 条' : '3 results');
      // per lot: the reference price and the premium over the start and over the reference
      const sold = row(page, ids.sold);
      expect(await sold.getByTestId('result-reference').innerText()).to.match(lang === 'zh' ? /^参考价 ¥[\d,]+\.\d{2}$/ : /^Reference ¥[\d,]+\.\d{2}$/);
      expect(await sold.getByTestId('result-premium-starting').innerText()).to.match(lang === 'zh' ? /^较起拍价 [+−]\d+\.\d{2}%$/ : /^[+−]\d+\.\d{2}% over starting$/);
      expect(await sold.getByTestId('result-premium-reference').innerText()).to.match(lang === 'zh' ? /^较参考价 [+−]\d+\.\d{2}%$/ : /^[+−]\d+\.\d{2}% over reference$/);
      expect(await row(page, ids.unsold).getByTestId('result-premium-starting').count()).to.equal(0);
      await page.screenshot({ path: path.join(SHOTS, `results-${lang}-1280.png`), fullPage: true });
      // at desktop width every column fits: the table does not scroll sideways
      const tableOverflow = await page.locator('.results-table-wrap').evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(tableOverflow, 'the table scrolls sideways at 1280 px').to.be.at.most(0);

      // a reload keeps the search, and so does the shared address
      await page.reload();
      await expectRows(page, lang);
      expect(await page.getByTestId('results-court').inputValue()).to.equal(COURT);
      expect(await page.getByTestId('results-from').inputValue()).to.equal(closeDay);
      expect(await page.getByTestId('results-to').inputValue()).to.equal(closeDay);

      // the CSV link carries the same search (the last day included: the API's `to` is the day after)
      const href = (await page.getByTestId('results-csv').getAttribute('href'))!;
      const q = new URL(href, t.url).searchParams;
      expect(Object.fromEntries(q)).to.deep.equal({ court: COURT, from: closeDay, to: shiftDay(closeDay, 1), format: 'csv', lang });
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('results-csv').click()]);
      const csv = fs.readFileSync((await download.path())!, 'utf8');
      expect(csv.startsWith('\uFEFF')).to.equal(true);
      expect(csv.slice(1).split('\r\n')[0].split(',').slice(0, 2)).to.deep.equal(lang === 'zh' ? ['拍卖编号', '标的名称'] : ['lotId', 'title']);
      expect(download.suggestedFilename()).to.match(/\.csv$/);
      for (const id of Object.values(ids)) expect(csv).to.include(id);
      expect(csv).to.include(masked());
      expect(csv).to.include(buyer.name);
      for (const s of [loser.name, defaulter.name, buyer.idNumber]) expect(csv).to.not.include(s);

      // the next day holds nothing: the empty state says so and offers to clear
      await page.getByTestId('results-from').fill(shiftDay(closeDay, 1));
      await page.getByTestId('results-to').fill(shiftDay(closeDay, 1));
      await page.getByTestId('results-empty').waitFor({ timeout: 10_000 });
      // an end before the start is named, not sent
      await page.getByTestId('results-to').fill(closeDay);
      await page.getByTestId('results-period-hint').filter({ hasText: lang === 'zh' ? '结束日期早于开始日期' : 'The end date is before the start date' }).waitFor();
      expect(await page.getByTestId('result-row').count()).to.equal(0);
      // an address edited by hand: a day that does not exist is named; an outcome the form does not offer is left out
      await page.goto(`${t.url}/results?court=${encodeURIComponent(COURT)}&from=2026-02-30`);
      await page.getByTestId('results-period-hint').filter({ hasText: lang === 'zh' ? '开始日期不是有效日期' : 'The start date is not a date' }).waitFor();
      await page.goto(`${t.url}/results?court=${encodeURIComponent(COURT)}&outcome=cancelled`);
      await row(page, ids.sold).waitFor({ timeout: 10_000 });
      expect(await page.getByTestId('result-row').count()).to.equal(3);
      await page.context().close();
    });

    it(`when the same search is opened on a phone (390 px) in ${lang}, then the rows read as cards with nothing cut off sideways`, async function () {
      this.timeout(60_000);
      // an older link, whose `to` named the last day included (here the same as `from`), still reads as that day
      const page = await open(lang, `/results?court=${encodeURIComponent(COURT)}&from=${closeDay}&to=${closeDay}`, 390);
      await expectRows(page, lang);
      expect(await page.getByTestId('results-to').inputValue()).to.equal(closeDay);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, 'the page scrolls sideways').to.be.at.most(0);
      const box = await row(page, ids.sold).boundingBox();
      expect(box!.width).to.be.at.most(390);
      await page.screenshot({ path: path.join(SHOTS, `results-${lang}-390.png`), fullPage: true });
      await page.context().close();
    });
  }
});
