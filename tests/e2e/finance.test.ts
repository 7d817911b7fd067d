import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { COURT_TZ_OFFSET_MS } from '../../shared/rules';
import { assertBooks } from '../support/books';
import { lotBody, notifyAndPublish, publishedLot } from '../support/factories';
import { journeyHooks, loggedIn } from '../support/browser';
import { courtServer, startTestServer, type ApiClient, type TestServer, sandboxProvider } from '../support/server';
import { pendingRegistration, registrationRow, statement, txnId } from '../support/statements';

async function until<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`${what}: still ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A court server and a second finance user, whose login the browser uses. */
async function financeDesk() {
  const { t, staff } = await courtServer();
  const f = await t.user('finance');
  return { t, staff, finance: f.api, financeEmail: f.email };
}

describe('browser journey: finance imports a statement, matches a line by hand, sends a refund and downloads the day\'s report', () => {
  let t: TestServer, staff: ApiClient, finance: ApiClient, financeEmail: string, browser: Browser;
  journeyHooks(financeDesk, (s) => ({ t, staff, finance, financeEmail, browser } = s));

  it('when a clerk previews then applies a statement, matches the stray line, marks the loser\'s refund sent and downloads the report, then every step shows and the books balance', async function () {
    this.timeout(120_000);
    const lot = await publishedLot(t, staff);
    const paid = await pendingRegistration(t, lot.id);
    const stray = await pendingRegistration(t, lot.id);
    // The second bidder forgot the reference: the line matches nothing until a person decides.
    const strayTxn = txnId();
    const csv = statement([
      [paid.deposit, paid.reference, '王伟', txnId()],
      [stray.deposit, 'DEPOSIT-LINA', '李娜', strayTxn],
    ]);

    const page: Page = await loggedIn(browser, t.url, financeEmail);
    await page.goto(`${t.url}/finance?tab=statements`);
    await page.getByTestId('statement-text').fill(csv);
    await page.getByTestId('statement-preview').click();
    const preview = page.getByTestId('statement-preview-result');
    await preview.waitFor({ timeout: 10_000 });
    expect(await preview.getByTestId('statement-decision').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-outcome'))))
      .to.deep.equal(['deposit', 'unknown_reference']);
    // A preview applies nothing.
    expect((await registrationRow(t, paid.registrationId)).depositStatus).to.equal('pending');

    await page.getByTestId('statement-apply').click();
    await page.getByTestId('statement-applied').waitFor({ timeout: 10_000 });
    expect((await registrationRow(t, paid.registrationId)).depositStatus).to.equal('held');

    const line = page.locator('[data-testid="unmatched-row"][data-reference="DEPOSIT-LINA"]');
    await line.waitFor({ timeout: 10_000 });
    await line.getByTestId('unmatched-match-open').click();
    await line.getByTestId('match-target-registration').check();
    // The clerk picks the open deposit of the same amount; its registration id fills in.
    await line.getByTestId('match-candidate').selectOption(stray.registrationId);
    expect(await line.getByTestId('match-id').inputValue()).to.equal(stray.registrationId);
    await line.getByTestId('match-submit').click();
    await line.waitFor({ state: 'detached', timeout: 10_000 });
    expect((await registrationRow(t, stray.registrationId)).depositStatus).to.equal('held');
    // Under PostgreSQL the run shares one database, so other tests' lines may wait in the queue too.
    expect((await finance.get('/api/finance/unmatched')).body.lines.map((l: { bankTxnId: string }) => l.bankTxnId)).to.not.include(strayTxn);

    // The auction runs: the first bidder wins, the second's deposit falls due for refund within 24 h (A23).
    await t.advance(new Date(lot.startsAt).getTime() - t.now().getTime() + 1000);
    expect((await paid.api.post(`/api/lots/${lot.id}/bids`, { amount: '70000.00', clientBidId: 'win' })).status).to.equal(201);
    await t.advance(new Date(lot.endsAt).getTime() - t.now().getTime() + 1000);
    const [refund] = await until('the loser\'s refund', async () => ((await finance.get('/api/finance/refunds')).body as Array<{ id: string; registrationId: string | null; status: string }>)
      .filter((r) => r.registrationId === stray.registrationId), (rs) => rs.length === 1);
    expect(refund.status).to.equal('due');

    await page.goto(`${t.url}/finance?tab=refunds`);
    const row = page.locator(`[data-testid="refund-row"][data-refund-id="${refund.id}"]`);
    await row.and(page.locator('[data-state="due"]')).waitFor({ timeout: 10_000 });
    await row.getByTestId('refund-bank-reference').fill('BOC-REFUND-0001');
    await row.getByTestId('refund-sent').click();
    await page.locator(`[data-testid="refund-row"][data-refund-id="${refund.id}"][data-state="sent"]`).waitFor({ timeout: 10_000 });
    const sent = ((await finance.get('/api/finance/refunds?status=sent')).body as Array<{ id: string; bankReference: string | null }>).find((r) => r.id === refund.id);
    expect(sent?.bankReference).to.equal('BOC-REFUND-0001');

    // The bidder sees the refund sent, with its date, on a phone.
    const bidderPage = await loggedIn(browser, t.url, stray.email, 390);
    await bidderPage.goto(`${t.url}/me`);
    await bidderPage.locator('[data-testid="refund-state"][data-status="sent"]').first().waitFor({ timeout: 10_000 });
    await bidderPage.context().close();

    const today = new Date(t.now().getTime() + COURT_TZ_OFFSET_MS).toISOString().slice(0, 10);
    await page.goto(`${t.url}/finance?tab=report`);
    await page.getByTestId('recon-date').fill(today);
    await page.getByTestId('recon-run').click();
    await page.locator(`[data-testid="recon-report"][data-date="${today}"]`).waitFor({ timeout: 10_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('recon-csv').click()]);
    const text = fs.readFileSync(await download.path(), 'utf8');
    expect(download.suggestedFilename()).to.match(/\.csv$/);
    expect(text).to.include('liability:refunds_payable');
    await page.context().close();
    await assertBooks(t);
  });
});

describe('browser journey: a refused statement on a phone, in Chinese', () => {
  let t: TestServer, financeEmail: string, browser: Browser;
  journeyHooks(financeDesk, (s) => ({ t, financeEmail, browser } = s));

  it('when a previewed statement is refused, then each bad line is worded in the reader\'s language and a long unbroken value does not widen a 390 px page', async function () {
    this.timeout(120_000);
    const longTxn = `TXN${'9'.repeat(61)}`;
    const csv = [
      'value_date,amount,currency,reference,payer_name,payer_account,bank_txn_id',
      `2026-11-30,"7,000.00",CNY,D-AAAA,王伟,6222020200112233,${longTxn}`,
      `2026-11-30,100.00,CNY,D-BBBB,李娜,6222020200112234,${longTxn}`,
    ].join('\n');
    const page = await loggedIn(browser, t.url, financeEmail, 390);
    await page.evaluate(() => localStorage.setItem('lang', 'zh'));
    await page.goto(`${t.url}/finance?tab=statements`);
    await page.getByTestId('statement-text').fill(csv);
    await page.getByTestId('statement-preview').click();
    const alert = page.getByTestId('statement-error');
    await alert.waitFor({ timeout: 10_000 });
    const text = await alert.innerText();
    expect(text).to.include('第 2 行：金额（amount）须为最多两位小数的金额');
    expect(text).to.include(`第 3 行：银行交易流水号（bank_txn_id） ${longTxn} 与第 2 行重复。`);
    expect(text).to.not.match(/must be|already appears/);
    await page.screenshot({ path: path.join(os.tmpdir(), 'statement-refused-390.png'), fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(390);
    await page.context().close();
    await assertBooks(t);
  });
});

describe('browser journey: a deposit released at the close goes back to the account it came from', () => {
  let t: TestServer, staff: ApiClient, finance: ApiClient, financeEmail: string, browser: Browser;
  journeyHooks(financeDesk, (s) => ({ t, staff, finance, financeEmail, browser } = s));

  it('when the desk records the payer\'s account, then the release is owed there; a refund with no account is flagged and marked sent with the account it went to', async function () {
    this.timeout(120_000);
    const lot = await publishedLot(t, staff);
    const withAccount = await pendingRegistration(t, lot.id);
    const without = await pendingRegistration(t, lot.id);

    const page: Page = await loggedIn(browser, t.url, financeEmail, 390);
    await page.goto(`${t.url}/finance?tab=deposits`);
    const desk = page.locator('form', { has: page.locator(`[id="bankref-${withAccount.registrationId}"]`) });
    await desk.waitFor({ timeout: 10_000 });
    await desk.locator(`[id="bankref-${withAccount.registrationId}"]`).fill('BOC-DEP-0001');
    await desk.getByTestId('payer-account').fill('6217 0000 1000 1234');
    await desk.locator('button[type="submit"]').click();
    await until('the deposit held', () => registrationRow(t, withAccount.registrationId), (r) => r.depositStatus === 'held');
    expect((await registrationRow(t, withAccount.registrationId)).payerAccount).to.equal('6217 0000 1000 1234');
    expect((await finance.post(`/api/finance/deposits/${without.registrationId}/confirm`, { bankReference: 'BOC-DEP-0002' })).status).to.equal(200);

    await t.advance(new Date(lot.endsAt).getTime() - t.now().getTime() + 1000);
    const refunds = await until('both refunds', async () => ((await finance.get('/api/finance/refunds')).body as Array<{ id: string; registrationId: string | null; payeeAccount: string | null }>)
      .filter((r) => r.registrationId === withAccount.registrationId || r.registrationId === without.registrationId), (rs) => rs.length === 2);
    const owedThere = refunds.find((r) => r.registrationId === withAccount.registrationId)!;
    const needed = refunds.find((r) => r.registrationId === without.registrationId)!;
    expect(owedThere.payeeAccount).to.equal('6217 0000 1000 1234');

    await page.goto(`${t.url}/finance?tab=refunds`);
    const known = page.locator(`[data-testid="refund-row"][data-refund-id="${owedThere.id}"]`);
    await known.waitFor({ timeout: 10_000 });
    expect(await known.innerText()).to.include('6217 0000 1000 1234');
    expect(await known.getByTestId('refund-account-needed').count()).to.equal(0);
    const row = page.locator(`[data-testid="refund-row"][data-refund-id="${needed.id}"]`);
    await row.getByTestId('refund-account-needed').waitFor({ timeout: 10_000 });
    await row.getByTestId('refund-bank-reference').fill('BOC-REFUND-0002');
    await row.getByTestId('payer-account').fill('6228480000000000001');
    await row.getByTestId('refund-sent').click();
    await page.locator(`[data-testid="refund-row"][data-refund-id="${needed.id}"][data-state="sent"]`).waitFor({ timeout: 10_000 });
    const sent = ((await finance.get('/api/finance/refunds?status=sent')).body as Array<{ id: string; payeeAccount: string | null; accountNeeded: boolean }>).find((r) => r.id === needed.id);
    expect(sent).to.include({ payeeAccount: '6228480000000000001', accountNeeded: false });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(390);
    await page.context().close();
    await assertBooks(t);
  });

  it('when a clerk reads the open deposits in English, then a lot the court translated shows its English title and one it did not its Chinese', async function () {
    this.timeout(120_000);
    const lotOf = async (title: string, titleEn?: string) => {
      const c = await staff.post('/api/cases', { caseNumber: `(2026)测执${Math.floor(Math.random() * 1e9)}号`, court: 'Test District Court', applicant: 'Creditor Co.', respondent: 'Debtor Li', claimAmount: '500000.00' });
      const a = await staff.post('/api/assets', { caseId: c.body.id, title, kind: 'movable', description: '灰色轿车一辆。', ...(titleEn ? { titleEn } : {}) });
      expect((await staff.post(`/api/assets/${a.body.id}/valuations`, { method: 'negotiated', amount: '100000.00' })).status).to.equal(201);
      const lot = await staff.post('/api/lots', lotBody(t, a.body.id));
      expect(lot.status, JSON.stringify(lot.body)).to.equal(201);
      expect((await notifyAndPublish(t, staff, lot.body.id)).status).to.equal(200);
      return lot.body.id as string;
    };
    const translated = await pendingRegistration(t, await lotOf('蓝色小型轿车一辆', 'Blue saloon car'));
    const untranslated = await pendingRegistration(t, await lotOf('红色货车一辆'));

    const page: Page = await loggedIn(browser, t.url, financeEmail);
    const titleOf = (r: { registrationId: string }) => page.locator(`[data-testid="deposit-row"][data-registration-id="${r.registrationId}"]`).getByTestId('deposit-lot-title');
    for (const [lang, expected] of [['en', ['Blue saloon car', '红色货车一辆']], ['zh', ['蓝色小型轿车一辆', '红色货车一辆']]] as const) {
      await page.evaluate((l) => localStorage.setItem('lang', l), lang);
      await page.goto(`${t.url}/finance?tab=deposits`);
      await titleOf(translated).waitFor({ timeout: 10_000 });
      expect([(await titleOf(translated).innerText()).trim(), (await titleOf(untranslated).innerText()).trim()], lang).to.deep.equal(expected);
    }
    await page.context().close();
  });
});

describe('browser journey: a bidder pays the deposit online in the demo sandbox', () => {
  let t: TestServer, browser: Browser;
  journeyHooks(async () => ({ t: await startTestServer({ paymentProvider: sandboxProvider() }) }), (s) => ({ t, browser } = s));

  it('when a bidder declines then pays in the labelled sandbox, then the deposit is held and the books balance', async function () {
    this.timeout(90_000);
    const staff = (await t.user('court_staff')).api;
    const lot = await publishedLot(t, staff);
    const bidder = await pendingRegistration(t, lot.id);
    const page = await loggedIn(browser, t.url, bidder.email, 390);
    await page.goto(`${t.url}/lots/${lot.id}`);
    await page.getByTestId('pay-online').click();
    await page.getByTestId('sandbox-label').filter({ hasText: /sandbox/i }).waitFor({ timeout: 10_000 });
    await page.getByTestId('sandbox-decline').click();
    await page.getByTestId('pay-online-retry').click();
    await page.getByTestId('sandbox-pay').click();
    await page.locator('[data-testid="deposit-status"][data-status="held"]').waitFor({ timeout: 10_000 });
    expect((await registrationRow(t, bidder.registrationId)).depositStatus).to.equal('held');
    await page.context().close();
    await assertBooks(t);
  });

  it('when a bidder reads where to transfer the deposit, then the payee and bank are in the page language only', async function () {
    this.timeout(90_000);
    const staff = (await t.user('court_staff')).api;
    const lot = await publishedLot(t, staff);
    const bidder = await pendingRegistration(t, lot.id);
    const page = await loggedIn(browser, t.url, bidder.email, 390);
    await page.goto(`${t.url}/lots/${lot.id}`);
    await page.getByTestId('pay-payee').waitFor();
    expect(await page.getByTestId('pay-payee').innerText()).to.equal('Court enforcement deposit account');
    expect(await page.getByTestId('pay-bank').innerText()).to.equal('Bank of China');
    await page.evaluate(() => localStorage.setItem('lang', 'zh'));
    await page.reload();
    await page.getByTestId('pay-payee').filter({ hasText: '法院执行款专户' }).waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('pay-payee').innerText()).to.equal('法院执行款专户');
    expect(await page.getByTestId('pay-bank').innerText()).to.equal('中国银行');
    await page.context().close();
  });
});
