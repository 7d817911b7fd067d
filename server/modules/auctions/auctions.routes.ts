import { Router } from 'express';
import { idString, lotBody, lotListQuery } from '../../../shared/api';
import type { Db } from '../../platform/db/index';
import { notFound } from '../../platform/errors';
import { requireRole } from '../../platform/http';
import { parse } from '../../platform/validate';
import type { Auctions } from './auctions.service';
import { loadLotView, loadLotViews, lotFilters } from './lot-view';

const isStaff = (roles: string[] | undefined) => !!roles && (roles.includes('court_staff') || roles.includes('admin'));

export function auctionsRoutes(auctions: Auctions, db: Db): Router {
  const r = Router();
  r.post('/lots', async (req, res) => {
    const user = requireRole(req, 'court_staff');
    res.status(201).json(await auctions.createLot(parse(lotBody, req.body), user.id));
  });
  r.post('/lots/:id/publish', async (req, res) => {
    requireRole(req, 'court_staff');
    res.json(await auctions.publish(parse(idString, req.params.id, 'lot id')));
  });
  r.get('/lots', async (req, res) => {
    const q = parse(lotListQuery, req.query, 'query');
    const staff = isStaff(req.user?.roles);
    const where = lotFilters({ ...q, publicOnly: !staff });
    res.json({ lots: await loadLotViews(db, where, { withBids: false, limit: q.limit }) });
  });
  r.get('/lots/:id', async (req, res) => {
    const view = await loadLotView(db, parse(idString, req.params.id, 'lot id'));
    if (!view || (view.status === 'draft' && !isStaff(req.user?.roles))) throw notFound('The lot');
    res.json(view);
  });
  return r;
}
