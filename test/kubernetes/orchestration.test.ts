// The kind/kubeconfig orchestration against the scripted fake API server: ordering, parallel rollout bound,
// timeouts with the last observed status, diagnostics before teardown, infrastructure retries, interrupts, reuse.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ProvisionError, ConfigError } from '../../harness/util/errors.ts';
import { KubeApiError } from '../../harness/targets/kubernetes/kube-api.ts';
import { InterruptedError, DiagnosedProvisionError } from '../../harness/targets/kubernetes/wait.ts';
import { fakes, kindTarget, kubeconfigTarget, variant, CERT_MANAGER_YAML } from './helpers.ts';
import { certificateFacts } from '../../harness/tls/ca.ts';
import { expectNoSecret, expectSameSecret } from '../helpers/secrets.ts';

const NODE_IMAGE = 'kindest/node:v1.36.1@sha256:3489c7674813ba5d8b1a9977baea8a6e553784dab7b84759d1014dbd78f7ebd5';
const webhookNotReady = () =>
  new KubeApiError(500, 'Internal error occurred: failed calling webhook "webhook.scylla.scylladb.com": failed to call webhook: Post "https://scylla-operator-webhook.scylla-operator.svc:443/validate?timeout=10s": dial tcp 10.96.0.12:443: connect: connection refused');

describe('kind target set-up', () => {
  it('creates the cluster (node image pinned by digest), then cert-manager, then the operator, each after the previous is ready; no NodeConfig', async () => {
    const h = fakes();
    const t = kindTarget(h);
    await t.setUp(h.ctx);
    expect(h.provider.calls[0]).toBe(`create ae2e-run-1 ${NODE_IMAGE}`);
    const applies = h.kube.calls.filter((c) => c.startsWith('apply') || c.startsWith('dry-run'));
    const idx = (s: string) => applies.findIndex((c) => c.includes(s));
    expect(idx('Deployment cert-manager/cert-manager-webhook')).toBeGreaterThanOrEqual(0);
    // The webhook probe (a dry run of an Issuer) comes after cert-manager's objects and before the operator's.
    expect(idx('dry-run Issuer default/alternator-e2e-webhook-probe')).toBeGreaterThan(idx('Deployment cert-manager/cert-manager-webhook'));
    expect(idx('Namespace scylla-operator')).toBeGreaterThan(idx('dry-run Issuer'));
    // As upstream's kind CI: nothing tunes or changes the host (hack/kind/run-e2e-tests.sh, hack/ci-deploy.sh).
    expect(idx('NodeConfig')).toBe(-1);
    // CRDs before the rest within one manifest set.
    expect(idx('CustomResourceDefinition scyllaclusters')).toBeLessThan(idx('Deployment scylla-operator/scylla-operator'));
    expect(h.fetched).toEqual([
      'https://github.com/cert-manager/cert-manager/releases/download/v1.21.1/cert-manager.yaml',
      'https://raw.githubusercontent.com/scylladb/scylla-operator/v1.21.1/deploy/operator.yaml',
    ]);
    // The released manifests carry a rolling tag: the run pins the version's image.
    const op = h.kube.objects().find((o) => o.kind === 'Deployment' && o.metadata.name === 'scylla-operator')!;
    expect(JSON.stringify(op)).toContain('docker.io/scylladb/scylla-operator:1.21.1');
    expect(JSON.stringify(op)).not.toContain(':latest');
  });

  it('pulls the ScyllaDB, agent and operator images once on the host and loads them into kind before installing the operator', async () => {
    const h = fakes();
    await kindTarget(h).setUp(h.ctx, [variant('a'), variant('b'), variant('c')]);
    const images = ['docker.io/scylladb/scylla:2026.1.3', expect.stringMatching(/^docker\.io\/scylladb\/scylla-manager-agent:\d+\.\d+\.\d+(@sha256:[0-9a-f]{64})?$/), 'docker.io/scylladb/scylla-operator:1.21.1'];
    const pulls = h.provider.calls.filter((c) => c.startsWith('pull '));
    const loads = h.provider.calls.filter((c) => c.startsWith('load '));
    expect(pulls).toEqual(images.map((i) => (typeof i === 'string' ? `pull ${i}` : expect.stringMatching(/^pull docker\.io\/scylladb\/scylla-manager-agent:/))));
    expect(loads).toEqual(images.map((i) => (typeof i === 'string' ? `load ${i} ae2e-run-1` : expect.stringMatching(/^load docker\.io\/scylladb\/scylla-manager-agent:\S+ ae2e-run-1$/))));
    // Into the cluster once it exists; one ScyllaDB image for three variants of one version.
    expect(h.provider.calls.indexOf(loads[0]!)).toBeGreaterThan(h.provider.calls.findIndex((c) => c.startsWith('create ')));
    expect(h.ctx.phases).toBeUndefined();
  });

  it('a pull that fails (rate limit) is a warning: the nodes pull that image themselves, the others are loaded', async () => {
    const h = fakes();
    h.provider.unpullable.add('docker.io/scylladb/scylla:2026.1.3');
    await kindTarget(h).setUp(h.ctx, [variant('a')]);
    expect(h.provider.calls.filter((c) => c.startsWith('load ')).map((c) => c.split(' ')[1])).not.toContain('docker.io/scylladb/scylla:2026.1.3');
    expect(h.provider.calls.filter((c) => c.startsWith('load '))).toHaveLength(2);
    expect(h.progress.find((p) => p.startsWith('warn docker pull docker.io/scylladb/scylla:2026.1.3 failed'))).toMatch(/the nodes will pull docker\.io\/scylladb\/scylla:2026\.1\.3 themselves$/);
  });

  it('records how long cluster creation, image loading, operator install, each rollout and cluster deletion took (results.json phases)', async () => {
    const h = fakes();
    const phases: NonNullable<typeof h.ctx.phases> = {};
    const ctx = { ...h.ctx, phases };
    const t = kindTarget(h);
    await t.setUp(ctx, [variant('timed', {}, [{ name: 'dc1' }, { name: 'dc2' }])]);
    const d = await t.deploy(variant('timed', {}, [{ name: 'dc1' }, { name: 'dc2' }]), ctx);
    await d.stop();
    await t.tearDown(ctx);
    // The virtual clock moves only while the fakes are polled: rollouts and the operator's wait take time, kind's fake none.
    expect(phases).toMatchObject({ clusterCreate: 0, imagePreload: 0, clusterDelete: 0 });
    expect(phases.operatorInstall).toBeGreaterThan(0);
    expect(phases.rollouts?.map((r) => [r.variant, r.datacenter])).toEqual([
      ['timed', 'dc1'],
      ['timed', 'dc2'],
    ]);
    for (const r of phases.rollouts!) {
      expect(r.rollout).toBeGreaterThan(0);
      expect(r.endpoint).toBeGreaterThanOrEqual(0);
    }
  });

  it('a NodeConfig only when asked, after the operator, tuning off unless asked too', async () => {
    const h = fakes();
    await kindTarget(h, { applyNodeConfig: true }).setUp(h.ctx);
    const applies = h.kube.calls.filter((c) => c.startsWith('apply'));
    expect(applies.indexOf('apply NodeConfig alternator-e2e')).toBeGreaterThan(applies.indexOf('apply Deployment scylla-operator/webhook-server'));
    const nc = h.kube.objects().find((o) => o.kind === 'NodeConfig')!;
    expect((nc.spec as { disableOptimizations?: boolean }).disableOptimizations).toBe(true);
  });

  it('loads a locally built operator image into kind and runs it instead of the released one', async () => {
    const h = fakes();
    await kindTarget(h, { operator: { version: 'v1.21.1', image: 'localhost/scylla-operator:dev' } }).setUp(h.ctx);
    expect(h.provider.calls).toContain('load localhost/scylla-operator:dev ae2e-run-1');
    const op = h.kube.objects().find((o) => o.kind === 'Deployment' && o.metadata.name === 'webhook-server')!;
    expect(JSON.stringify(op)).toContain('localhost/scylla-operator:dev');
  });

  it('retries cert-manager webhook probes until the webhook answers', async () => {
    const h = fakes();
    h.kube.failApplies((o, dry) => dry && o.kind === 'Issuer', [new KubeApiError(500, 'Internal error occurred: failed calling webhook "webhook.cert-manager.io": connection refused'), new KubeApiError(500, 'failed calling webhook: no endpoints available for service "cert-manager-webhook"')]);
    await kindTarget(h).setUp(h.ctx);
    expect(h.kube.calls.filter((c) => c.startsWith('dry-run Issuer'))).toHaveLength(3);
  });

  it('an operator that crash-loops fails set-up at once with a ProvisionError (exit 3) and leaves diagnostics', async () => {
    const h = fakes();
    h.kube.deployments.set('scylla-operator/scylla-operator', 'crash');
    const t = kindTarget(h);
    const e = await t.setUp(h.ctx).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ProvisionError);
    expect((e as ProvisionError).step).toBe('install operator');
    expect((e as Error).message).toMatch(/scylla-operator-abc12\/scylla-operator: CrashLoopBackOff, 5 restarts/);
    const dir = join(h.reportsDir, 'run-1', 'diagnostics', '_setup');
    expect((e as Error).message).toContain(dir);
    expect(readFileSync(join(dir, 'operator', 'scylla-operator', 'logs', 'scylla-operator-abc12', 'scylla-operator.previous.log'), 'utf8')).toContain('previous instance');
    expect(h.provider.calls.some((c) => c.startsWith('export-logs ae2e-run-1'))).toBe(true);
    // Failing fast: far less virtual time than the operator timeout went by.
    expect(h.clock.now()).toBeLessThan(60_000);
    await t.tearDown(h.ctx);
    expect(h.provider.calls).toContain('delete ae2e-run-1');
  });

  it('an operator Deployment that never becomes available times out with its last observed status', async () => {
    const h = fakes();
    h.kube.deployments.set('scylla-operator/webhook-server', 'never');
    const e = await kindTarget(h).setUp(h.ctx).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ProvisionError);
    expect((e as Error).message).toMatch(/timed out after 60s waiting for Deployment scylla-operator\/webhook-server to roll out; last observed: observedGeneration 1\/1, updated 1\/1, available 0\/1/);
  });

  it('an interrupted cluster creation still deletes the (retained) cluster on teardown', async () => {
    const h = fakes();
    h.provider.createBehaviour = 'hang';
    const t = kindTarget(h);
    const setUp = t.setUp(h.ctx).catch((x: unknown) => x);
    await new Promise((r) => setImmediate(r));
    h.controller.abort();
    expect(await setUp).toBeInstanceOf(Error);
    await t.tearDown(h.ctx);
    expect(h.provider.calls).toEqual([`create ae2e-run-1 ${NODE_IMAGE}`, 'delete ae2e-run-1']);
  });

  it('reuse neither creates nor deletes the cluster, and skips installing an operator that is already there', async () => {
    const h = fakes();
    h.provider.clusters.add('dev');
    h.kube.seed({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'scylla-operator', namespace: 'scylla-operator' }, spec: { replicas: 1, selector: { matchLabels: { app: 'op' } } } });
    h.kube.seed({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'webhook-server', namespace: 'scylla-operator' }, spec: { replicas: 1, selector: { matchLabels: { app: 'wh' } } } });
    for (const n of ['scyllaclusters.scylla.scylladb.com', 'nodeconfigs.scylla.scylladb.com'])
      h.kube.seed({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: n } });
    const t = kindTarget(h, { reuse: 'dev' });
    await t.setUp(h.ctx);
    const d = await t.deploy(variant('basic'), h.ctx);
    await d.stop();
    await t.tearDown(h.ctx);
    expect(h.provider.calls.filter((c) => /^(create|delete)/.test(c))).toEqual([]);
    expect(h.fetched).toEqual([]);
    expect(h.kube.calls).toContain('delete-namespace e2e-basic-1');
  });

  it('reusing a cluster that does not exist is a configuration error naming --reuse', async () => {
    const h = fakes();
    const e = await kindTarget(h, { reuse: 'nope' }).setUp(h.ctx).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ConfigError);
    expect((e as Error).message).toMatch(/--reuse: no kind cluster with that name; got "nope"/);
  });
});

describe('kind target deploy', () => {
  it('applies namespace, config, dry run, ScyllaCluster, waits for the rollout, then builds the endpoint', async () => {
    const h = fakes();
    const t = kindTarget(h);
    await t.setUp(h.ctx);
    h.kube.calls.length = 0;
    const d = await t.deploy(variant('basic', { insecureEnableHTTP: false }), h.ctx);
    const mine = h.kube.calls.filter((c) => /^(apply|dry-run|exec)/.test(c));
    expect(mine.slice(0, 5)).toEqual([
      'apply Namespace e2e-basic-1',
      'dry-run ConfigMap e2e-basic-1/scylladb-config',
      'dry-run ScyllaCluster e2e-basic-1/basic',
      'apply ConfigMap e2e-basic-1/scylladb-config',
      'apply ScyllaCluster e2e-basic-1/basic',
    ]);
    const dc = d.endpoint.datacenters[0]!;
    expect(dc.tlsServerName).toBe('basic-client.e2e-basic-1.svc');
    expect(dc.caBundlePem).toContain('BEGIN CERTIFICATE');
    expect(dc.credentials?.accessKeyId).toBe('cassandra');
    // The salted_hash the cluster holds: the one the run configured (auth_superuser_salted_password), read back by cqlsh.
    expectSameSecret(dc.credentials?.secretAccessKey, h.kube.cqlClusterOf('e2e-basic-1')!.saltedHashOf('cassandra')!, "the secret key (role cassandra's salted_hash)");
    // Every role the authorization suites need, each read back from system.roles (one member of role, LOGIN false).
    expect(dc.extraRoles?.map((r) => [r.accessKeyId, r.permissions, r.login])).toEqual([
      ['alternator_reader', ['SELECT'], undefined],
      ['alternator_writer', ['MODIFY'], undefined],
      ['alternator_creator', ['CREATE'], undefined],
      ['alternator_alterer', ['ALTER'], undefined],
      ['alternator_nologin', ['SELECT'], false],
    ]);
    expect(dc.httpUrl).toBeUndefined();
    expect(dc.httpProbeUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(dc.clientNames).toEqual({ dnsNames: ['basic-client.e2e-basic-1.svc', 'basic-dc1-a-0.e2e-basic-1.svc'], ipAddresses: ['10.96.1.1'] });
    expect(d.endpoint).toMatchObject({ target: 'kind', dataPlane: 'scylladb', apiProfile: 'alternator' });
    // The secret is never in a progress line.
    expectNoSecret(h.progress.join('\n'), h.kube.cqlClusterOf('e2e-basic-1')!.saltedHashOf('cassandra')!, 'a progress line');
    // HTTPS, the HTTP probe and one Prometheus port per member (metrics are counted where a request was coordinated).
    expect(dc.metricsUrls).toEqual([expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/)]);
    expect(h.forwarder.open).toBe(3);
    await d.stop();
    await d.stop();
    expect(h.forwarder.open).toBe(0);
    expect(h.kube.calls.filter((c) => c === 'delete-namespace e2e-basic-1')).toHaveLength(1);
  });

  it('multi-DC: the second datacenter is applied after the first rolled out, seeded with its pod IPs', async () => {
    const h = fakes();
    const t = kindTarget(h);
    await t.setUp(h.ctx);
    const d = await t.deploy(variant('mdc', {}, [{ name: 'dc1', members: 2 }, { name: 'dc2' }]), h.ctx);
    const c = h.kube.calls;
    const firstSeen = c.findIndex((x) => x === 'list-pods e2e-mdc-dc1-1');
    expect(c.indexOf('apply ScyllaCluster e2e-mdc-dc2-1/mdc')).toBeGreaterThan(c.indexOf('apply ScyllaCluster e2e-mdc-dc1-1/mdc'));
    expect(c.indexOf('apply ScyllaCluster e2e-mdc-dc2-1/mdc')).toBeGreaterThan(firstSeen);
    const dc2 = h.kube.objects().find((o) => o.kind === 'ScyllaCluster' && o.metadata.namespace === 'e2e-mdc-dc2-1')!;
    const dc1Pods = await h.kube.listPods('e2e-mdc-dc1-1', 'scylla/cluster=mdc');
    expect((dc2.spec as { externalSeeds: string[] }).externalSeeds).toEqual(dc1Pods.map((p) => p.status!.podIP).sort());
    expect(d.endpoint.datacenters.map((x) => [x.datacenter, x.tlsServerName])).toEqual([
      ['dc1', 'mdc-client.e2e-mdc-dc1-1.svc'],
      ['dc2', 'mdc-client.e2e-mdc-dc2-1.svc'],
    ]);
  });

  it('UserManaged: the harness is the CA; the Secret the operator mounts holds a certificate for the client Service name', async () => {
    const h = fakes();
    const t = kindTarget(h);
    await t.setUp(h.ctx);
    const d = await t.deploy(variant('um', { servingCertificate: { type: 'UserManaged', userManagedOptions: { secretName: 'um-alternator-local-serving-certs' } } }), h.ctx);
    const secret = h.kube.objects().find((o) => o.kind === 'Secret' && o.metadata.name === 'um-alternator-local-serving-certs')!;
    expect(secret).toMatchObject({ type: 'kubernetes.io/tls', metadata: { name: 'um-alternator-local-serving-certs', namespace: 'e2e-um-1' } });
    const certPem = Buffer.from((secret.data as Record<string, string>)['tls.crt']!, 'base64').toString();
    const dc = d.endpoint.datacenters[0]!;
    expect(dc.userCertificatePem).toBe(certPem);
    expect(certificateFacts(certPem).dnsNames).toContain(dc.tlsServerName);
    // The operator page's Step 1 URL is https://<clusterIP>:8043: the certificate names the address the operator gave the Service.
    const clusterIP = (h.kube.objects().find((o) => o.kind === 'Service' && o.metadata.name === 'um-client')!.spec as { clusterIP: string }).clusterIP;
    expect(certificateFacts(certPem).ipAddresses).toEqual([clusterIP]);
    expect(dc.clientNames.ipAddresses).toEqual([clusterIP]);
    // Known only once the operator made the Service: the ScyllaCluster is applied first, the Secret after.
    const applies = h.kube.calls.filter((c) => c.startsWith('apply '));
    expect(applies.indexOf('apply Secret e2e-um-1/um-alternator-local-serving-certs')).toBeGreaterThan(applies.indexOf('apply ScyllaCluster e2e-um-1/um'));
    expect(certificateFacts(certPem).issuer).toBe(certificateFacts(dc.caBundlePem).subject);
    expect(h.progress.join('\n')).not.toContain('PRIVATE KEY');
  });

  it('one secret-name probe per run: the first UserManaged variant carries it, the others share its observation', async () => {
    const h = fakes();
    const t = kindTarget(h, { parallelism: 3 });
    await t.setUp(h.ctx);
    const um = (n: string) => variant(n, { servingCertificate: { type: 'UserManaged', userManagedOptions: { secretName: `${n}-alternator-local-serving-certs` } } });
    const ds = await Promise.all([um('um1'), um('um2'), um('um3')].map((v) => t.deploy(v, h.ctx)));
    expect(h.kube.calls.filter((c) => /^apply ScyllaCluster .*\/ae2e-secret-name-probe$/.test(c))).toHaveLength(1);
    const observations = ds.map((d) => d.endpoint.operatorObservations?.userManagedSecretName);
    expect(observations[0]).toMatchObject({ requested: 'ae2e-probe-requested-serving-cert', mounted: 'ae2e-secret-name-probe-alternator-local-serving-certs' });
    expect(observations[1]).toEqual(observations[0]);
    expect(observations[2]).toEqual(observations[0]);
  });

  it('rolls out at most `parallelism` variants at once, and does run them in parallel', async () => {
    const h = fakes();
    const t = kindTarget(h, { parallelism: 2 });
    await t.setUp(h.ctx);
    const ds = await Promise.all(['v1', 'v2', 'v3', 'v4', 'v5'].map((n) => t.deploy(variant(n), h.ctx)));
    expect(ds).toHaveLength(5);
    expect(t.peakParallelRollouts).toBe(2);
    expect(h.kube.peakInflight).toBe(2);
  });

  it('retries the ScyllaCluster apply while the operator webhook is not ready (twice), then succeeds', async () => {
    const h = fakes();
    const t = kindTarget(h);
    await t.setUp(h.ctx);
    h.kube.failApplies((o, dry) => dry && o.kind === 'ScyllaCluster', [webhookNotReady(), webhookNotReady()]);
    const d = await t.deploy(variant('retry'), h.ctx);
    expect(d.endpoint.variant.name).toBe('retry');
    expect(h.kube.calls.filter((c) => c === 'dry-run ScyllaCluster e2e-retry-1/retry')).toHaveLength(3);
    expect(h.progress.filter((p) => p.startsWith('warn') && p.includes('failed calling webhook'))).toHaveLength(2);
  });

  it('does not retry a manifest the webhook denies', async () => {
    const h = fakes();
    const t = kindTarget(h);
    await t.setUp(h.ctx);
    h.kube.failApplies((o) => o.kind === 'ScyllaCluster', [new KubeApiError(422, 'admission webhook "webhook.scylla.scylladb.com" denied the request: spec.alternator.writeIsolation: Unsupported value')]);
    const e = await t.deploy(variant('denied'), h.ctx).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ProvisionError);
    expect((e as Error).message).toContain('denied the request');
    expect(h.kube.calls.filter((c) => c.includes('ScyllaCluster e2e-denied-1/denied'))).toHaveLength(1);
  });

  it('a variant that never becomes ready times out with its last status; diagnostics are written before the namespace is deleted', async () => {
    const h = fakes();
    const t = kindTarget(h, { timeouts: { rollout: 30 } });
    await t.setUp(h.ctx);
    // A slow start: scylla restarted once and never became ready.
    h.kube.stuck.set('e2e-stuck-1/stuck', { kind: 'restarted' });
    const e = await t.deploy(variant('stuck'), h.ctx).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ProvisionError);
    const msg = (e as Error).message;
    expect(msg).toMatch(/timed out after 30s waiting for ScyllaCluster e2e-stuck-1\/stuck to roll out/);
    // In the operator's words (fake-operator.ts progressingConditions: sync_statefulsets.go, AggregateStatusConditions).
    expect(msg).toMatch(
      /last observed: generation 1, observedGeneration 1, Available=False \(MembersNotReady: StatefulSetControllerAvailable: Only 0 out of 1 member\(s\) are ready\) Progressing=True \(WaitingForStatefulSetRollout: StatefulSetControllerProgressing: Waiting for StatefulSet "e2e-stuck-1\/stuck-dc1-a" to roll out\.\) Degraded=False, ready members 0\/1; pods: stuck-dc1-a-0 Running \[sidecar-injection, scylla not ready restarts=1/,
    );
    const dir = join(h.reportsDir, 'run-1', 'diagnostics', 'stuck');
    expect(msg).toContain(dir);
    expect((e as DiagnosedProvisionError).diagnosticsDir).toBe(dir);
    for (const f of ['index.md', 'scyllaclusters/e2e-stuck-1--stuck.yaml', 'namespaces/e2e-stuck-1/events.txt', 'namespaces/e2e-stuck-1/pods.txt', 'namespaces/e2e-stuck-1/logs/stuck-dc1-a-0/scylla.log', 'namespaces/e2e-stuck-1/logs/stuck-dc1-a-0/scylla.previous.log', 'namespaces/e2e-stuck-1/logs/stuck-dc1-a-0/scylla-manager-agent.log', 'operator/scylla-operator/logs/scylla-operator-abc12/scylla-operator.log'])
      expect(existsSync(join(dir, f)), f).toBe(true);
    expect(readFileSync(join(dir, 'scyllaclusters/e2e-stuck-1--stuck.yaml'), 'utf8')).toContain('Progressing');
    expect(readFileSync(join(dir, 'namespaces/e2e-stuck-1/events.txt'), 'utf8').split('\n')[0]).toContain('Created');
    const c = h.kube.calls;
    expect(c.lastIndexOf('logs e2e-stuck-1/stuck-dc1-a-0/scylla previous')).toBeLessThan(c.indexOf('delete-namespace e2e-stuck-1'));
  });

  it('an interrupt during a rollout stops waiting; teardown (with the aborted signal) deletes the cluster without waiting on namespaces', async () => {
    const h = fakes();
    const t = kindTarget(h);
    await t.setUp(h.ctx);
    h.kube.scScripts.push({ match: () => true, steps: ['progressing'] });
    const deploying = t.deploy(variant('cut'), h.ctx).catch((x: unknown) => x);
    while (!h.kube.calls.includes('apply ScyllaCluster e2e-cut-1/cut')) await new Promise((r) => setImmediate(r));
    h.controller.abort();
    expect(await deploying).toBeInstanceOf(InterruptedError);
    expect(existsSync(join(h.reportsDir, 'run-1', 'diagnostics', 'cut'))).toBe(false);
    await t.tearDown(h.ctx);
    // The cluster goes, and its namespaces with it: a cancelled CI job has seconds, not the namespace wait.
    expect(h.kube.calls.filter((c) => c.startsWith('delete-namespace'))).toEqual([]);
    expect(h.provider.calls.at(-1)).toBe('delete ae2e-run-1');
    expect(h.progress).toContain('step interrupted: not waiting for namespace(s) e2e-cut-1 (deleting the cluster removes them)');
  });

  it('an interrupt while teardown waits for namespaces stops the wait and deletes the cluster', async () => {
    const h = fakes();
    const t = kindTarget(h);
    await t.setUp(h.ctx);
    await t.deploy(variant('slow'), h.ctx);
    // Namespaces that stay terminating (finalizers, a preStop drain): the wait would last the teardown timeout.
    h.kube.namespaceTerminationGets = 1_000_000;
    h.clock.passing = async () => {
      if (h.progress.some((p) => p.includes('still terminating'))) h.controller.abort('SIGINT');
    };
    await t.tearDown(h.ctx);
    expect(h.kube.calls).toContain('delete-namespace e2e-slow-1');
    expect(h.provider.calls.at(-1)).toBe('delete ae2e-run-1');
    // Far less (virtual) time than the 300 s teardown timeout went by.
    expect(h.clock.now()).toBeLessThan(10_000);
  });

  it('a reused cluster is not deleted: an interrupted teardown still deletes its namespaces and waits for them', async () => {
    const h = fakes();
    h.provider.clusters.add('dev');
    const t = kindTarget(h, { reuse: 'dev' });
    await t.setUp(h.ctx);
    await t.deploy(variant('kept'), h.ctx);
    h.kube.namespaceTerminationGets = 3;
    h.controller.abort('SIGINT');
    await t.tearDown(h.ctx);
    expect(h.kube.calls).toContain('delete-namespace e2e-kept-1');
    expect(h.progress).toContain('waiting 1 namespace(s) still terminating: e2e-kept-1');
    expect(h.kube.isTerminatingNamespace('e2e-kept-1')).toBe(false);
  });

  it('a hanging namespace deletion does not stop teardown from deleting the cluster', async () => {
    const h = fakes();
    const t = kindTarget(h, { timeouts: { teardown: 1 } });
    await t.setUp(h.ctx);
    await t.deploy(variant('hang'), h.ctx);
    h.kube.deleteNamespace = () => new Promise<void>(() => undefined);
    const e = await t.tearDown(h.ctx).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ProvisionError);
    expect((e as Error).message).toBe('teardown incomplete: deleting the namespaces of the run did not finish within 1s');
    expect(h.provider.calls.at(-1)).toBe('delete ae2e-run-1');
  });

  it('--keep leaves namespaces and the cluster in place', async () => {
    const h = fakes();
    const t = kindTarget(h, { keep: true });
    await t.setUp(h.ctx);
    const d = await t.deploy(variant('kept'), h.ctx);
    await d.stop();
    await t.tearDown(h.ctx);
    expect(h.kube.calls.filter((c) => c.startsWith('delete-namespace'))).toEqual([]);
    expect(h.provider.calls.filter((c) => c.startsWith('delete'))).toEqual([]);
    expect(h.progress.some((p) => p.includes('kind delete cluster --name ae2e-run-1'))).toBe(true);
  });

  it('retries reading credentials while authentication is being set up, and never puts the hash in errors', async () => {
    const h = fakes();
    const t = kindTarget(h);
    await t.setUp(h.ctx);
    h.kube.cqlshFailures = 2;
    const d = await t.deploy(variant('auth'), h.ctx);
    expectSameSecret(d.endpoint.datacenters[0]!.credentials?.secretAccessKey, h.kube.cqlClusterOf(d.endpoint.datacenters[0]!.tlsServerName!.split('.')[1]!)!.saltedHashOf('cassandra')!, 'the secret key read after cqlsh failed twice');
    h.kube.cqlshFailures = 1000;
    const e = await t.deploy(variant('noauth'), h.ctx).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ProvisionError);
    expect((e as Error).message).toMatch(/could not read the salted_hash of role "cassandra".*Unable to connect/);
  });

  it('refuses to deploy a variant the operator would reject', async () => {
    const h = fakes();
    const t = kindTarget(h);
    await t.setUp(h.ctx);
    const e = await t.deploy(variant('lwt', { writeIsolation: 'always_use_lwt' }), h.ctx).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ConfigError);
    expect(h.kube.calls.some((c) => c.includes('e2e-lwt'))).toBe(false);
  });
});

describe('kubeconfig target', () => {
  it('verifies an operator is running instead of installing one, and fails clearly when there is none', async () => {
    const h = fakes();
    writeFileSync(join(h.reportsDir, 'kubeconfig'), CERT_MANAGER_YAML);
    const e = await kubeconfigTarget(h).setUp(h.ctx).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ProvisionError);
    expect((e as Error).message).toMatch(/does not run the ScyllaDB Operator.*installOperator: true/);
    expect(h.kube.calls.filter((c) => c.startsWith('apply'))).toEqual([]);
  });

  it('installs the operator when asked, deploys, and never deletes the cluster', async () => {
    const h = fakes();
    writeFileSync(join(h.reportsDir, 'kubeconfig'), 'apiVersion: v1\n');
    const t = kubeconfigTarget(h, { installOperator: true });
    await t.setUp(h.ctx);
    const d = await t.deploy(variant('kc'), h.ctx);
    expect(d.endpoint.target).toBe('kubeconfig');
    const sc = h.kube.objects().find((o) => o.kind === 'ScyllaCluster')!;
    // No dedicated nodes on an arbitrary cluster unless asked; the cluster's default StorageClass.
    expect(JSON.stringify(sc)).not.toContain('tolerations');
    expect(JSON.stringify(sc)).not.toContain('storageClassName');
    await t.tearDown(h.ctx);
    expect(h.kube.calls).toContain('delete-namespace e2e-kc-1');
  });

  it('a missing kubeconfig is a configuration error naming the fix', async () => {
    const h = fakes();
    const e = await kubeconfigTarget(h).setUp(h.ctx).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ConfigError);
    expect((e as Error).message).toMatch(/kubeconfig not found.*fix: pass --kubeconfig PATH or set KUBECONFIG/);
  });
});
