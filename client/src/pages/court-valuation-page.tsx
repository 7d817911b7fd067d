import { ValuationDetail } from '../features/valuation/components/valuation-detail';
import { ResourcePage } from '../ui/resource-page';

export function CourtValuationPage() {
  return <ResourcePage roles={['court_staff']} page={ValuationDetail} />;
}
