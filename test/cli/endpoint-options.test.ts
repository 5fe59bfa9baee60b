// Endpoint-target options that mean nothing for the API profile given are usage errors (exit 2), not silently kept:
// issue 13, `--authorization disabled` was accepted with `--api-profile dynamodb`. Issue 20: an Alternator endpoint's
// ScyllaDB version is declared (--scylla-version) or read from its metrics, never a silent placeholder.
import { describe, it, expect, afterEach } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEndpointTarget } from '../../harness/targets/endpoint/endpoint-target.ts';
import { ConfigError } from '../../harness/util/errors.ts';
import { runCli } from '../helpers/cli.ts';

const base = { url: 'http://127.0.0.1:9', accessKeyId: 'k', secretAccessKey: 's', scyllaVersion: '2026.2.4' };

describe('Alternator-only endpoint options with --api-profile dynamodb', () => {
  it('disabled is a usage error naming the flag and the fix', () => {
    const make = () => createEndpointTarget({ ...base, apiProfile: 'dynamodb', authorization: 'disabled' });
    expect(make).toThrow(ConfigError);
    expect(make).toThrow(/--authorization.*api-profile dynamodb.*fix: drop --authorization disabled/s);
  });

  it('--write-isolation is a usage error too: it is an Alternator setting', () => {
    const make = () => createEndpointTarget({ ...base, apiProfile: 'dynamodb', writeIsolation: 'forbid_rmw' });
    expect(make).toThrow(ConfigError);
    expect(make).toThrow(/--write-isolation.*api-profile dynamodb.*fix: drop --write-isolation/s);
    expect(createEndpointTarget({ ...base, apiProfile: 'alternator', writeIsolation: 'forbid_rmw' }).variantsOverride![0]!.alternator.writeIsolation).toBe('forbid_rmw');
  });

  it('enforced (what DynamoDB does) and disabled on Alternator are accepted', () => {
    expect(createEndpointTarget({ ...base, apiProfile: 'dynamodb', authorization: 'enforced' }).variantsOverride![0]!.alternator.insecureDisableAuthorization).toBe(false);
    expect(createEndpointTarget({ ...base, apiProfile: 'alternator', authorization: 'disabled' }).variantsOverride![0]!.alternator.insecureDisableAuthorization).toBe(true);
  });

  it('the CLI exits 2 and starts nothing', async () => {
    const r = await runCli(['run', '--target', 'endpoint', '--endpoint', base.url, '--api-profile', 'dynamodb', '--authorization', 'disabled', '--suite', 'api/smoke', '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--authorization/);
    expect(r.stderr).toMatch(/fix: /);
    expect(r.stdout).not.toMatch(/deploying/);
  });
});

/** A node's Prometheus endpoint answering `body` (the gauge as ScyllaDB's main.cc registers it, or not). */
async function metricsServer(body: string): Promise<{ url: string; server: Server }> {
  const server = createServer((_req, res) => res.end(body));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`, server };
}
const gauge = (version: string) =>
  `# HELP scylla_scylladb_current_version Current ScyllaDB version.\n# TYPE scylla_scylladb_current_version gauge\nscylla_scylladb_current_version{shard="0",version="${version}"} 0.000000\n`;

describe("the ScyllaDB version of an Alternator endpoint", () => {
  const servers: Server[] = [];
  afterEach(() => servers.splice(0).forEach((s) => s.close()));
  const serve = async (body: string) => {
    const m = await metricsServer(body);
    servers.push(m.server);
    return m.url;
  };

  it('without --scylla-version and without a metrics URL: exit 2 naming --scylla-version, nothing started', async () => {
    const r = await runCli(['plan', '--target', 'endpoint', '--endpoint', 'https://127.0.0.1:9']);
    expect(r.code, r.stdout + r.stderr).toBe(2);
    expect(r.stderr).toMatch(/--scylla-version: the ScyllaDB version behind the endpoint is unknown.*fix: give --scylla-version <version>.*--metrics-url/);
    expect(r.stdout).not.toMatch(/Plan:/);
    expect(() => createEndpointTarget({ url: base.url })).toThrow(/--scylla-version/);
  });

  it('read from the metrics URL (scylla_scylladb_current_version) when not declared, and the plan says where it was read', async () => {
    const url = await serve(`scylla_reactor_utilization{shard="0"} 1\n${gauge('2025.1.4-0.20250612.0123456789ab')}`);
    const r = await runCli(['plan', '--target', 'endpoint', '--endpoint', 'https://127.0.0.1:9', '--metrics-url', url]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain(`ScyllaDB 2025.1.4 as read from ${url} (scylla_scylladb_current_version)`);
  });

  it('a release candidate label keeps its pre-release; every node must report the same version', async () => {
    const { observeScyllaVersion } = await import('../../harness/targets/endpoint/endpoint-target.ts');
    const rc = await serve(gauge('2026.2.0~rc1-0.20260506.abcdef'));
    expect((await observeScyllaVersion({ url: base.url, metricsUrls: [rc] })).scyllaVersion).toBe('2026.2.0-rc1');
    const other = await serve(gauge('2026.1.3-0.20260101.abcdef'));
    await expect(observeScyllaVersion({ url: base.url, metricsUrls: [rc, other] })).rejects.toThrow(/different ScyllaDB versions \(2026\.2\.0-rc1 at .*, 2026\.1\.3 at .*\).*--scylla-version/);
    // A declaration the nodes confirm stands; a DynamoDB endpoint needs no ScyllaDB version at all.
    expect((await observeScyllaVersion({ url: base.url, metricsUrls: [rc], scyllaVersion: '2026.2.0-rc1' })).scyllaVersion).toBe('2026.2.0-rc1');
    expect(createEndpointTarget({ url: base.url, apiProfile: 'dynamodb' }).variantsOverride).toHaveLength(1);
  });

  it('a declared version the nodes contradict is exit 2 naming both; one the nodes cannot confirm stands', async () => {
    const url = await serve(gauge('2026.1.3-0.20260101.abcdef'));
    const r = await runCli(['plan', '--target', 'endpoint', '--endpoint', 'https://127.0.0.1:9', '--metrics-url', url, '--scylla-version', '2025.4.1']);
    expect(r.code, r.stdout + r.stderr).toBe(2);
    expect(r.stderr).toMatch(/--scylla-version: --scylla-version 2025\.4\.1 was declared, but the nodes report ScyllaDB 2026\.1\.3 .*fix: drop --scylla-version .*--scylla-version 2026\.1\.3/);
    expect(r.stdout).not.toMatch(/Plan:/);
    // A custom build's label is no version to compare with: the declaration is what the flag is for.
    const custom = await serve(gauge('enterprise_dev-0.abc'));
    const ok = await runCli(['plan', '--target', 'endpoint', '--endpoint', 'https://127.0.0.1:9', '--metrics-url', custom, '--scylla-version', '2025.4.1']);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toContain('ScyllaDB 2025.4.1 as declared (--scylla-version)');
  });

  it('a metrics URL without the gauge is exit 2 naming --scylla-version, not a guess', async () => {
    const url = await serve('scylla_reactor_utilization{shard="0"} 1\n');
    const r = await runCli(['plan', '--target', 'endpoint', '--endpoint', 'https://127.0.0.1:9', '--metrics-url', url]);
    expect(r.code, r.stdout + r.stderr).toBe(2);
    expect(r.stderr).toMatch(/exposes no scylla_scylladb_current_version gauge.*--scylla-version/);
  });
});

describe('--experimental-feature: what the cluster\'s scylla.yaml enables (Streams before 2026.2.0)', () => {
  it('shows in the plan; means nothing with --api-profile dynamodb; a malformed name is refused', async () => {
    const t = createEndpointTarget({ ...base, apiProfile: 'alternator', scyllaVersion: '2025.1.4', experimentalFeatures: ['alternator-streams'] });
    expect((await t.plan([], { runId: 'xf', reportsDir: '/tmp' }))[0]!.detail).toMatch(/experimental features: alternator-streams/);
    // That it reaches the suites (Streams offered on 2025.1.4) is proved through the CLI in test/dynamodb-local/lifted-limitations.test.ts.
    const none = createEndpointTarget({ ...base, apiProfile: 'alternator', scyllaVersion: '2025.1.4' });
    expect((await none.plan([], { runId: 'xf', reportsDir: '/tmp' }))[0]!.detail).toMatch(/experimental features: none declared \(--experimental-feature\)/);
    expect(() => createEndpointTarget({ ...base, apiProfile: 'dynamodb', experimentalFeatures: ['alternator-streams'] })).toThrow(/--experimental-feature.*api-profile dynamodb.*fix: drop --experimental-feature/s);
    expect(() => createEndpointTarget({ ...base, apiProfile: 'alternator', experimentalFeatures: ['Alternator Streams'] })).toThrow(/--experimental-feature: not an experimental feature name.*fix: give it as scylla.yaml's experimental_features spells it/s);
  });
});

