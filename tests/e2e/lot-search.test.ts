import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { journeyHooks } from '../support/browser';
import { lotBody, NOTICE_WAIT_MS } from '../support/factories';
import { courtServer, type TestServer } from '../support/server';

const DAY = 24 * 60 * 60 * 1000;
const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const COURT = `E2E Search Court ${suffix}`;
/** Registered courts with their regions: the search's region select offers them; the first court's phone and address show on its lots' pages. */
const REGION = `内蒙古自治区呼和浩特市新城区 ${suffix}`;
const OTHER_REGION = `E2E Region B ${suffix}`;
const OTHER_COURT = `E2E Search Court B ${suffix}`;
const COURT_PHONE = '0471-6666 1234';
const COURT_ADDRESS = `呼和浩特市新城区中山东路 8 号 ${suffix}`;
const utc8Day = (at: Date) => new Date(at.getTime() + 8 * 3600e3).toISOString().slice(0, 10);
const shiftDay = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
/** A Chinese title with an English one whose model number is longer than a phone card is wide. */
const LONG_ZH = `劳力士 Submariner 126610LN 腕表一块（含原装表盒及保卡）${suffix}`;
const LONG_EN = `Rolex Submariner 126610LN-BLACKDIALCERAMICBEZELOYSTERSTEELBRACELET wristwatch with box and papers ${suffix}`;

/** Published lots of one court around one day (UTC+8), so that a search by court, kind, price and start day picks two of them. */
async function seed() {
  const { t, staff } = await courtServer();
  for (const court of [{ name: COURT, region: REGION, phone: COURT_PHONE, address: COURT_ADDRESS }, { name: OTHER_COURT, region: OTHER_REGION }]) {
    const r = await t.admin.post('/api/admin/courts', court);
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
  }
  const day = utc8Day(new Date(t.now().getTime() + 40 * DAY));
  const lot = async (name: string, o: { startsAt: string; price: string; kind?: 'movable' | 'immovable'; title?: string; titleEn?: string; court?: string }) => {
    const c = await staff.post('/api/cases', { caseNumber: `(2026)搜执${Math.floor(Math.random() * 1e9)}号`, court: o.court ?? COURT, applicant: 'Creditor Co.', respondent: 'Debtor Qian', claimAmount: '500000.00' });
    const a = await staff.post('/api/assets', { caseId: c.body.id, title: o.title ?? `${name} ${suffix}`, ...(o.titleEn ? { titleEn: o.titleEn } : {}), kind: o.kind ?? 'movable', description: 'For the search.' });
    expect(a.status, JSON.stringify(a.body)).to.equal(201);
    await staff.post(`/api/assets/${a.body.id}/valuations`, { method: 'negotiated', amount: '100000.00' });
    const startsAt = new Date(o.startsAt);
    const r = await staff.post('/api/lots', {
      ...lotBody(t, a.body.id), startingPrice: o.price, deposit: (Number(o.price) / 10).toFixed(2), startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + DAY).toISOString(),
    });
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    expect((await staff.post(`/api/lots/${r.body.id}/notify-parties`, { note: 'Served.' })).status).to.equal(200);
    return r.body.id as string;
  };
  const at = (d: string, time: string) => `${d}T${time}+08:00`;
  const ids = {
    early: await lot('Early', { startsAt: at(day, '10:00:00'), price: '70000.00' }),
    match: await lot('Sedan', { startsAt: at(shiftDay(day, 1), '10:00:00'), price: '80000.00' }),
    watch: await lot('Watch', { startsAt: at(shiftDay(day, 1), '20:00:00'), price: '95000.00', title: LONG_ZH, titleEn: LONG_EN }),
    dear: await lot('Dear', { startsAt: at(shiftDay(day, 1), '15:00:00'), price: '120000.00' }),
    late: await lot('Late', { startsAt: at(shiftDay(day, 3), '10:00:00'), price: '90000.00' }),
    flat: await lot('Flat', { startsAt: at(shiftDay(day, 1), '11:00:00'), price: '85000.00', kind: 'immovable' }),
    away: await lot('Away', { startsAt: at(shiftDay(day, 1), '11:00:00'), price: '85000.00', kind: 'immovable', court: OTHER_COURT }),
  };
  await t.advance(NOTICE_WAIT_MS);
  for (const id of Object.values(ids)) {
    const p = await staff.post(`/api/lots/${id}/publish`);
    expect(p.status, JSON.stringify(p.body)).to.equal(200);
  }
  return { t, ids, day };
}

describe('browser journey: finding lots in the catalogue', () => {
  let t: TestServer, browser: Browser, ids: Record<'early' | 'match' | 'watch' | 'dear' | 'late' | 'flat' | 'away', string>, day: string;
  journeyHooks(seed, (s) => ({ t, browser, ids, day } = s));

  async function open(lang: 'zh' | 'en', url: string, width = 1280): Promise<Page> {
    const context = await browser.newContext({ locale: lang === 'zh' ? 'zh-CN' : 'en-US', viewport: { width, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${t.url}${url}`);
    return page;
  }
  const shown = (page: Page) => page.getByTestId('lot-card').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-lot-id')));
  /** The cards once they are exactly these (the unfiltered list holds them too, so wait for the filtered answer). */
  async function expectCards(page: Page, want: string[]) {
    await page.waitForFunction((w) => JSON.stringify([...document.querySelectorAll('[data-testid="lot-card"]')].map((c) => c.getAttribute('data-lot-id'))) === JSON.stringify(w), want, { timeout: 15_000 })
      .catch(() => undefined);
    expect(await shown(page)).to.deep.equal(want);
  }

  for (const lang of ['en', 'zh'] as const) {
    it(`when a visitor searches by court, kind, price, start day and order in ${lang}, then a reload and the address opened in a new page show the same lots`, async function () {
      this.timeout(120_000);
      const page = await open(lang, '/');
      await page.getByTestId('lot-search-court').waitFor();
      await page.getByTestId('lot-search-court').fill(COURT);
      await page.getByTestId('lot-kind-filter').selectOption('movable');
      await page.getByTestId('lot-search-min-price').fill('75,000');
      await page.getByTestId('lot-search-max-price').fill('100000');
      await page.getByTestId('lot-search-from').fill(shiftDay(day, 1));
      await page.getByTestId('lot-search-to').fill(shiftDay(day, 1));
      await page.getByTestId('lot-sort').selectOption('-currentPrice');
      // dearest first: 95,000 then 80,000; the 70,000 lot, the 120,000 one, the flat and the lot three days on are left out
      await expectCards(page, [ids.watch, ids.match]);
      await page.waitForFunction(() => new URL(location.href).searchParams.get('court') !== null && new URL(location.href).searchParams.get('minPrice') !== null);
      const url = new URL(page.url());
      // the address holds the search; its end is the first day left out, as in the API, while the form shows the last day included
      expect(Object.fromEntries(url.searchParams)).to.deep.equal({
        court: COURT, kind: 'movable', minPrice: '75,000', maxPrice: '100000', startsFrom: shiftDay(day, 1), startsTo: shiftDay(day, 2), sort: '-currentPrice',
      });
      expect(await page.getByTestId('lot-search-to').inputValue()).to.equal(shiftDay(day, 1));
      expect(await page.getByTestId('lot-count').innerText()).to.equal(lang === 'zh' ? '共 2 场拍卖' : 'Auctions: 2');
      // each card in the reader's language: the English title only in English
      const title = page.locator(`[data-lot-id="${ids.watch}"] [data-testid="lot-card-title"]`);
      expect(await title.innerText()).to.equal(lang === 'en' ? LONG_EN : LONG_ZH);
      expect(await title.getAttribute('title')).to.equal(lang === 'en' ? LONG_EN : LONG_ZH);

      await page.reload();
      await expectCards(page, [ids.watch, ids.match]);
      expect(await page.getByTestId('lot-search-court').inputValue()).to.equal(COURT);
      expect(await page.getByTestId('lot-kind-filter').inputValue()).to.equal('movable');
      expect(await page.getByTestId('lot-search-min-price').inputValue()).to.equal('75,000');
      expect(await page.getByTestId('lot-search-max-price').inputValue()).to.equal('100000');
      expect(await page.getByTestId('lot-search-from').inputValue()).to.equal(shiftDay(day, 1));
      expect(await page.getByTestId('lot-search-to').inputValue()).to.equal(shiftDay(day, 1));
      expect(await page.getByTestId('lot-sort').inputValue()).to.equal('-currentPrice');

      // the address shared: a new browser, nothing in common with this one but the link
      const other = await open(lang, `${url.pathname}${url.search}`);
      await expectCards(other, [ids.watch, ids.match]);
      await other.context().close();

      // the other order, then a wider period: the lot three days on joins
      await page.getByTestId('lot-sort').selectOption('currentPrice');
      await expectCards(page, [ids.match, ids.watch]);
      await page.getByTestId('lot-search-to').fill(shiftDay(day, 3));
      await expectCards(page, [ids.match, ids.late, ids.watch]);
      // a highest price below the lowest is named, not sent
      await page.getByTestId('lot-search-max-price').fill('70000');
      await page.getByTestId('lot-search-hint').filter({ hasText: lang === 'zh' ? '最高价低于最低价' : 'The highest price is below the lowest' }).waitFor();
      expect(await page.getByTestId('lot-card').count()).to.equal(0);
      await page.context().close();
    });

    it(`when a visitor on a phone (390 px) chooses a region in ${lang}, then its courts' lots are found, the choice survives a reload, and the lot page shows the court's viewing phone and address`, async function () {
      this.timeout(120_000);
      const page = await open(lang, '/', 390);
      const region = page.getByTestId('lot-region-filter');
      await region.locator(`option[value="${REGION}"]`).waitFor({ state: 'attached' });
      expect(await region.locator('option').first().innerText()).to.equal(lang === 'zh' ? '全部地区' : 'All regions');
      expect(await page.locator('label[for="lot-region-filter"]').innerText()).to.equal(lang === 'zh' ? '地区' : 'Region');
      await region.selectOption(REGION);
      await page.getByTestId('lot-kind-filter').selectOption('immovable');
      // the other region's flat has the same terms: only the region tells them apart
      await expectCards(page, [ids.flat]);
      await page.waitForFunction(() => new URL(location.href).searchParams.get('kind') !== null);
      expect(Object.fromEntries(new URL(page.url()).searchParams)).to.deep.equal({ region: REGION, kind: 'immovable' });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, 'the page scrolls sideways').to.be.at.most(0);
      const box = (await region.boundingBox())!;
      expect(box.x + box.width, 'the region select fits the phone').to.be.at.most(390);

      await page.reload();
      await expectCards(page, [ids.flat]);
      expect(await page.getByTestId('lot-region-filter').inputValue()).to.equal(REGION);
      expect(await page.getByTestId('lot-kind-filter').inputValue()).to.equal('immovable');

      await page.getByTestId('lot-region-filter').selectOption(OTHER_REGION);
      await expectCards(page, [ids.away]);
      await page.getByTestId('lot-region-filter').selectOption('');
      await page.waitForFunction(() => !new URL(location.href).searchParams.has('region'));

      // the registered court's contact beside the disclosure's viewing details; a court without any has none
      await page.goto(`${t.url}/lots/${ids.flat}`);
      const contact = page.getByTestId('court-contact');
      await contact.waitFor();
      expect(await page.getByTestId('court-contact-phone').innerText()).to.equal(COURT_PHONE);
      expect(await page.getByTestId('court-contact-phone').getAttribute('href')).to.equal('tel:047166661234');
      expect(await page.getByTestId('court-contact-address').innerText()).to.equal(COURT_ADDRESS);
      expect(await contact.innerText()).to.include(lang === 'zh' ? '法院看样电话' : "Court's viewing phone");
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).to.be.at.most(0);
      await page.goto(`${t.url}/lots/${ids.away}`);
      await page.getByTestId('lot-disclosure').waitFor();
      expect(await page.getByTestId('court-contact').count()).to.equal(0);
      await page.context().close();
    });

    it(`when the search is opened on a phone (390 px) in ${lang}, then a long title wraps inside its card and nothing runs off sideways`, async function () {
      this.timeout(60_000);
      const q = new URLSearchParams({ court: COURT, kind: 'movable', minPrice: '75000', maxPrice: '100000', startsFrom: shiftDay(day, 1), startsTo: shiftDay(day, 2), sort: '-currentPrice' });
      const page = await open(lang, `/?${q}`, 390);
      await expectCards(page, [ids.watch, ids.match]);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, 'the page scrolls sideways').to.be.at.most(0);
      const title = page.locator(`[data-lot-id="${ids.watch}"] [data-testid="lot-card-title"]`);
      const cut = await title.evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(cut, 'the title runs off sideways').to.be.at.most(0);
      const card = (await page.locator(`[data-lot-id="${ids.watch}"]`).boundingBox())!;
      const box = (await title.boundingBox())!;
      expect(box.x + box.width).to.be.at.most(card.x + card.width);
      // the whole title is there for whoever needs it: as the link's text and as its tooltip
      expect(await title.textContent()).to.equal(lang === 'en' ? LONG_EN : LONG_ZH);
      await page.context().close();
    });
  }
});
