import { Router } from 'express';
import { bidBody, idString, proxyBidBody } from '../../../shared/api';
import { requireUser } from '../../platform/http';
import { parse } from '../../platform/validate';
import type { Bidding } from './bidding.service';
import type { PerSecondLimit } from '../../platform/rate-limit';
import type { ProxyBids } from './proxy-bids';

export function biddingRoutes(bidding: Bidding, bidLimiter: PerSecondLimit, proxies: ProxyBids): Router {
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
  r.post('/lots/:id/proxy-bid', async (req, res) => {
    const user = requireUser(req);
    const lotId = parse(idString, req.params.id, 'lot id');
    const body = parse(proxyBidBody, req.body);
    await bidLimiter.check(user.id);
    res.status(201).json(await proxies.set(user, lotId, body.maxAmount));
  });
  r.delete('/lots/:id/proxy-bid', async (req, res) => {
    const user = requireUser(req);
    await proxies.withdraw(user, parse(idString, req.params.id, 'lot id'));
    res.status(204).end();
  });
  r.get('/lots/:id/proxy-bid', async (req, res) => {
    const user = requireUser(req);
    res.json({ proxyBid: await proxies.mine(user, parse(idString, req.params.id, 'lot id')) });
  });
  return r;
}
