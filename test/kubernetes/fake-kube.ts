// A scriptable in-memory API server standing in for the KubeApi boundary. Objects applied are stored; status
// is played from scripts on each `get` (a poll), so tests script transitions such as "Progressing forever",
// "operator crash-looping" or "webhook not ready twice". What the operator makes for a ScyllaCluster (Services,
// StatefulSets, certificate Secrets and ConfigMaps, status, events) and what the kubelet does with its pods come
// from fake-operator.ts, each rule citing scylla-operator v1.21.1: this file is the API server's mechanics only.
import type { ExecResult, KubeApi, KubeEvent, KubeNamespace, Pod } from '../../harness/targets/kubernetes/kube-api.ts';
import { KubeApiError } from '../../harness/targets/kubernetes/kube-api.ts';
import type { KubeObject, ObjectRef } from '../../harness/targets/kubernetes/kube-types.ts';
import type { Forward, ForwardTarget, PortForwarder } from '../../harness/targets/kubernetes/port-forward.ts';
import type { CertificateAuthority } from '../../harness/tls/ca.ts';
import { sha512Crypt } from '../../harness/util/sha512-crypt.ts';
import { LABELS } from '../../harness/targets/kubernetes/manifests.ts';
import { FakeCqlCluster } from './fake-cql.ts';
import {
  certificateObjects,
  clusterLabels,
  createdEvent,
  operatorServices,
  preStopSleepSeconds,
  progressingConditions,
  requiredSecrets,
  rolledOutConditions,
  scyllaClusterStatus,
  specOf,
  statefulSetFor,
  statefulSetName,
} from './fake-operator.ts';

export type ScStep = 'none' | 'progressing' | 'degraded' | 'rolledOut';
export interface Stuck {
  /**
   * 'restarted': the scylla container restarted once and is not ready (a slow start; not a crash loop).
   * 'restarts': `container` restarted `restarts` times, in CrashLoopBackOff when `crashLoop`, scylla not ready.
   * 'image': the scylla container's `image` cannot be pulled; ImagePullBackOff ("Back-off pulling image", as the
   * kubelet says between retries) with the kubelet's "Failed to pull image" event carrying `message`.
   * 'unschedulable': the scheduler finds no node (PodScheduled=False, Unschedulable, FailedScheduling `message`).
   */
  kind: 'mount' | 'tuning' | 'crash' | 'restarted' | 'restarts' | 'image' | 'unschedulable';
  message?: string;
  nodeConfig?: string;
  container?: string;
  restarts?: number;
  crashLoop?: boolean;
  image?: string;
}
export type DeploymentBehaviour = 'ready' | 'never' | 'crash';
/** What one pod of a Job does with the environment its manifest gives it (secretKeyRefs resolved); returns its log and exit code. */
export type JobPod = (job: KubeObject, index: number, env: Record<string, string>) => Promise<{ log: string; code: number }>;

/** A salted_hash as ScyllaDB stores one (sha512-crypt, `$6$<salt>$<86 characters>`), distinct per role. */
export const fakeHash = (role: string) => sha512Crypt(`password of ${role}`, 'fakesaltfakesalt');

const key = (r: { apiVersion: string; kind: string; namespace?: string; name: string }) => `${r.apiVersion}|${r.kind}|${r.namespace ?? ''}|${r.name}`;

interface Stored {
  obj: KubeObject;
  gets: number;
}

export class FakeKube implements KubeApi {
  readonly calls: string[] = [];
  private readonly store = new Map<string, Stored>();
  private readonly pods = new Map<string, Pod[]>();
  private readonly applyFailures: Array<{ match: (o: KubeObject, dryRun: boolean) => boolean; errors: Error[] }> = [];
  scScripts: Array<{ match: (ns: string, name: string) => boolean; steps: ScStep[] }> = [];
  deployments = new Map<string, DeploymentBehaviour>();
  /** Fails this many cqlsh execs first (authentication not set up yet). */
  cqlshFailures = 0;
  private readonly cqlClusters = new Map<string, FakeCqlCluster>();
  /** Rollouts applied and not yet observed done, and the most at once. */
  private readonly inflight = new Set<string>();
  peakInflight = 0;
  private nsIndex = new Map<string, number>();
  /** Pods of applied Jobs run this; unset, a Job's pods never start (the Job stays active). */
  jobPod: JobPod | undefined;
  private readonly jobs = new Map<string, Promise<void>>();
  private readonly logs = new Map<string, string>();
  /** Gets a deleted namespace still answers, Terminating, before it is gone (the API server deletes content first). */
  namespaceTerminationGets = 1;
  private readonly terminating = new Map<string, number>();
  /** When the last ScyllaDB pod of a terminating namespace has finished its preStop hook. */
  private readonly drainedAt = new Map<string, number>();
  /** Events beyond the two every namespace has, by namespace (scripted FailedMount and the like). */
  readonly events = new Map<string, KubeEvent[]>();
  /** Clock the fake stamps events with (a test's VirtualClock). */
  now: () => number = () => 0;
  /**
   * ScyllaClusters (`namespace/name`) whose pods cannot start: 'mount' (a volume cannot be mounted: FailedMount with
   * `message`), 'tuning' (blocked on NodeConfig `nodeConfig`), 'crash' (the scylla container in CrashLoopBackOff).
   */
  stuck = new Map<string, Stuck>();
  /** What the operator mounts for a UserManaged certificate: 'default' (v1.21.1, #2248) or 'requested' (the field honoured). */
  secretNameBehaviour: 'default' | 'requested' | 'no-statefulset' = 'default';

  constructor() {
    for (const name of ['default', 'kube-system']) this.seed({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  }

  /** The next applies matching `match` throw these errors, in order. */
  failApplies(match: (o: KubeObject, dryRun: boolean) => boolean, errors: Error[]): void {
    this.applyFailures.push({ match, errors: [...errors] });
  }

  /** Puts an object in place as if it existed before the run (a reused cluster). */
  seed(o: KubeObject): void {
    this.store.set(key({ ...o, ...o.metadata }), { obj: structuredClone(o), gets: 0 });
    if (o.kind === 'Deployment') this.podsForDeployment(o);
  }

  /** Takes an object away (a test playing an operator that has not made it yet); whether it was there. */
  remove(ref: ObjectRef): boolean {
    return this.store.delete(key(ref));
  }

  has(ref: ObjectRef): boolean {
    return this.store.has(key(ref));
  }

  objects(): KubeObject[] {
    return [...this.store.values()].map((s) => s.obj);
  }

  async apply(obj: KubeObject, opts: { dryRun?: boolean } = {}): Promise<KubeObject> {
    const dry = opts.dryRun === true;
    const ref = `${obj.kind} ${obj.metadata.namespace ? `${obj.metadata.namespace}/` : ''}${obj.metadata.name}`;
    this.calls.push(`${dry ? 'dry-run' : 'apply'} ${ref}`);
    for (const f of this.applyFailures) if (f.errors.length && f.match(obj, dry)) throw f.errors.shift()!;
    if (obj.metadata.namespace && obj.kind !== 'Namespace' && !this.store.has(key({ apiVersion: 'v1', kind: 'Namespace', name: obj.metadata.namespace })))
      throw new KubeApiError(404, `namespaces "${obj.metadata.namespace}" not found`);
    const ns = obj.kind === 'Namespace' ? obj.metadata.name : obj.metadata.namespace;
    if (ns && this.terminating.has(ns) && obj.kind !== 'Namespace')
      throw new KubeApiError(403, `${obj.kind.toLowerCase()}s "${obj.metadata.name}" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`);
    if (dry) return obj;
    const k = key({ ...obj, ...obj.metadata });
    const prev = this.store.get(k);
    const stored = structuredClone(obj);
    stored.metadata.generation = (prev?.obj.metadata.generation ?? 0) + 1;
    this.store.set(k, { obj: stored, gets: 0 });
    if (obj.kind === 'ScyllaCluster') {
      this.inflight.add(k);
      this.peakInflight = Math.max(this.peakInflight, this.inflight.size);
      // The operator reacts to the watch event at once: its first sync runs before the next request.
      await this.syncOperatorObjects(stored);
    }
    if (obj.kind === 'Deployment') this.podsForDeployment(stored);
    if (obj.kind === 'Job' && this.jobPod) this.jobs.set(k, this.runJob(stored, this.jobPod));
    return stored;
  }

  async get(ref: ObjectRef): Promise<KubeObject | undefined> {
    if (ref.kind === 'Namespace' && this.terminating.has(ref.name)) {
      const left = this.terminating.get(ref.name)!;
      if (left <= 0 && this.now() >= (this.drainedAt.get(ref.name) ?? 0)) {
        this.drainedAt.delete(ref.name);
        this.terminating.delete(ref.name);
        this.store.delete(key(ref));
        return undefined;
      }
      this.terminating.set(ref.name, left - 1);
    }
    const s = this.store.get(key(ref));
    if (!s) return undefined;
    s.gets++;
    const o = s.obj;
    const gen = o.metadata.generation ?? 1;
    if (o.kind === 'ScyllaCluster') await this.playScyllaCluster(s, key(ref));
    if (o.kind === 'Deployment') {
      const b = this.deployments.get(`${o.metadata.namespace}/${o.metadata.name}`) ?? 'ready';
      const replicas = (o.spec as { replicas?: number } | undefined)?.replicas ?? 1;
      o.status = b === 'ready' && s.gets > 1 ? { observedGeneration: gen, replicas, updatedReplicas: replicas, availableReplicas: replicas } : { observedGeneration: gen, replicas, updatedReplicas: replicas, availableReplicas: 0 };
    }
    if (o.kind === 'Job') this.jobStatus(o);
    if (o.kind === 'CustomResourceDefinition') o.status = { conditions: [{ type: 'Established', status: 'True' }] };
    if (o.kind === 'NodeConfig') o.status = { observedGeneration: gen, conditions: [{ type: 'Reconciled', status: s.gets > 1 ? 'True' : 'False' }] };
    return structuredClone(o);
  }

  private async playScyllaCluster(s: Stored, k: string) {
    const o = s.obj;
    const ns = o.metadata.namespace!;
    const stuck = this.stuck.get(`${ns}/${o.metadata.name}`);
    // The kubelet: a pod whose required Secret volume does not exist stays ContainerCreating (FailedMount, retried);
    // the rollout cannot go on until the Secret exists.
    const missing = this.missingSecrets(o);
    if (missing.length) s.gets = Math.min(s.gets, 1);
    const steps = stuck || missing.length ? ['progressing' as const] : (this.scScripts.find((x) => x.match(ns, o.metadata.name))?.steps ?? ['none', 'progressing', 'rolledOut']);
    const step = steps[Math.min(s.gets - 1, steps.length - 1)]!;
    const gen = o.metadata.generation ?? 1;
    const at = new Date(this.now()).toISOString();
    const rack = specOf(o).datacenter.racks[0]!;
    const rollout = { statefulSet: `${ns}/${statefulSetName(o, rack.name)}`, ready: 0, desired: rack.members };
    if (step === 'none') o.status = undefined;
    if (step === 'progressing') {
      o.status = scyllaClusterStatus(o, 0, progressingConditions(gen, at, rollout));
      if (missing.length) this.failMounts(o, missing);
      else this.podsForScyllaCluster(o, 'starting');
    }
    if (step === 'degraded') {
      const c = progressingConditions(gen, at, rollout).map((x) => (x.type === 'Degraded' ? { ...x, status: 'True', reason: 'Error', message: 'pod crashed' } : x));
      o.status = scyllaClusterStatus(o, 0, c);
    }
    if (step === 'rolledOut') {
      o.status = scyllaClusterStatus(o, rack.members, rolledOutConditions(gen, at));
      this.inflight.delete(k);
      this.podsForScyllaCluster(o, 'ready');
      // Pod IPs are known now: the operator re-issues the Alternator serving certificate with them (sync_certs.go).
      await this.syncOperatorObjects(o);
    }
    if (stuck) this.playStuck(o, stuck);
  }

  /** Secrets a ScyllaCluster's pods mount (required) that do not exist in its namespace. */
  private missingSecrets(sc: KubeObject): string[] {
    const ns = sc.metadata.namespace!;
    return specOf(sc).datacenter.racks.flatMap((r) => {
      const sts = this.store.get(key({ apiVersion: 'apps/v1', kind: 'StatefulSet', namespace: ns, name: statefulSetName(sc, r.name) }))?.obj;
      return sts ? requiredSecrets(sts).filter((n) => !this.store.has(key({ apiVersion: 'v1', kind: 'Secret', namespace: ns, name: n }))) : [];
    });
  }

  /** The kubelet's words for a Secret volume it cannot mount, one aggregated event per pod and Secret. */
  private failMounts(sc: KubeObject, missing: string[]) {
    const ns = sc.metadata.namespace!;
    this.podsForScyllaCluster(sc, 'initializing');
    for (const p of this.podsOf(sc)) {
      p.status!.initContainerStatuses = p.status!.initContainerStatuses!.map((c) => ({ ...c, state: { waiting: { reason: 'PodInitializing' } } }));
      p.status!.containerStatuses = p.status!.containerStatuses!.map((c) => ({ ...c, state: { waiting: { reason: 'ContainerCreating' } } }));
      for (const name of missing)
        this.recordEvent(ns, {
          metadata: { name: `${p.metadata!.name}.failedmount.${name}` },
          involvedObject: { kind: 'Pod', name: p.metadata!.name, uid: p.metadata!.uid, namespace: ns },
          type: 'Warning',
          reason: 'FailedMount',
          message: `MountVolume.SetUp failed for volume "${this.volumeOf(sc, name)}" : secret "${name}" not found`,
        });
    }
  }

  private volumeOf(sc: KubeObject, secret: string): string {
    const rack = specOf(sc).datacenter.racks[0]!;
    const sts = this.store.get(key({ apiVersion: 'apps/v1', kind: 'StatefulSet', namespace: sc.metadata.namespace, name: statefulSetName(sc, rack.name) }))?.obj;
    const volumes = (sts?.spec as { template: { spec: { volumes: Array<{ name: string; secret?: { secretName: string } }> } } } | undefined)?.template.spec.volumes ?? [];
    return volumes.find((v) => v.secret?.secretName === secret)?.name ?? secret;
  }

  private podsOf(sc: KubeObject): Pod[] {
    return (this.pods.get(sc.metadata.namespace!) ?? []).filter((p) => p.metadata?.labels?.['scylla/cluster'] === sc.metadata.name);
  }

  private readonly alternatorCAs = new Map<string, CertificateAuthority>();
  private readonly clusterIPs = new Map<string, number>();

  /** The API server's ClusterIP allocator, one /24 per namespace here. */
  private allocateClusterIP(ns: string): string {
    const n = (this.clusterIPs.get(ns) ?? 0) + 1;
    this.clusterIPs.set(ns, n);
    return `10.96.${this.indexOf(ns)}.${n}`;
  }

  /**
   * One sync of the operator for a ScyllaCluster (fake-operator.ts): the Services and StatefulSets it lacks (existing
   * Services keep their ClusterIPs), then the certificate objects for the Services and pod IPs of now, each creation
   * recorded as the operator's event; the StatefulSet's pods, initialising, where there are none yet.
   */
  private async syncOperatorObjects(sc: KubeObject) {
    const ns = sc.metadata.namespace!;
    const k = key({ ...sc, ...sc.metadata });
    const existing = (x: KubeObject) => this.store.get(key({ ...x, ...x.metadata }))?.obj;
    const put = (x: KubeObject) => {
      if (!existing(x)) this.recordEvent(ns, { metadata: { name: `${x.metadata.name}.${x.kind.toLowerCase()}-created` }, ...createdEvent(x) });
      this.store.set(key({ ...x, ...x.metadata }), { obj: x, gets: 0 });
    };
    const services = operatorServices(sc, () => 'to be allocated').map((svc) => {
      const had = existing(svc);
      if (had) return had;
      const spec = svc.spec as { clusterIP: string };
      if (spec.clusterIP !== 'None') spec.clusterIP = this.allocateClusterIP(ns);
      put(svc);
      return svc;
    });
    if (this.secretNameBehaviour !== 'no-statefulset') {
      const requested = specOf(sc).alternator?.servingCertificate?.userManagedOptions?.secretName;
      for (const rack of specOf(sc).datacenter.racks) {
        const sts = statefulSetFor(sc, rack, this.secretNameBehaviour === 'requested' && requested ? requested : undefined);
        if (!existing(sts)) put(sts);
      }
    }
    const podIPs = this.podsOf(sc).map((p) => p.status?.podIP).filter((ip): ip is string => !!ip);
    const { objects, ca } = await certificateObjects(sc, services, podIPs, this.alternatorCAs.get(k));
    if (ca) this.alternatorCAs.set(k, ca);
    for (const x of objects) put(x);
    if (this.secretNameBehaviour !== 'no-statefulset' && this.podsOf(sc).length === 0) this.podsForScyllaCluster(sc, 'initializing');
  }

  /** As the API server's event sink does with a repeat of an event (same object, reason, message): count and lastTimestamp go up. */
  private recordEvent(ns: string, e: KubeEvent) {
    const list = this.events.get(ns) ?? [];
    const t = new Date(this.now());
    const same = list.find((x) => x.reason === e.reason && x.message === e.message && x.involvedObject?.name === e.involvedObject?.name && x.involvedObject?.kind === e.involvedObject?.kind);
    if (same) {
      same.count = (same.count ?? 1) + 1;
      same.lastTimestamp = t;
    } else list.push({ ...e, count: 1, firstTimestamp: t, lastTimestamp: t });
    this.events.set(ns, list);
  }

  /** Pods scripted not to start: pending with a FailedMount event (kubelet's words), crash-looping, restarted once, or blocked on tuning. */
  private playStuck(sc: KubeObject, stuck: Stuck) {
    const ns = sc.metadata.namespace!;
    const pods = (this.pods.get(ns) ?? []).filter((p) => p.metadata?.labels?.['scylla/cluster'] === sc.metadata.name);
    for (const p of pods) {
      const uid = p.metadata!.uid!;
      if (stuck.kind === 'mount') {
        p.status = { phase: 'Pending', conditions: [{ type: 'Ready', status: 'False' }], containerStatuses: p.status!.containerStatuses!.map((c) => ({ ...c, ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } }, lastState: {} })) };
        this.recordEvent(ns, {
          metadata: { name: `${p.metadata!.name}.failedmount` },
          involvedObject: { kind: 'Pod', name: p.metadata!.name, uid, namespace: ns },
          type: 'Warning',
          reason: 'FailedMount',
          message: stuck.message ?? 'MountVolume.SetUp failed for volume "x" : secret "x" not found',
        });
      } else if (stuck.kind === 'crash') {
        p.status = {
          phase: 'Running',
          conditions: [{ type: 'Ready', status: 'False' }],
          containerStatuses: p.status!.containerStatuses!.map((c) =>
            c.name === 'scylla'
              ? { ...c, ready: false, restartCount: 4, state: { waiting: { reason: 'CrashLoopBackOff', message: stuck.message ?? 'back-off 1m20s restarting failed container=scylla' } }, lastState: { terminated: { exitCode: 1, reason: 'Error' } } }
              : c,
          ),
        };
      } else if (stuck.kind === 'restarts') {
        p.status!.containerStatuses = p.status!.containerStatuses!.map((c) =>
          c.name === stuck.container
            ? { ...c, ready: false, restartCount: stuck.restarts ?? 1, ...(stuck.crashLoop ? { state: { waiting: { reason: 'CrashLoopBackOff', message: `back-off 2m40s restarting failed container=${c.name} pod=${p.metadata!.name}` } } } : {}), lastState: { terminated: { exitCode: 1, reason: 'Error' } } }
            : c.name === 'scylla'
              ? { ...c, ready: false }
              : c,
        );
      } else if (stuck.kind === 'image') {
        // kubelet pkg/kubelet/images/image_manager.go: the pull error goes into the Failed event; between retries the
        // container waits in ImagePullBackOff with only "Back-off pulling image".
        p.status = {
          phase: 'Pending',
          conditions: [{ type: 'PodScheduled', status: 'True' }, { type: 'Ready', status: 'False' }],
          containerStatuses: p.status!.containerStatuses!.map((c) =>
            c.name === 'scylla' ? { ...c, image: stuck.image!, ready: false, restartCount: 0, state: { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${stuck.image}"` } }, lastState: {} } : { ...c, ready: false, state: { waiting: { reason: 'PodInitializing' } } },
          ),
        };
        this.recordEvent(ns, { metadata: { name: `${p.metadata!.name}.failed` }, involvedObject: { kind: 'Pod', name: p.metadata!.name, uid, namespace: ns }, type: 'Warning', reason: 'Failed', message: `Failed to pull image "${stuck.image}": ${stuck.message}` });
      } else if (stuck.kind === 'unschedulable') {
        // kube-scheduler schedule_one.go handleSchedulingFailure: PodScheduled=False (Unschedulable) and a FailedScheduling event.
        p.status = { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: stuck.message }] };
        this.recordEvent(ns, { metadata: { name: `${p.metadata!.name}.failedscheduling` }, involvedObject: { kind: 'Pod', name: p.metadata!.name, uid, namespace: ns }, type: 'Warning', reason: 'FailedScheduling', message: stuck.message });
      } else if (stuck.kind === 'restarted') {
        p.status!.containerStatuses = p.status!.containerStatuses!.map((c) => (c.name === 'scylla' ? { ...c, ready: false, restartCount: 1, lastState: { terminated: { exitCode: 1, reason: 'Error' } } } : c));
      } else {
        const cm: KubeObject = {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: `nodeconfig-podinfo-${uid}`, namespace: ns },
          data: { ScyllaRuntimeConfig: JSON.stringify({ containerID: 'containerd://abc', matchingNodeConfigs: [stuck.nodeConfig ?? 'tuned'], blockingNodeConfigs: [stuck.nodeConfig ?? 'tuned'] }) },
        };
        this.store.set(key({ ...cm, ...cm.metadata }), { obj: cm, gets: 0 });
      }
    }
  }

  /** Settles when every Job's pods have finished: a clock can let that work happen before time moves on. */
  async jobsSettled(): Promise<void> {
    await Promise.all(this.jobs.values());
  }

  private secretValue(ns: string, name: string, k: string): string | undefined {
    const data = this.store.get(key({ apiVersion: 'v1', kind: 'Secret', namespace: ns, name }))?.obj.data as Record<string, string> | undefined;
    return data?.[k] === undefined ? undefined : Buffer.from(data[k], 'base64').toString('utf8');
  }

  private async runJob(job: KubeObject, run: JobPod): Promise<void> {
    const ns = job.metadata.namespace!;
    const spec = job.spec as { completions?: number; template: { metadata?: { labels?: Record<string, string> }; spec: { containers: Array<{ env?: Array<{ name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }> }> } } };
    const labels = spec.template.metadata?.labels ?? {};
    const results = await Promise.all(
      Array.from({ length: spec.completions ?? 1 }, async (_, index) => {
        const name = `${job.metadata.name}-${index}-x${index}z`;
        const env: Record<string, string> = { JOB_COMPLETION_INDEX: String(index) };
        let result: { log: string; code: number };
        const missing: string[] = [];
        for (const e of spec.template.spec.containers[0]!.env ?? []) {
          const ref = e.valueFrom?.secretKeyRef;
          const v = ref ? this.secretValue(ns, ref.name, ref.key) : e.value;
          if (v === undefined) missing.push(`${e.name} (secret ${ref?.name}/${ref?.key})`);
          else env[e.name] = v;
        }
        // As the kubelet: a missing Secret key keeps the container from being created.
        if (missing.length) result = { log: '', code: -1 };
        else result = await run(job, index, env).catch((e: Error) => ({ log: `${e.message}\n`, code: 1 }));
        this.logs.set(`${ns}/${name}`, result.log);
        const waiting = result.code === -1 ? { waiting: { reason: 'CreateContainerConfigError', message: `couldn't find key: ${missing.join(', ')}` } } : undefined;
        const pod: Pod = {
          metadata: { name, namespace: ns, labels: { ...labels, 'batch.kubernetes.io/job-completion-index': String(index) } },
          status: {
            phase: waiting ? 'Pending' : result.code === 0 ? 'Succeeded' : 'Failed',
            containerStatuses: [{ name: 'load', ready: false, restartCount: 0, image: 'img', imageID: '', state: waiting ?? { terminated: { exitCode: result.code } } }],
          },
        };
        this.pods.set(ns, [...(this.pods.get(ns) ?? []), pod]);
        return result.code;
      }),
    );
    const failed = results.filter((c) => c > 0).length;
    const pending = results.filter((c) => c < 0).length;
    job.status = {
      active: pending,
      succeeded: results.filter((c) => c === 0).length,
      failed,
      conditions: failed ? [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' }] : pending ? [] : [{ type: 'Complete', status: 'True' }],
    };
  }

  private jobStatus(o: KubeObject) {
    o.status ??= { active: (o.spec as { parallelism?: number }).parallelism ?? 1 };
  }

  private indexOf(ns: string): number {
    if (!this.nsIndex.has(ns)) this.nsIndex.set(ns, this.nsIndex.size + 1);
    return this.nsIndex.get(ns)!;
  }

  /**
   * The StatefulSet's pods as the kubelet reports them: 'initializing' (Pending, the init container
   * sidecar-injection running, no IP yet), 'starting' (Running, scylla not ready: the startup and readiness probes of
   * resource.go StatefulSetForRack have not passed), 'ready'. Names `<statefulset>-<ordinal>`, labels ClusterLabels.
   */
  private podsForScyllaCluster(o: KubeObject, phase: 'initializing' | 'starting' | 'ready') {
    const ns = o.metadata.namespace!;
    const rack = specOf(o).datacenter.racks[0]!;
    const running = (name: string, ready: boolean) => ({ name, ready, restartCount: 0, image: name, imageID: '', state: { running: {} } });
    const pods: Pod[] = Array.from({ length: rack.members }, (_, i) => ({
      metadata: { name: `${statefulSetName(o, rack.name)}-${i}`, namespace: ns, uid: `uid-${ns}-${o.metadata.name}-${i}`, labels: { ...clusterLabels(o), 'statefulset.kubernetes.io/pod-name': `${statefulSetName(o, rack.name)}-${i}` } },
      spec: { nodeName: 'kind-worker', containers: [], terminationGracePeriodSeconds: 900 },
      status:
        phase === 'initializing'
          ? {
              phase: 'Pending',
              conditions: [{ type: 'Initialized', status: 'False' }, { type: 'Ready', status: 'False' }],
              initContainerStatuses: [{ name: 'sidecar-injection', ready: false, restartCount: 0, image: 'scylladb/scylla-operator', imageID: '', state: { running: {} } }],
              containerStatuses: ['scylla', 'scylladb-api-status-probe', 'scylla-manager-agent'].map((name) => ({ name, ready: false, restartCount: 0, image: name, imageID: '', state: { waiting: { reason: 'PodInitializing' } } })),
            }
          : {
              phase: 'Running',
              podIP: `10.244.${this.indexOf(ns)}.${10 + i}`,
              conditions: [{ type: 'Initialized', status: 'True' }, { type: 'Ready', status: phase === 'ready' ? 'True' : 'False' }],
              initContainerStatuses: [{ name: 'sidecar-injection', ready: true, restartCount: 0, image: 'scylladb/scylla-operator', imageID: '', state: { terminated: { exitCode: 0, reason: 'Completed' } } }],
              containerStatuses: [running('scylla', phase === 'ready'), running('scylladb-api-status-probe', true), running('scylla-manager-agent', true)],
            },
    }));
    this.pods.set(ns, [...(this.pods.get(ns) ?? []).filter((p) => p.metadata?.labels?.['scylla/cluster'] !== o.metadata.name), ...pods]);
  }

  private podsForDeployment(o: KubeObject) {
    const ns = o.metadata.namespace!;
    const labels = (o.spec as { selector?: { matchLabels?: Record<string, string> } } | undefined)?.selector?.matchLabels ?? {};
    const crash = this.deployments.get(`${ns}/${o.metadata.name}`) === 'crash';
    const pod: Pod = {
      metadata: { name: `${o.metadata.name}-abc12`, namespace: ns, labels },
      status: {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: crash ? 'False' : 'True' }],
        containerStatuses: [
          crash
            ? { name: o.metadata.name, ready: false, restartCount: 5, image: 'img', imageID: '', state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off restarting failed container' } }, lastState: { terminated: { exitCode: 2, reason: 'Error' } } }
            : { name: o.metadata.name, ready: true, restartCount: 0, image: 'img', imageID: '', state: { running: {} } },
        ],
      },
    };
    this.pods.set(ns, [...(this.pods.get(ns) ?? []).filter((p) => p.metadata?.name !== pod.metadata!.name), pod]);
  }

  async list(apiVersion: string, kind: string, opts: { namespace?: string; labelSelector?: string } = {}): Promise<KubeObject[]> {
    this.calls.push(`list ${kind}${opts.namespace ? ` ${opts.namespace}` : ''}`);
    return this.objects()
      .filter((o) => o.apiVersion === apiVersion && o.kind === kind && (opts.namespace === undefined || o.metadata.namespace === opts.namespace))
      .map((o) => structuredClone(o));
  }

  async listPods(namespace: string, labelSelector?: string): Promise<Pod[]> {
    this.calls.push(`list-pods ${namespace}`);
    const want = (labelSelector ?? '').split(',').filter(Boolean).map((kv) => kv.split('=') as [string, string]);
    return structuredClone((this.pods.get(namespace) ?? []).filter((p) => want.every(([k, v]) => p.metadata?.labels?.[k] === v)));
  }

  /** Namespaces whose labels match every `k=v` of the selector (the only selector form the harness sends). */
  async listNamespaces(labelSelector: string): Promise<KubeNamespace[]> {
    this.calls.push(`list-namespaces ${labelSelector}`);
    const want = labelSelector.split(',').filter(Boolean).map((kv) => kv.split('=') as [string, string]);
    return this.objects()
      .filter((o) => o.kind === 'Namespace' && want.every(([k, v]) => o.metadata.labels?.[k] === v))
      .map((o) => structuredClone(o) as KubeNamespace);
  }

  async listEvents(namespace: string): Promise<KubeEvent[]> {
    this.calls.push(`list-events ${namespace}`);
    return structuredClone(this.events.get(namespace) ?? []);
  }

  async podLogs(namespace: string, pod: string, container: string, opts: { previous?: boolean } = {}): Promise<string> {
    this.calls.push(`logs ${namespace}/${pod}/${container}${opts.previous ? ' previous' : ''}`);
    const log = this.logs.get(`${namespace}/${pod}`);
    if (log !== undefined) return log;
    return `log of ${pod}/${container}${opts.previous ? ' (previous instance)' : ''}\n`;
  }

  async exec(namespace: string, pod: string, container: string, command: string[]): Promise<ExecResult> {
    this.calls.push(`exec ${namespace}/${pod}/${container} ${command[0]}`);
    if (command[0] !== 'cqlsh') return { stdout: '', stderr: 'unknown command', exitCode: 127 };
    if (this.cqlshFailures > 0) {
      this.cqlshFailures--;
      return { stdout: '', stderr: 'Connection error: (\'Unable to connect to any servers\', {...})', exitCode: 1 };
    }
    const cluster = this.cqlClusterOf(namespace);
    if (!cluster) return { stdout: '', stderr: `no ScyllaCluster in namespace ${namespace}: no pod runs cqlsh there`, exitCode: 126 };
    return cluster.cqlsh(command);
  }

  /**
   * The CQL side of the ScyllaCluster in a namespace (fake-cql.ts), made as its first node boots it: from the
   * scylla.yaml of its racks' scyllaConfig ConfigMap and its version. The datacenters of one variant (same run and
   * variant labels, joined through externalSeeds) are one cluster and share roles.
   */
  cqlClusterOf(namespace: string): FakeCqlCluster | undefined {
    const sc = this.objects().find((o) => o.kind === 'ScyllaCluster' && o.metadata.namespace === namespace);
    if (!sc) return undefined;
    const labels = sc.metadata.labels ?? {};
    const id = labels[LABELS.runId] && labels[LABELS.variant] ? `${labels[LABELS.runId]}/${labels[LABELS.variant]}` : `${namespace}/${sc.metadata.name}`;
    let cluster = this.cqlClusters.get(id);
    if (!cluster) {
      const spec = specOf(sc);
      const configMap = spec.datacenter?.racks?.[0]?.scyllaConfig;
      const cm = configMap ? this.objects().find((o) => o.kind === 'ConfigMap' && o.metadata.namespace === namespace && o.metadata.name === configMap) : undefined;
      cluster = new FakeCqlCluster((cm?.data as Record<string, string> | undefined)?.['scylla.yaml'], spec.version);
      this.cqlClusters.set(id, cluster);
    }
    return cluster;
  }

  /**
   * As the API server: the namespace turns Terminating, its content goes, then (after a few gets) the namespace. A
   * running ScyllaDB pod goes only once its preStop hook has drained and slept (fake-operator.ts preStopSleepSeconds):
   * the namespace outlives the longest of those, on the fake's clock.
   */
  async deleteNamespace(name: string): Promise<void> {
    this.calls.push(`delete-namespace ${name}`);
    const nsKey = key({ apiVersion: 'v1', kind: 'Namespace', name });
    const ns = this.store.get(nsKey);
    if (!ns) return;
    // The kubelet runs a preStop hook only in a container that runs (a pod still ContainerCreating has none to run).
    const scyllaRuns = (p: Pod) => p.status?.containerStatuses?.some((c) => c.name === 'scylla' && c.state?.running) === true;
    const drains = this.objects()
      .filter((o) => o.kind === 'ScyllaCluster' && o.metadata.namespace === name && this.podsOf(o).some(scyllaRuns))
      .map((o) => preStopSleepSeconds(o) * 1000);
    if (drains.length && !this.drainedAt.has(name)) this.drainedAt.set(name, this.now() + Math.max(...drains));
    for (const [k, s] of this.store) if (s.obj.metadata.namespace === name) this.store.delete(k);
    this.pods.delete(name);
    this.events.delete(name);
    ns.obj.status = { phase: 'Terminating' };
    (ns.obj.metadata as unknown as Record<string, unknown>).deletionTimestamp = new Date(this.now()).toISOString();
    if (!this.terminating.has(name)) this.terminating.set(name, this.namespaceTerminationGets);
  }

  /** A namespace an earlier run left terminating, gone after `gets` more gets. */
  seedTerminatingNamespace(name: string, gets: number): void {
    this.seed({ apiVersion: 'v1', kind: 'Namespace', metadata: { name }, status: { phase: 'Terminating' } });
    this.terminating.set(name, gets);
  }

  isTerminatingNamespace(name: string): boolean {
    return this.terminating.has(name);
  }
}

export class FakeForwarder implements PortForwarder {
  private next = 40000;
  open = 0;
  readonly targets: ForwardTarget[] = [];
  /** What listens for a pod's port here (a local server standing in for the container); unset or undefined: nothing. */
  serve: ((t: ForwardTarget, pod: string) => Promise<number | undefined>) | undefined;
  async forward(t: ForwardTarget): Promise<Forward> {
    this.targets.push(t);
    this.open++;
    const pod = await t.resolvePod();
    const served = await this.serve?.(t, pod);
    let closed = false;
    return {
      localPort: served ?? this.next++,
      close: async () => {
        if (!closed) this.open--;
        closed = true;
      },
    };
  }
}
