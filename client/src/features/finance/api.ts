/** Finance staff: deposits to confirm, balances of sold lots, the trial balance (server module `finance`). */
import { useQuery } from '@tanstack/react-query';
import type { LotView, PendingDeposit, TrialBalance } from '../../../../shared/api';
import { api } from '../../api';
import type { BalanceRow } from '../court/types';

export type { PendingDeposit, TrialBalance };

export const financeKeys = {
  all: ['finance'] as const,
  deposits: () => [...financeKeys.all, 'deposits'] as const,
  balances: () => [...financeKeys.all, 'balances'] as const,
  trialBalance: () => [...financeKeys.all, 'trial-balance'] as const,
};

export const useDeposits = () => useQuery({
  queryKey: financeKeys.deposits(),
  queryFn: () => api<{ deposits: PendingDeposit[] }>('/finance/deposits').then((r) => r.deposits),
});
export const useBalances = () => useQuery({
  queryKey: financeKeys.balances(),
  queryFn: () => api<{ lots: BalanceRow[] }>('/finance/balances').then((r) => r.lots),
});
export const useTrialBalance = () => useQuery({ queryKey: financeKeys.trialBalance(), queryFn: () => api<TrialBalance>('/finance/trial-balance') });

export const confirmDeposit = (registrationId: string, bankReference: string) =>
  api(`/finance/deposits/${encodeURIComponent(registrationId)}/confirm`, { body: { bankReference } });
export const recordBalance = (lotId: string, bankReference: string) =>
  api<LotView>(`/finance/lots/${encodeURIComponent(lotId)}/balance`, { body: { bankReference } });
