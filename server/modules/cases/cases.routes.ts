import { Router } from 'express';
import { assetBody, assetFlagsBody, assetKindBody, caseBody, caseListQuery, idString } from '../../../shared/api';
import type { createAssetKind } from './asset-kind';
import { requireRole } from '../../platform/http';
import { parse } from '../../platform/validate';
import { assetView, caseView, type Cases } from './cases.service';

export function casesRoutes(cases: Cases, assetKind: ReturnType<typeof createAssetKind>): Router {
  const r = Router();
  r.post('/cases', async (req, res) => {
    const user = requireRole(req, 'court_staff');
    const c = await cases.createCase(parse(caseBody, req.body), user.id);
    res.status(201).json(caseView(c));
  });
  r.get('/cases', async (req, res) => {
    requireRole(req, 'court_staff');
    const query = parse(caseListQuery, req.query, 'query');
    // Without a query the answer is the newest cases as it has always been; naming q, cursor or limit asks for a page.
    const paged = query.q !== undefined || query.cursor !== undefined || query.limit !== undefined;
    const { cases: list, nextCursor } = paged ? await cases.searchCases(query) : { cases: await cases.listCases(), nextCursor: undefined };
    const assets = await cases.listAssetsOf(list.map((c) => c.id));
    const items = list.map((c) => ({ ...caseView(c), assetCount: assets.filter((a) => a.caseId === c.id).length }));
    res.json(paged ? { cases: items, nextCursor } : { cases: items });
  });
  r.get('/cases/:id', async (req, res) => {
    requireRole(req, 'court_staff');
    const c = await cases.getCase(parse(idString, req.params.id, 'case id'));
    res.json({ ...caseView(c), assets: (await cases.listAssets(c.id)).map(assetView) });
  });
  r.post('/assets', async (req, res) => {
    requireRole(req, 'court_staff');
    const a = await cases.createAsset(parse(assetBody, req.body));
    res.status(201).json(assetView(a));
  });
  r.get('/assets/:id', async (req, res) => {
    requireRole(req, 'court_staff');
    const a = await cases.getAsset(parse(idString, req.params.id, 'asset id'));
    res.json(assetView(a));
  });
  r.post('/assets/:id/flags', async (req, res) => {
    requireRole(req, 'court_staff');
    const a = await cases.setAssetFlags(parse(idString, req.params.id, 'asset id'), parse(assetFlagsBody, req.body));
    res.json(assetView(a));
  });
  r.post('/assets/:id/kind', async (req, res) => {
    const user = requireRole(req, 'court_staff');
    const { kind } = parse(assetKindBody, req.body);
    res.json(assetView(await assetKind.correctKind(parse(idString, req.params.id, 'asset id'), kind, user.id)));
  });
  return r;
}
