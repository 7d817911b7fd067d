import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { withResidentIdCheckDigit } from '../../shared/rules';
import { publishedLot } from '../support/factories';
import { journeyHooks, loggedIn } from '../support/browser';
import { startTestServer, type TestServer } from '../support/server';

/** A valid resident ID number whose check digit is X, typed in lower case by the bidder. */
function idNumberEndingInX(): string {
  for (let i = 0; i < 1000; i++) {
    const id = withResidentIdCheckDigit(String(11010119900101000 + i));
    if (id.endsWith('X')) return id;
  }
  throw new Error('no ID number with check digit X in range');
}

describe('browser journeys: a bidder opens an account, verifies identity and registers for a lot', () => {
  let t: TestServer, browser: Browser;
  journeyHooks(async () => ({ t: await startTestServer() }), (s) => ({ t, browser } = s));

  it('when a visitor registers and enters an ID number, then the forms name what is missing or wrong and the account ends verified', async function () {
    this.timeout(90_000);
    const page = await (await browser.newContext({ locale: 'en-US' })).newPage();
    await page.goto(`${t.url}/register?next=/lots/somewhere`);
    const submit = page.locator('form button[type=submit]');
    await page.getByTestId('missing-fields').filter({ hasText: 'Name, Email, Password' }).waitFor();
    expect(await submit.isDisabled()).to.equal(true);

    await page.locator('#reg-name').fill('Wang Fang');
    await page.locator('#reg-email').fill(' wang.fang@example.com ');
    await page.locator('#reg-password').fill('short');
    await page.locator('#reg-password-hint.hint-error').waitFor();
    expect(await submit.isDisabled()).to.equal(true);
    await page.locator('#reg-password').fill('long-enough-passphrase');
    await page.locator('form button[type=submit]:not([disabled])').click();
    await page.waitForURL((u) => u.pathname === '/me' && u.searchParams.get('next') === '/lots/somewhere');

    const id = idNumberEndingInX();
    await page.locator('#id-name').fill('王芳');
    await page.locator('#id-number').fill(id.slice(0, 10));
    await page.locator('#id-number-hint.hint-error').filter({ hasText: '10' }).waitFor();
    await page.locator('#id-number').fill(id.toLowerCase());
    await page.locator('.identity-form button[type=submit]:not([disabled])').click();
    await page.locator('.identity-ok').filter({ hasText: '王芳' }).waitFor({ timeout: 10_000 });
    expect(await page.locator('a.btn-primary[href="/lots/somewhere"]').count()).to.equal(1);

    const me = await page.evaluate(() => fetch('/api/me').then((r) => r.json()));
    expect(me.user).to.include({ email: 'wang.fang@example.com', identityVerified: true });
  });

  it('when a verified bidder registers for a lot, then the pending deposit turns held on screen after finance confirms it, without a reload', async function () {
    this.timeout(90_000);
    const staff = (await t.user('court_staff')).api;
    const finance = (await t.user('finance')).api;
    const lot = await publishedLot(t, staff, { live: true });
    const bidder = await t.user('bidder', { verified: true });
    const page = await loggedIn(browser, t.url, bidder.email);
    await page.goto(`${t.url}/lots/${lot.id}`);
    await page.getByTestId('register-accept').check();
    await page.getByTestId('register-submit').click();
    await page.locator('[data-testid="deposit-status"][data-status="pending"]').waitFor();
    const code = (await page.getByTestId('bidder-code').textContent())?.trim();

    const regs = await bidder.api.get('/api/me/registrations');
    const registration = regs.body.registrations.find((r: { lotId: string }) => r.lotId === lot.id);
    expect(registration.bidderCode).to.equal(code);
    const confirmed = await finance.post(`/api/finance/deposits/${registration.id}/confirm`, { bankReference: `BANK-${registration.id}` });
    expect(confirmed.status).to.equal(200);
    // A pending deposit is read again every 15 s while the page is visible.
    await page.locator('[data-testid="deposit-status"][data-status="held"]').waitFor({ timeout: 25_000 });

    await page.goto(`${t.url}/me`);
    await page.locator('.reg-item').filter({ hasText: code! }).locator('[data-testid="deposit-status"][data-status="held"]').waitFor();
  });
});
