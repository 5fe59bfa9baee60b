// `--workers N` on the Kubernetes targets: a deployment built through the fake API server offers loadCluster;
// runLoad then applies Indexed Jobs in the variant's namespace whose pods (run in-process by the fake, from the
// environment the manifest gives them, the Secret resolved as the kubelet would) load a fake HTTPS endpoint
// that stands behind the client Service's name. The harness merges the pods' shards from their logs.
import { describe, it, expect, afterEach } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakes, kindTarget, kubeconfigTarget, variant, type Harness } from './helpers.ts';
import type { KubeObject } from '../../harness/targets/kubernetes/kube-types.ts';
import type { Deployment } from '../../harness/targets/target.ts';
import { LOAD_CREDENTIALS_SECRET } from '../../harness/targets/kubernetes/cluster-load.ts';
import { runLoad } from '../../harness/load/run-load.ts';
import { runPodWorker } from '../../harness/load/kubernetes/pod-worker.ts';
import { ENV, type WorkerPlan } from '../../harness/load/kubernetes/worker-plan.ts';
import { parseShardLines } from '../../harness/load/shard.ts';
import { decodeHistogram as decode } from '../../harness/load/histograms.ts';
import { startFakeEndpoint, type FakeEndpoint } from '../../harness/load/fake-endpoint.ts';
import { createCA, issueServingCertificate } from '../../harness/tls/ca.ts';
import type { Endpoint } from '../../harness/endpoint/contract.ts';
import { expectNoSecret, expectSameSecret } from '../helpers/secrets.ts';

const SERVICE = 'v-client.e2e-v-1.svc';
const IN_CLUSTER_URL = `https://${SERVICE}:8043`;

let fe: FakeEndpoint | undefined;
afterEach(() => fe?.close());

/**
 * An HTTPS fake endpoint whose certificate names the client Service, signed by a CA of the test, that accepts only
 * requests signed with the superuser's salted_hash as the deployed cluster holds it (fake-cql.ts).
 */
async function serviceEndpoint(h: Harness) {
  const creds = { accessKeyId: 'cassandra', secretAccessKey: h.kube.cqlClusterOf('e2e-v-1')!.saltedHashOf('cassandra')! };
  const ca = await createCA('test CA');
  const cert = await issueServingCertificate(ca, { commonName: SERVICE, dnsNames: [SERVICE], ipAddresses: [] });
  fe = await startFakeEndpoint({ tls: cert, verify: creds });
  return { ca: ca.certPem, fe, creds };
}

/** The harness reaches the datacenter through its port-forward: here, straight to the fake endpoint. */
const forwarded = (d: Deployment, url: string, caPem: string): Endpoint => ({
  ...d.endpoint,
  datacenters: d.endpoint.datacenters.map((dc) => ({ ...dc, httpsUrl: url, caBundlePem: caPem })),
});

/** Pods run the real worker; cluster DNS sends the Service name to the fake endpoint, and TLS still verifies that name. */
function runPods(h: Harness, url: string, plans: WorkerPlan[], logs: Map<string, string>) {
  h.kube.jobPod = async (job, index, env) => {
    const plan = JSON.parse(env[ENV.plan]!) as WorkerPlan;
    plans.push(plan);
    const route = <T extends { endpoint: { url: string; servername?: string } }>(s: T): T =>
      s.endpoint.url === IN_CLUSTER_URL ? { ...s, endpoint: { ...s.endpoint, url, servername: SERVICE } } : s;
    const routed = { ...plan, ...(plan.insert ? { insert: plan.insert.map(route) } : {}), ...(plan.run ? { run: plan.run.map(route) } : {}) };
    let log = '';
    const out = (l: string) => (log += `${l}\n`);
    const code = await runPodWorker({ ...env, [ENV.plan]: JSON.stringify(routed) }, { stdout: out, stderr: out });
    logs.set(`${job.metadata.name}/${index}`, log);
    return { log, code };
  };
  // Virtual time passes only once the pods' work is done: polling sees them finish, with no wall-clock wait.
  h.clock.passing = () => h.kube.jobsSettled();
}

async function deployed(h: Harness, target: ReturnType<typeof kindTarget>) {
  await target.setUp(h.ctx);
  return target.deploy(variant('v'), h.ctx);
}

const jobsOf = (h: Harness) => h.kube.objects().filter((o) => o.kind === 'Job');
type JobSpec = { parallelism: number; completions: number; completionMode: string; template: { spec: { containers: Array<{ image: string; env: Array<{ name: string; value?: string; valueFrom?: unknown }> }> } } };
const specOf = (j: KubeObject) => j.spec as JobSpec;

describe('--workers on a Kubernetes deployment', () => {
  it('kind: runs the Jobs with parallelism 3 in the variant namespace and merges the 3 pods\' histograms', async () => {
    const h = fakes();
    const t = kindTarget(h);
    expect(t.clusterLoad).toBe(true);
    const d = await deployed(h, t);
    expect(d.loadCluster).toBeTypeOf('function');
    const { ca, fe: ep, creds } = await serviceEndpoint(h);
    const plans: WorkerPlan[] = [];
    const logs = new Map<string, string>();
    runPods(h, ep.url, plans, logs);

    const cluster = await d.loadCluster!({ workers: 3, datacenter: 'dc1', name: 'load-A-0-run-1' });
    expect(cluster).toMatchObject({ namespace: 'e2e-v-1', workers: 3, image: 'localhost/alternator-e2e:dev', inClusterUrl: IN_CLUSTER_URL, credentialsSecret: { name: LOAD_CREDENTIALS_SECRET } });
    const report = await runLoad({
      endpoint: forwarded(d, ep.url, ca),
      workload: 'A',
      recordCount: 60,
      durationSeconds: 1,
      concurrency: 6,
      rate: 240,
      cluster: { ...cluster, startDelaySeconds: 0.2 },
    });

    // Two Indexed Jobs (insert, then the measured phase), 3 pods each, in the variant's namespace.
    const jobs = jobsOf(h);
    expect(jobs.map((j) => `${j.metadata.namespace}/${j.metadata.name}`)).toEqual(['e2e-v-1/load-a-0-run-1-insert', 'e2e-v-1/load-a-0-run-1-run']);
    for (const j of jobs) {
      expect(specOf(j)).toMatchObject({ parallelism: 3, completions: 3, completionMode: 'Indexed' });
      const c = specOf(j).template.spec.containers[0]!;
      expect(c.image).toBe('localhost/alternator-e2e:dev');
      const env = Object.fromEntries(c.env.map((e) => [e.name, e]));
      expect(env[ENV.accessKeyId]).toEqual({ name: ENV.accessKeyId, valueFrom: { secretKeyRef: { name: LOAD_CREDENTIALS_SECRET, key: 'accessKeyId' } } });
      expect(env[ENV.secretAccessKey]).toEqual({ name: ENV.secretAccessKey, valueFrom: { secretKeyRef: { name: LOAD_CREDENTIALS_SECRET, key: 'secretAccessKey' } } });
      expectNoSecret(JSON.stringify(j), creds.secretAccessKey, `Job ${j.metadata!.name}`);
    }
    // The credentials live only in the Secret, which the pods resolved (the fake endpoint checked every signature).
    const secret = h.kube.objects().find((o) => o.kind === 'Secret' && o.metadata.name === LOAD_CREDENTIALS_SECRET)!;
    expect(secret.metadata.namespace).toBe('e2e-v-1');
    expectSameSecret(Buffer.from((secret.data as Record<string, string>).secretAccessKey!, 'base64').toString(), creds.secretAccessKey, 'the Secret\'s secretAccessKey');
    expect(ep.stats.badSignatures).toBe(0);
    // Pods were given the in-cluster URL and the CA bundle, never credentials.
    expect(plans).toHaveLength(6);
    for (const p of plans) {
      expect(p.caPem).toBe(ca);
      for (const s of [...(p.insert ?? []), ...(p.run ?? [])]) expect(s.endpoint.url).toBe(IN_CLUSTER_URL);
      expectNoSecret(JSON.stringify(p), creds.secretAccessKey, 'a worker plan');
    }
    // The kind target loaded the local image once.
    expect(h.provider.calls.filter((c) => c.startsWith('load localhost/alternator-e2e:dev'))).toEqual(['load localhost/alternator-e2e:dev ae2e-run-1']);

    // The report is the merge of the three pods' shards: counts and histograms add up exactly.
    const shards = [0, 1, 2].flatMap((i) => parseShardLines(logs.get(`load-a-0-run-1-run/${i}`) ?? '', `pod ${i}`));
    expect(shards.map((s) => s.worker).sort()).toEqual(['pod-0', 'pod-1', 'pod-2']);
    expect(shards.every((s) => Object.values(s.operations).some((o) => o.count > 0))).toBe(true);
    expect(report.parameters).toMatchObject({ workers: 3, url: IN_CLUSTER_URL });
    expect(report.loadPhase?.records).toBe(60);
    const sum = (op: string) => shards.reduce((n, s) => n + (s.operations[op]?.count ?? 0), 0);
    expect(report.totals.count).toBe(sum('read') + sum('update'));
    expect(report.totals.count).toBe((ep.counts.get('GetItem') ?? 0) + (ep.counts.get('UpdateItem') ?? 0));
    for (const op of ['read', 'update']) {
      const merged = report.operations[op]!;
      expect(merged.count).toBe(sum(op));
      expect(decode(merged.histogram.data).totalCount).toBe(sum(op));
      expect(shards.reduce((n, s) => n + (s.operations[op] ? decode(s.operations[op].histogram).totalCount : 0), 0)).toBe(sum(op));
      const maxUs = Math.max(...shards.map((s) => (s.operations[op] ? decode(s.operations[op].histogram).maxValue : 0)));
      expect(decode(merged.histogram.data).maxValue).toBe(maxUs);
    }

    // A second workload reuses the Secret and the loaded image.
    await d.loadCluster!({ workers: 2, datacenter: 'dc1', name: 'load-C-1-run-1' });
    expect(h.kube.calls.filter((c) => c === `apply Secret e2e-v-1/${LOAD_CREDENTIALS_SECRET}`)).toHaveLength(1);
    expect(h.provider.calls.filter((c) => c.startsWith('load localhost/'))).toHaveLength(1);
    await expect(d.loadCluster!({ workers: 2, datacenter: 'dc9', name: 'x' })).rejects.toThrow(/datacenter.*dc9.*allowed: dc1/);
    await d.stop();
  }, 30_000);

  it('kubeconfig: a Job that never completes fails at its deadline with the last state', async () => {
    const h = fakes();
    writeFileSync(join(h.reportsDir, 'kubeconfig'), 'apiVersion: v1\n');
    const t = kubeconfigTarget(h, { installOperator: true, loadImage: 'registry.example/alternator-e2e:1.0' });
    const d = await deployed(h, t);
    const { ca, fe: ep } = await serviceEndpoint(h);
    // No pod ever starts (unschedulable): the Job stays active.
    h.kube.jobPod = undefined;
    const cluster = await d.loadCluster!({ workers: 2, datacenter: 'dc1', name: 'load-C-0-run-1' });
    expect(cluster.image).toBe('registry.example/alternator-e2e:1.0');
    await expect(
      runLoad({ endpoint: forwarded(d, ep.url, ca), workload: 'C', durationSeconds: 1, skipLoadPhase: true, cluster: { ...cluster, startDelaySeconds: 0, slackSeconds: 60 } }),
    ).rejects.toThrow(/load Job e2e-v-1\/load-c-0-run-1-run did not complete: timed out after \d+s waiting for Job e2e-v-1\/load-c-0-run-1-run; last observed: active 2, succeeded 0\/2, failed 0; pods: no pods/);
    expect(ep.counts.has('GetItem')).toBe(false);
    await d.stop();
  }, 30_000);

  it('a pod that cannot start (its Secret key is missing) fails the Job at once, naming the reason; kind pulls a registry image', async () => {
    const h = fakes();
    const d = await deployed(h, kindTarget(h, { loadImage: 'ghcr.io/example/alternator-e2e:1.0' }));
    const { ca, fe: ep } = await serviceEndpoint(h);
    runPods(h, ep.url, [], new Map());
    const cluster = await d.loadCluster!({ workers: 2, datacenter: 'dc1', name: 'load-C-0-run-1' });
    expect(h.provider.calls.filter((c) => c.startsWith('load ') && c.includes('alternator-e2e'))).toEqual([]);
    // Someone replaced the Secret without the secret key.
    await h.kube.apply({ apiVersion: 'v1', kind: 'Secret', metadata: { name: LOAD_CREDENTIALS_SECRET, namespace: 'e2e-v-1' }, type: 'Opaque', data: { accessKeyId: 'Y2Fzc2FuZHJh' } });
    const start = h.clock.now();
    await expect(
      runLoad({ endpoint: forwarded(d, ep.url, ca), workload: 'C', durationSeconds: 1, skipLoadPhase: true, cluster: { ...cluster, startDelaySeconds: 0 } }),
    ).rejects.toThrow(/did not complete: .*CreateContainerConfigError/);
    // Failing fast: far less virtual time than the Job's deadline went by.
    expect(h.clock.now() - start).toBeLessThan(60_000);
    await d.stop();
  }, 30_000);
});
