import { Router } from 'express';
import { idString } from '../../../shared/api';
import { refundSentBody, refundsQuery } from '../../../shared/contract/money';
import { requireRole } from '../../platform/http';
import { parse } from '../../platform/validate';
import type { Refunds } from './refunds.service';

/** Money to pay back: the list, the bank payment file, and the record that a transfer went out. */
export function refundsRoutes(refunds: Refunds): Router {
  const r = Router();
  r.get('/finance/refunds', async (req, res) => {
    requireRole(req, 'finance');
    const query = parse(refundsQuery, req.query, 'query');
    if (query.format === 'csv') {
      res.type('text/csv; charset=utf-8').attachment('refunds.csv').send(await refunds.paymentFile(query.status));
      return;
    }
    res.json(await refunds.list(query.status));
  });
  r.post('/finance/refunds/:id/sent', async (req, res) => {
    const user = requireRole(req, 'finance');
    const id = parse(idString, req.params.id, 'refund id');
    const body = parse(refundSentBody, req.body);
    res.json(await refunds.markSent(id, body.bankReference, user.id, body.payeeAccount));
  });
  return r;
}
