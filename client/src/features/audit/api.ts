/** A lot's hash-chained audit log (server module `audit`). */
import { useQuery } from '@tanstack/react-query';
import { call } from '../../api';
import { lotKeys } from '../auctions/api';

export const auditKeys = { lot: (lotId: string) => [...lotKeys.detail(lotId), 'audit'] as const };

export const useLotAudit = (lotId: string, refetchInterval: number | false) => useQuery({
  queryKey: auditKeys.lot(lotId),
  queryFn: ({ signal }) => call('lotAudit', { params: { id: lotId }, signal }),
  refetchInterval,
});
