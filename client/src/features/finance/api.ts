/**
 * Finance staff: deposits to confirm, bank statements and the unmatched queue, refunds, balances,
 * proceeds, the books and the daily reconciliation (server module `finance`).
 */
import { useQuery } from '@tanstack/react-query';
import type { PendingDeposit, TrialBalance } from '../../../../shared/api';
import { routeUrl, type ResponseOf } from '../../../../shared/contract/call';
import type { OutboxCallView, RefundView, ReconciliationReport, StatementImport, UnmatchedLine } from '../../../../shared/contract/money';
import { call, callWithText } from '../../api';

export type { OutboxCallView, PendingDeposit, TrialBalance, RefundView, ReconciliationReport, StatementImport, UnmatchedLine };
export type ProceedsRow = ResponseOf<'proceeds'>['lots'][number];
export type LedgerAccount = ResponseOf<'ledgerAccounts'>['accounts'][number];
export type LedgerView = ResponseOf<'ledger'>;

export const financeKeys = {
  all: ['finance'] as const,
  deposits: () => [...financeKeys.all, 'deposits'] as const,
  balances: () => [...financeKeys.all, 'balances'] as const,
  trialBalance: () => [...financeKeys.all, 'trial-balance'] as const,
  unmatched: () => [...financeKeys.all, 'unmatched'] as const,
  refunds: () => [...financeKeys.all, 'refunds'] as const,
  outbox: () => [...financeKeys.all, 'outbox'] as const,
  proceeds: () => [...financeKeys.all, 'proceeds'] as const,
  accounts: () => [...financeKeys.all, 'accounts'] as const,
  ledger: (account: string) => [...financeKeys.all, 'ledger', account] as const,
  reconciliation: (date: string) => [...financeKeys.all, 'reconciliation', date] as const,
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
export const useUnmatched = () => useQuery({
  queryKey: financeKeys.unmatched(),
  queryFn: ({ signal }) => call('unmatchedLines', { signal }).then((r) => r.lines),
});
/** Every refund, due and sent: the console splits them (a sent one stays visible with its bank reference). */
export const useRefunds = () => useQuery({ queryKey: financeKeys.refunds(), queryFn: ({ signal }) => call('refunds', { signal }) });
/** Calls to the payment provider that failed or are retrying after an error. */
export const useOutboxCalls = () => useQuery({
  queryKey: financeKeys.outbox(),
  queryFn: ({ signal }) => call('outboxCalls', { signal }).then((r) => r.calls),
});
export const useProceeds = () => useQuery({
  queryKey: financeKeys.proceeds(),
  queryFn: ({ signal }) => call('proceeds', { signal }).then((r) => r.lots),
});
export const useLedgerAccounts = () => useQuery({
  queryKey: financeKeys.accounts(),
  queryFn: ({ signal }) => call('ledgerAccounts', { signal }).then((r) => r.accounts),
});
export const useLedger = (account: string | null) => useQuery({
  queryKey: financeKeys.ledger(account ?? ''),
  queryFn: ({ signal }) => call('ledger', { query: { account: account ?? '' }, signal }),
  enabled: account !== null,
});
export const useReconciliation = (date: string | null) => useQuery({
  queryKey: financeKeys.reconciliation(date ?? ''),
  queryFn: ({ signal }) => call('reconciliation', { query: { date: date ?? '' }, signal }),
  enabled: date !== null,
});

export const confirmDeposit = (registrationId: string, bankReference: string, payerAccount?: string) =>
  call('confirmDeposit', { params: { registrationId }, body: payerAccount ? { bankReference, payerAccount } : { bankReference } });
export const recordBalance = (lotId: string, bankReference: string) =>
  call('recordBalance', { params: { id: lotId }, body: { bankReference } });

/** The statement goes as the bank gave it (text/csv); with preview nothing is applied. */
export const importStatement = (csv: string, preview: boolean) =>
  callWithText('importStatement', csv, 'text/csv; charset=utf-8', { query: { preview: preview ? '1' : '0' } });
export const matchLine = (id: string, target: { registrationId: string } | { lotId: string }, note?: string) =>
  call('matchLine', { params: { id }, body: { ...target, ...(note ? { note } : {}) } });
export const returnLine = (id: string, note: string) => call('returnLine', { params: { id }, body: { note } });
export const refundSent = (id: string, bankReference: string, payeeAccount?: string) =>
  call('refundSent', { params: { id }, body: payeeAccount ? { bankReference, payeeAccount } : { bankReference } });
export const retryOutboxCall = (id: string) => call('retryOutboxCall', { params: { id } });
export const payoutProceeds = (lotId: string, bankReference: string) =>
  call('payoutProceeds', { params: { id: lotId }, body: { bankReference } });

/** Same-origin links the browser downloads with the session cookie. */
export const refundsCsvUrl = () => routeUrl('refunds', { query: { status: 'due', format: 'csv' } });
export const reconciliationCsvUrl = (date: string) => routeUrl('reconciliation', { query: { date, format: 'csv' } });
