/**
 * The README's screenshots, from a server of its own with the demo content (an embedded database in memory,
 * on the test clock): the lot page of the live lot on a phone in Chinese and in English and at desktop width
 * in English (its gallery first), the bidding room on a phone in Chinese, and the court's worklist at desktop
 * width with a balance due.
 *
 * Needs the client built (`npm run build`). Writes PNGs into docs/screenshots/.
 * Usage: npm run screenshots   (node --import tsx scripts/screenshots.ts [--out docs/screenshots])
 *
 * The headless Chromium here has no Chinese font: the Noto Sans SC faces that the confirmation PDFs use
 * (@embedpdf/fonts-sc) are served to the page under a path of the server's own origin and added as a fallback.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { DEMO_COURT } from '../server/modules/demo/demo.content';
import { createDemoKeeper } from '../server/modules/demo/demo.keeper';
import { DEMO_PASSWORD, seedDemo } from '../server/modules/demo/demo.seed';
import { clientBuilt, launchBrowser } from '../tests/support/browser';
import { lotBody, NOTICE_WAIT_MS } from '../tests/support/factories';
import { startTestServer, type TestServer } from '../tests/support/server';

const outArg = process.argv.indexOf('--out');
const OUT = path.resolve(outArg > 0 ? process.argv[outArg + 1] : 'docs/screenshots');
const FONT_DIR = path.join(path.dirname(createRequire(import.meta.url).resolve('@embedpdf/fonts-sc')), '..', 'fonts');
const FONT_PATH = '/__screenshot-fonts/';
const FONTS = [{ file: 'NotoSansHans-Regular.otf', weight: '400' }, { file: 'NotoSansHans-Medium.otf', weight: '500 600' }, { file: 'NotoSansHans-Bold.otf', weight: '700 900' }];
const FONT_CSS = FONTS.map((f) => `@font-face { font-family: "Screenshot Noto Sans SC"; src: url("${FONT_PATH}${f.file}") format("opentype"); font-weight: ${f.weight}; }`).join('\n')
  + '\n:root { --font: "Segoe UI", Roboto, "Helvetica Neue", Arial, "Screenshot Noto Sans SC", sans-serif; }';

/** A lot of the demo court sold to a bidder who has not paid the balance yet: the worklist's balance due. */
async function soldUnpaid(t: TestServer) {
  const staff = (await t.user('court_staff')).api;
  const finance = (await t.user('finance')).api;
  const c = await staff.post('/api/cases', { caseNumber: '(2026)浙0106执2087号', court: DEMO_COURT, applicant: '杭州某小额贷款有限公司', respondent: '陈某', claimAmount: '260000.00' });
  const a = await staff.post('/api/assets', { caseId: c.body.id, title: '大众帕萨特小型轿车一辆', titleEn: 'Volkswagen Passat saloon', kind: 'movable', description: '2019 年登记，行驶约 8.6 万公里。', descriptionEn: 'Registered 2019, about 86,000 km.' });
  await staff.post(`/api/assets/${a.body.id}/valuations`, { method: 'negotiated', amount: '120000.00' });
  const lot = await staff.post('/api/lots', { ...lotBody(t, a.body.id), startingPrice: '84000.00', bidIncrement: '1000.00', deposit: '12000.00' });
  if (lot.status !== 201) throw new Error(`lot: ${JSON.stringify(lot.body)}`);
  await staff.post(`/api/lots/${lot.body.id}/notify-parties`, { note: '已书面送达。' });
  await t.advance(NOTICE_WAIT_MS);
  const pub = await staff.post(`/api/lots/${lot.body.id}/publish`);
  if (pub.status !== 200) throw new Error(`publish: ${JSON.stringify(pub.body)}`);
  await t.advance(new Date(lot.body.startsAt).getTime() - t.now().getTime() + 1000);
  for (const [i, amount] of ['84000.00', '86000.00', '91000.00'].entries()) {
    const b = await t.user('bidder', { verified: true });
    const reg = await b.api.post(`/api/lots/${lot.body.id}/registrations`);
    await finance.post(`/api/finance/deposits/${reg.body.id}/confirm`, { bankReference: `SHOT-${reg.body.id}` });
    const bid = await b.api.post(`/api/lots/${lot.body.id}/bids`, { amount, clientBidId: `shot-${i}` });
    if (bid.status !== 201) throw new Error(`bid: ${JSON.stringify(bid.body)}`);
  }
  await t.advance(new Date(lot.body.endsAt).getTime() - t.now().getTime() + 1000);
  const end = Date.now() + 15_000;
  while ((await t.anon.get(`/api/lots/${lot.body.id}`)).body.status !== 'sold') {
    if (Date.now() > end) throw new Error('the balance-due lot did not close as sold');
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function newContext(browser: Browser, t: TestServer, lang: 'zh' | 'en', width: number, height: number): Promise<BrowserContext> {
  const ctx = await browser.newContext({ locale: lang === 'zh' ? 'zh-CN' : 'en-US', viewport: { width, height }, deviceScaleFactor: width < 600 ? 2 : 1, bypassCSP: true });
  await ctx.addInitScript((l) => localStorage.setItem('lang', l), lang);
  await ctx.route(`${t.url}${FONT_PATH}*`, (route) => {
    const file = path.basename(new URL(route.request().url()).pathname);
    if (!FONTS.some((f) => f.file === file)) return route.fulfill({ status: 404 });
    return route.fulfill({ path: path.join(FONT_DIR, file), contentType: 'font/otf' });
  });
  return ctx;
}

async function logIn(ctx: BrowserContext, t: TestServer, email: string) {
  const page = await ctx.newPage();
  await page.goto(`${t.url}/login`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  await page.close();
}

/** Opens the page, waits for its content and the font, and writes the PNG (the whole page when full). */
async function shoot(ctx: BrowserContext, t: TestServer, url: string, ready: string, file: string, full: boolean): Promise<void> {
  const page = await ctx.newPage();
  await page.goto(`${t.url}${url}`);
  await page.locator(ready).first().waitFor({ timeout: 20_000 });
  await page.addStyleTag({ content: FONT_CSS });
  await page.locator('main .spinner').first().waitFor({ state: 'detached', timeout: 20_000 });
  await page.evaluate(async () => {
    await Promise.all([...document.fonts].map((f) => f.load().catch(() => undefined)));
    await document.fonts.ready;
  });
  // Pictures (the gallery's) are drawn before the shot is taken.
  await page.waitForFunction(() => [...document.images].every((img) => img.complete), undefined, { timeout: 20_000 });
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(OUT, file), fullPage: full });
  console.log(`  ${path.relative(process.cwd(), path.join(OUT, file))}`);
  await page.close();
}

async function main() {
  if (!clientBuilt()) throw new Error('dist/client is missing: run `npm run build` first.');
  delete process.env.TEST_DATABASE_URL;
  fs.mkdirSync(OUT, { recursive: true });
  const t = await startTestServer();
  let browser: Browser | undefined;
  try {
    await soldUnpaid(t);
    await seedDemo(t.platform);
    const keeper = createDemoKeeper(t.platform, { random: (n) => Math.min(1, n - 1) });
    const live = await keeper.ensureLive();
    if (!live) throw new Error('the demo has no live lot');
    for (let i = 0; i < 6; i++) await keeper.simulateBid();

    browser = await launchBrowser();
    const lotUrl = `/lots/${live.lotId}`;
    for (const lang of ['zh', 'en'] as const) {
      const ctx = await newContext(browser, t, lang, 390, 844);
      await shoot(ctx, t, lotUrl, '[data-testid="current-price"]', `lot-phone-${lang}.png`, false);
      await ctx.close();
    }
    const desktop = await newContext(browser, t, 'en', 1280, 900);
    await shoot(desktop, t, lotUrl, '[data-testid="gallery-zoom"] img', 'lot-desktop-en.png', false);
    await desktop.close();
    const bidder = await newContext(browser, t, 'zh', 390, 844);
    await logIn(bidder, t, 'bidder@demo.court');
    const room = await bidder.newPage();
    await room.goto(`${t.url}${lotUrl}`);
    await room.getByTestId('bidder-code').first().waitFor({ timeout: 20_000 });
    await room.close();
    await shoot(bidder, t, lotUrl, '[data-testid="bid-quick-1"]', 'room-phone-zh.png', false);
    await bidder.close();

    const court = await newContext(browser, t, 'zh', 1280, 900);
    await logIn(court, t, 'court@demo.court');
    await shoot(court, t, `/court/worklist?court=${encodeURIComponent(DEMO_COURT)}`, '[data-testid="duty"]', 'court-worklist-zh.png', true);
    await court.close();
  } finally {
    await browser?.close();
    await t.stop();
  }
}

main().then(() => process.exit(0), (err: unknown) => {
  console.error(err);
  process.exit(1);
});
