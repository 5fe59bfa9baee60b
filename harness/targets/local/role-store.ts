// CQL roles as Alternator sees them: the access key id is the role name, the secret its salted_hash.
// Each datacenter's front door has its own store, as separate ScyllaClusters have their own credentials.
// Permissions are held ON ALL KEYSPACES or on single tables (and their index views); single-table grants come from
// Alternator's auto-grant (the creator of a table gets every permission on it) and go with auto-revoke (dropping a
// table removes every role's permissions on it): alternator/executor.cc create_table_on_shard0, delete_table.
import { randomBytes } from 'node:crypto';

/** CQL permissions that Alternator checks (test/alternator/test_cql_rbac.py). */
export type { RolePermission as Permission } from '../extra-roles.ts';
import type { RolePermission as Permission } from '../extra-roles.ts';
import { emulates } from './emulations.ts';
const ALL_PERMISSIONS: readonly Permission[] = ['SELECT', 'MODIFY', 'CREATE', 'DROP', 'ALTER'];
/** What auth::grant_applicable_permissions gives on a table resource (CREATE applies to keyspaces, not tables). */
const TABLE_PERMISSIONS: readonly Permission[] = ['SELECT', 'MODIFY', 'ALTER', 'DROP'];

export interface Role {
  name: string;
  saltedHash: string;
  superuser: boolean;
  /** false: CREATE ROLE ... WITH LOGIN = false; authentication refuses it (alternator/auth.cc get_key_from_roles). */
  login: boolean;
  /** Permissions ON ALL KEYSPACES. */
  permissions: ReadonlySet<Permission>;
  /** Permissions on single resources: a table name, or `<table>:<index>` for an index view. */
  resourcePermissions: Map<string, Set<Permission>>;
}

const CRYPT_ALPHABET = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
function cryptString(n: number): string {
  return [...randomBytes(n)].map((b) => CRYPT_ALPHABET[b % 64]).join('');
}

/** A fresh value in the shape of ScyllaDB's sha512-crypt salted_hash (`$6$<salt>$<hash>`); random, not derived. */
function newSaltedHash(): string {
  return `$6$${cryptString(16)}$${cryptString(86)}`;
}

/** The resource an index is checked on (Alternator checks the view table `<table>:<index>`). */
export const indexResource = (table: string, index: string) => `${table}:${index}`;

export class RoleStore {
  private readonly roles = new Map<string, Role>();

  add(name: string, opts: { superuser?: boolean; permissions?: Permission[]; login?: boolean } = {}): Role {
    const role: Role = {
      name,
      saltedHash: newSaltedHash(),
      superuser: opts.superuser ?? false,
      login: opts.login ?? true,
      permissions: new Set(opts.superuser ? ALL_PERMISSIONS : (opts.permissions ?? [])),
      resourcePermissions: new Map(),
    };
    this.roles.set(name, role);
    return role;
  }

  get(name: string): Role | undefined {
    return this.roles.get(name);
  }

  /** Whether the role holds the permission on the resource (a table or index view), or on every table. */
  allows(role: Role, permission: Permission, resource: string | undefined): boolean {
    return role.superuser || role.permissions.has(permission) || (resource !== undefined && (role.resourcePermissions.get(resource)?.has(permission) ?? false));
  }

  /** Auto-grant: the role that created a table gets every table permission on it and on its index views. */
  grantCreator(role: Role, resources: string[]): void {
    emulates('rbac-auto-grant');
    if (role.superuser) return;
    for (const r of resources) role.resourcePermissions.set(r, new Set(TABLE_PERMISSIONS));
  }

  /** Auto-revoke: a dropped table's grants (and its index views') are removed from every role. */
  revokeTable(table: string): void {
    emulates('rbac-auto-grant');
    for (const role of this.roles.values())
      for (const r of [...role.resourcePermissions.keys()]) if (r === table || r.startsWith(`${table}:`)) role.resourcePermissions.delete(r);
  }
}
