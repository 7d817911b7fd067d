import { Router } from 'express';
import { statsQuery } from '../../../shared/contract/stats';
import { parse } from '../../platform/validate';
import type { StatsService } from './stats.service';

/** Public statistics: anyone may read them, no session needed. */
export function statsRoutes(stats: StatsService): Router {
  const r = Router();
  r.get('/stats', async (req, res) => {
    res.json(await stats.stats(parse(statsQuery, req.query, 'query')));
  });
  return r;
}
