/**
 * A sandbox inquiry platform for the embedded demo only, clearly named as such (in one language, as the
 * admin page shows it): it speaks the platform protocol of api.md so that a new user can run a network
 * inquiry end to end without a real platform.
 * Its quotes are made up from the asset's title, and each of the three sandboxes answers after a short delay.
 */
import crypto from 'node:crypto';
import { Router } from 'express';
import { Decimal } from 'decimal.js';
import { z } from 'zod';

export const SANDBOX_PLATFORMS = [
  { id: 'a', name: '沙盒询价平台A', factor: '0.96', delayMs: 8_000 },
  { id: 'b', name: '沙盒询价平台B', factor: '1.00', delayMs: 15_000 },
  { id: 'c', name: '沙盒询价平台C', factor: '1.05', delayMs: 25_000 },
];

const request = z.object({ inquiryId: z.string().max(100), asset: z.object({ title: z.string().max(500), kind: z.string().max(50), description: z.string().max(20000) }) });
const MAX_INQUIRIES = 10_000;

export function sandboxInquiryRouter(): Router {
  const r = Router();
  const inquiries = new Map<string, { createdAt: number; base: Decimal }>();
  r.post('/sandbox/inquiry/:platform/inquiries', (req, res) => {
    const p = SANDBOX_PLATFORMS.find((x) => x.id === req.params.platform);
    const body = request.safeParse(req.body);
    if (!p || !body.success) {
      res.status(400).json({ error: 'bad inquiry' });
      return;
    }
    if (inquiries.size >= MAX_INQUIRIES) inquiries.clear();
    // A made-up but stable figure between ¥50,000 and ¥1,050,000 from the title.
    const h = crypto.createHash('sha256').update(body.data.asset.title).digest();
    const base = new Decimal(50_000).plus(new Decimal(h.readUInt32BE(0) % 1_000_000));
    const ref = `${p.id}-${crypto.randomUUID()}`;
    inquiries.set(ref, { createdAt: Date.now(), base });
    res.status(202).json({ platformRef: ref });
  });
  r.get('/sandbox/inquiry/:platform/inquiries/:ref', (req, res) => {
    const p = SANDBOX_PLATFORMS.find((x) => x.id === req.params.platform);
    const inquiry = inquiries.get(req.params.ref);
    if (!p || !inquiry) {
      res.status(404).json({ error: 'unknown inquiry' });
      return;
    }
    if (Date.now() - inquiry.createdAt < p.delayMs) {
      res.json({ status: 'pending' });
      return;
    }
    res.json({ status: 'done', price: inquiry.base.mul(p.factor).toDecimalPlaces(2).toFixed(2), currency: 'CNY' });
  });
  return r;
}
