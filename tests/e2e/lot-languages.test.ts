import crypto from 'node:crypto';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { DISCLOSURE_FIELDS } from '../../shared/disclosure';
import { DISCLOSURE, lotBody, NOTICE_WAIT_MS } from '../support/factories';
import { journeyHooks, loggedIn } from '../support/browser';
import { courtServer, startTestServer, type ApiClient, type TestServer } from '../support/server';

/** Translations of the factories' disclosure, each marked so that a stray one is easy to find on a page. */
const ENGLISH = Object.fromEntries(DISCLOSURE_FIELDS.map((f) => [`${f}En`, `EN ${f}: as the court translated it.`]));
const TITLE = { zh: '西溪花园3幢1202室住宅', en: 'Flat 1202, Building 3, Xixi Garden' };
const DESCRIPTION = { zh: '住宅，建筑面积89.5平方米。', en: 'A flat of 89.5 square metres.' };
const ANNOUNCEMENT = { zh: '本院将在本平台公开拍卖下列财产。', en: 'The court will auction the property below on this platform.' };

describe('browser journey: a lot page speaks one language at a time', () => {
  let t: TestServer, staff: ApiClient, browser: Browser;
  // The first server of a process migrates the database template, which a loaded machine takes over a minute to do.
  before(async function () {
    this.timeout(300_000);
    await (await startTestServer({ jobs: false })).stop();
  });
  journeyHooks(async () => courtServer(), (s) => ({ t, staff, browser } = s));

  async function publishedLot(translated: boolean) {
    const c = await staff.post('/api/cases', { caseNumber: `(2026)浙0106执${crypto.randomInt(1e9)}号`, court: '杭州市西湖区人民法院', applicant: '某银行', respondent: '李某', claimAmount: '3200000.00' });
    const a = await staff.post('/api/assets', {
      caseId: c.body.id, title: TITLE.zh, kind: 'movable', description: DESCRIPTION.zh, ...(translated ? { titleEn: TITLE.en, descriptionEn: DESCRIPTION.en } : {}),
    });
    expect((await staff.post(`/api/assets/${a.body.id}/valuations`, { method: 'negotiated', amount: '100000.00' })).status).to.equal(201);
    const lot = await staff.post('/api/lots', {
      ...lotBody(t, a.body.id), announcement: ANNOUNCEMENT.zh,
      ...(translated ? { announcementEn: ANNOUNCEMENT.en, disclosure: { ...DISCLOSURE, ...ENGLISH } } : {}),
    });
    expect(lot.status, JSON.stringify(lot.body)).to.equal(201);
    await staff.post(`/api/lots/${lot.body.id}/notify-parties`, { note: 'Served.' });
    await t.advance(NOTICE_WAIT_MS);
    expect((await staff.post(`/api/lots/${lot.body.id}/publish`)).status).to.equal(200);
    return lot.body.id as string;
  }

  async function open(lotId: string, lang: 'zh' | 'en'): Promise<Page> {
    const context = await browser.newContext({ locale: lang === 'zh' ? 'zh-CN' : 'en-US', viewport: { width: 390, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${t.url}/`);
    await page.evaluate((l) => localStorage.setItem('lang', l), lang);
    await page.goto(`${t.url}/lots/${lotId}`);
    await page.getByTestId('lot-disclosure').waitFor({ timeout: 60_000 }).catch(async (e) => { throw new Error(`${e.message}\npage errors: ${errors.join('; ')}\npage: ${(await page.locator('body').innerText()).slice(0, 500)}`); });
    return page;
  }

  const cjk = /[\u4e00-\u9fff]/;

  it('when the court gave translations, then the Chinese page shows only the Chinese and the English page only the English, with no original-language label', async function () {
    this.timeout(180_000);
    const lotId = await publishedLot(true);

    const zh = await open(lotId, 'zh');
    expect((await zh.locator('h1.lot-title').innerText()).trim()).to.equal(TITLE.zh);
    for (const f of DISCLOSURE_FIELDS) expect((await zh.getByTestId(`disclosure-${f}`).innerText()).trim(), f).to.equal(DISCLOSURE[f]);
    expect((await zh.getByTestId('announcement-text').innerText()).trim()).to.equal(ANNOUNCEMENT.zh);
    expect((await zh.getByTestId('description-text').innerText()).trim()).to.equal(DESCRIPTION.zh);
    const zhText = await zh.locator('main, body').first().innerText();
    for (const s of [TITLE.en, DESCRIPTION.en, ANNOUNCEMENT.en, ...Object.values(ENGLISH)]) expect(zhText, 'no English content on the Chinese page').to.not.include(s);
    expect(zhText).to.not.match(/ · [A-Z]/, 'no "中文 · English" titles');
    await zh.context().close();

    const en = await open(lotId, 'en');
    expect((await en.locator('h1.lot-title').innerText()).trim()).to.equal(TITLE.en);
    for (const f of DISCLOSURE_FIELDS) expect((await en.getByTestId(`disclosure-${f}`).innerText()).trim(), f).to.equal(ENGLISH[`${f}En`]);
    expect((await en.getByTestId('announcement-text').innerText()).trim()).to.equal(ANNOUNCEMENT.en);
    expect((await en.getByTestId('description-text').innerText()).trim()).to.equal(DESCRIPTION.en);
    expect(await en.getByTestId('original-label').count()).to.equal(0);
    const content = await en.locator('.lot-main').innerText();
    for (const s of [TITLE.zh, DESCRIPTION.zh, ANNOUNCEMENT.zh, ...Object.values(DISCLOSURE)]) expect(content, 'no Chinese content on the English page').to.not.include(s);
    await en.context().close();
  });

  it('when the court gave no translation, then the English page shows the Chinese original marked as such, and the Chinese page no label', async function () {
    this.timeout(180_000);
    const lotId = await publishedLot(false);
    const en = await open(lotId, 'en');
    const known = en.getByTestId('disclosure-knownDefects');
    expect(await known.getAttribute('data-original')).to.equal('true');
    expect((await known.innerText())).to.include('Chinese original').and.include(DISCLOSURE.knownDefects);
    expect(await en.getByTestId('original-label').count()).to.be.at.least(DISCLOSURE_FIELDS.length + 2);
    // The platform's own words stay English: only the court's text is in Chinese, and it is labelled.
    expect(await en.locator('#disclosure-title').innerText()).to.equal('Disclosure');
    await en.context().close();

    const zh = await open(lotId, 'zh');
    expect(await zh.getByTestId('original-label').count()).to.equal(0);
    expect(await zh.locator('#disclosure-title').innerText()).to.match(cjk);
    await zh.context().close();
  });

  it('when a signed-in bidder opens a lot on a phone, then the language switch sits on the brand\'s row in both languages', async function () {
    this.timeout(180_000);
    const lotId = await publishedLot(true);
    const bidder = await t.user('bidder');
    const page = await loggedIn(browser, t.url, bidder.email, 390);
    for (const lang of ['zh', 'en'] as const) {
      await page.evaluate((l) => localStorage.setItem('lang', l), lang);
      await page.goto(`${t.url}/lots/${lotId}`);
      await page.getByTestId('lot-disclosure').waitFor({ timeout: 60_000 });
      // The bell and the log-out button are the widest the first row gets.
      await page.locator('.bell-box').waitFor();
      const brand = (await page.locator('.header .brand').boundingBox())!;
      const langs = (await page.locator('.header .lang-switch').boundingBox())!;
      const nav = (await page.locator('.header .nav').boundingBox())!;
      const middle = langs.y + langs.height / 2;
      expect(middle, `${lang}: the languages beside the brand, not on a row of their own`).to.be.within(brand.y, brand.y + brand.height);
      expect(langs.x, `${lang}: the languages right of the brand`).to.be.at.least(brand.x + brand.width);
      expect(langs.x + langs.width, `${lang}: the languages inside the screen`).to.be.at.most(390);
      expect(nav.y, `${lang}: the sections below`).to.be.at.least(langs.y + langs.height);
    }
    await page.context().close();
  });
});
