import { Router } from 'express';
import { bidBody, idString } from '../../../shared/api';
import { requireUser } from '../../platform/http';
import { parse } from '../../platform/validate';
import type { Bidding } from './bidding.service';
import type { PerSecondLimit } from '../../platform/rate-limit';

export function biddingRoutes(bidding: Bidding, bidLimiter: PerSecondLimit): Router {
  const r = Router();
  r.post('/lots/:id/registrations', async (req, res) => {
    const user = requireUser(req);
    const { view, created } = await bidding.register(user, parse(idString, req.params.id, 'lot id'));
    res.status(created ? 201 : 200).json(view);
  });
  r.get('/lots/:id/registration', async (req, res) => {
    const user = requireUser(req);
    res.json(await bidding.myRegistration(user, parse(idString, req.params.id, 'lot id')));
  });
  r.get('/me/registrations', async (req, res) => {
    const user = requireUser(req);
    res.json({ registrations: await bidding.myRegistrations(user) });
  });
  r.post('/lots/:id/bids', async (req, res) => {
    const user = requireUser(req);
    const lotId = parse(idString, req.params.id, 'lot id');
    const body = parse(bidBody, req.body);
    await bidLimiter.check(user.id);
    res.status(201).json(await bidding.placeBid(user, lotId, body.amount, body.clientBidId));
  });
  return r;
}
