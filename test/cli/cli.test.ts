// The CLI spawned as a user runs it: the main job, exit codes, plan, doctor, and a run that must FAIL.
import { describe, it, expect } from 'vitest';
import { existsSync, lstatSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, failedCases } from '../helpers/cli.ts';
import { validateJUnit } from '../helpers/junit-schema.ts';

describe('alternator-e2e run (local target)', () => {
  it('runs the smoke suite on every smoke variant, writes a valid JUnit and reports/latest, exits 0', async () => {
    const r = await runCli(['run', '--suite', 'api/smoke']);
    expect(r.stderr).not.toMatch(/error:/);
    expect(r.code).toBe(0);
    expect(lstatSync(join(r.reportsDir, 'latest')).isSymbolicLink()).toBe(true);
    const res = r.results();
    expect(res.variants.length).toBeGreaterThanOrEqual(3);
    for (const v of res.variants) {
      expect(v.provisioning).toBeUndefined();
      const cases = v.suites.flatMap((s) => s.cases);
      expect(cases.length).toBeGreaterThanOrEqual(10);
      expect(cases.every((c) => c.status === 'passed')).toBe(true);
    }
    const v = await validateJUnit(r.junit());
    expect(v.errors).toEqual([]);
    expect(r.stdout).toMatch(/^\d+ passed, 0 failed, 0 skipped$/m);
    expect(r.stderr).toMatch(/deploying variant/);
    expect(r.stdout).toMatch(/Suites ran in [\d.]+ s/);
  });

  it('FAILS (exit 1) against an endpoint that reports success for a conditional put that must fail, naming the test', async () => {
    const r = await runCli(['run', '--suite', 'api/smoke', '--variant', 'defaults', '--inject-fault', 'condition-ignored', '--quiet']);
    expect(r.code).toBe(1);
    expect(failedCases(r)).toEqual(['defaults api/smoke › api smoke > a conditional put that must fail fails with ConditionalCheckFailedException']);
    expect(r.junit()).toMatch(/<testcase classname="defaults\.api\.smoke" name="api smoke &gt; a conditional put that must fail[^"]*"[^>]*>\s*<failure/);
  });
});

describe('exit codes and bad input', () => {
  it('exit 2 for an endpoint --scylla-version that is not a version; a valid one is what the plan says the differences follow', async () => {
    const bad = await runCli(['plan', '--target', 'endpoint', '--endpoint', 'https://127.0.0.1:1', '--scylla-version', 'banana']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--scylla-version: not a ScyllaDB version; got "banana"/);
    const good = await runCli(['plan', '--target', 'endpoint', '--endpoint', 'https://127.0.0.1:1', '--scylla-version', '2025.3.1']);
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(/ScyllaDB 2025\.3\.1 as declared \(--scylla-version\)/);
  });

  it('exit 2 for an unknown profile, naming the choices; nothing is started', async () => {
    const r = await runCli(['run', '--profile', 'nope']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--profile.*"nope".*smoke/);
    expect(existsSync(join(r.reportsDir, 'latest'))).toBe(false);
  });

  it('exit 2 for a bad profile file, naming file, field, value and allowed values', async () => {
    const r = await runCli(['run', '--profile', join(__dirname, '..', 'fixtures', 'bad-write-isolation.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bad-write-isolation.yaml: variants[0].alternator.writeIsolation');
    expect(r.stderr).toContain('"sometimes"');
    expect(r.stderr).toContain('forbid_rmw');
  });

  it('exit 2 for an unknown variant, suite, target or a bad shard', async () => {
    const [variant, suite, target, shard] = await Promise.all([
      runCli(['run', '--variant', 'nope']),
      runCli(['run', '--suite', 'nope']),
      runCli(['run', '--target', 'moon']),
      runCli(['plan', '--shard', '3/2']),
    ]);
    expect(variant.code).toBe(2);
    expect(variant.stderr).toMatch(/--variant.*defaults/);
    expect(suite.code).toBe(2);
    expect(suite.stderr).toMatch(/--suite.*"nope".*api/);
    expect(target.code).toBe(2);
    expect(target.stderr).toMatch(/local/);
    expect(shard.code).toBe(2);
    expect(shard.stderr).toMatch(/--shard.*i\/n/);
  });

  it('exit 2 for the endpoint target without an endpoint, saying which variable to set', async () => {
    const r = await runCli(['run', '--target', 'endpoint'], { env: { AWS_ENDPOINT_URL_DYNAMODB: '', AWS_ENDPOINT_URL: '' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('AWS_ENDPOINT_URL_DYNAMODB');
  });

  it('exit 3 when the target cannot be provisioned (endpoint not reachable)', async () => {
    const r = await runCli(['run', '--target', 'endpoint', '--endpoint', 'https://127.0.0.1:9', '--scylla-version', '2026.2.4', '--suite', 'api/smoke', '--quiet'], {
      env: { AWS_ACCESS_KEY_ID: 'cassandra', AWS_SECRET_ACCESS_KEY: 'not-a-real-secret-123' },
    });
    expect(r.code).toBe(3);
    expect(r.stdout + r.stderr).toMatch(/not reachable/);
    expect(r.junit()).toMatch(/<testsuite name="endpoint\/lifecycle"[^>]*errors="1"/);
  });
});

describe('plan and doctor', () => {
  it('plan prints targets, variants and suites without side effects', async () => {
    const r = await runCli(['plan', '--profile', 'nightly']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Plan: profile nightly on target local');
    expect(r.stdout).toMatch(/Variants \(10\)/);
    expect(r.stdout).toContain('api/smoke');
    expect(existsSync(join(r.reportsDir, 'latest'))).toBe(false);
  });

  it('plan --shard splits variants deterministically and the shards cover the whole', async () => {
    const all = JSON.parse((await runCli(['plan', '--profile', 'nightly', '--json'])).stdout).variants.map((v: { name: string }) => v.name);
    const shards = await Promise.all([1, 2, 3].map((i) => runCli(['plan', '--profile', 'nightly', '--json', '--shard', `${i}/3`])));
    const names = shards.map((s) => JSON.parse(s.stdout).variants.map((v: { name: string }) => v.name) as string[]);
    expect(names.flat().sort()).toEqual([...all].sort());
    expect(new Set(names.flat()).size).toBe(all.length);
  });

  it('doctor --target kind on a machine without a Docker daemon says what is missing and how to get it (exit 3)', async () => {
    const r = await runCli(['doctor', '--target', 'kind']);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/✗ (docker|docker daemon|kind)/);
    expect(r.stdout).toMatch(/fix: /);
  });

  it('doctor --target local passes here', async () => {
    const r = await runCli(['doctor']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/✓ node/);
  });
});
