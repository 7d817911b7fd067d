import { LotControl } from '../features/auctions/components/lot-control';
import { ResourcePage } from '../ui/resource-page';

export function CourtLotPage() {
  return <ResourcePage roles={['court_staff']} page={LotControl} />;
}
