import { Router } from 'express';
import { idString } from '../../../shared/api';
import { forfeitureBody, ledgerQuery, payoutBody } from '../../../shared/contract/money';
import type { Db } from '../../platform/db/index';
import { requireRole } from '../../platform/http';
import { parse } from '../../platform/validate';
import { accountsWithBalances, ledgerOf } from './ledger.service';
import type { Proceeds } from './proceeds.service';

/** Proceeds to the court (court approval, finance payout), the A24 forfeiture, and the ledger by account. */
export function proceedsRoutes(proceeds: Proceeds, db: Db): Router {
  const r = Router();
  r.get('/finance/proceeds', async (req, res) => {
    requireRole(req, 'finance');
    res.json(await proceeds.list());
  });
  r.post('/lots/:id/proceeds/approve', async (req, res) => {
    const user = requireRole(req, 'court_staff');
    res.json(await proceeds.approve(parse(idString, req.params.id, 'lot id'), user));
  });
  r.post('/finance/lots/:id/payout', async (req, res) => {
    const user = requireRole(req, 'finance');
    const lotId = parse(idString, req.params.id, 'lot id');
    const body = parse(payoutBody, req.body);
    res.json(await proceeds.payout(lotId, body.bankReference, user));
  });
  r.post('/finance/lots/:id/forfeiture', async (req, res) => {
    const user = requireRole(req, 'finance');
    const lotId = parse(idString, req.params.id, 'lot id');
    const body = parse(forfeitureBody, req.body);
    res.json(await proceeds.allocateForfeiture(lotId, body, user));
  });
  r.get('/finance/accounts', async (req, res) => {
    requireRole(req, 'finance');
    res.json(await accountsWithBalances(db));
  });
  r.get('/finance/ledger', async (req, res) => {
    requireRole(req, 'finance');
    const q = parse(ledgerQuery, req.query);
    res.json(await ledgerOf(db, q.account));
  });
  return r;
}
