import { useParams } from 'react-router';
import { CaseDetail } from '../features/cases/components/case-detail';
import { RequireRole } from '../ui/require-role';

export function CourtCasePage() {
  const { id = '' } = useParams();
  return (
    <RequireRole roles={['court_staff']}>
      <CaseDetail id={id} />
    </RequireRole>
  );
}
