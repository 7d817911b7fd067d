/** Accounts: register, log in, the caller, identity verification. */
import { z } from 'zod';
import { ROLES, id, isoTime } from './common';

export const registerBody = z.strictObject({
  email: z.email().max(254),
  password: z.string().min(8, 'at least 8 characters').max(200),
  name: z.string().trim().min(1).max(100),
});
export const loginBody = z.strictObject({ email: z.string().max(254), password: z.string().max(200) });
export const identityBody = z.strictObject({
  realName: z.string().trim().min(2).max(50),
  idNumber: z.string().trim().min(1).max(32),
});

export const userView = z.strictObject({
  id, email: z.string(), name: z.string(), roles: z.array(z.enum(ROLES)), identityVerified: z.boolean(),
  realName: z.string().nullable().optional(),
});
export type UserView = z.infer<typeof userView>;

/** The same answer for a new and a taken email: no id, no token (so registering cannot find accounts). */
export const registeredUser = z.strictObject({ email: z.string(), name: z.string(), roles: z.array(z.enum(ROLES)), identityVerified: z.literal(false) });
export const registerResponse = z.strictObject({ user: registeredUser });
export const loginResponse = z.strictObject({ token: z.string(), user: userView, expiresAt: isoTime });
export const meResponse = z.strictObject({ user: userView });
export const identityResponse = z.strictObject({ identityVerified: z.literal(true), user: userView });
