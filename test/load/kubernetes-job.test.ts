// --workers N on Kubernetes: the Job manifests, and the orchestration proved with a fake Kubernetes
// boundary that runs each pod's worker in-process from the environment the manifest gives it.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { spawn } from 'node:child_process';
import type { V1Job } from '@kubernetes/client-node';
import { startFakeEndpoint, type FakeEndpoint } from '../../harness/load/fake-endpoint.ts';
import { runLoad } from '../../harness/load/run-load.ts';
import { loadJobManifest } from '../../harness/load/kubernetes/job-manifest.ts';
import { runPodWorker } from '../../harness/load/kubernetes/pod-worker.ts';
import { runPlan, ENV } from '../../harness/load/kubernetes/worker-plan.ts';
import type { KubernetesLoadBoundary, JobOutcome, ClusterLoadOptions } from '../../harness/load/kubernetes/orchestrate.ts';
import { parseShardLines } from '../../harness/load/shard.ts';
import { projectRoot } from '../../harness/util/paths.ts';
import { endpointFor } from './endpoint-fixture.ts';
import { expectNoSecret } from '../helpers/secrets.ts';

const creds = { accessKeyId: 'alternator', secretAccessKey: 'k8s-secret-value-5a1b' };

/** A fake cluster: a Secret store, and Jobs whose pods run runPodWorker with the manifest's environment. */
class FakeCluster implements KubernetesLoadBoundary {
  jobs: V1Job[] = [];
  private runs = new Map<string, Promise<Array<{ pod: string; log: string; code: number }>>>();
  constructor(
    private secrets: Record<string, Record<string, string>>,
    private sabotage?: (pod: number, env: Record<string, string>) => Record<string, string>,
  ) {}

  async applyJob(job: V1Job): Promise<void> {
    this.jobs.push(structuredClone(job));
    const spec = job.spec!;
    const container = spec.template.spec!.containers[0]!;
    const pods = Array.from({ length: spec.completions! }, async (_, index) => {
      let env: Record<string, string> = { [ENV.index]: String(index) };
      for (const e of container.env ?? []) {
        const ref = e.valueFrom?.secretKeyRef;
        const value = ref ? this.secrets[ref.name ?? '']?.[ref.key] : e.value;
        if (value === undefined) throw new Error(`pod ${index}: ${e.name} refers to a missing Secret key`);
        env[e.name] = value;
      }
      if (this.sabotage) env = this.sabotage(index, env);
      let log = '';
      const code = await runPodWorker(env, { stdout: (l) => (log += `${l}\n`), stderr: (l) => (log += `${l}\n`) });
      return { pod: `${job.metadata!.name}-${index}-abcde`, log, code };
    });
    this.runs.set(job.metadata!.name!, Promise.all(pods));
  }

  async waitJobComplete(name: string): Promise<JobOutcome> {
    const pods = await this.runs.get(name)!;
    const failed = pods.filter((p) => p.code !== 0).length;
    return failed ? { succeeded: false, message: `BackoffLimitExceeded: ${failed} pod(s) failed` } : { succeeded: true };
  }

  async podLogs(jobName: string) {
    return (await this.runs.get(jobName)!).map(({ pod, log }) => ({ pod, log }));
  }
}

let fe: FakeEndpoint;
beforeEach(async () => {
  fe = await startFakeEndpoint({ verify: creds });
});
afterEach(() => fe.close());

const cluster = (boundary: KubernetesLoadBoundary, over: Partial<ClusterLoadOptions> = {}): ClusterLoadOptions => ({
  boundary,
  namespace: 'alternator-e2e-load',
  workers: 3,
  image: 'registry.example/alternator-e2e:dev',
  inClusterUrl: fe.url,
  credentialsSecret: { name: 'load-credentials' },
  jobName: 'Load A run-1',
  startDelaySeconds: 0.2,
  ...over,
});

describe('load on Kubernetes with --workers', () => {
  it('runs the insert and measured phases as Indexed Jobs and merges every pod\'s shard', async () => {
    // The harness reaches the cluster through a forwarded address (only for the table); pods use the in-cluster URL.
    const forwarded = await startFakeEndpoint({ verify: creds });
    const k8s = new FakeCluster({ 'load-credentials': { ...creds } });
    const report = await runLoad({
      endpoint: endpointFor(forwarded.url, { credentials: creds }),
      workload: 'A',
      recordCount: 110,
      durationSeconds: 1,
      concurrency: 6,
      rate: 300,
      cluster: cluster(k8s),
    }).finally(() => forwarded.close());
    expect([...forwarded.counts.keys()].sort()).toEqual(['CreateTable', 'DeleteTable', 'DescribeTable']);
    expect(fe.counts.has('CreateTable')).toBe(false);
    expect(report.parameters.url).toBe(fe.url);
    expect(k8s.jobs.map((j) => j.metadata!.name)).toEqual(['load-a-run-1-insert', 'load-a-run-1-run']);
    for (const job of k8s.jobs) {
      expect(job.spec).toMatchObject({ completionMode: 'Indexed', completions: 3, parallelism: 3, backoffLimit: 0 });
      expectNoSecret(JSON.stringify(job), creds.secretAccessKey, `Job ${job.metadata!.name}`);
      expect(job.metadata!.namespace).toBe('alternator-e2e-load');
    }
    expect(fe.stats.badSignatures).toBe(0);
    // Insert: 110 records in slices 37/37/36 -> each slice one batch of 25 and 12 or 11 puts.
    expect(fe.counts.get('BatchWriteItem')).toBe(3);
    expect(fe.counts.get('PutItem')).toBe(110 - 75);
    expect(report.loadPhase?.records).toBe(110);
    // Run: every pod's operations are in the merged report.
    expect(report.parameters.workers).toBe(3);
    expect(report.totals.scheduled).toBe(300);
    expect(report.totals.count).toBe((fe.counts.get('GetItem') ?? 0) + (fe.counts.get('UpdateItem') ?? 0));
    expect(report.totals.count).toBe(300);
    // Lanes connect on first use: at least one per pod, and no reconnects (never more than the 6 lanes).
    expect(report.totals.connects).toBeGreaterThanOrEqual(3);
    expect(report.totals.connects).toBeLessThanOrEqual(6);
  });

  it('fails the run with the pods\' last log lines when a pod fails, and when a pod reports nothing', async () => {
    const noSecret = new FakeCluster({ 'load-credentials': { ...creds } }, (pod, env) => (pod === 1 ? { ...env, [ENV.secretAccessKey]: '' } : env));
    const opts = { endpoint: endpointFor(fe.url, { credentials: creds }), workload: 'C', recordCount: 30, durationSeconds: 0.3, concurrency: 3 };
    await expect(runLoad({ ...opts, cluster: cluster(noSecret) })).rejects.toThrow(/did not complete: BackoffLimitExceeded[\s\S]*load-a-run-1-insert-1-abcde[\s\S]*LOAD_SECRET_ACCESS_KEY must be set/);

    const silent: KubernetesLoadBoundary = {
      applyJob: async () => undefined,
      waitJobComplete: async () => ({ succeeded: true }),
      podLogs: async () => [{ pod: 'p-0', log: 'started\n' }],
    };
    await expect(runLoad({ ...opts, skipLoadPhase: true, cluster: cluster(silent) })).rejects.toThrow(/workers pod-0, pod-1, pod-2 did not report a shard/);
  });

  it('refuses to put credentials anywhere but a Secret', async () => {
    await expect(
      runLoad({ endpoint: endpointFor(fe.url, { credentials: creds }), workload: 'C', cluster: cluster(new FakeCluster({}), { credentialsSecret: undefined }) }),
    ).rejects.toThrow(/credentialsSecret.*never written into a Job manifest/);
    expect(fe.counts.size).toBe(0);
  });

  it('makes a locked-down Job whose pods spread over nodes', () => {
    const job = loadJobManifest({
      name: 'load-a-run',
      namespace: 'ns',
      workers: 4,
      image: 'img',
      plan: runPlan([]),
      credentialsSecret: { name: 's', accessKeyIdKey: 'user', secretAccessKeyKey: 'hash' },
      activeDeadlineSeconds: 600,
    });
    const pod = job.spec!.template.spec!;
    const c = pod.containers[0]!;
    expect(pod.restartPolicy).toBe('Never');
    expect(job.spec!.activeDeadlineSeconds).toBe(600);
    expect(c.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    expect(c.env!.find((e) => e.name === ENV.secretAccessKey)!.valueFrom!.secretKeyRef).toEqual({ name: 's', key: 'hash' });
    expect(pod.affinity!.podAntiAffinity!.preferredDuringSchedulingIgnoredDuringExecution![0]!.podAffinityTerm.topologyKey).toBe('kubernetes.io/hostname');
    expect(() => loadJobManifest({ name: 'Bad_Name', namespace: 'ns', workers: 1, image: 'i', plan: runPlan([]), activeDeadlineSeconds: 1 })).toThrow(/RFC 1123/);
  });

  it('the pod entry point runs as its own process and prints its shard on stdout', async () => {
    const plan = runPlan([
      {
        worker: 'pod-0', endpoint: { url: fe.url, credentials: creds, region: 'us-east-1' }, table: 't-k8s', recordCount: 10, fieldCount: 2, fieldLength: 4,
        consistentRead: false, workload: 'C', distribution: 'uniform', mode: 'closed', concurrency: 1, durationMs: 200, seed: 3, client: 'raw', timeoutMs: 5000, drainMs: 0,
      },
    ]);
    const child = spawn(process.execPath, ['--import', 'tsx', 'harness/load/worker-main.ts'], {
      cwd: projectRoot(),
      env: { PATH: process.env.PATH, [ENV.plan]: JSON.stringify(plan), [ENV.index]: '0', [ENV.accessKeyId]: creds.accessKeyId, [ENV.secretAccessKey]: creds.secretAccessKey },
    });
    const out = { stdout: '', stderr: '', status: -1 };
    child.stdout.on('data', (d: Buffer) => (out.stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out.stderr += d.toString()));
    out.status = await new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
    expect(out.status, out.stderr).toBe(0);
    expect(fe.stats.badSignatures).toBe(0);
    expect(fe.counts.get('GetItem')).toBeGreaterThan(0);
    const shards = parseShardLines(out.stdout, 'worker-main');
    expect(shards).toHaveLength(1);
    expect(shards[0]!.worker).toBe('pod-0');
  }, 40_000);
});
