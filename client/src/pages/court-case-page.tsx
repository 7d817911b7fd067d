import { CaseDetail } from '../features/cases/components/case-detail';
import { ResourcePage } from '../ui/resource-page';

export function CourtCasePage() {
  return <ResourcePage roles={['court_staff']} page={CaseDetail} />;
}
