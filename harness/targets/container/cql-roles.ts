// Roles over CQL, with cqlsh inside the ScyllaDB container (as the operator's docs read the Alternator secret:
// `cqlsh ... -e "SELECT salted_hash FROM system.roles WHERE role = '<role>'"`). ScyllaDB keeps roles in
// `system.roles` since auth v2; older versions in `system_auth.roles`: both are tried.
// Nothing here logs: passwords and salted hashes are scrubbed from every error message.
import type { RunningContainer } from './runtime.ts';
import { ProvisionError } from '../../util/errors.ts';
import { sleep } from './health.ts';
import { EXTRA_ROLES, extraRolesCql } from '../extra-roles.ts';
import { redact } from '../../util/redact.ts';

export const ROLES_STEP = 'read role credentials over CQL';
/** Newer ScyllaDB keeps roles in system.roles; older ones (and the operator's e2e test) in system_auth.roles. */
export const ROLE_TABLES = ['system.roles', 'system_auth.roles'] as const;

export interface RoleLogin {
  name: string;
  password: string;
}

export function cqlshCommand(login: RoleLogin, statement: string): string[] {
  return ['cqlsh', '--no-color', '-u', login.name, '-p', login.password, '-e', statement];
}

/** Rows of cqlsh's tabular output (header, dashes, rows, "(N rows)"). */
export function parseCqlshRows(output: string): Array<Record<string, string>> {
  const lines = output.split(/\r?\n/);
  const sep = lines.findIndex((l) => /^-+(\+-+)*$/.test(l.trim()));
  if (sep < 1) return [];
  const header = lines[sep - 1]!.split('|').map((h) => h.trim());
  const rows: Array<Record<string, string>> = [];
  for (const line of lines.slice(sep + 1)) {
    if (!line.trim() || /^\(\d+ rows?\)$/.test(line.trim())) break;
    const cells = line.split('|').map((c) => c.trim());
    rows.push(Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])));
  }
  return rows;
}

/**
 * A crypt(3) hash as ScyllaDB stores salted_hash (`$6$<salt>$<hash>` for sha512-crypt, optionally `rounds=N$`),
 * nothing around it: no colour codes, spaces or cqlsh decoration. Alternator signs with exactly these bytes.
 */
export function isBareCryptHash(value: string): boolean {
  return /^\$[0-9a-z]{1,2}\$(rounds=\d+\$)?[./A-Za-z0-9]{1,16}\$[./A-Za-z0-9]{20,}$/.test(value);
}

/** Short enough for an error message, with every secret (and anything shaped like a crypt hash) replaced. */
export function scrub(text: string, secrets: readonly string[]): string {
  return redact(text, secrets).replace(/\$[0-9a-z]{1,2}\$[^\s|]+/g, '<redacted>').slice(0, 500);
}

export interface ReadRolesOptions {
  superuser: RoleLogin;
  /** A password for each of the authorization suites' roles (EXTRA_ROLES, harness/targets/extra-roles.ts). */
  extraRolePasswords: ReadonlyMap<string, string>;
  timeoutMs: number;
  intervalMs: number;
  signal: AbortSignal;
}

/**
 * Creates the extra roles, then reads every role's salted_hash. Retries while CQL or the configured superuser is
 * not ready yet (ScyllaDB creates it asynchronously after start).
 */
export async function readRoleHashes(container: RunningContainer, o: ReadRolesOptions): Promise<Map<string, string>> {
  const secrets = [o.superuser.password, ...o.extraRolePasswords.values()];
  const wanted = [o.superuser.name, ...EXTRA_ROLES.map((r) => r.name)];
  const setup = extraRolesCql((role) => o.extraRolePasswords.get(role)!);
  const deadline = Date.now() + o.timeoutMs;
  let last = 'not tried yet';
  let setupDone = false;
  for (;;) {
    if (o.signal.aborted) throw new ProvisionError('interrupted while reading role credentials', ROLES_STEP);
    const attempt = await tryOnce();
    if (attempt.hashes) return attempt.hashes;
    last = scrub(attempt.problem, secrets);
    if (Date.now() >= deadline)
      throw new ProvisionError(`could not read the salted_hash of role(s) ${wanted.join(', ')} over CQL within ${Math.round(o.timeoutMs / 1000)} s: ${last}`, ROLES_STEP);
    await sleep(o.intervalMs, o.signal);
  }

  async function tryOnce(): Promise<{ hashes?: Map<string, string>; problem: string }> {
    if (!setupDone) {
      const r = await container.exec(cqlshCommand(o.superuser, setup));
      if (r.exitCode !== 0) return { problem: `creating roles failed (exit ${r.exitCode}): ${r.stderr || r.stdout}` };
      setupDone = true;
    }
    let problem = '';
    for (const table of ROLE_TABLES) {
      const list = wanted.map((w) => `'${w}'`).join(', ');
      const r = await container.exec(cqlshCommand(o.superuser, `SELECT role, salted_hash FROM ${table} WHERE role IN (${list});`));
      if (r.exitCode !== 0) {
        problem = `cqlsh exited ${r.exitCode}: ${(r.stderr || r.stdout).trim()}`;
        // Only a missing table is worth the older table; anything else (not ready, login refused) is retried as a whole.
        if (/unconfigured table|does not exist|not found/i.test(r.stderr + r.stdout)) continue;
        return { problem };
      }
      const hashes = new Map(parseCqlshRows(r.stdout).map((row) => [row.role ?? '', row.salted_hash ?? '']));
      const missing = wanted.filter((w) => !hashes.get(w));
      // A value that is not a bare hash would sign every request wrong; the message names the role, never the value.
      const malformed = wanted.filter((w) => hashes.get(w) && !isBareCryptHash(hashes.get(w)!));
      if (malformed.length) throw new ProvisionError(`the salted_hash of role(s) ${malformed.join(', ')} is not a bare crypt hash (value withheld)`, ROLES_STEP);
      if (missing.length === 0) return { hashes, problem: '' };
      return { problem: `${table} has no salted_hash for ${missing.join(', ')} yet` };
    }
    return { problem };
  }
}
