import { Worklist } from '../features/valuation/components/worklist';
import { RequireRole } from '../ui/require-role';

export function CourtWorklistPage() {
  return (
    <RequireRole roles={['court_staff']}>
      <Worklist />
    </RequireRole>
  );
}
