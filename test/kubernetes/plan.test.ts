// `plan` writes the ordered steps and every manifest it would apply, with no Docker and no cluster.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { createKindTarget } from '../../harness/targets/kind/kind-target.ts';
import { listProfiles, loadProfile } from '../../harness/variant/profile.ts';
import { validateManifests } from '../../harness/targets/kubernetes/validate.ts';
import type { KubeObject } from '../../harness/targets/kubernetes/kube-types.ts';
import { fakes, fixedSuiteWork, kubeconfigTarget, noDocker, variant, TEST_HOST, VERSIONS } from './helpers.ts';
import { runCli } from '../helpers/cli.ts';
import { formatEstimate } from '../../harness/targets/kubernetes/estimate.ts';

const SMALL = [
  variant('basic'),
  variant('mdc-um', { insecureEnableHTTP: true, servingCertificate: { type: 'UserManaged', userManagedOptions: { secretName: 'mdc-um-alternator-local-serving-certs' } } }, [{ name: 'dc1' }, { name: 'dc2' }]),
  variant('m-lwt-http', { writeIsolation: 'always_use_lwt', insecureEnableHTTP: true }),
  variant('um-other-name', { servingCertificate: { type: 'UserManaged', userManagedOptions: { secretName: 'alternator-user-serving-cert' } } }),
];

function planTarget() {
  // No provider, no connection, no download: any of them would throw.
  const boom = () => {
    throw new Error('plan must not connect or download');
  };
  return createKindTarget({ operator: { version: VERSIONS.operator }, parallelism: 2, host: TEST_HOST }, { provider: noDocker, connect: boom, fetchText: boom });
}

/** The plan directory as one readable document: steps.md, then each file. */
function readPlan(dir: string): string {
  const files = readdirSync(dir).sort();
  return [readFileSync(join(dir, 'steps.md'), 'utf8'), ...files.filter((f) => f !== 'steps.md').map((f) => `\n## ${f}\n\n\`\`\`yaml\n${readFileSync(join(dir, f), 'utf8')}\`\`\`\n`)].join('');
}

describe('plan --target kind', () => {
  it('writes steps.md and every manifest for a small profile (snapshot)', async () => {
    const h = fakes();
    const steps = await planTarget().plan(SMALL, { runId: 'plan-snap', reportsDir: h.reportsDir });
    const dir = join(h.reportsDir, 'plan-snap', 'plan');
    expect(steps.map((s) => s.step)).toEqual([
      'size the run for a host of 4 CPU(s), 16 GiB (--host)',
      'create kind cluster ae2e-plan-snap',
      'pre-pull 3 image(s) on the host and load them into ae2e-plan-snap',
      'install cert-manager v1.21.1 (server-side apply)',
      'install ScyllaDB Operator v1.21.1 (server-side apply)',
      'no NodeConfig: nothing on the host is tuned or changed',
      'deploy variant basic (rollout slot: at most 2 at once)',
      'deploy variant mdc-um (rollout slot: at most 2 at once)',
      'skip variant m-lwt-http: not applicable',
      'skip variant um-other-name: not applicable',
      'tear down (also after Ctrl-C)',
    ]);
    // ScyllaDB, the Manager agent and the operator, each pulled once on the host and loaded into kind.
    expect(steps[2]!.detail).toContain('docker pull docker.io/scylladb/scylla:2026.1.3 && kind load docker-image docker.io/scylladb/scylla:2026.1.3 --name ae2e-plan-snap');
    expect(steps[2]!.detail).toMatch(/docker pull docker\.io\/scylladb\/scylla-manager-agent:\S+ && kind load docker-image/);
    expect(steps[2]!.detail).toContain('docker pull docker.io/scylladb/scylla-operator:1.21.1 && kind load docker-image docker.io/scylladb/scylla-operator:1.21.1 --name ae2e-plan-snap');
    expect(steps.find((s) => s.step === 'skip variant um-other-name: not applicable')!.detail).toMatch(/always mounts Secret "um-other-name-alternator-local-serving-certs".*scylladb\/scylla-operator#2248/);
    await expect(readPlan(dir)).toMatchFileSnapshot('./__snapshots__/plan-kind-small.md');
  });

  it('every manifest file of the plan parses and validates', async () => {
    const h = fakes();
    await planTarget().plan(SMALL, { runId: 'plan-files', reportsDir: h.reportsDir });
    const dir = join(h.reportsDir, 'plan-files', 'plan');
    const objects = readdirSync(dir)
      .filter((f) => f.endsWith('.yaml') && !f.startsWith('00-'))
      .flatMap((f) => parseAllDocuments(readFileSync(join(dir, f), 'utf8')).map((d) => d.toJS() as KubeObject));
    // The UserManaged variant's Secret (under the name the operator mounts) in each datacenter, and its secret-name probe.
    expect(objects.map((o) => o.kind).sort()).toEqual(['ConfigMap', 'ConfigMap', 'ConfigMap', 'Namespace', 'Namespace', 'Namespace', 'ScyllaCluster', 'ScyllaCluster', 'ScyllaCluster', 'ScyllaCluster', 'Secret', 'Secret']);
    expect(objects.filter((o) => o.kind === 'Secret').map((o) => o.metadata.name)).toEqual(['mdc-um-alternator-local-serving-certs', 'mdc-um-alternator-local-serving-certs']);
    const probe = objects.filter((o) => o.metadata.name === 'ae2e-secret-name-probe');
    expect(validateManifests(objects.filter((o) => !probe.includes(o)), { allowPlaceholders: true })).toEqual([]);
    expect(validateManifests(probe, { allowAbsentUserSecret: true })).toEqual([]);
    // Namespaces carry the run id's suffix ("files" here).
    expect(objects.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name)).toEqual(['e2e-basic-files', 'e2e-mdc-um-dc1-files', 'e2e-mdc-um-dc2-files']);
    expect(readFileSync(join(dir, '00-kind-cluster.yaml'), 'utf8')).toContain('scylla-operator.scylladb.com/dedicated');
  });

  it('reuse and keep change only the cluster steps', async () => {
    const h = fakes();
    const t = createKindTarget({ operator: { version: VERSIONS.operator }, reuse: 'dev', keep: true, host: TEST_HOST }, { provider: noDocker });
    const steps = await t.plan([variant('basic')], { runId: 'r', reportsDir: h.reportsDir });
    expect(steps[1]!.step).toBe('reuse kind cluster dev (never created nor deleted by this run)');
    expect(steps.at(-1)!.detail).toBe(
      'keep the namespaces of every variant\nkeep kind cluster dev (reused)\nresults.json, junit.xml and the summary are written before teardown and rewritten after it; a second signal writes them as they stand and exits',
    );
    expect(existsSync(join(h.reportsDir, 'r', 'plan', '00-kind-cluster.yaml'))).toBe(false);
  });

  for (const name of listProfiles())
    it(`profile ${name}: a complete plan; every UserManaged ScyllaCluster names the Secret the operator mounts and the plan creates it; no host tuning`, async () => {
      const h = fakes();
      const p = loadProfile(name);
      const steps = await planTarget().plan(p.variants, { runId: `plan-${name}`, reportsDir: h.reportsDir });
      const deployed = steps.filter((s) => s.step.startsWith('deploy variant')).length;
      const skipped = steps.filter((s) => s.step.startsWith('skip variant')).length;
      expect(deployed + skipped).toBe(p.variants.length);
      const dir = join(h.reportsDir, `plan-${name}`, 'plan');
      const files = readdirSync(dir).filter((f) => /^\d+-/.test(f) && !/^(00|10)-/.test(f));
      expect(files).toHaveLength(deployed);
      expect(readdirSync(dir)).not.toContain('10-nodeconfig.yaml');
      const objects = files.flatMap((f) => parseAllDocuments(readFileSync(join(dir, f), 'utf8')).map((d) => d.toJS() as KubeObject));
      expect(objects.some((o) => o.kind === 'NodeConfig')).toBe(false);
      for (const sc of objects.filter((o) => o.kind === 'ScyllaCluster' && o.metadata.name !== 'ae2e-secret-name-probe')) {
        const spec = sc.spec as { scyllaArgs?: string; alternator?: { servingCertificate?: { type: string; userManagedOptions?: { secretName: string } } } };
        // Seastar's memory (resources.ts MEMBER) after the kind default reactor backend.
        expect(spec.scyllaArgs, sc.metadata.name).toBe('--reactor-backend=io_uring --memory=1280M --reserve-memory=512M');
        const cert = spec.alternator?.servingCertificate;
        if (cert?.type !== 'UserManaged') continue;
        expect(cert.userManagedOptions?.secretName).toBe(`${sc.metadata.name}-alternator-local-serving-certs`);
        expect(objects.some((o) => o.kind === 'Secret' && o.metadata.namespace === sc.metadata.namespace && o.metadata.name === cert.userManagedOptions?.secretName), sc.metadata.namespace).toBe(true);
      }
      if (name !== 'smoke') expect(skipped, 'nightly and release deploy every variant on kind').toBe(0);
    });
});

describe('plan --target kubeconfig', () => {
  it('connects instead of creating, verifies the operator instead of installing it', async () => {
    const h = fakes();
    const steps = await kubeconfigTarget(h).plan([variant('basic')], { runId: 'kc', reportsDir: h.reportsDir });
    expect(steps.map((s) => s.step)).toEqual([
      'size the run for a host of 4 CPU(s), 16 GiB (--host)',
      `connect to the cluster of kubeconfig ${join(h.reportsDir, 'kubeconfig')} (current context)`,
      'verify the cluster runs the ScyllaDB Operator (v1.21.1 expected)',
      'deploy variant basic (rollout slot: at most 4 at once)',
      'tear down (also after Ctrl-C)',
    ]);
    const yaml = readFileSync(join(h.reportsDir, 'kc', 'plan', '20-basic.yaml'), 'utf8');
    expect(yaml).not.toContain('tolerations');
  });
});

describe('the plan\'s expected wall time (harness/targets/kubernetes/estimate.ts)', () => {
  const phase = { workloads: ['a', 'c'], durationSeconds: 30, concurrency: 16, recordCount: 1000, distribution: 'zipfian' as const };

  it('counts rollouts per batch (datacenters one after the other), suites from the latency model per variant, load per workload and variant', () => {
    const t = createKindTarget({ operator: { version: VERSIONS.operator }, parallelism: 2, host: TEST_HOST }, { provider: noDocker });
    const vs = [variant('a'), variant('b', {}, [{ name: 'dc1' }, { name: 'dc2' }]), variant('c'), variant('lwt', { writeIsolation: 'always_use_lwt' })];
    // 10 files of 6 schema changes (0.25 s each: 1.5 s), 406 requests (0.001 s each), 10 PutItem through LWT (the
    // default isolation: 0.006 s each) and 1 s of waits: 2.966 s a file, 29.66 s a variant.
    const work = fixedSuiteWork(10, { CreateTable: 3, DeleteTable: 3, GetItem: 390, PutItem: 10 }, 1000);
    const e = t.estimate(vs, { ...work, load: phase });
    // Batches [a, b] and [c, lwt]; lwt is not applicable and costs nothing.
    // Suite files: one at a time per live variant on this host (2 with [a, b], 1 with [c]).
    expect(e).toMatchObject({ deployed: 3, batches: 2, rollouts: 2 * 4.5 + 4.5, suiteWorkers: [2, 1] });
    expect(e.suites).toBeCloseTo(Math.round(((2 * 29.66) / 2 + 29.66 / 1) / 6) / 10, 5);
    expect(formatEstimate(e)).toMatch(/suites 1 min \(2 suite file\(s\) at once in 1 batch\(es\), 1 in 1 batch\(es\); latency model .* one variant such as a: 29\.7 s \(schema changes 15\.0 s, LWT 0\.6 s, requests 4\.1 s, waits 10\.0 s\)\)/);
    expect(e.load).toBeCloseTo(3 * 2 * ((30 + 60 + 2) / 60), 1);
    expect(e.setUp).toBe(3 + 3 + 4 + 3);
    // The time limit prices a schema change at 2 s (UNCALIBRATED_LIMIT_LATENCY) until a calibration fits it: 13.466 s a
    // file, 134.66 s a variant, one variant's worth per batch; 3.5 min above the expected suites.
    expect(e.limitTotal).toBeCloseTo(e.total + (2 * 134.66 - 2 * 29.66) / 60, 1);
    expect(e.timeoutMinutes).toBe(Math.ceil(e.limitTotal * 1.25));
    expect(formatEstimate(e)).toMatch(/timeout-minutes ≥ \d+ \(×1\.25 headroom on \d+ min: the suites priced at 2 s a schema change, the slowest scylladb#7594 measured, until `plan --calibrate` fits it\)/);
    // A calibration that fitted the latency sets the limit on the expected time itself.
    const fitted = t.estimate(vs, { ...work, load: phase }, { constants: {}, latency: { schemaChangeSeconds: 0.25 }, source: 'a run' });
    expect(fitted.limitTotal).toBe(fitted.total);
    expect(fitted.timeoutMinutes).toBe(Math.ceil(fitted.total * 1.25));
    // load.variants: only the representative ones are loaded.
    expect(t.estimate(vs, { ...work, load: { ...phase, variants: ['c'] } }).load).toBeCloseTo(2 * ((30 + 60 + 2) / 60), 1);
    expect(t.estimate(vs, work).load).toBe(0);
  });

  it('a reused cluster is not created; kubeconfig neither creates nor (by default) installs', () => {
    const reuse = createKindTarget({ operator: { version: VERSIONS.operator }, reuse: 'dev', parallelism: 1, host: TEST_HOST }, { provider: noDocker });
    expect(reuse.estimate([variant('a')], { suites: [] }).setUp).toBe(3 + 4 + 3);
    expect(kubeconfigTarget(fakes()).estimate([variant('a')], { suites: [] }).setUp).toBe(3 + 3);
  });
});

describe('`load` alone deploys only the profile\'s representative load variants', () => {
  it('select in load mode narrows to load.variants; run keeps every variant', async () => {
    const { select } = await import('../../harness/cli/run-command.ts');
    const flags = { profile: 'release', target: 'kind', variant: [], suite: [], parallelism: 2 };
    expect((await select(flags, 'load')).variants.map((v) => v.name)).toEqual(loadProfile('release').variants.filter((v) => loadProfile('release').load!.variants!.includes(v.name)).map((v) => v.name));
    expect((await select(flags, 'load')).variants).toHaveLength(4);
    // 38: the full option matrix and two multi-DC variants on ScyllaDB 2026.1; 9 more: 3 other supported minors x 3.
    expect((await select(flags, 'run')).variants).toHaveLength(47);
  });
});

describe('plan --shards N: every shard\'s expected time', () => {
  it('refuses it with --shard, or more shards than variants, naming the flag (exit 2)', async () => {
    const both = await runCli(['plan', '--target', 'kind', '--profile', 'release', '--shards', '4', '--shard', '1/4']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('error: --shards: --shards and --shard both given');
    const many = await runCli(['plan', '--target', 'kind', '--profile', 'smoke', '--shards', '9']);
    expect(many.code).toBe(2);
    expect(many.stderr).toMatch(/error: --shards: must be a whole number from 1 to the \d+ variant\(s\) selected; got "9"/);
  }, 60_000);
});

