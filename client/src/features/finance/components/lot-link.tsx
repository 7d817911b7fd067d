import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { isStaff, useAuth } from '../../../auth';

/** Drill-down to a lot: court staff open its control page, finance the public lot page. */
export function LotLink({ lotId, children }: { lotId: string; children?: ReactNode }) {
  const { user } = useAuth();
  const to = isStaff(user) ? `/court/lots/${encodeURIComponent(lotId)}` : `/lots/${encodeURIComponent(lotId)}`;
  return <Link to={to} data-testid="lot-link" data-lot-id={lotId}>{children ?? lotId}</Link>;
}
