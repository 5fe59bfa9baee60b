// CQL roles as Alternator sees them: the access key id is the role name, the secret its salted_hash.
// Each datacenter's front door has its own store, as separate ScyllaClusters have their own credentials.
import { randomBytes } from 'node:crypto';

/** CQL permissions that Alternator checks (test/alternator/test_cql_rbac.py). */
export type Permission = 'SELECT' | 'MODIFY' | 'CREATE' | 'DROP' | 'ALTER';
const ALL_PERMISSIONS: readonly Permission[] = ['SELECT', 'MODIFY', 'CREATE', 'DROP', 'ALTER'];

export interface Role {
  name: string;
  saltedHash: string;
  superuser: boolean;
  permissions: ReadonlySet<Permission>;
}

const CRYPT_ALPHABET = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
function cryptString(n: number): string {
  return [...randomBytes(n)].map((b) => CRYPT_ALPHABET[b % 64]).join('');
}

/** A fresh value in the shape of ScyllaDB's sha512-crypt salted_hash (`$6$<salt>$<hash>`); random, not derived. */
function newSaltedHash(): string {
  return `$6$${cryptString(16)}$${cryptString(86)}`;
}

export class RoleStore {
  private readonly roles = new Map<string, Role>();

  add(name: string, opts: { superuser?: boolean; permissions?: Permission[] } = {}): Role {
    const role: Role = {
      name,
      saltedHash: newSaltedHash(),
      superuser: opts.superuser ?? false,
      permissions: new Set(opts.superuser ? ALL_PERMISSIONS : (opts.permissions ?? [])),
    };
    this.roles.set(name, role);
    return role;
  }

  get(name: string): Role | undefined {
    return this.roles.get(name);
  }
}
