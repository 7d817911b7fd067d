import crypto from 'node:crypto';
import type { Role, UserView } from '../../../shared/api';
import { isValidResidentId } from '../../../shared/rules';
import { isUniqueViolation } from '../../platform/db/index';
import type { AppContext } from '../../platform/context';
import { DomainError, conflict, unauthenticated } from '../../platform/errors';
import { memoryLimiterStore } from '../../platform/rate-limit';
import { createIdentityThrottle, type IdentityThrottle } from './identity-throttle';
import { createLoginThrottle, type LoginThrottle } from './login-throttle';
import { DUMMY_HASH_PROMISE, hashPassword, verifyPassword } from './password';
import { assertStrongPassword } from './password-strength';
import type { SessionCache } from './session-cache';

import * as repo from './accounts.repository';
export const SESSION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export type User = repo.UserRow;

declare module '../../platform/session-user' {
  /** The platform's signed-in person is this module's user row. */
  interface SessionUser extends User {}
}

export function userView(u: User): UserView {
  return {
    id: u.id, email: u.email, name: u.name, roles: u.roles as Role[],
    identityVerified: u.identityVerifiedAt !== null, realName: u.realName,
  };
}

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

/**
 * What registering answers, whether or not the email was free: what the person sent and the role every
 * new account gets, no id and no token. For a taken email an id would have to be invented, and an invented
 * id can be told apart by the rest of the API; the owner of a taken email finds out by logging in.
 */
export interface RegistrationView { email: string; name: string; roles: Role[]; identityVerified: false }

let localThrottle: LoginThrottle | null = null;
let localIdentityThrottle: IdentityThrottle | null = null;

/** Without a session cache (scripts), every look-up reads the sessions table. */
export function createAccounts(ctx: AppContext, opts: { loginThrottle?: LoginThrottle; identityThrottle?: IdentityThrottle; sessions?: SessionCache } = {}) {
  const { db, clock } = ctx;
  // Without one (scripts), failed logins are counted in this process.
  const throttle = () => opts.loginThrottle ?? (localThrottle ??= createLoginThrottle(memoryLimiterStore()));
  const identityThrottle = () => opts.identityThrottle ?? (localIdentityThrottle ??= createIdentityThrottle(memoryLimiterStore()));

  async function findByEmail(email: string): Promise<User | undefined> {
    return repo.userByEmail(db, email);
  }

  async function register(input: { email: string; password: string; name: string }): Promise<RegistrationView> {
    const email = input.email.trim();
    assertStrongPassword(input.password, [email, input.name]);
    // Hashed whether or not the email is free, so that both answers take the same time.
    const passwordHash = await hashPassword(input.password);
    await repo.insertUserIfNew(db, {
      id: crypto.randomUUID(), email, name: input.name, passwordHash, roles: ['bidder'], createdAt: clock.now(),
    });
    return { email, name: input.name, roles: ['bidder'], identityVerified: false };
  }

  async function login(email: string, password: string, address: string): Promise<{ token: string; user: User; expiresAt: Date }> {
    const limits = throttle();
    await limits.before(email, address);
    const user = await findByEmail(email);
    const ok = user ? await verifyPassword(password, user.passwordHash) : (await verifyPassword(password, await DUMMY_HASH_PROMISE), false);
    if (!user || !ok) {
      await limits.failed(email, address);
      throw new DomainError(401, 'UNAUTHENTICATED', 'The email or password is wrong.');
    }
    await limits.succeeded(email, address);
    const token = crypto.randomBytes(32).toString('base64url');
    const now = clock.now();
    // Sessions live in real time, not the test clock, so that moving the clock does not log everyone out.
    const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
    await repo.insertSession(db, { tokenHash: sha256(token), userId: user.id, createdAt: now, expiresAt });
    return { token, user, expiresAt };
  }

  async function logout(token: string): Promise<void> {
    const tokenHash = sha256(token);
    await repo.deleteSession(db, tokenHash);
    // After the delete, so that no node can read the session back in.
    await opts.sessions?.revokeToken(tokenHash);
  }

  async function authenticate(token: string | undefined): Promise<User | null> {
    if (!token || token.length > 200) return null;
    const tokenHash = sha256(token);
    // Sessions expire in real time, not the test clock.
    const load = () => repo.userOfSession(db, tokenHash, new Date());
    if (!opts.sessions) return (await load())?.user ?? null;
    return (await opts.sessions.get(tokenHash, load)) ?? null;
  }

  /** A user's roles, identity or password changed: every node reads their sessions again. */
  async function changedUser(userId: string): Promise<void> {
    await opts.sessions?.revokeUser(userId);
  }

  async function requireUser(token: string | undefined): Promise<User> {
    const u = await authenticate(token);
    if (!u) throw unauthenticated();
    return u;
  }

  /**
   * A person verifies their identity once. Afterwards it is the one a confirmation of sale names (A22) and
   * the one that keeps them to one account, so it is never swapped here: a correction goes through the
   * court. Each attempt is counted per account and per address before the database is asked whether the
   * number is taken, since that answer (which a real person needs) would otherwise let anyone complete a
   * published masked ID number by trying the few thousand candidates. A call from inside the platform (the
   * demo's seed) has no client address and is not a question anyone asked, so it is not counted: counting it
   * under one shared address would let a few restarts within the hour exhaust that address's share.
   */
  async function verifyIdentity(userId: string, realName: string, idNumber: string, address: string | null = null): Promise<User> {
    const id = idNumber.trim().toUpperCase();
    const name = realName.trim();
    if (!isValidResidentId(id)) {
      throw new DomainError(422, 'IDENTITY_INVALID', 'This is not a valid PRC resident ID number (GB 11643: 18 characters with a valid birth date and check digit). Check it against the ID card.', {
        rule: 'RESIDENT_ID_CHECK_DIGIT', article: 'A17', field: 'idNumber',
      });
    }
    const settled = (u: User): User => {
      // The same identity sent again (a repeated form) is answered as done; anything else is refused.
      if (u.idNumber === id && u.realName === name) return u;
      throw conflict('IDENTITY_LOCKED', 'Your identity is already verified and can no longer be changed here. To correct it, contact the court or the platform.');
    };
    const current = await repo.userById(db, userId);
    if (!current) throw unauthenticated();
    if (current.identityVerifiedAt) return settled(current);
    if (address !== null) await identityThrottle().attempt(userId, address);
    let u: User | undefined;
    try {
      u = await repo.setIdentityIfUnverified(db, userId, { realName: name, idNumber: id, identityVerifiedAt: clock.now() });
    } catch (err) {
      // One person, one account: two codes in one auction would let a person bid against themselves.
      if (isUniqueViolation(err)) throw conflict('IDENTITY_IN_USE', 'This ID number is already verified on another account. Log in with that account.');
      throw err;
    }
    // Another request of this account verified first.
    if (!u) return settled((await repo.userById(db, userId))!);
    await changedUser(userId);
    return u;
  }

  async function upsertUser(input: { email: string; password: string; role: Role; name?: string }): Promise<{ user: User; created: boolean }> {
    const existing = await findByEmail(input.email);
    const passwordHash = await hashPassword(input.password);
    if (existing) {
      const roles = Array.from(new Set([...existing.roles.filter((r) => r !== 'bidder' || input.role === 'bidder'), input.role]));
      const u = await repo.updateUser(db, existing.id, { passwordHash, roles, name: input.name ?? existing.name });
      await changedUser(existing.id);
      return { user: u, created: false };
    }
    const u = await repo.insertUser(db, {
      id: crypto.randomUUID(), email: input.email, name: input.name ?? input.email.split('@')[0], passwordHash,
      roles: [input.role], createdAt: clock.now(),
    });
    return { user: u, created: true };
  }

  async function getUser(id: string): Promise<User | undefined> {
    return repo.userById(db, id);
  }

  return { register, login, logout, authenticate, requireUser, verifyIdentity, upsertUser, getUser, findByEmail, changedUser };
}

export type Accounts = ReturnType<typeof createAccounts>;
