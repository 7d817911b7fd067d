import { Router } from 'express';
import { idString } from '../../../shared/api';
import { sandboxPayBody } from '../../../shared/contract/money';
import { requireUser } from '../../platform/http';
import { notFound } from '../../platform/errors';
import { parse } from '../../platform/validate';
import type { Payments } from './payments.service';

/** The webhook's body arrives raw (platform/http.ts parses no JSON on this path): the signature covers its exact bytes. */
export const WEBHOOK_PATH = '/api/payments/webhook';

export function paymentsRoutes(payments: Payments): Router {
  const r = Router();
  r.post('/lots/:id/registration/pay-online', async (req, res) => {
    const user = requireUser(req);
    res.json(await payments.payDepositOnline(user, parse(idString, req.params.id, 'lot id')));
  });
  r.post('/lots/:id/balance/pay-online', async (req, res) => {
    const user = requireUser(req);
    res.json(await payments.payBalanceOnline(user, parse(idString, req.params.id, 'lot id')));
  });
  r.post('/payments/webhook', async (req, res) => {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    res.json(await payments.webhook(body, req.headers['stripe-signature']));
  });
  r.post('/payments/sandbox/pay', async (req, res) => {
    const user = requireUser(req);
    if (!payments.hasSandbox()) throw notFound('The sandbox checkout');
    const { clientSecret, outcome } = parse(sandboxPayBody, req.body);
    res.json(await payments.sandboxPay(user.id, clientSecret, outcome));
  });
  return r;
}
