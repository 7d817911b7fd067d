/** Accounts: who is logged in, signing in and out, registering, identity checks and the bidder's own registrations. */
import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { BodyOf, MyRegistration, UserView } from '../../../../shared/api';
import { ApiError, call } from '../../api';
import { announceSession } from '../../session-sync';

export const meKey = ['me'] as const;
export const myRegistrationsKey = ['me', 'registrations'] as const;

export type { MyRegistration };

/** The session is the httpOnly cookie; this only asks the server whose it is (null when nobody's). */
export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: async ({ signal }) => {
      try {
        const { user } = await call('me', { signal });
        return user;
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: Infinity,
  });
}

export function setMe(queryClient: QueryClient, user: UserView | null): void {
  queryClient.setQueryData(meKey, user);
}

export async function logIn(queryClient: QueryClient, email: string, password: string): Promise<UserView> {
  const { user } = await call('login', { body: { email, password } });
  setMe(queryClient, user);
  announceSession(user.id);
  return user;
}

export async function logOut(queryClient: QueryClient): Promise<void> {
  try {
    await call('logout');
  } finally {
    setMe(queryClient, null);
    queryClient.removeQueries({ queryKey: myRegistrationsKey });
    announceSession(null);
  }
}

/** Registering answers alike for a new and a taken email: a taken one shows only as the login after it failing. */
export const registerAccount = (body: BodyOf<'register'>) => call('register', { body });

export const verifyIdentity = (body: BodyOf<'verifyIdentity'>) => call('verifyIdentity', { body });

export function useMyRegistrations(enabled: boolean) {
  return useQuery({
    queryKey: myRegistrationsKey,
    queryFn: async ({ signal }) => (await call('myRegistrations', { signal })).registrations,
    enabled,
  });
}
