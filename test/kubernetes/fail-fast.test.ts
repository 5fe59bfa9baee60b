// What the first real kind run needs from the Kubernetes path, proved against the scripted fake API server and a
// virtual clock: pods that cannot start fail their variant at once in the cluster's words (status line, JUnit),
// namespaces are unique per run and waited out, diagnostics hold the operator's own objects, and the UserManaged
// secret-name limitation (scylladb/scylla-operator#2248) is observed, reproduced or lifted.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ProvisionError } from '../../harness/util/errors.ts';
import { DiagnosedProvisionError } from '../../harness/targets/kubernetes/wait.ts';
import { executeRun } from '../../harness/run/run.ts';
import type { Profile } from '../../harness/variant/profile.ts';
import { secretNameOutcome } from '../../harness/endpoint/operator-observations.ts';
import { missingObjectOf } from '../../harness/targets/kubernetes/conditions.ts';
import { fakes, kindTarget, kubeconfigTarget, readyKindTarget, variant } from './helpers.ts';
import { PRESTOP_SLEEP_SECONDS } from './fake-operator.ts';
import { writeFileSync } from 'node:fs';

const UM = (name: string) => variant(name, { servingCertificate: { type: 'UserManaged', userManagedOptions: { secretName: `${name}-alternator-local-serving-certs` } } });
const MOUNT_MESSAGE = 'MountVolume.SetUp failed for volume "scylla-config-volume" : configmap "site-scylla-yaml" not found';

describe('a pod that cannot start fails its variant at once, in the cluster\'s words', () => {
  it('FailedMount of a ConfigMap nobody creates: fails in under a minute of fake time with the event text', async () => {
    const h = fakes();
    const t = await readyKindTarget(h);
    h.kube.stuck.set('e2e-fm-1/fm', { kind: 'mount', message: MOUNT_MESSAGE });
    const t0 = h.clock.now();
    const e = await t.deploy(variant('fm'), h.ctx).catch((x: unknown) => x);
    const took = h.clock.now() - t0;
    expect(e).toBeInstanceOf(DiagnosedProvisionError);
    expect((e as Error).message).toContain(MOUNT_MESSAGE);
    expect((e as Error).message).toMatch(/pod fm-dc1-a-0 cannot mount a volume \(FailedMount for 4\ds; ConfigMap site-scylla-yaml still does not exist\)/);
    expect(took).toBeLessThan(60_000);
    // Far from the rollout timeout (the operator's e2e budget, 630 s for one member).
    expect((e as ProvisionError).step).toBe('rollout fm/dc1');
    expect(existsSync(join((e as DiagnosedProvisionError).diagnosticsDir, 'namespaces', 'e2e-fm-1', 'events.txt'))).toBe(true);
    expect(readFileSync(join((e as DiagnosedProvisionError).diagnosticsDir, 'namespaces', 'e2e-fm-1', 'events.txt'), 'utf8')).toContain(MOUNT_MESSAGE);
  });

  it('the run reports it: status line and JUnit carry the event text, the variant is a provisioning failure', async () => {
    const h = fakes();
    h.kube.now = () => h.clock.now();
    h.kube.stuck.set('e2e-fm-1/fm', { kind: 'mount', message: MOUNT_MESSAGE });
    const profile: Profile = { name: 'p', file: 'p.yaml', suites: [], variants: [variant('fm')] };
    const out = await executeRun({ profile, variants: profile.variants, suites: [], target: kindTarget(h), reportsDir: h.reportsDir, progress: h.ctx.progress, signal: h.ctx.signal, runId: 'run-1', out: { write: () => true } as unknown as NodeJS.WritableStream });
    expect(out.result.variants[0]!.provisioning).toMatchObject({ status: 'failed', step: 'rollout fm/dc1', message: expect.stringContaining(MOUNT_MESSAGE) });
    expect(h.progress.find((p) => p.startsWith('warn variant fm could not be deployed'))).toContain(MOUNT_MESSAGE);
    expect(readFileSync(join(out.runDir, 'junit.xml'), 'utf8')).toContain('configmap &quot;site-scylla-yaml&quot; not found');
  });

  it('a FailedMount on a Secret the operator creates is waited for: the variant rolls out once the operator made it', async () => {
    const h = fakes();
    const t = await readyKindTarget(h);
    h.kube.stuck.set('e2e-slow-1/slow', { kind: 'mount', message: 'MountVolume.SetUp failed for volume "scylladb-serving-certs" : secret "slow-local-serving-certs" not found' });
    // The operator's certificate sync lags (a busy machine): the Secret appears after 100 s.
    h.clock.passing = async () => {
      if (h.clock.now() >= 100_000 && h.kube.stuck.has('e2e-slow-1/slow')) {
        h.kube.stuck.delete('e2e-slow-1/slow');
        h.kube.seed({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'slow-local-serving-certs', namespace: 'e2e-slow-1' }, type: 'kubernetes.io/tls', data: {} });
      }
    };
    const d = await t.deploy(variant('slow'), h.ctx);
    expect(d.endpoint.variant.name).toBe('slow');
    expect(h.clock.now()).toBeGreaterThan(100_000);
  });

  it('a FailedMount whose object exists by now is not fatal (the kubelet mounts it on its next retry)', async () => {
    const h = fakes();
    const t = await readyKindTarget(h, { timeouts: { rollout: 120 } });
    h.kube.stuck.set('e2e-late-1/late', { kind: 'mount', message: 'MountVolume.SetUp failed for volume "v" : configmap "late-cm" not found' });
    h.kube.seed({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'e2e-late-1' } });
    h.kube.seed({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'late-cm', namespace: 'e2e-late-1' }, data: {} });
    const e = await t.deploy(variant('late'), h.ctx).catch((x: unknown) => x);
    // It never started in the fake, so it times out at last: but it was not failed early as a missing object.
    expect((e as Error).message).toMatch(/timed out after 120s waiting for ScyllaCluster e2e-late-1\/late/);
  });

  it('CrashLoopBackOff: fails at once with the container\'s reason, last exit and back-off message', async () => {
    const h = fakes();
    const t = await readyKindTarget(h);
    h.kube.stuck.set('e2e-crash-1/crash', { kind: 'crash', message: 'back-off 1m20s restarting failed container=scylla pod=crash-dc1-a-0' });
    const e = await t.deploy(variant('crash'), h.ctx).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DiagnosedProvisionError);
    expect((e as Error).message).toMatch(/crash-dc1-a-0\/scylla: CrashLoopBackOff, 4 restarts \(last: Error, exit 1; back-off 1m20s restarting failed container=scylla pod=crash-dc1-a-0\)/);
    expect(h.clock.now()).toBeLessThan(30_000);
  });

  it('blocked on node tuning (a NodeConfig the kind run did not ask for): fails after 45 s naming the NodeConfig', async () => {
    const h = fakes();
    const t = await readyKindTarget(h);
    h.kube.stuck.set('e2e-tuned-1/tuned', { kind: 'tuning', nodeConfig: 'cluster-wide-tuning' });
    const t0 = h.clock.now();
    const e = await t.deploy(variant('tuned'), h.ctx).catch((x: unknown) => x);
    expect((e as Error).message).toMatch(/pod tuned-dc1-a-0 is blocked on node tuning by NodeConfig cluster-wide-tuning for 4\ds \(ConfigMap nodeconfig-podinfo-uid-e2e-tuned-1-tuned-0;/);
    // 45 s to give up, then the namespace goes once the running scylla container's preStop hook has drained and slept
    // 15 s (resource.go StatefulSetForRack, played by fake-operator.ts): still far from the 630 s rollout budget.
    expect(h.clock.now() - t0).toBeLessThan(60_000 + PRESTOP_SLEEP_SECONDS.default * 1000);
    // The tuning ConfigMap is in the diagnostics: what the pod waits on.
    const dir = (e as DiagnosedProvisionError).diagnosticsDir;
    expect(readFileSync(join(dir, 'namespaces', 'e2e-tuned-1', 'tuning', 'tuned-dc1-a-0.yaml'), 'utf8')).toContain('blockingNodeConfigs');
  });

  it('on a kubeconfig cluster, where tuning is the admin\'s, a pod may wait for it as long as a NodeConfig takes (600 s)', async () => {
    const h = fakes();
    writeFileSync(join(h.reportsDir, 'kubeconfig'), 'apiVersion: v1\n');
    const t = kubeconfigTarget(h, { installOperator: true, timeouts: { rollout: 300 } });
    await t.setUp(h.ctx);
    h.kube.stuck.set('e2e-tuned-1/tuned', { kind: 'tuning' });
    const e = await t.deploy(variant('tuned'), h.ctx).catch((x: unknown) => x);
    expect((e as Error).message).toMatch(/timed out after 300s waiting for ScyllaCluster e2e-tuned-1\/tuned/);
  });

  it('reads what a FailedMount says is missing', () => {
    expect(missingObjectOf('MountVolume.SetUp failed for volume "a" : secret "b-c" not found')).toEqual({ kind: 'Secret', name: 'b-c' });
    expect(missingObjectOf(MOUNT_MESSAGE)).toEqual({ kind: 'ConfigMap', name: 'site-scylla-yaml' });
    expect(missingObjectOf('Unable to attach or mount volumes: unmounted volumes=[data]: timed out waiting for the condition')).toBeUndefined();
  });
});

describe('namespaces: unique per run, never applied into while terminating, gone after teardown', () => {
  it('a namespace of that name still terminating from an earlier run is waited out before anything is applied', async () => {
    const h = fakes();
    const t = await readyKindTarget(h);
    h.kube.seedTerminatingNamespace('e2e-again-1', 5);
    h.kube.calls.length = 0;
    const d = await t.deploy(variant('again'), h.ctx);
    expect(d.endpoint.variant.name).toBe('again');
    expect(h.progress).toContain('waiting namespace e2e-again-1 is still terminating (an earlier run\'s); waiting until it is gone');
    // The fake refuses new content in a terminating namespace (403, not retried): the deploy only worked because it waited.
    expect(h.kube.calls.filter((c) => c.startsWith('apply') || c.startsWith('dry-run'))[0]).toBe('apply Namespace e2e-again-1');
  });

  it('without that wait the API server would refuse it (the fake is faithful)', async () => {
    const h = fakes();
    h.kube.seedTerminatingNamespace('e2e-x-1', 5);
    const e = await h.kube.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'e2e-x-1' }, data: {} }).catch((x: unknown) => x);
    expect((e as Error).message).toBe('configmaps "c" is forbidden: unable to create new content in namespace e2e-x-1 because it is being terminated');
  });

  it('two runs on one cluster use different namespaces', async () => {
    const h = fakes();
    const a = await readyKindTarget(h);
    await a.deploy(variant('same'), { ...h.ctx, runId: '20261202T010101Z-aaaa' });
    await a.deploy(variant('same'), { ...h.ctx, runId: '20261202T020202Z-bbbb' });
    const nss = h.kube.objects().filter((o) => o.kind === 'Namespace' && o.metadata.name.startsWith('e2e-same')).map((o) => o.metadata.name);
    expect(nss.sort()).toEqual(['e2e-same-aaaa', 'e2e-same-bbbb']);
  });

  it('stop and teardown wait until the namespaces are gone, with progress', async () => {
    const h = fakes();
    const t = await readyKindTarget(h);
    h.kube.namespaceTerminationGets = 4;
    const d = await t.deploy(variant('gone'), h.ctx);
    await d.stop();
    expect(h.kube.isTerminatingNamespace('e2e-gone-1')).toBe(false);
    expect(h.kube.has({ apiVersion: 'v1', kind: 'Namespace', name: 'e2e-gone-1' })).toBe(false);
    expect(h.progress).toContain('waiting 1 namespace(s) still terminating: e2e-gone-1');
    await t.deploy(variant('left'), h.ctx);
    await t.tearDown(h.ctx);
    expect(h.kube.has({ apiVersion: 'v1', kind: 'Namespace', name: 'e2e-left-1' })).toBe(false);
    expect(h.provider.calls.at(-1)).toBe('delete ae2e-run-1');
  });

  it('a namespace that never goes away bounds teardown, which still deletes the cluster and says what is left', async () => {
    const h = fakes();
    const t = await readyKindTarget(h, { timeouts: { teardown: 30 } });
    await t.deploy(variant('stays'), h.ctx);
    h.kube.namespaceTerminationGets = 1e9;
    const e = await t.tearDown(h.ctx).catch((x: unknown) => x);
    expect((e as Error).message).toMatch(/teardown incomplete: timed out after 30s waiting for namespace\(s\) e2e-stays-1 to be deleted; last observed: still terminating: e2e-stays-1/);
    expect(h.provider.calls.at(-1)).toBe('delete ae2e-run-1');
  });
});

describe('diagnostics hold the operator\'s own objects', () => {
  it('ScyllaDBDatacenters, every NodeConfig, the node tuning namespace', async () => {
    const h = fakes();
    const t = await readyKindTarget(h, { timeouts: { rollout: 20 } });
    h.kube.seed({ apiVersion: 'scylla.scylladb.com/v1alpha1', kind: 'NodeConfig', metadata: { name: 'cluster-wide-tuning' }, spec: { placement: {} } });
    h.kube.seed({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'scylla-operator-node-tuning' } });
    h.kube.seed({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'e2e-diag-1' } });
    h.kube.seed({ apiVersion: 'scylla.scylladb.com/v1alpha1', kind: 'ScyllaDBDatacenter', metadata: { name: 'diag', namespace: 'e2e-diag-1' }, status: { conditions: [{ type: 'Progressing', status: 'True', reason: 'StatefulSetControllerProgressing' }] } });
    h.kube.scScripts.push({ match: (ns) => ns === 'e2e-diag-1', steps: ['progressing'] });
    const e = await t.deploy(variant('diag'), h.ctx).catch((x: unknown) => x);
    const dir = (e as DiagnosedProvisionError).diagnosticsDir;
    expect(readFileSync(join(dir, 'nodeconfigs.yaml'), 'utf8')).toContain('cluster-wide-tuning');
    expect(readFileSync(join(dir, 'scylladbdatacenters', 'e2e-diag-1--diag.yaml'), 'utf8')).toContain('StatefulSetControllerProgressing');
    expect(existsSync(join(dir, 'operator', 'scylla-operator-node-tuning', 'events.txt'))).toBe(true);
    expect(h.kube.calls).toContain('list-pods scylla-operator-node-tuning');
    // The scylla.yaml ConfigMap (it holds the superuser's salted hash) is never dumped.
    expect(readFileSync(join(dir, 'index.md'), 'utf8')).not.toContain('scylladb-config');
  });

  it('set-up diagnostics hold them too', async () => {
    const h = fakes();
    h.kube.deployments.set('scylla-operator/scylla-operator', 'crash');
    h.kube.seed({ apiVersion: 'scylla.scylladb.com/v1alpha1', kind: 'NodeConfig', metadata: { name: 'leftover' }, spec: { placement: {} } });
    const e = await kindTarget(h).setUp(h.ctx).catch((x: unknown) => x);
    const dir = (e as DiagnosedProvisionError).diagnosticsDir;
    expect(readFileSync(join(dir, 'nodeconfigs.yaml'), 'utf8')).toContain('leftover');
    expect(existsSync(join(dir, 'operator', 'scylla-operator-node-tuning', 'pods.txt'))).toBe(true);
  });
});

describe('UserManaged: the Secret the operator mounts, and the check that notices when #2248 is fixed', () => {
  it('today (v1.21.1): the probe sees the default name, a reproduced limitation', async () => {
    const h = fakes();
    const t = await readyKindTarget(h);
    const d = await t.deploy(UM('um'), h.ctx);
    const probe = h.kube.objects().find((o) => o.kind === 'ScyllaCluster' && o.metadata.name === 'ae2e-secret-name-probe')!;
    expect(probe.metadata.namespace).toBe('e2e-um-1');
    const o = d.endpoint.operatorObservations!.userManagedSecretName!;
    expect(o).toMatchObject({ requested: 'ae2e-probe-requested-serving-cert', defaultName: 'ae2e-secret-name-probe-alternator-local-serving-certs', mounted: 'ae2e-secret-name-probe-alternator-local-serving-certs' });
    expect(secretNameOutcome(o)).toMatchObject({ reproduced: true, lifted: false });
    // The variant's own ScyllaCluster names the Secret the harness created.
    const sc = h.kube.objects().find((x) => x.kind === 'ScyllaCluster' && x.metadata.name === 'um')!;
    expect(JSON.stringify(sc.spec)).toContain('"secretName":"um-alternator-local-serving-certs"');
    expect(h.kube.has({ apiVersion: 'v1', kind: 'Secret', namespace: 'e2e-um-1', name: 'um-alternator-local-serving-certs' })).toBe(true);
  });

  it('once the operator honours the field: a lifted limitation', async () => {
    const h = fakes();
    h.kube.secretNameBehaviour = 'requested';
    const t = await readyKindTarget(h);
    const d = await t.deploy(UM('um'), h.ctx);
    expect(secretNameOutcome(d.endpoint.operatorObservations!.userManagedSecretName!)).toMatchObject({ reproduced: false, lifted: true });
  });

  it('when nothing can be seen, the variant still deploys and the observation says why', async () => {
    const h = fakes();
    h.kube.secretNameBehaviour = 'no-statefulset';
    const t = await readyKindTarget(h);
    const d = await t.deploy(UM('um'), h.ctx);
    const o = d.endpoint.operatorObservations!.userManagedSecretName!;
    expect(o.mounted).toBeUndefined();
    expect(secretNameOutcome(o)).toEqual({ notObserved: expect.stringMatching(/could not observe .*timed out after 120s waiting for StatefulSet e2e-um-1\/ae2e-secret-name-probe-dc1-a; last observed: not created yet/) });
  });

  it('no probe for other variants, and none in the endpoint', async () => {
    const h = fakes();
    const t = await readyKindTarget(h);
    const d = await t.deploy(variant('om'), h.ctx);
    expect(d.endpoint.operatorObservations).toBeUndefined();
    expect(h.kube.calls.some((c) => c.includes('ae2e-secret-name-probe'))).toBe(false);
  });
});
