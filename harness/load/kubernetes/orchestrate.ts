// `--workers N` on a Kubernetes target: the insert phase and the measured phase each run as an Indexed
// Job of N pods inside the cluster; every pod prints its result as one marked JSON line; the harness
// reads the pod logs and merges (HDR histograms add exactly). The Kubernetes calls go through a narrow
// boundary that harness/targets/kubernetes implements (and tests fake).
import type { V1Job } from '@kubernetes/client-node';
import type { Progress } from '../../util/progress.ts';
import { ConfigError } from '../../util/errors.ts';
import { loadJobManifest, dnsLabel, type LoadJobOptions, type SecretKeyRef } from './job-manifest.ts';
import { insertPlan, runPlan } from './worker-plan.ts';
import { parseShardLines, parseInsertLines, type LoadShard } from '../shard.ts';
import type { InsertResult, InsertSpec } from '../load-phase.ts';
import type { ShardSpec } from '../shard-spec.ts';

export interface JobOutcome {
  succeeded: boolean;
  /** Why not, as Kubernetes says it (condition reason/message, deadline exceeded...). */
  message?: string;
}

/** The only Kubernetes operations cluster load needs. */
export interface KubernetesLoadBoundary {
  /** Creates (or server-side applies) the Job. */
  applyJob(job: V1Job): Promise<void>;
  /** Resolves when the Job completed or failed; on timeout resolves `{ succeeded: false, message }` with the last state. */
  waitJobComplete(name: string, namespace: string, timeoutMs: number): Promise<JobOutcome>;
  /** Logs of every pod of the Job (container `load`). */
  podLogs(jobName: string, namespace: string): Promise<Array<{ pod: string; log: string }>>;
}

/** What the Jobs' pods are made of, as loadJobManifest takes it. */
type PodTemplateOptions = Pick<LoadJobOptions, 'namespace' | 'workers' | 'image' | 'command' | 'workingDir' | 'labels' | 'resources'>;

export interface ClusterLoadOptions extends PodTemplateOptions {
  boundary: KubernetesLoadBoundary;
  /** Alternator's address as pods see it (e.g. https://<cluster>-client.<ns>.svc:8043). */
  inClusterUrl: string;
  /** Certificate name to verify from inside the cluster, when the URL's host is not in the certificate. */
  inClusterServername?: string;
  /** Secret holding the credentials; required when the endpoint has credentials. */
  credentialsSecret?: SecretKeyRef;
  /** Name prefix for the Jobs (made an RFC 1123 label). */
  jobName: string;
  /** Pods start apart (scheduling, image pulls): the measured phase begins this long after the Job is created. */
  startDelaySeconds?: number;
  /** Extra time allowed for pods to be scheduled and finish, on top of the phase's own duration. */
  slackSeconds?: number;
}

function validate(o: ClusterLoadOptions): void {
  if (!Number.isInteger(o.workers) || o.workers < 1 || o.workers > 256)
    throw new ConfigError('must be an integer from 1 to 256', { field: '--workers', value: o.workers });
  if (!/^https?:\/\//.test(o.inClusterUrl)) throw new ConfigError('must be an http(s) URL', { field: 'inClusterUrl', value: o.inClusterUrl });
}

function inCluster<T extends { endpoint: { url: string; servername?: string; credentials: unknown } }>(o: ClusterLoadOptions, s: T): T {
  // The outside name does not apply in the cluster: without an in-cluster one, the in-cluster URL's host is checked.
  return { ...s, endpoint: { ...s.endpoint, url: o.inClusterUrl, servername: o.inClusterServername || undefined } };
}

/** Runs a Job to completion and returns each pod's log; a failed or incomplete Job throws with the pods' last lines. */
async function runJob(o: ClusterLoadOptions, job: V1Job, timeoutMs: number, progress: Progress): Promise<Array<{ pod: string; log: string }>> {
  const name = job.metadata!.name!;
  await o.boundary.applyJob(job);
  progress.waiting(`Job ${o.namespace}/${name} (${o.workers} pods)`);
  const outcome = await o.boundary.waitJobComplete(name, o.namespace, timeoutMs);
  const logs = await o.boundary.podLogs(name, o.namespace).catch(() => []);
  if (!outcome.succeeded) {
    const tails = logs.map((l) => `--- ${l.pod}\n${l.log.trimEnd().split('\n').slice(-10).join('\n')}`).join('\n');
    throw new Error(`load Job ${o.namespace}/${name} did not complete: ${outcome.message ?? 'failed'}${tails ? `\n${tails}` : ''}`);
  }
  return logs;
}

/** `hasCredentials`: the endpoint enforces authorization, so the pods need the credentials Secret. */
export function clusterExecutor(o: ClusterLoadOptions, progress: Progress, hasCredentials: boolean) {
  validate(o);
  if (hasCredentials && !o.credentialsSecret)
    throw new ConfigError('cluster load needs the credentials as a Secret', {
      field: 'credentialsSecret',
      fix: 'name a Secret with keys accessKeyId and secretAccessKey in the load namespace: the secret key is never written into a Job manifest',
    });
  const prefix = dnsLabel(o.jobName);
  const job = (phase: 'insert' | 'run', plan: ReturnType<typeof insertPlan>, deadline: number) =>
    loadJobManifest({
      name: `${prefix}-${phase}`,
      namespace: o.namespace,
      workers: o.workers,
      image: o.image,
      command: o.command,
      workingDir: o.workingDir,
      plan,
      credentialsSecret: o.credentialsSecret,
      activeDeadlineSeconds: Math.ceil(deadline),
      labels: o.labels,
      resources: o.resources,
    });
  const slack = o.slackSeconds ?? 300;
  return {
    workers: o.workers,
    async insert(specs: InsertSpec[]): Promise<InsertResult[]> {
      const records = specs.reduce((n, s) => n + (s.to - s.from), 0);
      // Generous: 200 records/s per pod would already be slow.
      const deadline = slack + records / (200 * o.workers);
      const logs = await runJob(o, job('insert', insertPlan(specs.map((s) => inCluster(o, s))), deadline), deadline * 1000, progress);
      const results = logs.flatMap((l) => parseInsertLines(l.log, `pod ${l.pod}`));
      if (results.length !== specs.length)
        throw new Error(`load insert Job: ${results.length} of ${specs.length} workers reported (pods: ${logs.map((l) => l.pod).join(', ') || 'none'})`);
      return results;
    },
    async run(specs: ShardSpec[]): Promise<LoadShard[]> {
      const startDelay = o.startDelaySeconds ?? 30;
      const notBeforeMs = Date.now() + startDelay * 1000;
      const first = specs[0];
      const deadline = startDelay + slack + (first ? (first.durationMs + first.drainMs) / 1000 : 0);
      const planned = specs.map((s) => ({ ...inCluster(o, s), notBeforeMs }));
      const logs = await runJob(o, job('run', runPlan(planned), deadline), deadline * 1000, progress);
      const shards = logs.flatMap((l) => parseShardLines(l.log, `pod ${l.pod}`));
      const missing = specs.filter((s) => !shards.some((x) => x.worker === s.worker)).map((s) => s.worker);
      if (missing.length) throw new Error(`load Job: workers ${missing.join(', ')} did not report a shard (pods: ${logs.map((l) => l.pod).join(', ') || 'none'})`);
      return shards;
    },
  };
}
