/** Files for upload tests, made here (sharp draws the photos), and a multipart upload over HTTP. */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import PDFDocument from 'pdfkit';
import type { ApiClient } from './server';

/** A one-page PDF, padded with a trailing comment to `padTo` bytes when asked (a size-cap test needs a large one). */
export async function makePdf(text = 'Appraisal report', padTo = 0): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4' });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.text(text);
  doc.end();
  await done;
  const pdf = Buffer.concat(chunks);
  return padTo > pdf.length ? Buffer.concat([pdf, Buffer.from('%'), Buffer.alloc(padTo - pdf.length - 1, 0x20)]) : pdf;
}

/** A photo of the given size and format, a colour gradient so that encoders have something to keep. */
export async function makePhoto(format: 'png' | 'jpeg' | 'webp', o: { width?: number; height?: number; exif?: Record<string, Record<string, string>>; orientation?: number } = {}): Promise<Buffer> {
  const width = o.width ?? 640;
  const height = o.height ?? 480;
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      pixels[i] = Math.round((x / width) * 255);
      pixels[i + 1] = Math.round((y / height) * 255);
      pixels[i + 2] = 128;
    }
  }
  let img = sharp(pixels, { raw: { width, height, channels: 3 } });
  if (o.exif) img = img.withExif(o.exif);
  if (o.orientation) img = img.withMetadata({ orientation: o.orientation });
  return img.toFormat(format).toBuffer();
}

/** A folder of its own for a test server's files, removed by the returned function. */
export function tempStorageDir(): { dir: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'auction-files-'));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export interface UploadAnswer { status: number; body: any; headers: Headers }

/** POST /api/assets/:id/files as a browser form sends it: the name and the claimed type are the sender's, not the content's. */
export async function uploadFile(api: ApiClient, assetId: string, bytes: Buffer, o: { name?: string; type?: string; kind?: string; title?: string } = {}): Promise<UploadAnswer> {
  const form = new FormData();
  if (o.kind !== undefined) form.append('kind', o.kind);
  if (o.title !== undefined) form.append('title', o.title);
  form.append('file', new Blob([new Uint8Array(bytes)], { type: o.type ?? 'application/octet-stream' }), o.name ?? 'upload.bin');
  // The form as a browser encodes it, sent on a connection of its own: a large upload never lands on a
  // kept-alive connection that the server closed while the test was busy.
  const encoded = new Request('http://form.invalid/', { method: 'POST', body: form });
  const payload = Buffer.from(await encoded.arrayBuffer());
  const headers: Record<string, string> = { 'content-type': encoded.headers.get('content-type')!, 'content-length': String(payload.length) };
  if (api.token) headers.authorization = `Bearer ${api.token}`;
  const answer = await new Promise<{ status: number; text: string; headers: Headers }>((resolve, reject) => {
    const req = http.request(`${api.baseUrl}/api/assets/${assetId}/files`, { method: 'POST', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const h = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') h.set(k, v);
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), headers: h });
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
  let body: unknown = answer.text;
  try { body = JSON.parse(answer.text); } catch { /* not JSON */ }
  return { status: answer.status, body, headers: answer.headers };
}

/** GET of a file's bytes, with its headers. */
export async function download(api: ApiClient, url: string, headers: Record<string, string> = {}): Promise<{ status: number; bytes: Buffer; headers: Headers }> {
  const h: Record<string, string> = { ...headers };
  if (api.token) h.authorization = `Bearer ${api.token}`;
  const res = await fetch(`${api.baseUrl}${url}`, { headers: h });
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()), headers: res.headers };
}
