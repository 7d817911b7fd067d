import { Router } from 'express';
import { actionsFor } from '../../../shared/lot-action-roles';
import { creditorTakeoverBody, noticeBody, idString, lotBody, lotListQuery, priorityHolderBody, reasonBody } from '../../../shared/api';
import { disclosureUpdateBody } from '../../../shared/contract/disclosure';
import type { Accounts } from '../accounts/accounts.service';
import { renderConfirmation } from './confirmation.pdf';
import type { Lifecycle } from './lifecycle.service';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/index';
import { notFound } from '../../platform/errors';
import { requireRole, requireUser } from '../../platform/http';
import { parse } from '../../platform/validate';
import type { Auctions } from './auctions.service';
import { startOfDayUtc8 } from '../stats/stats.service';
import { loadLotPage, loadLotView, lotFilters } from './lot-view';
import { listLotFiles } from '../files/index';
import { neverPublic } from './lot-visibility';

const isStaff = (roles: string[] | undefined) => !!roles && (roles.includes('court_staff') || roles.includes('admin'));

export function auctionsRoutes(auctions: Auctions, lifecycle: Lifecycle, accounts: Accounts, db: Db, clock: Clock, holidays: ReadonlySet<string>): Router {
  const r = Router();
  const lotId = (req: { params: Record<string, string> }) => parse(idString, req.params.id, 'lot id');
  const fresh = async (id: string) => (await loadLotView(db, id, holidays))!;
  r.post('/lots/:id/notify-parties', async (req, res) => {
    const user = requireRole(req, 'court_staff');
    const body = parse(noticeBody, req.body ?? {});
    await lifecycle.notifyParties(lotId(req), body.note, user);
    res.json(await fresh(lotId(req)));
  });
  r.post('/lots/:id/suspend', async (req, res) => {
    const user = requireRole(req, 'court_staff');
    const { reason } = parse(reasonBody, req.body);
    await lifecycle.suspend(lotId(req), reason, user);
    res.json(await fresh(lotId(req)));
  });
  r.post('/lots/:id/resume', async (req, res) => {
    const user = requireRole(req, 'court_staff');
    await lifecycle.resume(lotId(req), user);
    res.json(await fresh(lotId(req)));
  });
  r.post('/lots/:id/cancel', async (req, res) => {
    const user = requireRole(req, 'court_staff');
    const { reason } = parse(reasonBody, req.body);
    await lifecycle.cancel(lotId(req), reason, user);
    res.json(await fresh(lotId(req)));
  });
  r.post('/lots/:id/priority-holders', async (req, res) => {
    const user = requireRole(req, 'court_staff');
    const body = parse(priorityHolderBody, req.body);
    let userId = body.userId;
    if (body.email) {
      const holder = await accounts.findByEmail(body.email);
      if (!holder) throw notFound('A user with that email');
      userId = holder.id;
    }
    res.status(201).json(await lifecycle.addPriorityHolder(lotId(req), userId!, body.rank, user));
  });
  r.get('/lots/:id/priority-holders', async (req, res) => {
    requireRole(req, 'court_staff');
    res.json({ holders: await lifecycle.listPriorityHolders(lotId(req)) });
  });
  r.post('/lots/:id/creditor-takeover', async (req, res) => {
    const user = requireRole(req, 'court_staff');
    const body = parse(creditorTakeoverBody, req.body);
    await lifecycle.creditorTakeover(lotId(req), body.creditor, body.note, user);
    res.json(await fresh(lotId(req)));
  });
  r.get('/lots/:id/actions', async (req, res) => {
    const user = requireRole(req, 'court_staff');
    res.json({ actions: actionsFor(user.roles, await lifecycle.nextActions(lotId(req))) });
  });
  r.get('/lots/:id/audit', async (req, res) => {
    requireRole(req, 'court_staff');
    res.json(await lifecycle.auditTrail(lotId(req)));
  });
  r.get('/lots/:id/bid-log', async (req, res) => {
    res.json(await lifecycle.bidLog(lotId(req)));
  });
  r.get('/lots/:id/buyer', async (req, res) => {
    const b = await lifecycle.buyer(lotId(req), requireUser(req));
    res.json({ bidderCode: b.registration.bidderCode, realName: b.user.realName, idNumber: b.user.idNumber, email: b.user.email });
  });
  r.get('/lots/:id/confirmation', async (req, res) => {
    const f = await lifecycle.confirmationFacts(lotId(req), requireUser(req));
    const pdf = await renderConfirmation({
      lotId: f.lot.id, court: f.kase.court, caseNumber: f.kase.caseNumber, assetTitle: f.asset.title, assetKind: f.asset.kind, round: f.lot.round,
      finalPrice: f.lot.finalPrice!, deposit: f.registration.depositAmount, bidderCode: f.registration.bidderCode,
      buyerName: f.user.realName ?? f.user.name, buyerIdNumber: f.user.idNumber ?? '', closedAt: f.lot.closedAt!, balanceDueAt: f.lot.balanceDueAt,
      bidLogHead: f.lot.bidHead, bidCount: f.lot.bidCount, generatedAt: clock.now(),
    });
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `attachment; filename="confirmation-${f.lot.id}.pdf"`);
    res.send(pdf);
  });
  r.post('/lots', async (req, res) => {
    const user = requireRole(req, 'court_staff');
    res.status(201).json(await auctions.createLot(parse(lotBody, req.body), user.id));
  });
  r.post('/lots/:id/disclosure', async (req, res) => {
    const user = requireRole(req, 'court_staff');
    res.json(await auctions.updateDisclosure(lotId(req), parse(disclosureUpdateBody, req.body), user.id));
  });
  r.post('/lots/:id/publish', async (req, res) => {
    const user = requireRole(req, 'court_staff');
    res.json(await auctions.publish(parse(idString, req.params.id, 'lot id'), user.id));
  });
  r.get('/lots', async (req, res) => {
    const q = parse(lotListQuery, req.query, 'query');
    const staff = isStaff(req.user?.roles);
    const where = lotFilters({
      status: q.status, court: q.court, region: q.region, kind: q.kind, q: q.q, publicOnly: !staff, minPrice: q.minPrice, maxPrice: q.maxPrice,
      startsFrom: q.startsFrom ? startOfDayUtc8(q.startsFrom) : undefined, startsTo: q.startsTo ? startOfDayUtc8(q.startsTo) : undefined,
    });
    res.json(await loadLotPage(db, where, { order: q.sort ?? 'relevance', cursor: q.cursor, limit: q.limit, holidays }));
  });
  r.get('/lots/:id', async (req, res) => {
    const view = await loadLotView(db, parse(idString, req.params.id, 'lot id'), holidays);
    if (!view || (neverPublic(view) && !isStaff(req.user?.roles))) throw notFound('The lot');
    res.json({ ...view, files: await listLotFiles(db, view.assetId) });
  });
  return r;
}
