/**
 * The signed-in person as the platform sees it: enough to check roles. The accounts module widens this
 * to its full user row by declaration merging, so routes get the row while the platform imports no module.
 */
export interface SessionUser {
  id: string;
  roles: string[];
}
