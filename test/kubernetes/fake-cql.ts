// What cqlsh in a ScyllaDB pod answers to the statements the harness sends (harness/targets/kubernetes/credentials.ts,
// harness/targets/extra-roles.ts), as ScyllaDB's auth does it, and no more (scylladb/scylladb, read at scylla-2025.1.4,
// scylla-2026.1.3 and scylla-2026.2.4):
// - The superuser is `auth_superuser_name` of scylla.yaml, else "cassandra" (auth/password_authenticator.cc
//   default_superuser); its salted_hash is `auth_superuser_salted_password`, else a hash of the password "cassandra"
//   (legacy_create_default_if_missing, maybe_create_default_password). From 2026.2.0 no default superuser exists
//   without that configuration (c7d3f80863, the merge of scylladb#27215; in no 2026.1 tag).
// - With PasswordAuthenticator, logging in needs a role that has a salted_hash matching the password
//   (password_authenticator::authenticate: "Username and/or password are incorrect"), which cqlsh reports as a
//   connection error; without it (AllowAllAuthenticator, db/config.cc's default) any login is accepted and no role
//   has a salted_hash.
// - CREATE ROLE [IF NOT EXISTS] r WITH PASSWORD = 'p' AND LOGIN = b stores passwords::hash(p); without IF NOT EXISTS an
//   existing role is an error. GRANT ... TO r needs r to exist.
// - SELECT salted_hash FROM system.roles WHERE role = 'r' answers one row or none (system.roles is where auth v2 keeps
//   roles in every supported version; the legacy system_auth.roles is refused here: the harness reads it only as a
//   fallback for versions this fake does not play).
// Roles are one set per cluster: the datacenters of a variant, joined through externalSeeds, share system.roles.
// Any other statement is a syntax error: a statement the fake was not taught must fail the test that sends it.
import { randomBytes } from 'node:crypto';
import { parse } from 'yaml';
import type { ExecResult } from '../../harness/targets/kubernetes/kube-api.ts';
import { sha512Crypt } from '../../harness/util/sha512-crypt.ts';

const DEFAULT_SUPERUSER = 'cassandra';

interface Role {
  saltedHash?: string;
  login: boolean;
  permissions: string[];
}

const salt = () => randomBytes(12).toString('base64').replace(/\+/g, '.').replace(/=/g, '').slice(0, 16);

function passwordMatches(password: string, saltedHash: string): boolean {
  const m = /^\$6\$([^$]+)\$/.exec(saltedHash);
  return m !== null && sha512Crypt(password, m[1]!) === saltedHash;
}

/** "2026.1.3" is before 2026.2.0 (no default superuser from 2026.2.0 on). */
function createsDefaultSuperuser(version: string | undefined): boolean {
  const m = /^(\d+)\.(\d+)/.exec(version ?? '');
  if (!m) return false;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  return major < 2026 || (major === 2026 && minor < 2);
}

/** cqlsh's table: no row for a missing role, `null` for a role without a password. */
const rows = (role: Role | undefined) =>
  role === undefined
    ? ' salted_hash\n-------------\n\n(0 rows)\n'
    : ` salted_hash\n${'-'.repeat((role.saltedHash ?? 'null').length + 2)}\n ${role.saltedHash ?? 'null'}\n\n(1 rows)\n`;
const fail = (stderr: string, exitCode = 2): ExecResult => ({ stdout: '', stderr, exitCode });

export class FakeCqlCluster {
  private readonly roles = new Map<string, Role>();
  /** PasswordAuthenticator (else AllowAllAuthenticator, ScyllaDB's default: every login is accepted). */
  private readonly passwords: boolean;

  /** The cluster as its first node boots it: scylla.yaml (the operator's scyllaConfig ConfigMap) and the ScyllaDB version. */
  constructor(scyllaYaml: string | undefined, version: string | undefined) {
    const config = (scyllaYaml ? parse(scyllaYaml) : {}) as Record<string, unknown>;
    this.passwords = config.authenticator === 'PasswordAuthenticator';
    const name = typeof config.auth_superuser_name === 'string' && config.auth_superuser_name ? config.auth_superuser_name : undefined;
    const salted = typeof config.auth_superuser_salted_password === 'string' && config.auth_superuser_salted_password ? config.auth_superuser_salted_password : undefined;
    const defaults = createsDefaultSuperuser(version);
    if (!name && !defaults) return;
    // The role exists whatever the authenticator (auth/standard_role_manager.cc); only PasswordAuthenticator gives it a
    // salted_hash.
    const saltedHash = this.passwords ? (salted ?? (defaults ? sha512Crypt(DEFAULT_SUPERUSER, salt()) : undefined)) : undefined;
    this.roles.set(name ?? DEFAULT_SUPERUSER, { ...(saltedHash ? { saltedHash } : {}), login: true, permissions: ['ALL'] });
  }

  /** `cqlsh --user U --password P [--no-color] -e STATEMENTS`, as run in the scylla container. */
  cqlsh(command: readonly string[]): ExecResult {
    const arg = (flag: string, short: string) => {
      const i = command.findIndex((c) => c === flag || c === short);
      return i < 0 ? undefined : command[i + 1];
    };
    const user = arg('--user', '-u');
    const password = arg('--password', '-p');
    const statements = arg('--execute', '-e');
    if (statements === undefined) return fail('the fake runs only `cqlsh -e STATEMENTS`');
    const role = user === undefined ? undefined : this.roles.get(user);
    if (this.passwords && (!role?.login || !role.saltedHash || password === undefined || !passwordMatches(password, role.saltedHash)))
      return fail(
        "Connection error: ('Unable to connect to any servers', {'127.0.0.1:9042': AuthenticationFailed('Failed to authenticate to 127.0.0.1:9042: Error from server: code=0100 [Bad credentials] message=\"Username and/or password are incorrect\"')})",
        1,
      );
    let stdout = '';
    for (const stmt of statements.split(';').map((s) => s.trim()).filter(Boolean)) {
      const r = this.execute(stmt);
      if ('error' in r) return { stdout, stderr: `<stdin>:1:${r.error}`, exitCode: 2 };
      stdout += r.stdout;
    }
    return { stdout, stderr: '', exitCode: 0 };
  }

  private execute(stmt: string): { stdout: string } | { error: string } {
    let m = /^CREATE ROLE (IF NOT EXISTS )?(\w+) WITH PASSWORD = '([^']*)' AND LOGIN = (true|false)$/i.exec(stmt);
    if (m) {
      if (this.roles.has(m[2]!)) return m[1] ? { stdout: '' } : { error: `InvalidRequest: Error from server: code=2200 [Invalid query] message="${m[2]} already exists"` };
      this.roles.set(m[2]!, { saltedHash: sha512Crypt(m[3]!, salt()), login: m[4]!.toLowerCase() === 'true', permissions: [] });
      return { stdout: '' };
    }
    m = /^GRANT (\w+) ON ALL KEYSPACES TO (\w+)$/i.exec(stmt);
    if (m) {
      const role = this.roles.get(m[2]!);
      if (!role) return { error: `InvalidRequest: Error from server: code=2200 [Invalid query] message="Role ${m[2]} doesn't exist"` };
      role.permissions.push(m[1]!.toUpperCase());
      return { stdout: '' };
    }
    m = /^SELECT salted_hash FROM (\S+) WHERE role = '(\w+)'$/.exec(stmt);
    if (m) {
      if (m[1] !== 'system.roles') return { error: `InvalidRequest: Error from server: code=2200 [Invalid query] message="unconfigured table ${m[1]!.split('.').pop()}"` };
      return { stdout: rows(this.roles.get(m[2]!)) };
    }
    return { error: `SyntaxException: line 1:0 the fake CQL of test/kubernetes/fake-cql.ts was not taught "${stmt.slice(0, 60)}"` };
  }

  /** The role's salted_hash, for tests to compare with what the harness read (never to print). */
  saltedHashOf(role: string): string | undefined {
    return this.roles.get(role)?.saltedHash;
  }

  permissionsOf(role: string): readonly string[] | undefined {
    return this.roles.get(role)?.permissions;
  }
}
