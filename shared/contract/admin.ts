/** What an administrator manages: users and their roles, court holidays, courts, inquiry platforms; and the record of every change. */
import { z } from 'zod';
import { ROLES, id, isoTime, jsonObject, money, moneyString } from './common';

export const ADMIN_LIST_MAX = 200;

export const adminUsersQuery = z.strictObject({
  /** Part of an email or a name. */
  q: z.string().trim().max(200).optional(),
  role: z.enum(ROLES).optional(),
  limit: z.coerce.number().int().min(1).max(ADMIN_LIST_MAX).default(50),
});
export const adminUser = z.strictObject({
  id, email: z.string(), name: z.string(), roles: z.array(z.enum(ROLES)), identityVerified: z.boolean(), createdAt: isoTime,
});
export const adminUserList = z.strictObject({ users: z.array(adminUser) });
/** Every role the user is to hold, at least one; an admin cannot take away their own admin role. */
export const userRolesBody = z.strictObject({
  roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length).refine((r) => new Set(r).size === r.length, 'each role once'),
});

export const holidayBody = z.strictObject({
  date: z.iso.date({ error: 'must be a date like 2026-10-01' }),
  name: z.string().trim().min(1).max(100),
});
/** Why a holiday is removed, kept in the change log. */
export const holidayRemoveBody = z.strictObject({ reason: z.string().trim().max(500).optional() });
export const holidayView = z.strictObject({
  date: z.string(), name: z.string(),
  /** From the COURT_HOLIDAYS setting (kept until the setting changes) or added here. */
  source: z.enum(['setting', 'admin']),
});
export const holidayList = z.strictObject({ holidays: z.array(holidayView) });

export const staffChangesQuery = z.strictObject({
  subjectType: z.enum(['user', 'court_holiday', 'asset', 'court', 'inquiry_platform']).optional(),
  limit: z.coerce.number().int().min(1).max(ADMIN_LIST_MAX).default(50),
});
export const staffChange = z.strictObject({
  id: z.number().int(), at: isoTime, actorId: z.string(), subjectType: z.string(), subjectId: z.string(), action: z.string(),
  before: jsonObject.nullable(), after: jsonObject.nullable(),
});
export const staffChangeList = z.strictObject({ changes: z.array(staffChange) });

/** Why a change is made, kept in the change log with who made it. */
const reason = z.string().trim().min(2).max(500);
const platformUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// address' }).max(500);

export const inquiryPlatformBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  url: platformUrl,
  /** B31: what the platform charges for the inquiry closest to the sale price, e.g. "800.00". */
  fee: moneyString,
  reason: reason.optional(),
});
/** Change a platform's address or fee (at least one); its name stays, quotes are recorded under it. */
export const inquiryPlatformUpdateBody = z.strictObject({ url: platformUrl.optional(), fee: moneyString.optional(), reason: reason.optional() })
  .refine((b) => b.url !== undefined || b.fee !== undefined, 'send url or fee');
/** Deactivating or reactivating a platform says why. */
export const inquiryPlatformStateBody = z.strictObject({ reason });
export const inquiryPlatformView = z.strictObject({
  id, name: z.string(), url: z.string(), fee: money.nullable(), active: z.boolean(),
  /** Governed by the INQUIRY_PLATFORMS setting (upserted at each start) until an administrator changes it. */
  fromSetting: z.boolean(),
  createdAt: isoTime, updatedAt: isoTime,
});
export const inquiryPlatformList = z.strictObject({ platforms: z.array(inquiryPlatformView) });

const courtFields = {
  /** Province and city, e.g. 浙江省杭州市. */
  region: z.string().trim().max(100),
  address: z.string().trim().max(300),
  /** The contact for viewings (看样). */
  phone: z.string().trim().max(40).regex(/^[0-9+() -]*$/, 'digits, spaces, + ( ) and -'),
};
export const courtBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  region: courtFields.region.default(''), address: courtFields.address.default(''), phone: courtFields.phone.default(''),
});
export const courtUpdateBody = z.strictObject({ region: courtFields.region.optional(), address: courtFields.address.optional(), phone: courtFields.phone.optional() })
  .refine((b) => b.region !== undefined || b.address !== undefined || b.phone !== undefined, 'send region, address or phone');
export const courtView = z.strictObject({ id, name: z.string(), region: z.string(), address: z.string(), phone: z.string(), createdAt: isoTime, updatedAt: isoTime });
export const courtList = z.strictObject({ courts: z.array(courtView) });
