/** The court's worklist of duties (GET /api/court/duties), re-read every minute: lots end and periods pass on their own. */
import { useQuery } from '@tanstack/react-query';
import { call } from '../../api';

export const DUTIES_REFRESH_MS = 60_000;
export const dutyKeys = { all: ['court', 'duties'] as const, of: (court: string | null) => [...dutyKeys.all, court ?? ''] as const };

/** One court's duties with `court`, else every court's. */
export const useDuties = (court: string | null) => useQuery({
  queryKey: dutyKeys.of(court),
  queryFn: ({ signal }) => call('courtDuties', { query: { limit: 200, ...(court ? { court } : {}) }, signal }),
  refetchInterval: DUTIES_REFRESH_MS,
});
