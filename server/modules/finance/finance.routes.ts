import { Router } from 'express';
import { balanceBody, confirmDepositBody, idString } from '../../../shared/api';
import type { Db } from '../../platform/db/index';
import { requireRole } from '../../platform/http';
import { parse } from '../../platform/validate';
import type { Lifecycle } from '../auctions/lifecycle.service';
import { loadLotView, loadLotViews, lotsInStatus } from '../auctions/lot-view';
import type { Bidding } from '../bidding/bidding.service';
import { trialBalance } from '../ledger/ledger.service';

/** Finance staff's desk: deposits by bank transfer, balances of sold lots, and the ledger's trial balance. */
export function financeRoutes(bidding: Bidding, lifecycle: Lifecycle, db: Db, holidays: ReadonlySet<string>): Router {
  const r = Router();
  r.get('/finance/deposits', async (req, res) => {
    requireRole(req, 'finance');
    res.json({ deposits: await bidding.pendingDeposits() });
  });
  r.post('/finance/deposits/:registrationId/confirm', async (req, res) => {
    const user = requireRole(req, 'finance');
    const id = parse(idString, req.params.registrationId, 'registration id');
    const body = parse(confirmDepositBody, req.body);
    res.json(await bidding.confirmDeposit(id, body.bankReference, user.id, body.payerAccount));
  });
  r.post('/finance/lots/:id/balance', async (req, res) => {
    const user = requireRole(req, 'finance');
    const body = parse(balanceBody, req.body);
    const lotId = parse(idString, req.params.id, 'lot id');
    await lifecycle.recordBalance(lotId, body.bankReference, user);
    res.json((await loadLotView(db, lotId, holidays))!);
  });
  r.get('/finance/balances', async (req, res) => {
    requireRole(req, 'finance');
    const views = await loadLotViews(db, lotsInStatus(['sold', 'defaulted']), { withBids: false, limit: 200, holidays });
    res.json({ lots: views.map((v) => ({ id: v.id, title: v.title, titleEn: v.titleEn, court: v.court, status: v.status, finalPrice: v.finalPrice, deposit: v.deposit, winnerCode: v.winnerCode, balanceDueAt: v.balanceDueAt, balancePaidAt: v.balancePaidAt })) });
  });
  r.get('/finance/trial-balance', async (req, res) => {
    requireRole(req, 'finance');
    res.json(await trialBalance(db));
  });
  return r;
}
