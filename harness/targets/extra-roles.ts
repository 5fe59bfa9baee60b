// The roles besides the superuser that every target creates for the authorization suites (suites/auth/rbac): each
// holds one CQL permission ON ALL KEYSPACES, and one may not log in (alternator/auth.cc refuses LOGIN = false).
import type { ExtraRole } from '../endpoint/contract.ts';

export type RolePermission = 'SELECT' | 'MODIFY' | 'CREATE' | 'DROP' | 'ALTER';

export interface ExtraRoleSpec {
  name: string;
  description: string;
  permissions: RolePermission[];
  login?: false;
}

export const EXTRA_ROLES: readonly ExtraRoleSpec[] = [
  { name: 'alternator_reader', description: 'may only read (SELECT)', permissions: ['SELECT'] },
  { name: 'alternator_writer', description: 'may only write (MODIFY)', permissions: ['MODIFY'] },
  { name: 'alternator_creator', description: 'may only create tables (CREATE), and use the tables it creates (auto-grant)', permissions: ['CREATE'] },
  // The granted path of test_cql_rbac.py's ALTER tests (temporary_grant ALTER; "or something containing it").
  { name: 'alternator_alterer', description: 'may only change table settings and tags (ALTER)', permissions: ['ALTER'] },
  { name: 'alternator_nologin', description: 'created WITH LOGIN = false (SELECT granted)', permissions: ['SELECT'], login: false },
];

/** CQL that creates them (idempotent); their passwords are never used: Alternator authenticates with salted hashes. */
export function extraRolesCql(password: (role: string) => string): string {
  return EXTRA_ROLES.map(
    (r) =>
      `CREATE ROLE IF NOT EXISTS ${r.name} WITH PASSWORD = '${password(r.name)}' AND LOGIN = ${r.login === false ? 'false' : 'true'}; ` +
      r.permissions.map((p) => `GRANT ${p} ON ALL KEYSPACES TO ${r.name};`).join(' '),
  ).join(' ');
}

/** The endpoint's view of the roles a target created: each one whose salted hash `hashOf` knows, signing with it. */
export function extraRoleCredentials(hashOf: (role: string) => string | undefined): ExtraRole[] {
  return EXTRA_ROLES.flatMap((r) => {
    const secretAccessKey = hashOf(r.name);
    if (!secretAccessKey) return [];
    return [{ accessKeyId: r.name, secretAccessKey, description: `${r.description} on all keyspaces`, permissions: [...r.permissions], ...(r.login === false ? { login: false } : {}) }];
  });
}
