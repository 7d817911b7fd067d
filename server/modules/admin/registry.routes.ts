import { Router } from 'express';
import { courtBody, courtUpdateBody, idString, inquiryPlatformBody, inquiryPlatformStateBody, inquiryPlatformUpdateBody } from '../../../shared/api';
import { requireRole } from '../../platform/http';
import { parse } from '../../platform/validate';
import type { Courts } from './courts.service';
import type { InquiryPlatforms } from './inquiry-platforms.service';

/**
 * The courts' and inquiry platforms' registries: changed only by an admin; court staff read the courts for the
 * case form; anyone reads the courts' regions for the lot search.
 */
export function registryRoutes(platforms: InquiryPlatforms, courts: Courts): Router {
  const r = Router();
  r.get('/admin/inquiry-platforms', async (req, res) => {
    requireRole(req, 'admin');
    res.json({ platforms: await platforms.list() });
  });
  r.post('/admin/inquiry-platforms', async (req, res) => {
    const me = requireRole(req, 'admin');
    res.status(201).json(await platforms.add(parse(inquiryPlatformBody, req.body), me.id));
  });
  r.post('/admin/inquiry-platforms/:id', async (req, res) => {
    const me = requireRole(req, 'admin');
    const body = parse(inquiryPlatformUpdateBody, req.body);
    res.json(await platforms.update(parse(idString, req.params.id, 'platform id'), body, me.id));
  });
  for (const [action, on] of [['deactivate', false], ['reactivate', true]] as const) {
    r.post(`/admin/inquiry-platforms/:id/${action}`, async (req, res) => {
      const me = requireRole(req, 'admin');
      const { reason } = parse(inquiryPlatformStateBody, req.body);
      res.json(await platforms.setActive(parse(idString, req.params.id, 'platform id'), on, reason, me.id));
    });
  }
  r.get('/admin/courts', async (req, res) => {
    requireRole(req, 'admin');
    res.json({ courts: await courts.list() });
  });
  r.post('/admin/courts', async (req, res) => {
    const me = requireRole(req, 'admin');
    res.status(201).json(await courts.add(parse(courtBody, req.body), me.id));
  });
  r.post('/admin/courts/:id', async (req, res) => {
    const me = requireRole(req, 'admin');
    const body = parse(courtUpdateBody, req.body);
    res.json(await courts.update(parse(idString, req.params.id, 'court id'), body, me.id));
  });
  r.get('/regions', async (_req, res) => {
    res.json({ regions: await courts.regions() });
  });
  r.get('/courts', async (req, res) => {
    requireRole(req, 'court_staff');
    res.json({ courts: await courts.list() });
  });
  return r;
}
