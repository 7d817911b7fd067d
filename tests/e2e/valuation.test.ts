import { expect } from 'chai';
import nock from 'nock';
import type { Browser, Page } from 'playwright-core';
import { journeyHooks, loggedIn as loggedInAs } from '../support/browser';
import { startTestServer, type ApiClient, type TestServer } from '../support/server';

const DAY = 24 * 60 * 60 * 1000;

/** A mocked inquiry platform; the test decides what it answers to a poll as the clock moves. */
interface FakePlatform { name: string; url: string; reply: () => nock.ReplyFnResult }

function fakePlatform(name: string): FakePlatform {
  const p: FakePlatform = { name, url: `http://${name.toLowerCase()}.inquiry.test`, reply: () => [200, { status: 'pending' }] };
  nock(p.url).persist().post('/inquiries').reply(202, { platformRef: `ref-${name}` });
  nock(p.url).persist().get(`/inquiries/ref-${name}`).reply(() => p.reply());
  return p;
}

describe('browser journey: court staff run a network inquiry, watch the quotes arrive and list the lot at 70%', () => {
  let t: TestServer;
  let staff: ApiClient;
  let staffEmail: string;
  let browser: Browser;
  const names = ['Alpha', 'Beta', 'Gamma'];
  const platforms: Record<string, FakePlatform> = {};

  journeyHooks(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1|localhost/);
    for (const n of names) platforms[n] = fakePlatform(n);
    const t = await startTestServer({
      env: { INQUIRY_TIMEOUT_MS: '3000', INQUIRY_PLATFORMS: JSON.stringify(names.map((n) => ({ name: n, url: platforms[n].url }))) },
    });
    const s = await t.user('court_staff');
    return { t, staff: s.api, staffEmail: s.email };
  }, (s) => ({ t, staff, staffEmail, browser } = s), () => {
    nock.cleanAll();
    nock.enableNetConnect();
  });

  const loggedIn = (email: string, width = 1280): Promise<Page> => loggedInAs(browser, t.url, email, width);

  it('when staff start a network inquiry with the parties\' agreement to skip ahead, then the quotes arrive live, the average takes effect after the objection window and the lot form opens at 70%', async function () {
    this.timeout(120_000);
    const c = await staff.post('/api/cases', {
      caseNumber: `(2026)询执${Math.floor(Math.random() * 1e9)}号`, court: 'Inquiry District Court', applicant: 'Creditor Bank', respondent: 'Debtor Wang', claimAmount: '300000.00',
    });
    expect(c.status, JSON.stringify(c.body)).to.equal(201);
    const a = await staff.post('/api/assets', { caseId: c.body.id, title: 'Seized delivery van', kind: 'movable', description: 'White van, 2019.' });
    expect(a.status, JSON.stringify(a.body)).to.equal(201);
    const assetId = a.body.id as string;

    const page = await loggedIn(staffEmail);
    await page.goto(`${t.url}/court/cases/${c.body.id}`);

    // B4/B5: nothing was tried before, so the form asks for the parties' agreement to go straight to network inquiry.
    await page.getByTestId('valuation-method').selectOption('network_inquiry');
    const submit = page.getByTestId('valuation-submit');
    await page.getByTestId('valuation-skip').waitFor();
    expect(await submit.isDisabled()).to.equal(true);
    await page.getByTestId('valuation-skip').check();
    await page.getByTestId('valuation-skip-note').fill('Both parties agreed in writing to go straight to network inquiry.');
    await submit.click();

    const row = page.locator('[data-testid="valuation-row"][data-method="network_inquiry"][data-status="pending"]');
    await row.waitFor({ timeout: 10_000 });
    await row.getByTestId('valuation-link').click();
    await page.waitForURL(/\/court\/valuations\/[^/]+$/);
    const valuationId = new URL(page.url()).pathname.split('/').pop()!;
    await page.locator('[data-testid="valuation-status"][data-status="pending"]').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('quote-row').count()).to.equal(3);

    // Every platform is asked at once (B10); none has answered yet.
    await t.advance(1000);
    await page.locator('[data-testid="quote-row"][data-status="pending"]').nth(2).waitFor({ timeout: 10_000 });
    for (const n of names) {
      expect(await page.locator(`[data-testid="quote-row"][data-platform="${n}"]`).getAttribute('data-status')).to.equal('pending');
    }

    const prices: Record<string, string> = { Alpha: '90000.00', Beta: '100000.00', Gamma: '110000.00' };
    const shown: Record<string, string> = { Alpha: '90,000.00', Beta: '100,000.00', Gamma: '110,000.00' };
    for (const n of names) platforms[n].reply = () => [200, { status: 'done', price: prices[n], currency: 'CNY' }];
    await t.advance(31_000);

    // The page sees the quotes arrive without a reload, and the simple average (B13) opens the objection window (B22).
    for (const n of names) {
      await page.locator(`[data-testid="quote-row"][data-platform="${n}"][data-status="reported"]`).waitFor({ timeout: 10_000 });
      await page.locator(`[data-testid="quote-row"][data-platform="${n}"]`).getByTestId('quote-price').filter({ hasText: shown[n] }).waitFor();
    }
    await page.locator('[data-testid="valuation-status"][data-status="objection_window"]').waitFor({ timeout: 10_000 });
    await page.getByTestId('valuation-reference').filter({ hasText: '100,000.00' }).waitFor({ timeout: 5000 });
    await page.getByTestId('objection-party').waitFor();

    // No objection within 5 days: the price takes effect.
    await t.advance(6 * DAY);
    await page.locator('[data-testid="valuation-status"][data-status="effective"]').waitFor({ timeout: 10_000 });
    const effective = (await staff.get(`/api/valuations/${valuationId}`)).body;
    expect(effective).to.include({ status: 'effective', referencePrice: '100000.00' });

    // The first auction's lot form, prefilled at 70% of the reference price (A10), with lawful default dates.
    await page.getByTestId('create-lot-at-70').click();
    await page.waitForURL((u) => u.pathname === `/court/cases/${c.body.id}` && u.searchParams.get('newLot') === assetId);
    const starting = page.getByTestId('lot-form-starting-price');
    await starting.waitFor({ timeout: 10_000 });
    expect(await starting.inputValue()).to.equal('70000.00');
    await page.locator('#lot-' + assetId + '-startingPrice-preview').filter({ hasText: '70,000.00' }).waitFor();
    await page.locator('[data-testid="lot-form-violations"][data-violations="0"]').waitFor({ timeout: 5000 });
    await page.getByTestId('lot-form-submit').click();

    let drafts: Array<{ startingPrice: string; referencePrice: string; referenceMethod: string | null; startsAt: string }> = [];
    for (let i = 0; i < 50 && drafts.length === 0; i++) {
      drafts = (await staff.get('/api/lots?status=draft&limit=200')).body.lots.filter((l: { assetId: string }) => l.assetId === assetId);
      if (drafts.length === 0) await new Promise((r) => setTimeout(r, 200));
    }
    expect(drafts).to.have.length(1);
    expect(drafts[0]).to.include({ startingPrice: '70000.00', referencePrice: '100000.00', referenceMethod: 'network_inquiry' });
    // The suggested start follows the server clock after it moved 6 days: 3 days of notice (A16), then 15 days of announcement (A12).
    expect(new Date(drafts[0].startsAt).getTime() - t.now().getTime()).to.be.greaterThan(18 * DAY - DAY);
    await page.context().close();
  });
});
