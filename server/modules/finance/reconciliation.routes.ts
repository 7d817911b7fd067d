import { Router } from 'express';
import { reconciliationQuery } from '../../../shared/contract/money';
import { requireRole } from '../../platform/http';
import { parse } from '../../platform/validate';
import { reportCsv, type Reconciliation } from './reconciliation.service';

/** The daily reconciliation (UTC+8): JSON, or `?format=csv` for the same report as a file. */
export function reconciliationRoutes(reconciliation: Reconciliation): Router {
  const r = Router();
  r.get('/finance/reconciliation', async (req, res) => {
    requireRole(req, 'finance');
    const q = parse(reconciliationQuery, req.query);
    const report = await reconciliation.report(q.date);
    if (q.format === 'csv') {
      res.type('text/csv; charset=utf-8').setHeader('Content-Disposition', `attachment; filename="reconciliation-${q.date}.csv"`);
      res.send(reportCsv(report));
      return;
    }
    res.json(report);
  });
  return r;
}
