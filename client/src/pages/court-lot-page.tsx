import { useParams } from 'react-router';
import { LotControl } from '../features/auctions/components/lot-control';
import { RequireRole } from '../ui/require-role';

export function CourtLotPage() {
  const { id = '' } = useParams();
  return (
    <RequireRole roles={['court_staff']}>
      <LotControl key={id} id={id} />
    </RequireRole>
  );
}
