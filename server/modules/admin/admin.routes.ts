import { Router } from 'express';
import { adminUsersQuery, holidayBody, holidayRemoveBody, idString, staffChangesQuery, userRolesBody } from '../../../shared/api';
import { requireRole } from '../../platform/http';
import { parse } from '../../platform/validate';
import type { Admin } from './admin.service';

/** The admin routes: only the admin role (court staff and finance are refused, 403). */
export function adminRoutes(admin: Admin): Router {
  const r = Router();
  r.get('/admin/users', async (req, res) => {
    requireRole(req, 'admin');
    res.json({ users: await admin.listUsers(parse(adminUsersQuery, req.query, 'query')) });
  });
  r.post('/admin/users/:id/roles', async (req, res) => {
    const me = requireRole(req, 'admin');
    const { roles } = parse(userRolesBody, req.body);
    const u = await admin.setRoles(parse(idString, req.params.id, 'user id'), roles, me.id);
    res.json({ id: u.id, email: u.email, name: u.name, roles: u.roles, identityVerified: u.identityVerifiedAt !== null, createdAt: u.createdAt.toISOString() });
  });
  r.get('/admin/holidays', async (req, res) => {
    requireRole(req, 'admin');
    res.json({ holidays: await admin.listHolidays() });
  });
  r.post('/admin/holidays', async (req, res) => {
    const me = requireRole(req, 'admin');
    const { date, name } = parse(holidayBody, req.body);
    await admin.putHoliday(date, name, me.id);
    res.json({ holidays: await admin.listHolidays() });
  });
  r.post('/admin/holidays/:date/remove', async (req, res) => {
    const me = requireRole(req, 'admin');
    const { date } = parse(holidayBody.pick({ date: true }), { date: req.params.date });
    const { reason } = parse(holidayRemoveBody, req.body ?? {});
    await admin.removeHoliday(date, me.id, reason);
    res.json({ holidays: await admin.listHolidays() });
  });
  r.get('/admin/changes', async (req, res) => {
    requireRole(req, 'admin');
    res.json({ changes: await admin.changes(parse(staffChangesQuery, req.query, 'query')) });
  });
  return r;
}
