import { Router } from 'express';
import { appraisalReportBody, idString, objectionBody, reasonBody, resolveObjectionBody, valuationBody } from '../../../shared/api';
import type { Clock } from '../../platform/clock';
import { requireRole } from '../../platform/http';
import { parse } from '../../platform/validate';
import { objectionView, quoteView, valuationView } from './valuation.views';
import type { ValuationService } from './valuation.service';

export function valuationRoutes(valuation: ValuationService, clock: Clock): Router {
  const r = Router();
  const id = (req: { params: Record<string, string> }, name = 'id') => parse(idString, req.params[name], 'valuation id');
  const detail = async (valuationId: string) => {
    const { v, quotes, objections } = await valuation.get(valuationId);
    return {
      ...valuationView(v, clock.now()),
      quotes: quotes.map(quoteView),
      objections: objections.map(objectionView),
    };
  };
  // An asset's determinations: started and listed here, under the asset they value.
  r.post('/assets/:id/valuations', async (req, res) => {
    const user = requireRole(req, 'court_staff');
    const id = parse(idString, req.params.id, 'asset id');
    const v = await valuation.create(id, parse(valuationBody, req.body), user.id);
    res.status(201).json(valuationView(v, clock.now()));
  });
  r.get('/assets/:id/valuations', async (req, res) => {
    requireRole(req, 'court_staff');
    const list = await valuation.listForAsset(parse(idString, req.params.id, 'asset id'));
    const now = clock.now();
    res.json({ valuations: list.map((v) => valuationView(v, now)) });
  });
  r.get('/valuations/worklist', async (req, res) => {
    requireRole(req, 'court_staff');
    res.json({ items: await valuation.worklist(), lateDuties: await valuation.lateDuties() });
  });
  r.get('/valuations/:id', async (req, res) => {
    requireRole(req, 'court_staff');
    res.json(await detail(id(req)));
  });
  r.post('/valuations/:id/objections', async (req, res) => {
    const user = requireRole(req, 'court_staff');
    const o = await valuation.fileObjection(id(req), parse(objectionBody, req.body), user.id);
    res.status(201).json({ id: o.id, status: o.status });
  });
  r.post('/valuations/:id/objections/:objectionId/resolve', async (req, res) => {
    const user = requireRole(req, 'court_staff');
    await valuation.resolveObjection(id(req), parse(idString, req.params.objectionId, 'objection id'), parse(resolveObjectionBody, req.body), user.id);
    res.json(await detail(id(req)));
  });
  r.post('/valuations/:id/appraisal/extend', async (req, res) => {
    const user = requireRole(req, 'court_staff');
    await valuation.extendAppraisal(id(req), parse(reasonBody, req.body).reason, user.id);
    res.json(await detail(id(req)));
  });
  r.post('/valuations/:id/appraisal/report', async (req, res) => {
    const user = requireRole(req, 'court_staff');
    await valuation.recordAppraisalReport(id(req), parse(appraisalReportBody, req.body), user.id);
    res.json(await detail(id(req)));
  });
  /** Every event of the asset's determinations, hash-chained: each entry is SHA-256 over RFC 8785 JSON of its fields. */
  r.get('/assets/:id/audit', async (req, res) => {
    requireRole(req, 'court_staff');
    const { assetId, head, entries } = await valuation.auditRecord(parse(idString, req.params.id, 'asset id'));
    res.json({
      assetId, head,
      entries: entries.map((e) => ({ seq: e.seq, at: e.at.toISOString(), actorId: e.actorId, action: e.action, valuationId: e.valuationId, data: e.data, prevHash: e.prevHash, hash: e.hash })),
    });
  });
  r.get('/cases/:id/preservation', async (req, res) => {
    requireRole(req, 'court_staff');
    res.json(await valuation.preservation(parse(idString, req.params.id, 'case id')));
  });
  return r;
}
