import type { ComponentType } from 'react';
import { useParams } from 'react-router';
import type { Role } from '../../../shared/api';
import { RequireRole } from './require-role';

/** A staff page about one resource: the id from the path, and the page mounted afresh when the id changes. */
export function ResourcePage({ roles, page: Page }: { roles: Role[]; page: ComponentType<{ id: string }> }) {
  const { id = '' } = useParams();
  return (
    <RequireRole roles={roles}>
      <Page key={id} id={id} />
    </RequireRole>
  );
}
