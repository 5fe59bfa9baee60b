// Issue 20 item 7: a user's endpoint declares what it has (extra roles: names by flag or environment, secrets by
// environment only; the TTL scan period; metrics URLs), so the RBAC and TTL-expiry cases run there; without the
// declarations each such case is "not applicable" naming the flag or variable that declares what it needs.
// The endpoint is a local front door (its roles, scan period and metrics are what a user's cluster would declare).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { runCli, failedCases } from '../helpers/cli.ts';
import { createLocalTarget } from '../../harness/targets/local/local-target.ts';
import { Variant } from '../../harness/variant/model.ts';
import { silentProgress } from '../../harness/util/progress.ts';
import type { Deployment } from '../../harness/targets/target.ts';
import type { DatacenterEndpoint } from '../../harness/endpoint/contract.ts';
import { declaredExtraRoles, roleSecretVariable } from '../../harness/targets/endpoint/declarations.ts';
import { createEndpointTarget } from '../../harness/targets/endpoint/endpoint-target.ts';
import { ConfigError } from '../../harness/util/errors.ts';

const ctx = { runId: 'decl', reportsDir: tmpdir(), progress: silentProgress, signal: new AbortController().signal, failOnLiftedLimitation: false };
let d: Deployment;
let dc: DatacenterEndpoint;
let base: string[];
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  d = await createLocalTarget().deploy(Variant.parse({ name: 'decl', versions: { scylla: '2026.2.4', operator: 'v1.21.1' } }), ctx);
  dc = d.endpoint.datacenters[0]!;
  const ca = join(mkdtempSync(join(tmpdir(), 'alte2e-ca-')), 'ca.crt');
  writeFileSync(ca, dc.caBundlePem);
  base = ['run', '--target', 'endpoint', '--endpoint', dc.httpsUrl, '--ca-bundle', ca, '--tls-server-name', dc.tlsServerName!, '--scylla-version', '2026.2.4', '--quiet'];
  env = { AWS_ACCESS_KEY_ID: dc.credentials!.accessKeyId, AWS_SECRET_ACCESS_KEY: dc.credentials!.secretAccessKey, ALTERNATOR_E2E_EXTRA_ROLES: '', ALTERNATOR_E2E_TTL_PERIOD_SECONDS: '' };
}, 60_000);
afterAll(() => d?.stop());

describe('endpoint declarations', () => {
  it('declared roles (names by flag, salted hashes by environment) and scan period: the RBAC and TTL-expiry cases run and pass', { timeout: 300_000 }, async () => {
    const roles = dc.extraRoles!;
    expect(roles.length).toBe(5);
    const secrets = Object.fromEntries(roles.map((r) => [roleSecretVariable(r.accessKeyId), r.secretAccessKey]));
    const r = await runCli([...base, ...roles.flatMap((x) => ['--extra-role', x.accessKeyId]), '--ttl-period-seconds', String(d.endpoint.ttlScanPeriodSeconds), '--suite', 'auth/rbac', '--suite', 'api/ttl-expiry'], {
      env: { ...env, ...secrets },
      timeoutMs: 280_000,
    });
    const cases = r.cases();
    // The front door's data plane (dynalite) serves no DynamoDB Streams, which an endpoint declaring ScyllaDB is
    // expected to: exactly the two cases that read a stream fail, for that reason and no other.
    const failed = cases.filter((c) => c.status === 'failed');
    expect(failedCases(r).map((n) => n.replace(/ \(.*$/, ''))).toEqual([
      'endpoint api/ttl-expiry › api ttl expiry > with a stream > an expiry is a REMOVE record by the service',
      'endpoint auth/rbac › rbac: auto-grant to a table creator, auto-revoke on drop',
    ]);
    for (const c of failed) expect(c.failure?.message).toMatch(/^UnknownOperationException \(HTTP 400\): Unsupported operation ListStreams/);
    const rbac = cases.filter((c) => c.suite === 'auth/rbac' && c.status !== 'failed');
    const ttl = cases.filter((c) => c.suite === 'api/ttl-expiry' && c.status !== 'failed');
    // Nothing is left "not applicable" for want of a role or a period: every other case ran and passed.
    expect(cases.filter((c) => c.status === 'skipped').map((c) => `${c.name}: ${c.reason}`)).toEqual([]);
    expect(rbac.length).toBeGreaterThan(10);
    expect(rbac.every((c) => c.status === 'passed')).toBe(true);
    expect(ttl.length).toBeGreaterThanOrEqual(5);
    expect(ttl.every((c) => c.status === 'passed')).toBe(true);
    // The declared secrets are remembered by the run like any other: none reaches the output.
    for (const s of Object.values(secrets)) expect(r.stdout.includes(s) || r.stderr.includes(s)).toBe(false);
  });

  it('without declarations every RBAC, TTL-expiry and metrics case is not applicable, naming the flag or variable that declares what it needs', { timeout: 300_000 }, async () => {
    const r = await runCli([...base, '--suite', 'auth/rbac', '--suite', 'api/ttl-expiry', '--suite', 'metrics'], { env, timeoutMs: 280_000 });
    const cases = r.cases();
    const bySuite = (s: string) => cases.filter((c) => c.suite === s);
    const rbac = bySuite('auth/rbac');
    expect(rbac.length).toBeGreaterThan(10);
    for (const c of rbac) {
      expect(c.outcome, c.name).toBe('not-applicable');
      expect(c.reason).toMatch(/names no .*--extra-role NAME\[:PERMISSION\+…\]\[:nologin\] \(or ALTERNATOR_E2E_EXTRA_ROLES=.*ALTERNATOR_E2E_ROLE_SECRET_NAME/);
    }
    // Every case that waits for expiry; the configuration cases (no expiry needed) still run.
    const ttl = bySuite('api/ttl-expiry').filter((c) => c.status !== 'passed');
    expect(ttl.length).toBeGreaterThanOrEqual(5);
    for (const c of ttl) {
      expect(c.outcome, c.name).toBe('not-applicable');
      expect(c.reason).toMatch(/alternator-ttl-period.*; declare the cluster's alternator_ttl_period_in_seconds with --ttl-period-seconds N \(or ALTERNATOR_E2E_TTL_PERIOD_SECONDS\)/);
    }
    const metrics = cases.filter((c) => c.suite.startsWith('metrics/'));
    expect(metrics.length).toBeGreaterThan(5);
    for (const c of metrics) {
      expect(c.outcome, c.name).toBe('not-applicable');
      expect(c.reason).toMatch(/--metrics-url/);
    }
  });

  it('a declared role without its secret in the environment is a usage error naming the variable; a bad declaration names the flag', () => {
    expect(() => declaredExtraRoles(['alternator_reader'], {})).toThrow(ConfigError);
    expect(() => declaredExtraRoles(['alternator_reader'], {})).toThrow(/ALTERNATOR_E2E_ROLE_SECRET_ALTERNATOR_READER: no secret for the declared role alternator_reader/);
    expect(() => declaredExtraRoles(['my_role'], { ALTERNATOR_E2E_ROLE_SECRET_MY_ROLE: 'x' })).toThrow(/--extra-role.*permissions of a role other than the standard ones must be given/);
    expect(() => declaredExtraRoles(['my_role:READ'], { ALTERNATOR_E2E_ROLE_SECRET_MY_ROLE: 'x' })).toThrow(/--extra-role: unknown permission READ/);
    expect(declaredExtraRoles(['my_role:SELECT+MODIFY:nologin', 'alternator_nologin'], { ALTERNATOR_E2E_ROLE_SECRET_MY_ROLE: 'a', ALTERNATOR_E2E_ROLE_SECRET_ALTERNATOR_NOLOGIN: 'b' })).toEqual([
      { accessKeyId: 'my_role', secretAccessKey: 'a', description: 'declared (--extra-role): SELECT, MODIFY on all keyspaces, WITH LOGIN = false', permissions: ['SELECT', 'MODIFY'], login: false },
      { accessKeyId: 'alternator_nologin', secretAccessKey: 'b', description: 'declared (--extra-role): SELECT on all keyspaces, WITH LOGIN = false', permissions: ['SELECT'], login: false },
    ]);
    const o = { url: 'https://127.0.0.1:9', scyllaVersion: '2026.2.4' };
    expect(() => createEndpointTarget({ ...o, ttlPeriodSeconds: 'soon' })).toThrow(/--ttl-period-seconds: not a positive number of seconds/);
    expect(() => createEndpointTarget({ ...o, apiProfile: 'dynamodb', extraRoles: ['alternator_reader'] })).toThrow(/--extra-role.*means nothing with --api-profile dynamodb/);
  });
});
