// A scriptable in-memory API server standing in for the KubeApi boundary. Objects applied are stored; status
// is played from scripts on each `get` (a poll), so tests script transitions such as "Progressing forever",
// "operator crash-looping" or "webhook not ready twice".
import type { ExecResult, KubeApi, KubeEvent, KubeNamespace, Pod } from '../../harness/targets/kubernetes/kube-api.ts';
import { KubeApiError } from '../../harness/targets/kubernetes/kube-api.ts';
import type { KubeObject, ObjectRef } from '../../harness/targets/kubernetes/kube-types.ts';
import type { Forward, ForwardTarget, PortForwarder } from '../../harness/targets/kubernetes/port-forward.ts';

export type ScStep = 'none' | 'progressing' | 'degraded' | 'rolledOut';
export interface Stuck {
  kind: 'mount' | 'tuning' | 'crash';
  message?: string;
  nodeConfig?: string;
}
export type DeploymentBehaviour = 'ready' | 'never' | 'crash';
/** What one pod of a Job does with the environment its manifest gives it (secretKeyRefs resolved); returns its log and exit code. */
export type JobPod = (job: KubeObject, index: number, env: Record<string, string>) => Promise<{ log: string; code: number }>;

/** Shaped as ScyllaDB's salted_hash (sha512-crypt alphabet), distinct per role. */
export const fakeHash = (role: string) => `$6$fakesalt$${Buffer.from(role).toString('hex')}ZZsecretZZhashZZvalueZZ`;

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
      this.podsForScyllaCluster(stored, false);
      this.statefulSetFor(stored);
    }
    if (obj.kind === 'Deployment') this.podsForDeployment(stored);
    if (obj.kind === 'Job' && this.jobPod) this.jobs.set(k, this.runJob(stored, this.jobPod));
    return stored;
  }

  async get(ref: ObjectRef): Promise<KubeObject | undefined> {
    if (ref.kind === 'Namespace' && this.terminating.has(ref.name)) {
      const left = this.terminating.get(ref.name)!;
      if (left <= 0) {
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
    if (o.kind === 'ScyllaCluster') this.playScyllaCluster(s, key(ref));
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

  private playScyllaCluster(s: Stored, k: string) {
    const o = s.obj;
    const ns = o.metadata.namespace!;
    const stuck = this.stuck.get(`${ns}/${o.metadata.name}`);
    const steps = stuck ? ['progressing' as const] : (this.scScripts.find((x) => x.match(ns, o.metadata.name))?.steps ?? ['none', 'progressing', 'rolledOut']);
    if (stuck) this.playStuck(o, stuck);
    const step = steps[Math.min(s.gets - 1, steps.length - 1)]!;
    const gen = o.metadata.generation ?? 1;
    const members = (o.spec as { datacenter: { racks: Array<{ members: number }> } }).datacenter.racks[0]!.members;
    const c = (type: string, status: string, reason = 'AsExpected', message = '') => ({ type, status, reason, message, observedGeneration: gen });
    if (step === 'none') o.status = undefined;
    if (step === 'progressing')
      o.status = { observedGeneration: gen, members, readyMembers: 0, conditions: [c('Available', 'False'), c('Progressing', 'True', 'RollingOut', 'waiting for StatefulSet to roll out'), c('Degraded', 'False')] };
    if (step === 'degraded')
      o.status = { observedGeneration: gen, members, readyMembers: 0, conditions: [c('Available', 'False'), c('Progressing', 'True'), c('Degraded', 'True', 'Error', 'pod crashed')] };
    if (step === 'rolledOut') {
      o.status = { observedGeneration: gen, members, readyMembers: members, conditions: [c('Available', 'True'), c('Progressing', 'False'), c('Degraded', 'False')] };
      this.inflight.delete(k);
      this.podsForScyllaCluster(o, true);
      const sc = o.metadata.name;
      const put = (x: KubeObject) => this.store.set(key({ ...x, ...x.metadata }), { obj: x, gets: 0 });
      put({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${sc}-alternator-local-serving-ca`, namespace: ns }, data: { 'ca-bundle.crt': FAKE_CA_PEM } });
      put({ apiVersion: 'v1', kind: 'Service', metadata: { name: `${sc}-client`, namespace: ns }, spec: { clusterIP: `10.96.${this.indexOf(ns)}.1` } });
    }
  }

  /** The operator's StatefulSet for the rack, with the Alternator serving certificate volume (StatefulSetForRack). */
  private statefulSetFor(sc: KubeObject) {
    if (this.secretNameBehaviour === 'no-statefulset') return;
    const spec = sc.spec as { datacenter: { name: string; racks: Array<{ name: string; members: number }> }; alternator?: { servingCertificate?: { type: string; userManagedOptions?: { secretName: string } } } };
    const rack = spec.datacenter.racks[0]!;
    const requested = spec.alternator?.servingCertificate?.userManagedOptions?.secretName;
    const secretName = this.secretNameBehaviour === 'requested' && requested ? requested : `${sc.metadata.name}-alternator-local-serving-certs`;
    const sts: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: `${sc.metadata.name}-${spec.datacenter.name}-${rack.name}`, namespace: sc.metadata.namespace! },
      spec: { replicas: rack.members, template: { spec: { volumes: spec.alternator ? [{ name: 'scylladb-alternator-serving-certs', secret: { secretName, optional: false } }] : [] } } },
    };
    this.store.set(key({ ...sts, ...sts.metadata }), { obj: sts, gets: 0 });
  }

  /** Pods that cannot start: pending with a FailedMount event (kubelet's words), or running but blocked on tuning. */
  private playStuck(sc: KubeObject, stuck: Stuck) {
    const ns = sc.metadata.namespace!;
    const pods = (this.pods.get(ns) ?? []).filter((p) => p.metadata?.labels?.['scylla/cluster'] === sc.metadata.name);
    for (const p of pods) {
      const uid = p.metadata!.uid!;
      if (stuck.kind === 'mount') {
        p.status = { phase: 'Pending', conditions: [{ type: 'Ready', status: 'False' }], containerStatuses: p.status!.containerStatuses!.map((c) => ({ ...c, ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } }, lastState: {} })) };
        const list = this.events.get(ns) ?? [];
        const existing = list.find((e) => e.reason === 'FailedMount' && e.involvedObject?.uid === uid);
        const t = new Date(this.now());
        if (existing) {
          existing.count = (existing.count ?? 1) + 1;
          existing.lastTimestamp = t;
        } else
          list.push({
            metadata: { name: `${p.metadata!.name}.failedmount` },
            involvedObject: { kind: 'Pod', name: p.metadata!.name, uid, namespace: ns },
            type: 'Warning',
            reason: 'FailedMount',
            message: stuck.message ?? 'MountVolume.SetUp failed for volume "x" : secret "x" not found',
            count: 1,
            firstTimestamp: t,
            lastTimestamp: t,
          });
        this.events.set(ns, list);
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

  private podsForScyllaCluster(o: KubeObject, ready: boolean) {
    const ns = o.metadata.namespace!;
    const spec = o.spec as { datacenter: { name: string; racks: Array<{ name: string; members: number }> } };
    const rack = spec.datacenter.racks[0]!;
    const pods: Pod[] = Array.from({ length: rack.members }, (_, i) => ({
      metadata: { name: `${o.metadata.name}-${spec.datacenter.name}-${rack.name}-${i}`, namespace: ns, uid: `uid-${ns}-${o.metadata.name}-${i}`, labels: { 'scylla/cluster': o.metadata.name } },
      spec: { nodeName: 'kind-worker', containers: [] },
      status: {
        phase: 'Running',
        podIP: `10.244.${this.indexOf(ns)}.${10 + i}`,
        conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
        containerStatuses: [
          ready
            ? { name: 'scylla', ready: true, restartCount: 0, image: 'scylladb/scylla', imageID: '', state: { running: {} } }
            : { name: 'scylla', ready: false, restartCount: 1, image: 'scylladb/scylla', imageID: '', state: { running: {} }, lastState: { terminated: { exitCode: 1, reason: 'Error' } } },
          { name: 'scylla-manager-agent', ready: true, restartCount: 0, image: 'scylladb/scylla-manager-agent', imageID: '', state: { running: {} } },
        ],
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
    return [
      ...structuredClone(this.events.get(namespace) ?? []),
      { metadata: { name: 'e1' }, involvedObject: { kind: 'Pod', name: 'x' }, type: 'Warning', reason: 'BackOff', message: 'Back-off restarting failed container', count: 3, lastTimestamp: new Date(2000) },
      { metadata: { name: 'e0' }, involvedObject: { kind: 'ScyllaCluster', name: 'x' }, type: 'Normal', reason: 'Created', message: 'created StatefulSet', count: 1, lastTimestamp: new Date(1000) },
    ];
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
    const stmt = command[command.length - 1]!;
    const m = /SELECT salted_hash FROM (\S+) WHERE role = '(\w+)'/.exec(stmt);
    if (m) return { stdout: ` salted_hash\n--------------------------------\n ${fakeHash(m[2]!)}\n\n(1 rows)\n`, stderr: '', exitCode: 0 };
    return { stdout: '', stderr: '', exitCode: 0 };
  }

  /** As the API server: the namespace turns Terminating, its content goes, then (after a few gets) the namespace. */
  async deleteNamespace(name: string): Promise<void> {
    this.calls.push(`delete-namespace ${name}`);
    const nsKey = key({ apiVersion: 'v1', kind: 'Namespace', name });
    const ns = this.store.get(nsKey);
    if (!ns) return;
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
  async forward(t: ForwardTarget): Promise<Forward> {
    this.targets.push(t);
    this.open++;
    await t.resolvePod();
    let closed = false;
    return {
      localPort: this.next++,
      close: async () => {
        if (!closed) this.open--;
        closed = true;
      },
    };
  }
}

/** Any PEM-shaped certificate works: the harness only splits and forwards the bundle. */
export const FAKE_CA_PEM = '-----BEGIN CERTIFICATE-----\nMIIBfakefakefake\n-----END CERTIFICATE-----\n';
