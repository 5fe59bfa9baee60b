// `cleanup --target kubeconfig|kind` on the fakes: only what carries the harness's marks is deleted (namespaces
// labelled by manifests.ts, clusters named by defaultClusterName), --run-id narrows, --dry-run deletes nothing.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { cleanupKindClusters, cleanupNamespaces, connectKubeconfig, isHarnessClusterName, KIND_CLUSTER_PREFIX } from '../../harness/cli/cleanup-clusters.ts';
import { runCleanup } from '../../harness/cli/cleanup-command.ts';
import { KubeApiError } from '../../harness/targets/kubernetes/kube-api.ts';
import { datacenterUnits, namespaceManifest, LABELS, MANAGED_BY } from '../../harness/targets/kubernetes/manifests.ts';
import { defaultClusterName } from '../../harness/targets/kind/kind-target.ts';
import { KindCli } from '../../harness/targets/kind/cluster-provider.ts';
import type { Runner } from '../../harness/targets/kubernetes/run-command.ts';
import { ConfigError, ProvisionError } from '../../harness/util/errors.ts';
import { FakeKube } from './fake-kube.ts';
import { FakeProvider, variant } from './helpers.ts';
import { runCli } from '../helpers/cli.ts';
import { projectRoot } from '../../harness/util/paths.ts';
import { longestJobTimeoutMinutes } from '../../harness/ci/workflows.ts';

const RUN_A = '20261125T142419Z-ab12';
const RUN_B = '20261124T080000Z-cd34';

function sink() {
  const s = new PassThrough();
  let text = '';
  s.on('data', (d: Buffer) => (text += d.toString()));
  return { out: s, text: () => text };
}

/** A cluster with two runs' namespaces, made by the real manifest generator, next to namespaces that are not ours. */
function clusterWithLeftovers() {
  const kube = new FakeKube();
  const runA = datacenterUnits(variant('cleanup-a', {}, [{ name: 'dc1' }, { name: 'dc2' }]), RUN_A).map((u) => namespaceManifest(u, RUN_A));
  const runB = datacenterUnits(variant('cleanup-b'), RUN_B).map((u) => namespaceManifest(u, RUN_B));
  for (const ns of [...runA, ...runB]) kube.seed(ns);
  const foreign = {
    prod: {},
    'helm-app': { [LABELS.managedBy]: 'Helm' },
    // Carries our run-id label but not managed-by: not proof enough that the harness created it.
    impostor: { [LABELS.runId]: RUN_A },
  };
  for (const [name, labels] of Object.entries(foreign)) kube.seed({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
  // A deleted namespace terminates for a while: cleanup only has to start its deletion.
  const namespaces = () => kube.objects().filter((o) => o.kind === 'Namespace' && !kube.isTerminatingNamespace(o.metadata.name)).map((o) => o.metadata.name).sort();
  return { kube, runA: runA.map((n) => n.metadata.name), runB: runB.map((n) => n.metadata.name), kept: ['default', 'kube-system', ...Object.keys(foreign)], namespaces };
}

describe('cleanup --target kubeconfig', () => {
  it('deletes every namespace labelled managed-by=alternator-e2e and nothing else', async () => {
    const c = clusterWithLeftovers();
    expect(c.runA).toHaveLength(2);
    const s = sink();
    const deleted = await cleanupNamespaces({ kube: c.kube, where: 'fake', dryRun: false, out: s.out });
    expect(deleted).toEqual([...c.runA, ...c.runB].sort());
    expect(c.namespaces()).toEqual([...c.kept].sort());
    expect(c.kube.calls.filter((x) => x.startsWith('delete-namespace')).sort()).toEqual(deleted.map((n) => `delete-namespace ${n}`));
    expect(c.kube.calls).toContain(`list-namespaces ${LABELS.managedBy}=${MANAGED_BY}`);
    for (const n of deleted) expect(s.text()).toMatch(new RegExp(`^deleting namespace ${n} \\(run `, 'm'));
  });

  it('--run-id narrows to the namespaces of that run', async () => {
    const c = clusterWithLeftovers();
    const deleted = await cleanupNamespaces({ kube: c.kube, where: 'fake', runId: RUN_A, dryRun: false, out: sink().out });
    expect(deleted).toEqual([...c.runA].sort());
    expect(c.namespaces()).toEqual([...c.kept, ...c.runB].sort());
  });

  it('--dry-run lists what would be deleted and deletes nothing', async () => {
    const c = clusterWithLeftovers();
    const before = c.namespaces();
    const s = sink();
    const listed = await cleanupNamespaces({ kube: c.kube, where: 'fake', dryRun: true, out: s.out });
    expect(listed).toEqual([...c.runA, ...c.runB].sort());
    expect(c.namespaces()).toEqual(before);
    expect(c.kube.calls.some((x) => x.startsWith('delete-namespace'))).toBe(false);
    for (const n of listed) expect(s.text()).toContain(`would delete namespace ${n}`);
    for (const n of c.kept) expect(s.text()).not.toContain(` ${n} `);
  });

  it('a server that ignores the label selector still cannot widen what is deleted', async () => {
    const c = clusterWithLeftovers();
    const everything = c.kube.listNamespaces.bind(c.kube, '');
    c.kube.listNamespaces = () => everything();
    const deleted = await cleanupNamespaces({ kube: c.kube, where: 'fake', runId: RUN_B, dryRun: false, out: sink().out });
    expect(deleted).toEqual(c.runB);
    expect(c.namespaces()).toEqual([...c.kept, ...c.runA].sort());
  });

  it('an unreachable or silent API server is a ProvisionError naming the cluster', async () => {
    const kube = new FakeKube();
    kube.listNamespaces = () => Promise.reject(new KubeApiError(0, 'connect ECONNREFUSED 127.0.0.1:6443'));
    const e = await cleanupNamespaces({ kube, where: 'kc.yaml (context ctx)', dryRun: true, out: sink().out }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ProvisionError);
    expect((e as Error).message).toMatch(/cannot list namespaces on the cluster of kc\.yaml \(context ctx\): connect ECONNREFUSED/);
    kube.listNamespaces = () => new Promise(() => undefined);
    const hung = await cleanupNamespaces({ kube, where: 'kc.yaml', dryRun: true, out: sink().out, timeoutMs: 20 }).catch((x: unknown) => x);
    expect(hung).toBeInstanceOf(ProvisionError);
    expect((hung as Error).message).toMatch(/no answer within/);
  });

  it('the real client against a closed 127.0.0.1 port: ProvisionError, no secret in the message', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'alte2e-cleanup-kc-')), 'config');
    const token = 'sekret-token-value';
    writeFileSync(
      file,
      `apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: 'https://127.0.0.1:1'}}]\ncontexts: [{name: ctx, context: {cluster: c, user: u}}]\ncurrent-context: ctx\nusers: [{name: u, user: {token: ${token}}}]\n`,
    );
    const { kube, where } = connectKubeconfig({ kubeconfig: file });
    expect(where).toBe(`${file} (context ctx)`);
    const e = await cleanupNamespaces({ kube, where, dryRun: true, out: sink().out }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ProvisionError);
    expect((e as Error).message).toMatch(/ECONNREFUSED/);
    expect((e as Error).message).not.toContain(token);
    // Bad input is a ConfigError naming the field, before any request.
    expect(() => connectKubeconfig({ kubeconfig: file, context: 'other' })).toThrow(/^context: context not in .*allowed: ctx/);
    expect(() => connectKubeconfig({ kubeconfig: join(tmpdir(), 'no-such-kubeconfig') })).toThrow(ConfigError);
  });

  it('runCleanup wires the flags through and rejects flags of other targets and bad run ids', async () => {
    const c = clusterWithLeftovers();
    const s = sink();
    const n = await runCleanup({ target: 'kubeconfig', runId: RUN_B, kubeconfig: 'kc', context: 'ctx' }, { out: s.out, connect: () => ({ kube: c.kube, where: 'fake' }) });
    expect(n).toBe(1);
    expect(c.namespaces()).toEqual([...c.kept, ...c.runA].sort());
    expect(s.text()).toMatch(/1 namespace\(s\) removed/);
    await expect(runCleanup({ target: 'kubeconfig', runId: 'not a run id!' }, { connect: () => ({ kube: c.kube, where: 'fake' }) })).rejects.toThrow(/^run-id: not a run id/);
    await expect(runCleanup({ target: 'kind', kubeconfig: 'kc' }, { provider: new FakeProvider() })).rejects.toThrow(/^kubeconfig: --kubeconfig does not apply to --target kind/);
    await expect(runCleanup({ target: 'endpoint', runId: RUN_A })).rejects.toThrow(ConfigError);
    await expect(runCleanup({ target: 'cluster' as 'kind' })).rejects.toThrow(/^target: unknown cleanup target/);
  });
});

describe('cleanup --target kind', () => {
  const generatedA = defaultClusterName(RUN_A);
  const generatedB = defaultClusterName(RUN_B);
  const others = ['kind', 'ae2e', 'my-ae2e-cluster', 'ae2e-Upper', 'dev'];
  function provider() {
    const p = new FakeProvider();
    for (const n of [generatedA, generatedB, ...others]) p.clusters.add(n);
    return p;
  }

  it('the names it recognises are the ones defaultClusterName generates', () => {
    expect(generatedA.startsWith(KIND_CLUSTER_PREFIX)).toBe(true);
    for (const id of [RUN_A, 'A_Very.Long.Run.Id.With.Many.Characters-0123456789-and-more', 'x--']) expect(isHarnessClusterName(defaultClusterName(id))).toBe(true);
    for (const n of others) expect(isHarnessClusterName(n)).toBe(false);
  });

  // Run A started 2026-11-25 14:24:19 UTC, run B 2026-11-24 08:00:00 UTC; "now" is fixed, never the wall clock.
  const NOW = Date.UTC(2026, 10, 25, 16, 0, 0);
  const MIN_AGE = 167;

  it('deletes only the ae2e-<run id> clusters, with --all, and only those older than the longest job timeout', async () => {
    const p = provider();
    const s = sink();
    const deleted = await cleanupKindClusters({ provider: p, all: true, dryRun: false, out: s.out, minAgeMinutes: MIN_AGE, now: NOW + 2 * 60 * 60_000 });
    expect(deleted).toEqual([generatedA, generatedB].sort());
    expect([...p.clusters].sort()).toEqual([...others].sort());
    expect(p.calls.filter((c) => c.startsWith('delete')).sort()).toEqual(deleted.map((n) => `delete ${n}`));
    expect(s.text()).toContain(`deleting kind cluster ${generatedA} (run started 2026-11-25T14:24:19.000Z, 215 min ago)`);
  });

  it('without --all or --run-id it only lists, whatever their age', async () => {
    const p = provider();
    const s = sink();
    expect(await cleanupKindClusters({ provider: p, dryRun: false, out: s.out, minAgeMinutes: MIN_AGE, now: NOW + 24 * 60 * 60_000 })).toEqual([]);
    expect(p.calls.filter((c) => c.startsWith('delete'))).toEqual([]);
    expect(s.text().split('\n').filter(Boolean)).toEqual([`kind cluster ${generatedB} (run started 2026-11-24T08:00:00.000Z, 3360 min ago)`, `kind cluster ${generatedA} (run started 2026-11-25T14:24:19.000Z, 1535 min ago)`]);
    const out = sink();
    expect(await runCleanup({ target: 'kind' }, { provider: p, out: out.out, minAgeMinutes: MIN_AGE })).toBe(0);
    expect(out.text()).toMatch(/nothing deleted: pass --all \(every cluster listed, older than 167 min\) or --run-id ID \(that run's\)\n$/);
    expect(p.clusters.size).toBe(2 + others.length);
  });

  it('never deletes a cluster younger than the longest job timeout (a concurrent run\'s), even with --all or --run-id', async () => {
    const p = provider();
    const s = sink();
    // 95 min after run A started: A may still run; B (a day older) may not.
    const deleted = await cleanupKindClusters({ provider: p, all: true, dryRun: false, out: s.out, minAgeMinutes: MIN_AGE, now: NOW });
    expect(deleted).toEqual([generatedB]);
    expect(p.clusters.has(generatedA)).toBe(true);
    expect(s.text()).toContain(`keeping kind cluster ${generatedA} (run started 2026-11-25T14:24:19.000Z, 95 min ago): younger than the longest job timeout (167 min), it may belong to a run still going; \`kind delete cluster --name ${generatedA}\` removes it`);
    expect(await cleanupKindClusters({ provider: p, runId: RUN_A, dryRun: false, out: sink().out, minAgeMinutes: MIN_AGE, now: NOW })).toEqual([]);
    expect(p.clusters.has(generatedA)).toBe(true);
    // A harness-shaped name without a run time: its age is unknown, so it is kept too.
    p.clusters.add('ae2e-mine');
    const t = sink();
    expect(await cleanupKindClusters({ provider: p, all: true, dryRun: false, out: t.out, minAgeMinutes: MIN_AGE, now: NOW })).toEqual([]);
    expect(t.text()).toContain('keeping kind cluster ae2e-mine (age unknown (no run time in its name))');
  });

  it('the longest job timeout is read from the shipped workflows', () => {
    const limits = ['nightly.yml', 'release.yml'].flatMap((f) => [...readFileSync(join(projectRoot(), '.github', 'workflows', f), 'utf8').matchAll(/^ {4}timeout-minutes: (\d+)$/gm)].map((m) => Number(m[1])));
    expect(longestJobTimeoutMinutes()).toBe(Math.max(...limits));
  });

  it('--run-id narrows to that run\'s cluster; --dry-run deletes nothing', async () => {
    const p = provider();
    const later = NOW + 24 * 60 * 60_000;
    expect(await cleanupKindClusters({ provider: p, runId: RUN_B, dryRun: false, out: sink().out, minAgeMinutes: MIN_AGE, now: later })).toEqual([generatedB]);
    expect(p.clusters.has(generatedA)).toBe(true);
    const q = provider();
    const s = sink();
    expect(await cleanupKindClusters({ provider: q, all: true, dryRun: true, out: s.out, minAgeMinutes: MIN_AGE, now: later })).toEqual([generatedA, generatedB].sort());
    expect(q.calls.some((c) => c.startsWith('delete'))).toBe(false);
    expect(q.clusters.size).toBe(2 + others.length);
    expect(s.text()).toContain(`would delete kind cluster ${generatedB}`);
    const n = await runCleanup({ target: 'kind', all: true, dryRun: true }, { provider: q, out: sink().out, minAgeMinutes: 0 });
    expect(n).toBe(2);
  });

  it('KindCli lists with `kind get clusters` and deletes with `kind delete cluster --name`', async () => {
    const ran: string[] = [];
    const run: Runner = async (cmd, args) => {
      ran.push([cmd, ...args].join(' '));
      return args[0] === 'get' ? { code: 0, stdout: `${generatedA}\nkind\n`, stderr: '' } : { code: 0, stdout: '', stderr: '' };
    };
    const deleted = await cleanupKindClusters({ provider: new KindCli('kind', run), all: true, dryRun: false, out: sink().out, minAgeMinutes: 0 });
    expect(deleted).toEqual([generatedA]);
    expect(ran).toEqual(['kind get clusters', `kind delete cluster --name ${generatedA}`]);
    const missing: Runner = () => Promise.reject(Object.assign(new Error('spawn kind ENOENT'), { code: 'ENOENT' }));
    await expect(cleanupKindClusters({ provider: new KindCli('kind', missing), dryRun: true, out: sink().out, minAgeMinutes: 0 })).rejects.toThrow(/"kind" not found on PATH/);
  });

  it('spawned CLI without kind on PATH: exit 3 naming kind', async () => {
    const emptyPath = mkdtempSync(join(tmpdir(), 'alte2e-nopath-'));
    const r = await runCli(['cleanup', '--target', 'kind', '--dry-run'], { env: { PATH: emptyPath }, timeoutMs: 60_000 });
    expect(r.stderr).toMatch(/"kind" not found on PATH; install kind/);
    expect(r.code).toBe(3);
    expect(r.stdout).not.toMatch(/would delete/);
  }, 60_000);
});
