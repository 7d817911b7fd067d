import http from 'node:http';
import { expect } from 'chai';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { assetWithReference, lotBody, notifyAndPublish } from '../support/factories';
import { download, makePdf, makePhoto, tempStorageDir, uploadFile } from '../support/files';
import { startTestServer, type ApiClient, type TestServer } from '../support/server';
import { schema } from '../../server/platform/db/index';

const MB = 1024 * 1024;

/** The GPS position and owner a phone writes into a photo's EXIF block: none of it may reach a bidder. */
const CAMERA_EXIF = {
  IFD0: { Copyright: 'Owner Zhang San', Artist: 'Owner Zhang San', Make: 'PhoneMaker' },
  IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '39/1 54/1 2700/100', GPSLongitudeRef: 'E', GPSLongitude: '116/1 23/1 1700/100' },
};

describe('photos and documents of a seized asset: uploaded by court staff, checked by content, public from the announcement', function () {
  this.timeout(120_000);
  let t: TestServer;
  let staff: ApiClient;
  let staffId: string;
  let bidder: ApiClient;
  const storage = tempStorageDir();

  before(async () => {
    t = await startTestServer({ jobs: false, env: { STORAGE_DIR: storage.dir } });
    const staffUser = await t.user('court_staff');
    staff = staffUser.api;
    staffId = staffUser.id;
    bidder = (await t.user('bidder', { verified: true })).api;
  });
  after(async () => {
    await t?.stop();
    storage.remove();
  });

  const draftLot = async () => {
    const { assetId } = await assetWithReference(t, staff);
    const lot = await staff.post('/api/lots', lotBody(t, assetId));
    expect(lot.status, JSON.stringify(lot.body)).to.equal(201);
    return { assetId, lotId: lot.body.id as string };
  };

  it('when a PNG is named .pdf and sent as application/pdf, then it is stored as the photo its content says it is', async () => {
    const { assetId } = await draftLot();
    const r = await uploadFile(staff, assetId, await makePhoto('png'), { name: 'report.pdf', type: 'application/pdf', title: '外观' });
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    expect(r.body).to.include({ kind: 'photo', contentType: 'image/png' });
    expect(r.body.url).to.equal(`/api/files/${r.body.id}`);
    const served = await download(staff, r.body.url);
    expect(served.status).to.equal(200);
    expect(served.headers.get('content-type')).to.equal('image/png');
    expect(served.bytes.subarray(1, 4).toString('latin1')).to.equal('PNG');
    expect(served.bytes.length).to.equal(r.body.size);
  });

  it('when a PDF is named .jpg and sent as image/jpeg, then it is stored as a document, served as an attachment', async () => {
    const { assetId } = await draftLot();
    const r = await uploadFile(staff, assetId, await makePdf(), { name: 'photo.jpg', type: 'image/jpeg', title: '评估报告' });
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    expect(r.body).to.include({ kind: 'document', contentType: 'application/pdf' });
    expect(r.body).to.not.have.property('thumbnailUrl');
    const served = await download(staff, r.body.url);
    expect(served.headers.get('content-type')).to.equal('application/pdf');
    expect(served.headers.get('x-content-type-options')).to.equal('nosniff');
    expect(served.headers.get('content-disposition')).to.match(/^attachment; filename="document\.pdf"; filename\*=UTF-8''%E8%AF%84%E4%BC%B0%E6%8A%A5%E5%91%8A\.pdf$/);
    expect(served.bytes.subarray(0, 5).toString('latin1')).to.equal('%PDF-');
  });

  it('when the kind given disagrees with the content, then the upload is refused with 415 FILE_TYPE_NOT_ALLOWED', async () => {
    const { assetId } = await draftLot();
    const asPhoto = await uploadFile(staff, assetId, await makePdf(), { name: 'a.jpg', type: 'image/jpeg', kind: 'photo' });
    expect(asPhoto.status).to.equal(415);
    expect(asPhoto.body.error).to.include({ code: 'FILE_TYPE_NOT_ALLOWED' });
    expect(asPhoto.body.error.details).to.include({ detected: 'application/pdf', kind: 'photo', reason: 'KIND_MISMATCH' });
    const asDocument = await uploadFile(staff, assetId, await makePhoto('jpeg'), { name: 'a.pdf', kind: 'document' });
    expect(asDocument.status).to.equal(415);
    expect(asDocument.body.error.details).to.include({ detected: 'image/jpeg', kind: 'document' });
    expect((await staff.get(`/api/assets/${assetId}/files`)).body.files).to.deep.equal([]);
  });

  it('when the content is a GIF, HTML claiming to be a PNG, or plain text, then it is refused with 415 and nothing is stored', async () => {
    const { assetId } = await draftLot();
    const gif = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#888' } }).gif().toBuffer();
    const html = Buffer.from('<!doctype html><html><script>alert(1)</script></html>'.padEnd(5000, ' '));
    for (const [bytes, name, type, detected] of [[gif, 'a.png', 'image/png', 'image/gif'], [html, 'a.png', 'image/png', null], [Buffer.from('hello'), 'a.pdf', 'application/pdf', null]] as const) {
      const r = await uploadFile(staff, assetId, bytes, { name, type });
      expect(r.status, name).to.equal(415);
      expect(r.body.error.code).to.equal('FILE_TYPE_NOT_ALLOWED');
      expect(r.body.error.details.detected).to.equal(detected);
      expect(r.body.error.details.allowed).to.deep.equal(['image/jpeg', 'image/png', 'image/webp', 'application/pdf']);
    }
    expect((await staff.get(`/api/assets/${assetId}/files`)).body.files).to.deep.equal([]);
  });

  it('when a body is not multipart/form-data, then it is refused with 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const { assetId } = await draftLot();
    const r = await staff.post(`/api/assets/${assetId}/files`, { file: 'x' });
    expect(r.status).to.equal(415);
    expect(r.body.error.code).to.equal('UNSUPPORTED_MEDIA_TYPE');
  });

  it('when a body ends inside the file part, then the upload is refused with 400 and the server goes on answering', async () => {
    const { assetId } = await draftLot();
    const head = '------x\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n';
    const body = Buffer.concat([Buffer.from(head), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])]);
    const res = await fetch(`${t.anon.baseUrl}/api/assets/${assetId}/files`, {
      method: 'POST', headers: { authorization: `Bearer ${staff.token}`, 'content-type': 'multipart/form-data; boundary=----x' }, body,
    });
    expect(res.status).to.equal(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).to.equal('VALIDATION_FAILED');
    expect((await staff.get(`/api/assets/${assetId}/files`)).body.files).to.deep.equal([]);
    expect((await t.anon.get('/api/clock')).status).to.equal(200);
  });

  it('when a photo passes 10 MB or a document 20 MB, then the upload is cut off with 413 FILE_TOO_LARGE, and a PDF of 10 MB is fine', async () => {
    // Made before the first upload: a keep-alive connection left idle for seconds while the test is busy is one the server may have closed.
    const png = await makePhoto('png', { width: 64, height: 64 });
    const bigPhoto = Buffer.concat([png, Buffer.alloc(10 * MB + 1 - png.length)]);
    const bigPdf = await makePdf('big', 20 * MB + 1);
    const tenMb = await makePdf('ten', 10 * MB + 5);
    const { assetId } = await draftLot();
    const photo = await uploadFile(staff, assetId, bigPhoto, { name: 'big.png', type: 'image/png' });
    expect(photo.status).to.equal(413);
    expect(photo.body.error).to.include({ code: 'FILE_TOO_LARGE' });
    expect(photo.body.error.details).to.deep.equal({ maxBytes: 10 * MB, kind: 'photo' });

    const justOver = await uploadFile(staff, assetId, bigPdf, { name: 'big.pdf', type: 'application/pdf' });
    expect(justOver.status).to.equal(413);
    expect(justOver.body.error.details).to.include({ maxBytes: 20 * MB });
    // Said to be far larger than any accepted file: answered from the declared length, without waiting for the body.
    const early = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(`${t.url}/api/assets/${assetId}/files`, {
        method: 'POST',
        headers: { authorization: `Bearer ${staff.token}`, 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(100 * MB) },
      }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => { body += c.toString(); });
        res.on('end', () => { req.destroy(); resolve({ status: res.statusCode ?? 0, body }); });
      });
      req.on('error', reject);
      req.write('--x\r\n');
    });
    expect(early.status).to.equal(413);
    expect(JSON.parse(early.body).error.code).to.equal('FILE_TOO_LARGE');

    const tenMbPdf = await uploadFile(staff, assetId, tenMb, { name: 'ten.pdf', type: 'application/pdf' });
    expect(tenMbPdf.status, JSON.stringify(tenMbPdf.body)).to.equal(201);
    expect(tenMbPdf.body.size).to.equal(10 * MB + 5);
    const files = (await staff.get(`/api/assets/${assetId}/files`)).body.files;
    expect(files.map((f: { id: string }) => f.id)).to.deep.equal([tenMbPdf.body.id]);
  });

  it('when a phone photo carries GPS and owner EXIF, then the served photo, display size and thumbnail carry none, stand upright, and the thumbnail is 480 x 360', async () => {
    const { assetId } = await draftLot();
    const original = await makePhoto('jpeg', { width: 2400, height: 1200, exif: CAMERA_EXIF, orientation: 6 });
    const before = await sharp(original).metadata();
    expect(before.exif, 'the test photo has EXIF').to.be.instanceOf(Buffer);
    expect(original.includes(Buffer.from('Owner Zhang San'))).to.equal(true);

    const r = await uploadFile(staff, assetId, original, { name: 'IMG_0001.JPG', type: 'image/jpeg' });
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    expect(r.body.thumbnailUrl).to.equal(`/api/files/${r.body.id}/thumbnail`);
    for (const [url, format, w, h] of [[r.body.url, 'jpeg', 1200, 2400], [r.body.displayUrl, 'webp', 800, 1600], [r.body.thumbnailUrl, 'webp', 480, 360]] as const) {
      const served = await download(staff, url);
      expect(served.status, url).to.equal(200);
      const meta = await sharp(served.bytes).metadata();
      expect(meta.format, url).to.equal(format);
      expect(meta.exif, `${url}: EXIF`).to.equal(undefined);
      expect(meta.xmp, `${url}: XMP`).to.equal(undefined);
      expect(meta.orientation ?? 1, `${url}: turned upright`).to.equal(1);
      expect([meta.width, meta.height], url).to.deep.equal([w, h]);
      expect(served.bytes.includes(Buffer.from('Owner Zhang San')), `${url}: the owner's name`).to.equal(false);
      expect(served.bytes.includes(Buffer.from('PhoneMaker')), `${url}: the camera`).to.equal(false);
    }
    const listed = (await staff.get(`/api/assets/${assetId}/files`)).body.files[0];
    expect(listed).to.include({ width: 1200, height: 2400, kind: 'photo', contentType: 'image/jpeg' });
  });

  it('when a bidder or a visitor tries to upload, list or remove, then they are refused (403, 401)', async () => {
    const { assetId } = await draftLot();
    const photo = await makePhoto('webp');
    expect((await uploadFile(bidder, assetId, photo, { name: 'a.webp' })).status).to.equal(403);
    expect((await uploadFile(t.anon, assetId, photo, { name: 'a.webp' })).status).to.equal(401);
    expect((await bidder.get(`/api/assets/${assetId}/files`)).status).to.equal(403);
    const ok = await uploadFile(staff, assetId, photo, { name: 'a.webp' });
    expect(ok.status).to.equal(201);
    expect(ok.body.contentType).to.equal('image/webp');
    expect((await bidder.request('DELETE', `/api/files/${ok.body.id}`)).status).to.equal(403);
    expect((await staff.get(`/api/assets/${assetId}/files`)).body.files).to.have.length(1);
  });

  it('when a file is uploaded without a title, then it is titled by its name without the extension', async () => {
    const { assetId } = await draftLot();
    const plain = await uploadFile(staff, assetId, await makePhoto('png'), { name: 'photo.png' });
    const chinese = await uploadFile(staff, assetId, await makePdf(), { name: ' 评估报告.final.pdf' });
    const typed = await uploadFile(staff, assetId, await makePhoto('png'), { name: 'photo.png', title: '外观' });
    for (const u of [plain, chinese, typed]) expect(u.status, JSON.stringify(u.body)).to.equal(201);
    const list = await staff.get(`/api/assets/${assetId}/files`);
    const titles = Object.fromEntries(list.body.files.map((f: { id: string; title: string | null }) => [f.id, f.title]));
    expect(titles[plain.body.id]).to.equal('photo');
    expect(titles[chinese.body.id]).to.equal('评估报告.final');
    expect(titles[typed.body.id]).to.equal('外观');
  });

  it("when a lot is a draft, then its files are the court's only; once announced they are on the lot page and served to anyone, cached, and can no longer be removed", async () => {
    const { assetId, lotId } = await draftLot();
    const photo = await uploadFile(staff, assetId, await makePhoto('jpeg'), { name: 'front.jpg', title: '正面' });
    const doc = await uploadFile(staff, assetId, await makePdf(), { name: 'report.pdf', title: '评估报告' });
    const extra = await uploadFile(staff, assetId, await makePhoto('png'), { name: 'extra.png' });
    for (const u of [photo, doc, extra]) expect(u.status, JSON.stringify(u.body)).to.equal(201);

    for (const url of [photo.body.url, photo.body.thumbnailUrl, photo.body.displayUrl, doc.body.url]) {
      expect((await download(t.anon, url)).status, `anyone: ${url}`).to.equal(404);
      expect((await download(bidder, url)).status, `a bidder: ${url}`).to.equal(404);
    }
    const forStaff = await download(staff, photo.body.url);
    expect(forStaff.status).to.equal(200);
    expect(forStaff.headers.get('cache-control')).to.equal('private, no-cache');
    const draftView = await staff.get(`/api/lots/${lotId}`);
    expect(draftView.body.files.map((f: { id: string }) => f.id)).to.deep.equal([photo.body.id, extra.body.id, doc.body.id]);
    const list = await staff.get(`/api/assets/${assetId}/files`);
    expect(list.body.public).to.equal(false);
    expect(list.body.files.every((f: { removable: boolean; uploadedBy: { name: string } }) => f.removable && f.uploadedBy.name === 'court_staff user')).to.equal(true);

    // While the lot is a draft, staff remove a file; the record of its upload and removal stays.
    expect((await staff.request('DELETE', `/api/files/${extra.body.id}`)).status).to.equal(204);
    expect((await download(staff, extra.body.url)).status).to.equal(404);
    expect((await staff.request('DELETE', `/api/files/${extra.body.id}`)).status).to.equal(404);
    const [row] = await t.database.db.select().from(schema.assetFiles).where(eq(schema.assetFiles.id, extra.body.id));
    expect(row.uploadedBy).to.equal(staffId);
    expect(row.deletedBy).to.equal(staffId);
    expect(row.deletedAt).to.be.instanceOf(Date);

    const pub = await notifyAndPublish(t, staff, lotId);
    expect(pub.status, JSON.stringify(pub.body)).to.equal(200);
    const lot = await t.anon.get(`/api/lots/${lotId}`);
    expect(lot.status).to.equal(200);
    expect(lot.body.files).to.have.length(2);
    const [p, d] = lot.body.files;
    expect(p).to.include({ id: photo.body.id, kind: 'photo', title: '正面', contentType: 'image/jpeg', url: photo.body.url, thumbnailUrl: photo.body.thumbnailUrl });
    expect(d).to.include({ id: doc.body.id, kind: 'document', title: '评估报告', contentType: 'application/pdf', size: doc.body.size });
    expect(d).to.not.have.property('thumbnailUrl');

    const served = await download(t.anon, p.url);
    expect(served.status).to.equal(200);
    expect(served.headers.get('content-type')).to.equal('image/jpeg');
    expect(served.headers.get('x-content-type-options')).to.equal('nosniff');
    expect(served.headers.get('cache-control')).to.equal('public, max-age=31536000, immutable');
    const etag = served.headers.get('etag')!;
    expect((await download(t.anon, p.url, { 'if-none-match': etag })).status).to.equal(304);
    const thumb = await download(bidder, p.thumbnailUrl);
    expect(thumb.headers.get('content-type')).to.equal('image/webp');
    expect((await download(bidder, d.url)).headers.get('content-disposition')).to.match(/^attachment;/);

    const refused = await staff.request('DELETE', `/api/files/${photo.body.id}`);
    expect(refused.status).to.equal(409);
    expect(refused.body.error.code).to.equal('LOT_NOT_DRAFT');
    const after = await staff.get(`/api/assets/${assetId}/files`);
    expect(after.body.public).to.equal(true);
    expect(after.body.files.map((f: { removable: boolean }) => f.removable)).to.deep.equal([false, false]);
  });

  it('when a file id is unknown or malformed, then 404 or 400, never 500', async () => {
    expect((await download(t.anon, '/api/files/00000000-0000-0000-0000-000000000000')).status).to.equal(404);
    expect((await download(t.anon, '/api/files/bad%20id/thumbnail')).status).to.equal(400);
    expect((await uploadFile(staff, 'no-such-asset', await makePhoto('png'))).status).to.equal(404);
  });
});

describe('photos and documents in an S3-compatible store (STORAGE_S3_BUCKET)', function () {
  this.timeout(120_000);
  let s3server: S3rver;
  let t: TestServer;
  let staff: ApiClient;
  let s3: S3Client;
  const dir = tempStorageDir();
  const bucket = 'auction-files';

  before(async () => {
    s3server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: dir.dir, configureBuckets: [{ name: bucket }] });
    const { port } = await s3server.run();
    const endpoint = `http://127.0.0.1:${port}`;
    t = await startTestServer({
      jobs: false,
      env: { STORAGE_S3_BUCKET: bucket, STORAGE_S3_ENDPOINT: endpoint, STORAGE_S3_ACCESS_KEY_ID: 'S3RVER', STORAGE_S3_SECRET_ACCESS_KEY: 'S3RVER' },
    });
    staff = (await t.user('court_staff')).api;
    s3 = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
  });
  after(async () => {
    await t?.stop();
    s3?.destroy();
    await s3server?.close();
    dir.remove();
  });

  const keysOf = async (prefix: string) => ((await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }))).Contents ?? []).map((o) => o.Key).sort();

  it('when staff upload a photo and a document, then the bucket holds the served photo, its display size and thumbnail, and the PDF, and the server serves them back', async () => {
    const { assetId } = await assetWithReference(t, staff);
    const png = await makePhoto('png', { exif: CAMERA_EXIF });
    const photo = await uploadFile(staff, assetId, png, { name: 'a.png' });
    expect(photo.status, JSON.stringify(photo.body)).to.equal(201);
    const pdf = await makePdf('S3');
    const doc = await uploadFile(staff, assetId, pdf, { name: 'a.pdf' });
    expect(doc.status).to.equal(201);
    expect(await keysOf(`assets/${assetId}/`)).to.deep.equal([
      `assets/${assetId}/${doc.body.id}/original`,
      ...[`assets/${assetId}/${photo.body.id}/display`, `assets/${assetId}/${photo.body.id}/original`, `assets/${assetId}/${photo.body.id}/thumbnail`],
    ].sort());

    const served = await download(staff, doc.body.url);
    expect(served.status).to.equal(200);
    expect(served.bytes.equals(pdf)).to.equal(true);
    const thumb = await download(staff, photo.body.thumbnailUrl);
    expect(thumb.status).to.equal(200);
    expect((await sharp(thumb.bytes).metadata()).width).to.equal(480);
    expect((await sharp((await download(staff, photo.body.url)).bytes).metadata()).exif).to.equal(undefined);
  });

  it('when staff remove a file of a draft, then its objects leave the bucket', async () => {
    const { assetId } = await assetWithReference(t, staff);
    const photo = await uploadFile(staff, assetId, await makePhoto('jpeg'), { name: 'a.jpg' });
    expect(photo.status).to.equal(201);
    expect(await keysOf(`assets/${assetId}/${photo.body.id}/`)).to.have.length(3);
    expect((await staff.request('DELETE', `/api/files/${photo.body.id}`)).status).to.equal(204);
    expect(await keysOf(`assets/${assetId}/${photo.body.id}/`)).to.deep.equal([]);
  });
});
