import { Router } from 'express';
import { identityBody, loginBody, registerBody } from '../../../shared/api';
import { parse } from '../../platform/validate';
import { SESSION_COOKIE, requireUser } from '../../platform/http';
import { userView, type Accounts } from './accounts.service';

export function accountsRoutes(accounts: Accounts, opts: { secureCookies: boolean; sessionEnded?: (token: string) => void }): Router {
  const r = Router();
  r.post('/auth/register', async (req, res) => {
    const body = parse(registerBody, req.body);
    // The same answer for a new and a taken email, so that registering cannot be used to find accounts.
    res.status(201).json({ user: await accounts.register(body) });
  });
  r.post('/auth/login', async (req, res) => {
    const body = parse(loginBody, req.body);
    const { token, user, expiresAt } = await accounts.login(body.email, body.password, req.ip ?? 'unknown');
    res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: opts.secureCookies, expires: expiresAt, path: '/' });
    res.json({ token, user: userView(user), expiresAt: expiresAt.toISOString() });
  });
  r.post('/auth/logout', async (req, res) => {
    if (req.token) {
      await accounts.logout(req.token);
      // After the revocation: the session's open sockets sign out too, on every node.
      opts.sessionEnded?.(req.token);
    }
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });
  r.get('/me', (req, res) => {
    res.json({ user: userView(requireUser(req)) });
  });
  r.post('/me/identity', async (req, res) => {
    const user = requireUser(req);
    const body = parse(identityBody, req.body);
    const updated = await accounts.verifyIdentity(user.id, body.realName, body.idNumber, req.ip ?? 'unknown');
    res.json({ identityVerified: true, user: userView(updated) });
  });
  return r;
}
