// What a user's endpoint can declare besides its address, so the cases that need it run on the user's own cluster:
// the authorization suites' extra roles (names by flag or environment, secrets ONLY by environment), Alternator's
// expiration scan period (alternator_ttl_period_in_seconds), and metrics URLs (endpoint-target.ts). Each declaration
// the user did not make is named in the endpoint (`undeclared`), so a case that needs it says how to make it.
import type { Declaration, ExtraRole } from '../../endpoint/contract.ts';
import { EXTRA_ROLES, type RolePermission } from '../extra-roles.ts';
import { ConfigError } from '../../util/errors.ts';

export const EXTRA_ROLES_ENV = 'ALTERNATOR_E2E_EXTRA_ROLES';
export const TTL_PERIOD_ENV = 'ALTERNATOR_E2E_TTL_PERIOD_SECONDS';
const PERMISSIONS: readonly RolePermission[] = ['SELECT', 'MODIFY', 'CREATE', 'DROP', 'ALTER'];

/** The environment variable holding a declared role's secret (its salted_hash): never a flag, never a file. */
export function roleSecretVariable(role: string): string {
  return `ALTERNATOR_E2E_ROLE_SECRET_${role.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/** How each declaration is made, for the "not applicable" reasons of cases that need one. */
export const HOW_TO_DECLARE: Record<Declaration, string> = {
  extraRoles: `declare the cluster's roles with --extra-role NAME[:PERMISSION+…][:nologin] (or ${EXTRA_ROLES_ENV}="NAME …"), each role's salted_hash in ${roleSecretVariable('NAME')}; the standard ones: ${EXTRA_ROLES.map((r) => r.name).join(', ')}`,
  ttlScanPeriod: `declare the cluster's alternator_ttl_period_in_seconds with --ttl-period-seconds N (or ${TTL_PERIOD_ENV})`,
  metricsUrls: 'declare every node\'s Prometheus endpoint with --metrics-url http://<node>:9180/metrics (repeat per node; metricsUrls in an endpoints file)',
};

/**
 * Roles as `NAME[:PERMISSION+PERMISSION][:nologin]`, each holding its permissions ON ALL KEYSPACES (as
 * extra-roles.ts creates them); a standard role's name alone takes its permissions from there.
 */
export function declaredExtraRoles(specs: readonly string[], env: NodeJS.ProcessEnv = process.env): ExtraRole[] {
  const seen = new Set<string>();
  return specs.map((spec) => {
    const [name = '', ...rest] = spec.split(':');
    const bad = (why: string) => new ConfigError(why, { field: '--extra-role', value: spec, fix: 'give NAME[:PERMISSION+…][:nologin], e.g. alternator_reader or my_reader:SELECT (permissions: SELECT, MODIFY, CREATE, DROP, ALTER, ON ALL KEYSPACES)' });
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw bad('not a role name');
    if (seen.has(name)) throw bad('role declared twice');
    seen.add(name);
    const nologin = rest.at(-1) === 'nologin';
    const permText = nologin ? rest.slice(0, -1) : rest;
    if (permText.length > 1) throw bad('too many ":" parts');
    const standard = EXTRA_ROLES.find((r) => r.name === name);
    let permissions: RolePermission[];
    if (permText.length === 1) {
      const ps = permText[0]!.split('+');
      const unknown = ps.filter((p) => !PERMISSIONS.includes(p as RolePermission));
      if (unknown.length || ps.length === 0) throw bad(`unknown permission ${unknown.join(', ') || '(empty)'}`);
      permissions = ps as RolePermission[];
    } else if (standard) permissions = [...standard.permissions];
    else throw bad('the permissions of a role other than the standard ones must be given');
    const login = nologin ? false : permText.length === 0 && standard ? standard.login : undefined;
    const variable = roleSecretVariable(name);
    const secretAccessKey = env[variable];
    if (!secretAccessKey)
      throw new ConfigError(`no secret for the declared role ${name}`, { field: variable, fix: `export ${variable}=<the salted_hash of ${name} in system.roles> (secrets are taken from the environment only)` });
    return {
      accessKeyId: name,
      secretAccessKey,
      description: `declared (--extra-role): ${permissions.join(', ')} on all keyspaces${login === false ? ', WITH LOGIN = false' : ''}`,
      permissions,
      ...(login === false ? { login: false as const } : {}),
    };
  });
}

/** The role specs from the flags, else from the environment (space- or comma-separated). */
export function extraRoleSpecs(flags: readonly string[] | undefined, env: NodeJS.ProcessEnv = process.env): string[] {
  if (flags?.length) return [...flags];
  return (env[EXTRA_ROLES_ENV] ?? '').split(/[\s,]+/).filter(Boolean);
}

/** The declared expiration scan period in seconds (a positive number), from the flag or the environment. */
export function declaredTtlPeriod(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = flag ?? env[TTL_PERIOD_ENV];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0)
    throw new ConfigError('not a positive number of seconds', { field: flag !== undefined ? '--ttl-period-seconds' : TTL_PERIOD_ENV, value: raw, fix: "give the cluster's alternator_ttl_period_in_seconds, e.g. 1" });
  return n;
}
