// `--workers N` on kind/kubeconfig: the KubernetesLoadBoundary on top of the KubeApi (server-side apply of
// the Job, completion by polling with a deadline, the pods' logs), and a deployment's `loadCluster`: the
// datacenter's namespace, its client Service's in-cluster URL, and a Secret holding the credentials there.
import type { V1Job } from '@kubernetes/client-node';
import type { Endpoint } from '../../endpoint/contract.ts';
import type { ClusterLoadOptions, JobOutcome, KubernetesLoadBoundary } from '../../load/kubernetes/orchestrate.ts';
import { LOAD_JOB_LABEL } from '../../load/kubernetes/job-manifest.ts';
import { clientServiceDNS, ALTERNATOR_HTTPS_PORT } from '../../variant/naming.ts';
import { ConfigError, ProvisionError } from '../../util/errors.ts';
import type { KubeApi } from './kube-api.ts';
import type { Condition, KubeObject, Secret } from './kube-types.ts';
import type { DatacenterUnit } from './manifests.ts';
import { podHealth } from './conditions.ts';
import { pollOptions, pollUntil, InterruptedError, WaitTimeoutError, type Clock, type Observation } from './wait.ts';

/** Secret (in each loaded datacenter's namespace) the load pods read the credentials from. */
export const LOAD_CREDENTIALS_SECRET = 'alternator-e2e-load-credentials';

export interface LoadBoundaryContext {
  kube: KubeApi;
  clock: Clock;
  pollIntervalMs: number;
  signal?: AbortSignal;
}

/** Where a Job stands, from its conditions (Complete / Failed) and counts. */
export function jobProgress(job: KubeObject | undefined): Observation<JobOutcome> {
  if (!job) return { done: false, status: 'Job not found' };
  const st = (job.status ?? {}) as { active?: number; succeeded?: number; failed?: number; conditions?: Condition[] };
  const completions = (job.spec as { completions?: number } | undefined)?.completions ?? 1;
  const status = `active ${st.active ?? 0}, succeeded ${st.succeeded ?? 0}/${completions}, failed ${st.failed ?? 0}`;
  const cond = (type: string) => st.conditions?.find((c) => c.type === type && c.status === 'True');
  const failed = cond('Failed');
  if (failed) return { done: true, status, value: { succeeded: false, message: `${failed.reason ?? 'Failed'}${failed.message ? `: ${failed.message}` : ''} (${status})` } };
  return cond('Complete') ? { done: true, status, value: { succeeded: true } } : { done: false, status };
}

export function kubeLoadBoundary(c: LoadBoundaryContext): KubernetesLoadBoundary {
  const { kube } = c;
  const pods = async (namespace: string, job: string) =>
    (await kube.listPods(namespace, `${LOAD_JOB_LABEL}=${job}`)).sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
  return {
    async applyJob(job: V1Job) {
      await kube.apply(job as unknown as KubeObject);
    },
    async waitJobComplete(name, namespace, timeoutMs) {
      try {
        const outcome = await pollUntil(
          `Job ${namespace}/${name}`,
          async () => {
            const obs = jobProgress(await kube.get({ apiVersion: 'batch/v1', kind: 'Job', namespace, name }));
            if (obs.done) return obs;
            // A pod that cannot start (missing Secret key, bad image name) will not start by waiting.
            const health = podHealth(await pods(namespace, name), 0);
            return { ...obs, status: `${obs.status}; pods: ${health.summary}`, ...(health.fatal ? { fatal: health.fatal } : {}) };
          },
          pollOptions(c, timeoutMs, `load Job ${name}`),
        );
        return outcome!;
      } catch (e) {
        // Out of time, or a pod that cannot start: the Job's answer (the caller adds the pods' last log lines).
        if (e instanceof WaitTimeoutError || (e instanceof ProvisionError && !(e instanceof InterruptedError))) return { succeeded: false, message: e.message };
        throw e;
      }
    },
    async podLogs(jobName, namespace) {
      const list = await pods(namespace, jobName);
      return Promise.all(
        list.map(async (p) => {
          const pod = p.metadata?.name ?? '?';
          return { pod, log: await kube.podLogs(namespace, pod, 'load') };
        }),
      );
    },
  };
}

export interface LoadClusterContext extends LoadBoundaryContext {
  image: string;
  units: readonly DatacenterUnit[];
  endpoint: Endpoint;
  /** Makes the image available to the nodes (kind: `kind load docker-image`); called before each Job, may memoize. */
  prepareImage(image: string): Promise<void>;
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

/** A deployment's `loadCluster`. The Secret is applied once per namespace; its values never leave the API call. */
export function loadClusterFor(c: LoadClusterContext): (r: { workers: number; datacenter: string; name: string }) => Promise<ClusterLoadOptions> {
  const secrets = new Map<string, Promise<unknown>>();
  const boundary = kubeLoadBoundary(c);
  return async ({ workers, datacenter, name }) => {
    const unit = c.units.find((u) => u.dc.name === datacenter);
    const dc = c.endpoint.datacenters.find((d) => d.datacenter === datacenter);
    if (!unit || !dc)
      throw new ConfigError('no such datacenter in the deployment', { field: 'datacenter', value: datacenter, allowed: c.units.map((u) => u.dc.name) });
    await c.prepareImage(c.image);
    const ns = unit.namespace;
    const creds = dc.credentials;
    if (creds && !secrets.has(ns)) {
      const secret: Secret = {
        apiVersion: 'v1',
        kind: 'Secret',
        type: 'Opaque',
        metadata: { name: LOAD_CREDENTIALS_SECRET, namespace: ns, labels: { 'app.kubernetes.io/name': 'alternator-e2e-load' } },
        data: { accessKeyId: b64(creds.accessKeyId), secretAccessKey: b64(creds.secretAccessKey) },
      };
      const applied = c.kube.apply(secret);
      secrets.set(ns, applied);
      applied.catch(() => secrets.delete(ns));
    }
    await secrets.get(ns);
    return {
      boundary,
      namespace: ns,
      workers,
      image: c.image,
      // The serving certificate names the client Service (the same name the harness verifies through its port-forward).
      inClusterUrl: `https://${clientServiceDNS(unit.scName, ns)}:${ALTERNATOR_HTTPS_PORT}`,
      ...(creds ? { credentialsSecret: { name: LOAD_CREDENTIALS_SECRET } } : {}),
      jobName: name,
      labels: { 'alternator-e2e.scylladb.com/run': c.endpoint.runId.toLowerCase().replace(/[^a-z0-9._-]/g, '-').slice(0, 63) },
    };
  };
}
