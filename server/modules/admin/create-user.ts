/**
 * `npm run user:create`'s work, apart from reading its arguments: creates the user, or sets a new password and
 * adds the role. A role change made here has the same consequence as one made on the admin page: a user who
 * becomes court or platform staff has their proxy bids withdrawn (A28). The script runs outside the server,
 * so a running server's lot sequencers read the withdrawal when they next read their proxies.
 */
import type { Role } from '../../../shared/api';
import type { AppContext } from '../../platform/context';
import { createAccounts } from '../accounts/accounts.service';
import { withdrawProxiesIfStaff } from '../bidding/proxy-bids';

export async function createOrUpdateUser(ctx: AppContext, input: { email: string; password: string; role: Role; name?: string }) {
  const result = await createAccounts(ctx).upsertUser(input);
  if (!result.created) await withdrawProxiesIfStaff(ctx.db, ctx.clock.now(), result.user.id);
  return result;
}
