// Readiness predicates, each returning one status line for the "last observed" of a timeout report.
import type { Condition, KubeObject } from './kube-types.ts';
import type { KubeEvent, Pod } from './kube-api.ts';
import type { Observation } from './wait.ts';

const conditionsOf = (o: KubeObject | undefined): Condition[] =>
  ((o?.status as { conditions?: Condition[] } | undefined)?.conditions ?? []) as Condition[];
const cond = (o: KubeObject | undefined, type: string) => conditionsOf(o).find((c) => c.type === type);
const observedGeneration = (o: KubeObject): number | undefined => (o.status as { observedGeneration?: number } | undefined)?.observedGeneration;

/**
 * The operator's own rollout check (utils.IsScyllaClusterRolledOut): status caught up with the spec
 * (observedGeneration >= generation) and Available=True, Progressing=False, Degraded=False for that generation.
 */
export function scyllaClusterRollout(sc: KubeObject | undefined): Observation<KubeObject> {
  if (!sc) return { done: false, status: 'ScyllaCluster not found' };
  const gen = sc.metadata.generation ?? 0;
  const seen = observedGeneration(sc);
  const s = (sc.status ?? {}) as { readyMembers?: number; members?: number };
  const want: Record<string, string> = { Available: 'True', Progressing: 'False', Degraded: 'False' };
  const parts = Object.keys(want).map((t) => {
    const c = cond(sc, t);
    return `${t}=${c?.status ?? '?'}${c && c.status !== want[t] && c.message ? ` (${c.reason ?? ''}: ${oneLine(c.message)})` : ''}`;
  });
  const status = `generation ${gen}, observedGeneration ${seen ?? 'none'}, ${parts.join(' ')}, ready members ${s.readyMembers ?? 0}/${s.members ?? '?'}`;
  const fresh = (c: Condition | undefined) => c !== undefined && (c.observedGeneration === undefined || c.observedGeneration >= gen);
  const done =
    seen !== undefined && seen >= gen && Object.entries(want).every(([t, v]) => cond(sc, t)?.status === v && fresh(cond(sc, t)));
  return { done, status, value: sc };
}

export function deploymentRollout(d: KubeObject | undefined): Observation<KubeObject> {
  if (!d) return { done: false, status: 'Deployment not found' };
  const spec = (d.spec ?? {}) as { replicas?: number };
  const st = (d.status ?? {}) as { replicas?: number; updatedReplicas?: number; availableReplicas?: number };
  const want = spec.replicas ?? 1;
  const gen = d.metadata.generation ?? 0;
  const seen = observedGeneration(d) ?? -1;
  const status = `observedGeneration ${seen}/${gen}, updated ${st.updatedReplicas ?? 0}/${want}, available ${st.availableReplicas ?? 0}/${want}`;
  const done = seen >= gen && (st.updatedReplicas ?? 0) >= want && (st.availableReplicas ?? 0) >= want && (st.replicas ?? 0) <= want;
  return { done, status, value: d };
}

export function crdEstablished(crd: KubeObject | undefined): Observation<KubeObject> {
  if (!crd) return { done: false, status: 'CRD not found' };
  const c = cond(crd, 'Established');
  return { done: c?.status === 'True', status: `Established=${c?.status ?? '?'}`, value: crd };
}

export function nodeConfigReconciled(nc: KubeObject | undefined): Observation<KubeObject> {
  if (!nc) return { done: false, status: 'NodeConfig not found' };
  const gen = nc.metadata.generation ?? 0;
  const seen = observedGeneration(nc);
  const c = cond(nc, 'Reconciled');
  const status = `observedGeneration ${seen ?? 'none'}/${gen}, Reconciled=${c?.status ?? '?'}${c?.message ? ` (${oneLine(c.message)})` : ''}`;
  return { done: seen !== undefined && seen >= gen && c?.status === 'True', status, value: nc };
}

/** Reasons a container will not come up by waiting longer. */
const HOPELESS = new Set(['CrashLoopBackOff', 'ErrImageNeverPull', 'InvalidImageName', 'CreateContainerConfigError']);
/** Reasons only hopeless for the container whose restarts count (a sidecar waiting on ScyllaDB restarts too). */
const RESTARTING = new Set(['CrashLoopBackOff']);
/**
 * The kubelet's image pull failures (kubernetes pkg/kubelet/images image_manager.go: ErrImagePull with the
 * runtime's error as the waiting message, then ImagePullBackOff, "Back-off pulling image ...", between retries; each
 * failed pull also records a Warning event, reason "Failed", "Failed to pull image "<image>": <error>").
 */
const PULL_FAILED = new Set(['ErrImagePull', 'ImagePullBackOff']);
/** The registry's answer for a tag or digest that does not exist (containerd: `<ref>: not found`; registries: `manifest unknown`). */
const NOT_FOUND = /\bnot found\b|manifest unknown/i;

/**
 * Whether a container waits on an image the registry says does not exist: retrying cannot help, unlike a rate limit
 * or a network error, which the kubelet retries. Its waiting message says so after a failed pull; during the back-off
 * only the pod's "Failed to pull image" event does.
 */
export function imageNotFound(c: { image?: string; state?: { waiting?: { reason?: string; message?: string } } }, podEvents: readonly KubeEvent[] = []): string | undefined {
  const waiting = c.state?.waiting;
  if (!waiting?.reason || !PULL_FAILED.has(waiting.reason)) return undefined;
  if (NOT_FOUND.test(waiting.message ?? '')) return waiting.message;
  return podEvents.find((e) => e.reason === 'Failed' && /^Failed to pull image /.test(e.message ?? '') && NOT_FOUND.test(e.message ?? '') && (!c.image || (e.message ?? '').includes(`"${c.image}"`)))?.message;
}

export interface PodHealthOptions {
  /**
   * The container whose restarts and crash loops count (ScyllaDB pods: `scylla`; its sidecars restart while ScyllaDB
   * starts, which is no verdict); absent: every container's.
   */
  restartsOf?: string;
  /** Events of the pods' namespace: an image "not found" may be told only there. */
  events?: readonly KubeEvent[];
}

/** Describes a pod set in one line and says whether it is hopeless. An image that does not exist is, in any container. */
export function podHealth(pods: Pod[], maxRestarts: number, o: PodHealthOptions = {}): { summary: string; fatal?: string } {
  const bad: string[] = [];
  const lines = pods.map((p) => {
    const name = p.metadata?.name ?? '?';
    const podEvents = (o.events ?? []).filter((e) => e.involvedObject?.kind === 'Pod' && e.involvedObject.name === name);
    const statuses = [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])];
    const cs = statuses.map((c) => {
      const waiting = c.state?.waiting?.reason;
      const judged = o.restartsOf === undefined || c.name === o.restartsOf;
      const hopelessWait = waiting !== undefined && HOPELESS.has(waiting) && (judged || !RESTARTING.has(waiting));
      const missingImage = imageNotFound(c, podEvents);
      if (hopelessWait || missingImage || (judged && c.restartCount > maxRestarts)) {
        const last = c.lastState?.terminated;
        const why = [last ? `last: ${last.reason ?? 'terminated'}, exit ${last.exitCode}` : '', oneLine(missingImage ?? c.state?.waiting?.message ?? '')].filter(Boolean).join('; ');
        bad.push(`${name}/${c.name}: ${missingImage ? `image not found (${waiting})` : (waiting ?? 'restarting')}, ${c.restartCount} restarts${why ? ` (${why})` : ''}`);
      }
      return `${c.name}${c.ready ? '' : ' not ready'}${waiting ? ` (${waiting})` : ''}${c.restartCount ? ` restarts=${c.restartCount}` : ''}`;
    });
    return `${name} ${p.status?.phase ?? '?'} [${cs.join(', ')}]`;
  });
  const summary = lines.length ? lines.join('; ') : 'no pods';
  return bad.length ? { summary, fatal: `container(s) will not become ready: ${bad.join('; ')}` } : { summary };
}

/** ConfigMap the operator keeps per ScyllaDB pod with the NodeConfigs it waits on (pkg/naming GetTuningConfigMapNameForPod). */
export const tuningConfigMapName = (podUid: string): string => `nodeconfig-podinfo-${podUid}`;

/** `blockingNodeConfigs` of that ConfigMap's ScyllaRuntimeConfig (pkg/internalapi SidecarRuntimeConfig); [] when unreadable. */
export function blockingNodeConfigs(configMap: KubeObject | undefined): string[] {
  const raw = (configMap?.data as Record<string, string> | undefined)?.ScyllaRuntimeConfig;
  if (!raw) return [];
  try {
    const v = (JSON.parse(raw) as { blockingNodeConfigs?: unknown }).blockingNodeConfigs;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** What a FailedMount event says is missing (`secret "x" not found`, `configmap "y" not found`), if it says. */
export interface MissingObject {
  kind: 'Secret' | 'ConfigMap';
  name: string;
}

export function missingObjectOf(message: string | undefined): MissingObject | undefined {
  const m = /\b(secret|configmap) "([^"]+)" not found/i.exec(message ?? '');
  return m ? { kind: m[1]!.toLowerCase() === 'secret' ? 'Secret' : 'ConfigMap', name: m[2]! } : undefined;
}

export interface StuckCheck {
  pods: Pod[];
  /** Events of the pods' namespace. */
  events: KubeEvent[];
  /** Per pod UID: the NodeConfigs it is blocked on. */
  blockedOn: Map<string, string[]>;
  now: number;
  /** When the harness first saw each problem (by key); updated in place, so a problem is timed across polls. */
  firstSeen: Map<string, number>;
  /** How long a FailedMount may last, by what it says is missing (someone may still create it). */
  failedMountMs(missing: MissingObject | undefined): number;
  /** Whether that object still does not exist (once it does, the kubelet mounts it on its next retry). */
  stillMissing(missing: MissingObject): Promise<boolean>;
  blockedOnTuningMs: number;
  /** How long a pod may stay unschedulable (FailedScheduling) before it counts as stuck; absent: never. */
  failedSchedulingMs?: number;
}

const ms = (v: unknown): number | undefined => {
  const t = v instanceof Date ? v.getTime() : typeof v === 'string' ? Date.parse(v) : NaN;
  return Number.isFinite(t) ? t : undefined;
};
const started = (p: Pod) => [...(p.status?.containerStatuses ?? [])].some((c) => c.state?.running || c.state?.terminated);

/**
 * Pods that will not start by waiting longer, in the cluster's own words: a volume that cannot be mounted
 * (FailedMount) for `failedMountMs` while what it names still does not exist, or a pod blocked on node tuning for
 * `blockedOnTuningMs`. A problem counts from when the harness first saw it, or from the event's own first
 * occurrence when the event already spans longer (each on one clock). Problems no longer seen are forgotten.
 */
export async function stuckPods(c: StuckCheck): Promise<string | undefined> {
  const seen = new Set<string>();
  const since = (key: string) => {
    seen.add(key);
    if (!c.firstSeen.has(key)) c.firstSeen.set(key, c.now);
    return c.now - c.firstSeen.get(key)!;
  };
  const found: string[] = [];
  for (const p of c.pods) {
    const name = p.metadata?.name ?? '?';
    const uid = p.metadata?.uid;
    // A pod with a started container got past its mounts; an event from an earlier failed attempt stays listed.
    const mounts = started(p)
      ? []
      : c.events
          .filter((e) => e.reason === 'FailedMount' && e.involvedObject?.kind === 'Pod' && e.involvedObject.name === name && (!uid || !e.involvedObject.uid || e.involvedObject.uid === uid))
          .sort((a, b) => (ms(a.lastTimestamp ?? a.eventTime) ?? 0) - (ms(b.lastTimestamp ?? b.eventTime) ?? 0));
    const last = mounts.at(-1);
    if (last) {
      const first = ms(mounts[0]!.firstTimestamp ?? mounts[0]!.eventTime);
      const span = first !== undefined ? (ms(last.lastTimestamp ?? last.eventTime) ?? first) - first : 0;
      const age = Math.max(since(`mount:${uid ?? name}`), span);
      const missing = missingObjectOf(last.message);
      if (age >= c.failedMountMs(missing) && (!missing || (await c.stillMissing(missing))))
        found.push(`pod ${name} cannot mount a volume (FailedMount for ${Math.round(age / 1000)}s${missing ? `; ${missing.kind} ${missing.name} still does not exist` : ''}): ${oneLine(last.message ?? '')}`);
    }
    // Unschedulable: the scheduler sets PodScheduled=False (reason Unschedulable) and records a FailedScheduling
    // event naming why no node fits (kubernetes pkg/scheduler/schedule_one.go handleSchedulingFailure); it retries,
    // but on a cluster whose nodes do not change the answer stays the same.
    const scheduled = p.status?.conditions?.find((x) => x.type === 'PodScheduled');
    if (c.failedSchedulingMs !== undefined && scheduled?.status === 'False') {
      const age = since(`scheduling:${uid ?? name}`);
      const why = c.events
        .filter((e) => e.reason === 'FailedScheduling' && e.involvedObject?.kind === 'Pod' && e.involvedObject.name === name)
        .sort((a, b) => (ms(a.lastTimestamp ?? a.eventTime) ?? 0) - (ms(b.lastTimestamp ?? b.eventTime) ?? 0))
        .at(-1)?.message;
      if (age >= c.failedSchedulingMs) found.push(`pod ${name} cannot be scheduled for ${Math.round(age / 1000)}s: ${oneLine(why ?? scheduled.message ?? `PodScheduled=False (${scheduled.reason ?? 'no reason'})`)}`);
    }
    // The scylla container runs while it waits for tuning (pkg/controller/ignition): only readiness tells.
    const blocking = uid && !podReady(p) ? (c.blockedOn.get(uid) ?? []) : [];
    if (blocking.length) {
      const age = since(`tuning:${uid}`);
      if (age >= c.blockedOnTuningMs)
        found.push(`pod ${name} is blocked on node tuning by NodeConfig ${blocking.join(', ')} for ${Math.round(age / 1000)}s (ConfigMap ${tuningConfigMapName(uid!)}; the operator's perftune Job has not finished on its node)`);
    }
  }
  for (const k of [...c.firstSeen.keys()]) if (!seen.has(k)) c.firstSeen.delete(k);
  return found.length ? found.join('; ') : undefined;
}

export const podReady = (p: Pod): boolean => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

function oneLine(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > 200 ? `${t.slice(0, 200)}…` : t;
}
