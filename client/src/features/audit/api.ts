/** A lot's hash-chained audit log (server module `audit`). */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';
import { lotKeys } from '../auctions/api';
import type { AuditTrail } from '../court/types';

export const auditKeys = { lot: (lotId: string) => [...lotKeys.detail(lotId), 'audit'] as const };

export const useLotAudit = (lotId: string, refetchInterval: number | false) => useQuery({
  queryKey: auditKeys.lot(lotId),
  queryFn: () => api<AuditTrail>(`/lots/${encodeURIComponent(lotId)}/audit`),
  refetchInterval,
});
