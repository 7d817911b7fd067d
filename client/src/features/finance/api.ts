/** Finance staff: deposits to confirm, balances of sold lots, the trial balance (server module `finance`). */
import { useQuery } from '@tanstack/react-query';
import type { PendingDeposit, TrialBalance } from '../../../../shared/api';
import { call } from '../../api';

export type { PendingDeposit, TrialBalance };

export const financeKeys = {
  all: ['finance'] as const,
  deposits: () => [...financeKeys.all, 'deposits'] as const,
  balances: () => [...financeKeys.all, 'balances'] as const,
  trialBalance: () => [...financeKeys.all, 'trial-balance'] as const,
};

export const useDeposits = () => useQuery({
  queryKey: financeKeys.deposits(),
  queryFn: ({ signal }) => call('pendingDeposits', { signal }).then((r) => r.deposits),
});
export const useBalances = () => useQuery({
  queryKey: financeKeys.balances(),
  queryFn: ({ signal }) => call('balances', { signal }).then((r) => r.lots),
});
export const useTrialBalance = () => useQuery({ queryKey: financeKeys.trialBalance(), queryFn: ({ signal }) => call('trialBalance', { signal }) });

export const confirmDeposit = (registrationId: string, bankReference: string) =>
  call('confirmDeposit', { params: { registrationId }, body: { bankReference } });
export const recordBalance = (lotId: string, bankReference: string) =>
  call('recordBalance', { params: { id: lotId }, body: { bankReference } });
