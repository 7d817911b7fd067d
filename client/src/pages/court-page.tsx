import { CourtHome } from '../features/cases/components/court-home';
import { RequireRole } from '../ui/require-role';

export function CourtPage() {
  return (
    <RequireRole roles={['court_staff']}>
      <CourtHome />
    </RequireRole>
  );
}
