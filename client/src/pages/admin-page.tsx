import { AdminDesk } from '../features/admin/admin-desk';
import { RequireRole } from '../ui/require-role';

export function AdminPage() {
  return (
    <RequireRole roles={['admin']}>
      <AdminDesk />
    </RequireRole>
  );
}
