import { Router } from 'express';
import { dutiesQuery } from '../../../shared/api';
import { requireRole } from '../../platform/http';
import { parse } from '../../platform/validate';
import type { Duties } from './duties.service';

export function dutiesRoutes(duties: Duties): Router {
  const r = Router();
  r.get('/court/duties', async (req, res) => {
    requireRole(req, 'court_staff');
    res.json(await duties.list(parse(dutiesQuery, req.query, 'query')));
  });
  return r;
}
