import { Router } from 'express';
import { idString } from '../../../shared/api';
import { markReadBody, notificationsQuery } from '../../../shared/contract/notifications';
import { requireUser } from '../../platform/http';
import { parse } from '../../platform/validate';
import type { Notifications } from './notifications.service';

/** The caller's watchlist and alerts: every route is the signed-in user's own, never another's. */
export function notificationsRoutes(n: Notifications): Router {
  const r = Router();
  r.get('/me/watchlist', async (req, res) => {
    const user = requireUser(req);
    res.json(await n.myWatchlist(user.id));
  });
  r.put('/me/watchlist/:lotId', async (req, res) => {
    const user = requireUser(req);
    res.json(await n.watch(user.id, parse(idString, req.params.lotId, 'lot id')));
  });
  r.delete('/me/watchlist/:lotId', async (req, res) => {
    const user = requireUser(req);
    res.json(await n.unwatch(user.id, parse(idString, req.params.lotId, 'lot id')));
  });
  r.get('/me/notifications', async (req, res) => {
    const user = requireUser(req);
    res.json(await n.list(user.id, parse(notificationsQuery, req.query, 'query')));
  });
  r.post('/me/notifications/read', async (req, res) => {
    const user = requireUser(req);
    res.json(await n.markRead(user.id, parse(markReadBody, req.body)));
  });
  return r;
}
