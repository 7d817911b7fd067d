import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { assetWithReference, lotBody, notifyAndPublish } from '../support/factories';
import { journeyHooks, loggedIn } from '../support/browser';
import { makePdf, makePhoto, tempStorageDir } from '../support/files';
import { startTestServer, type ApiClient, type TestServer } from '../support/server';

describe('browser journey: court staff upload photos and a PDF, then a bidder sees the gallery, enlarges a photo and finds the document', () => {
  let t: TestServer, staff: ApiClient, staffEmail: string, browser: Browser;
  const storage = tempStorageDir();
  journeyHooks(async () => {
    const t = await startTestServer({ env: { STORAGE_DIR: storage.dir } });
    const s = await t.user('court_staff');
    return { t, staff: s.api, staffEmail: s.email };
  }, (s) => ({ t, staff, staffEmail, browser } = s), () => storage.remove());

  it('when staff upload two photos and an appraisal report on the lot page, then after the announcement a bidder sees both photos, zooms one, and downloads the PDF', async function () {
    this.timeout(120_000);
    const { assetId } = await assetWithReference(t, staff);
    const created = await staff.post('/api/lots', lotBody(t, assetId));
    expect(created.status).to.equal(201);
    const lotId = created.body.id as string;

    const court = await loggedIn(browser, t.url, staffEmail);
    await court.goto(`${t.url}/court/lots/${lotId}`);
    const panel = court.getByTestId('asset-files');
    await panel.getByText('No photos or documents yet.').waitFor({ timeout: 15_000 });
    await court.getByTestId('file-input').setInputFiles([
      { name: 'front.jpg', mimeType: 'image/jpeg', buffer: await makePhoto('jpeg', { width: 1600, height: 1200 }) },
      { name: 'kitchen.png', mimeType: 'image/png', buffer: await makePhoto('png', { width: 800, height: 600 }) },
    ]);
    await court.getByTestId('upload-outcomes').getByText('kitchen.png was uploaded.').waitFor({ timeout: 30_000 });
    await court.getByTestId('upload-outcomes').getByText('front.jpg was uploaded.').waitFor();
    await court.getByLabel('Title shown to bidders (optional; used when you choose one file)').fill('Appraisal report');
    await court.getByTestId('file-input').setInputFiles([{ name: 'report.pdf', mimeType: 'application/pdf', buffer: await makePdf('Appraisal report') }]);
    await court.getByTestId('upload-outcomes').getByText('report.pdf was uploaded.').waitFor({ timeout: 30_000 });
    // A file that is not a photo or PDF is refused with what to do, whatever its name says.
    await court.getByTestId('file-input').setInputFiles([{ name: 'notes.pdf', mimeType: 'application/pdf', buffer: Buffer.from('just some text, not a PDF') }]);
    await court.getByTestId('upload-outcomes').getByText(/notes\.pdf was not uploaded: This file is not a JPEG, PNG or WebP photo or a PDF document/).waitFor({ timeout: 30_000 });
    await court.getByTestId('asset-files-list').getByRole('listitem').nth(2).waitFor();
    expect(await court.getByTestId('asset-files-list').getByRole('listitem').count()).to.equal(3);
    expect(await court.getByRole('button', { name: 'Remove Appraisal report' }).isVisible()).to.equal(true);
    await court.context().close();

    expect((await notifyAndPublish(t, staff, lotId)).status).to.equal(200);

    const bidder = await t.user('bidder', { verified: true });
    const page = await loggedIn(browser, t.url, bidder.email, 390);
    await page.goto(`${t.url}/lots/${lotId}`);
    const gallery = page.getByTestId('lot-gallery');
    await gallery.waitFor({ timeout: 15_000 });
    await gallery.getByText('Photo 1 of 2').waitFor();
    const main = gallery.getByTestId('gallery-zoom').locator('img');
    expect(await main.evaluate((img: HTMLImageElement) => img.decode().then(() => img.naturalWidth))).to.equal(1600);
    expect(await page.getByText('the court has not uploaded photos yet').count()).to.equal(0);

    // photos uploaded without a typed title are titled by their file names
    await gallery.getByRole('button', { name: 'kitchen', exact: true }).click();
    await gallery.getByText('kitchen · Photo 2 of 2').waitFor();
    await gallery.getByTestId('gallery-zoom').click();
    const dialog = page.getByTestId('gallery-dialog');
    await dialog.getByTestId('gallery-full').waitFor();
    expect(await dialog.evaluate((d: HTMLDialogElement) => d.open)).to.equal(true);
    expect(await dialog.getByTestId('gallery-full').evaluate((img: HTMLImageElement) => img.decode().then(() => img.naturalWidth))).to.equal(800);
    await page.keyboard.press('ArrowRight');
    await dialog.getByText('Photo 1 of 2').waitFor();
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !(document.querySelector('[data-testid="gallery-dialog"]') as HTMLDialogElement).open);

    const docs = page.getByTestId('lot-documents');
    const link = docs.getByRole('link', { name: 'Appraisal report' });
    await link.waitFor();
    expect(await docs.textContent()).to.match(/Appraisal report · PDF · \d+ KB/);
    const href = await link.getAttribute('href');
    const pdf = await page.request.get(`${t.url}${href}`);
    expect(pdf.status()).to.equal(200);
    expect(pdf.headers()['content-type']).to.equal('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString('latin1')).to.equal('%PDF-');
    await page.context().close();
  });
});
