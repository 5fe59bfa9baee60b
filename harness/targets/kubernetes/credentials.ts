// Alternator credentials: access key = CQL role name, secret = that role's salted_hash, read with cqlsh in
// the scylla container as the operator docs do. The hash never reaches a log, a report or an error message.
import { extraRolesCql } from '../extra-roles.ts';
import { randomBytes } from 'node:crypto';
import type { KubeApi } from './kube-api.ts';
import { ProvisionError } from '../../util/errors.ts';
import { InterruptedError, type Clock } from './wait.ts';
import { parseCqlshRows, isBareCryptHash, ROLE_TABLES } from '../container/cql-roles.ts';

/** The default superuser of a ScyllaDB cluster with PasswordAuthenticator. */
export const SUPERUSER = { role: 'cassandra', password: 'cassandra' } as const;
export const SCYLLA_CONTAINER = 'scylla';

const ROLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,47}$/;

/** `--no-color` as the operator's Alternator page reads the hash (docs/source/connect-your-app/alternator.md, step 3). */
export function cqlsh(statement: string): string[] {
  return ['cqlsh', '--user', SUPERUSER.role, '--password', SUPERUSER.password, '--no-color', '-e', statement];
}

export function saltedHashQuery(role: string, table: string): string {
  if (!ROLE_NAME.test(role)) throw new Error(`invalid role name "${role}"`);
  return `SELECT salted_hash FROM ${table} WHERE role = '${role}'`;
}

export type SaltedHashRead = { hash: string } | { missing: string } | { refused: string };

/**
 * The value under the header of cqlsh's table output (" salted_hash\n-------------\n $6$...\n\n(1 rows)"):
 * `hash` when it is a bare crypt(3) hash, `missing` when there is no row, `refused` for anything else (colour
 * codes, a truncated or wrapped cell...): it would sign every request wrong. Neither message holds the value.
 */
export function parseSaltedHash(stdout: string): SaltedHashRead {
  const value = parseCqlshRows(stdout)[0]?.salted_hash;
  if (value === undefined || value === '' || value === 'null') return { missing: 'no salted_hash row' };
  return isBareCryptHash(value) ? { hash: value } : { refused: `the salted_hash cell is not a bare crypt hash ($id$[rounds=N$]salt$hash; ${value.length} characters, value withheld)` };
}

export interface CqlshContext {
  kube: KubeApi;
  namespace: string;
  pod: string;
  timeoutMs: number;
  clock: Clock;
  signal?: AbortSignal;
  attempts: number;
  retryDelayMs: number;
  step: string;
}

const firstLine = (s: string) => s.trim().split('\n')[0]?.slice(0, 200) ?? '';

async function runCql(c: CqlshContext, statement: string): Promise<{ ok: boolean; stdout: string; error: string }> {
  const r = await c.kube.exec(c.namespace, c.pod, SCYLLA_CONTAINER, cqlsh(statement), { timeoutMs: c.timeoutMs, ...(c.signal ? { signal: c.signal } : {}) });
  return { ok: r.exitCode === 0 || (r.exitCode === undefined && r.stderr.trim() === ''), stdout: r.stdout, error: firstLine(r.stderr) };
}

/**
 * Reads a role's salted_hash, retrying while authentication is still being set up (the default superuser
 * appears some seconds after the node reports ready).
 */
export async function readSaltedHash(c: CqlshContext, role: string): Promise<string> {
  let lastError = 'no attempt made';
  for (let attempt = 1; attempt <= c.attempts; attempt++) {
    if (c.signal?.aborted) throw new InterruptedError(c.step);
    for (const table of ROLE_TABLES) {
      try {
        const r = await runCql(c, saltedHashQuery(role, table));
        if (r.ok) {
          const read = parseSaltedHash(r.stdout);
          if ('hash' in read) return read.hash;
          // Not a hash: retrying would read the same; fail now, without the value.
          if ('refused' in read) throw new ProvisionError(`role "${role}" in ${c.namespace}/${c.pod}: ${read.refused}`, c.step);
          lastError = `no salted_hash for role "${role}" in ${table} yet`;
        } else lastError = `cqlsh failed: ${r.error}`;
        if (!/unconfigured table|does not exist|InvalidRequest/i.test(lastError)) break;
      } catch (e) {
        if (e instanceof ProvisionError) throw e;
        lastError = `exec failed: ${(e as Error).message}`;
        break;
      }
    }
    if (attempt < c.attempts) await c.clock.sleep(c.retryDelayMs, c.signal);
  }
  throw new ProvisionError(`could not read the salted_hash of role "${role}" in ${c.namespace}/${c.pod}: ${lastError}`, c.step);
}

/** A second role that may only read, for authorization suites (as the local target provides). */
/** Creates the authorization suites' roles (harness/targets/extra-roles.ts) in one cqlsh call; whether it worked. */
export async function ensureExtraRoles(c: CqlshContext): Promise<boolean> {
  // The passwords are never used: Alternator authenticates with the salted hashes.
  const r = await runCql(c, extraRolesCql(() => randomBytes(18).toString('base64url')));
  return r.ok;
}
