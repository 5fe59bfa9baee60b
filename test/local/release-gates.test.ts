// The endpoint target pointed at a local front door, with the ScyllaDB version declared by the profile: what a nightly
// against a real cluster of that version would do. On 2026.2.4 the compressed-response cases that can crash ScyllaDB
// (CUSTOMER-623) are "not applicable" with that reason instead of being run; on 2026.2.5 they run (and pass here).
// The node's metrics, given with --metrics-url, reach the metrics suite.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { createLocalTarget } from '../../harness/targets/local/local-target.ts';
import { Variant } from '../../harness/variant/model.ts';
import type { Deployment, RunContext } from '../../harness/targets/target.ts';
import { silentProgress } from '../../harness/util/progress.ts';
import { runCli, failedCases, type CliRun } from '../helpers/cli.ts';

const ctx: RunContext = { runId: 'gates', reportsDir: tmpdir(), progress: silentProgress, signal: new AbortController().signal, failOnLiftedLimitation: false };
const GATED = /alternator-response-compression-overflow/;

describe('release gates through the endpoint target', { timeout: 240_000 }, () => {
  let d: Deployment;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'alte2e-gates-'));
    d = await createLocalTarget().deploy(Variant.parse({ name: 'gates', versions: { scylla: '2026.2.4', operator: 'v1.21.1' } }), ctx);
  });
  afterAll(async () => {
    await d?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function runDeclaring(scylla: string): Promise<CliRun> {
    const dc = d.endpoint.datacenters[0]!;
    const profile = join(dir, `declared-${scylla}.yaml`);
    writeFileSync(profile, stringify({ name: `declared-${scylla}`, versions: { scylla, operator: 'v1.21.1' }, suites: ['api/http', 'metrics'], variants: [{ name: 'endpoint', alternator: {} }] }));
    const ca = join(dir, 'ca.crt');
    writeFileSync(ca, dc.caBundlePem);
    return runCli(
      ['run', '--target', 'endpoint', '--profile', profile, '--scylla-version', scylla, '--endpoint', dc.httpsUrl, '--ca-bundle', ca, '--tls-server-name', dc.tlsServerName!, '--access-key-id', dc.credentials!.accessKeyId, '--metrics-url', dc.metricsUrls![0]!, '--quiet'],
      { env: { AWS_SECRET_ACCESS_KEY: dc.credentials!.secretAccessKey } },
    );
  }

  it('2026.2.4: the multi-buffer compressed responses are not applicable, naming CUSTOMER-623; everything else passes, metrics included', async () => {
    const r = await runDeclaring('2026.2.4');
    expect(failedCases(r)).toEqual([]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const gated = r.cases().filter((c) => c.status === 'skipped' && GATED.test(c.reason ?? ''));
    expect(gated.map((c) => c.name).sort()).toEqual(
      expect.arrayContaining([expect.stringContaining('CUSTOMER-623'), expect.stringContaining('test_chunked_response_compression'), expect.stringContaining('in gzip, a 204,800-character')]),
    );
    expect(gated).toHaveLength(4);
    expect(gated[0]!.reason).toMatch(/KNOWN CRASH/);
    expect(r.cases().filter((c) => c.suite === 'metrics/alternator-metrics' && c.status === 'passed').length).toBeGreaterThanOrEqual(8);
  });

  it('2026.2.5 (fixed): the same cases run and pass', async () => {
    const r = await runDeclaring('2026.2.5');
    expect(failedCases(r)).toEqual([]);
    const overflow = r.cases().find((c) => c.name.includes('CUSTOMER-623'));
    expect(overflow?.status).toBe('passed');
    expect(r.cases().filter((c) => GATED.test(c.reason ?? ''))).toEqual([]);
  });
});
