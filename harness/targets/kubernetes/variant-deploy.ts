// One variant on a cluster: per datacenter (in order, later ones seeded by the first), namespace, scylla.yaml
// ConfigMap, ScyllaCluster, then (UserManaged) the serving certificate's Secret once the operator has given the client
// Service its ClusterIP; wait for the rollout (failing at once on a pod that cannot start); then one endpoint per
// datacenter. On failure: diagnostics first, then cleanup, then a ProvisionError that names
// the diagnostics directory and says, in the cluster's words, what kept the pods from starting.
import { buildEndpoint } from '../../endpoint/build.ts';
import { alternatorScyllaConfig } from '../alternator-settings.ts';
import { sha512Crypt, randomCryptSalt } from '../../util/sha512-crypt.ts';
import { SUPERUSER, SCYLLA_CONTAINER } from './credentials.ts';
import { join } from 'node:path';
import type { Deployment, RunContext } from '../target.ts';
import type { Variant } from '../../variant/model.ts';
import { promisesOf } from '../../variant/model.ts';
import { createCA, issueServingCertificate } from '../../tls/ca.ts';
import { ProvisionError } from '../../util/errors.ts';
import type { CommonOptions } from './options.ts';
import type { ClusterSession, KubernetesDeps } from './session.ts';
import type { KubeObject } from './kube-types.ts';
import { describeRef, refOf } from './kube-types.ts';
import { datacenterUnits, scyllaClusterManifest, secretNameProbeManifest, userManagedDnsNames, userManagedSecret, variantManifests, type DatacenterUnit, type ManifestSettings } from './manifests.ts';
import { assertValid, validateManifests, formatIssues } from './validate.ts';
import { retryInfra } from './retry.ts';
import { pollUntil, InterruptedError, DiagnosedProvisionError, secondsSince } from './wait.ts';
import { scyllaClusterRollout, podHealth, podReady, stuckPods, blockingNodeConfigs, tuningConfigMapName, type MissingObject } from './conditions.ts';
import { alternatorServingCertSecretName, clientServiceName } from '../../variant/naming.ts';
import { rolloutTimeoutSeconds } from './options.ts';
import { waitUntilNotTerminating } from './namespaces.ts';
import { observeSecretName, type SecretNameProbeOnce } from './secret-name-probe.ts';
import type { RunPhases } from '../../report/results.ts';
import type { OperatorObservations } from '../../endpoint/contract.ts';
import { buildDatacenterEndpoint, podIPs, CLUSTER_LABEL } from './endpoint-builder.ts';
import { collectDiagnostics } from './diagnostics.ts';
import { OPERATOR } from './operator-install.ts';
import { operatorObjectGraceSeconds, scyllaArgsWithMemory } from './resources.ts';
import type { Forward } from './port-forward.ts';

export interface VariantDeployRequest {
  variant: Variant;
  ctx: RunContext;
  session: ClusterSession;
  options: CommonOptions;
  deps: KubernetesDeps;
  targetName: 'kind' | 'kubeconfig';
  settings: ManifestSettings;
  /** Called with every namespace before it is created, so teardown can remove it even after an interruption. */
  track(namespace: string): void;
  /** Called when the variant's namespaces should go (failure or stop); honours --keep. */
  release(namespaces: string[]): Promise<void>;
  /** Clusters rolling out at once now (this one included): the operator mints their certificates on the same cores. */
  rollingOut?(): number;
  /** The resources the run chose (resources.ts ResourcePlan.why), written into the variant's diagnostics. */
  resources?: string[];
  /** The run's one secret-name probe (UserManaged variants). */
  secretNameProbe: SecretNameProbeOnce;
}

export function manifestSettings(options: CommonOptions, runId: string): ManifestSettings {
  return {
    runId,
    ...(options.agentVersion ? { agentVersion: options.agentVersion } : {}),
    dedicatedScyllaNodes: options.dedicatedScyllaNodes,
    nodeSysctls: options.nodeSysctls,
    nodeTuning: options.nodeTuning,
    scyllaArgs: scyllaArgsWithMemory(options.scyllaArgs),
    ...(options.storageClassName ? { storageClassName: options.storageClassName } : {}),
  };
}

/** How long a pod may stay blocked on node tuning before its variant fails (see Timeouts.blockedOnTuning). */
export function blockedOnTuningSeconds(options: CommonOptions, targetName: 'kind' | 'kubeconfig'): number {
  return options.timeouts.blockedOnTuning ?? (targetName === 'kind' && !options.nodeTuning ? 45 : options.timeouts.nodeConfig);
}

/** How long a pod may stay unschedulable before its variant fails (see Timeouts.failedScheduling). */
export function failedSchedulingSeconds(options: CommonOptions, targetName: 'kind' | 'kubeconfig'): number {
  return options.timeouts.failedScheduling ?? (targetName === 'kind' ? 180 : 600);
}

/**
 * How long a FailedMount naming `missing` may last. The operator creates every per-cluster object under the
 * ScyllaDBDatacenter's name, `<cluster>-...` (pkg/naming), except the Alternator serving certificate of a
 * UserManaged variant (sync_certs.go syncCerts: OperatorManaged only; scylladb/scylla-operator#2248): nobody but
 * the user creates that one or any other name. An unparsed message gets the longer, operator grace.
 */
export function failedMountSeconds(options: CommonOptions, u: DatacenterUnit, missing: MissingObject | undefined, rollingOut = 1): number {
  const t = options.timeouts;
  // The operator's objects lag more when several clusters mint their keys at once (resources.ts).
  const operatorGrace = operatorObjectGraceSeconds(t.failedMountOperatorObject, rollingOut);
  if (!missing) return operatorGrace;
  const userManagedCert = u.variant.alternator.servingCertificate?.type === 'UserManaged' && missing.kind === 'Secret' && missing.name === alternatorServingCertSecretName(u.scName);
  return !userManagedCert && missing.name.startsWith(`${u.scName}-`) ? operatorGrace : t.failedMount;
}

export const diagnosticsDirFor = (ctx: Pick<RunContext, 'reportsDir' | 'runId'>, variant: string): string => join(ctx.reportsDir, ctx.runId, 'diagnostics', variant);

export async function deployVariant(r: VariantDeployRequest): Promise<Deployment> {
  const { variant, ctx, session, options, deps } = r;
  const units = datacenterUnits(variant, r.settings.runId);
  const namespaces = units.map((u) => u.namespace);
  const forwards: Forward[] = [];
  const signalOpt = { signal: ctx.signal };
  const rollouts: NonNullable<RunPhases['rollouts']> = [];
  let carriesProbe = false;
  const retry = <T>(what: string, fn: () => Promise<T>, s: string) =>
    retryInfra(what, fn, {
      attempts: options.applyAttempts,
      delayMs: options.retryDelayMs,
      clock: deps.clock,
      step: s,
      ...signalOpt,
      onRetry: (n, e) => ctx.progress.warn(`${what}: ${e.message} (attempt ${n}, retrying)`),
    });
  try {
    // Placeholders stand for the seeds here: the multi-DC rules are checked before anything exists.
    assertValid(variantManifests(variant, r.settings).flatMap((g) => g.objects), { allowPlaceholders: true });
    const tls: Array<UserManagedTLS | undefined> = [];
    // One superuser for every datacenter of the variant: a fresh salt per deployment, the well-known password.
    const superuserSaltedPassword = sha512Crypt(SUPERUSER.password, randomCryptSalt());
    for (const u of units) {
      const t0 = deps.clock.now();
      const seeds = u.index > 0 ? await seedsFrom(r, units[0]!) : undefined;
      const objects = variantManifests(variant, r.settings, { seeds: () => seeds, tls: (i) => tls[i], superuserSaltedPassword })[u.index]!.objects;
      const userSecret = userManagedSecret(u, r.settings.runId);
      // UserManaged: everything but the Secret now; the Secret once its certificate can name the Service's ClusterIP.
      const first = userSecret ? objects.filter((o) => !(o.kind === 'Secret' && o.metadata.name === userSecret.metadata.name)) : objects;
      assertValid(first, { allowAbsentUserSecret: userSecret !== undefined });
      r.track(u.namespace);
      await applyUnit(r, u, first, retry);
      if (userSecret) {
        tls[u.index] = await userManagedTLS(u, await clientServiceIP(r, u));
        const secret = userManagedSecret(u, r.settings.runId, tls[u.index])!;
        assertValid([...first, secret]);
        const step = `apply ${variant.name}/${u.dc.name}`;
        await retry(`dry run ${describeRef(refOf(secret))}`, () => session.kube.apply(secret, { dryRun: true }), step);
        await retry(`apply ${describeRef(refOf(secret))}`, () => session.kube.apply(secret), step);
      }
      await waitRollout(r, u);
      rollouts.push({ variant: variant.name, datacenter: u.dc.name, rollout: secondsSince(deps.clock, t0) });
    }
    const operatorObservations: OperatorObservations = {};
    if (tls[0])
      operatorObservations.userManagedSecretName = await r.secretNameProbe.observe(async () => {
        carriesProbe = true;
        const problem = await applyProbe(r, units[0]!, retry);
        return observeSecretName({ kube: session.kube, clock: deps.clock, pollIntervalMs: options.pollIntervalMs, timeoutMs: 120_000, ...signalOpt }, units[0]!, problem);
      });
    const promises = promisesOf(variant);
    const endpoints = [];
    for (const u of units) {
      const t0 = deps.clock.now();
      const built = await buildDatacenterEndpoint(
        {
          kube: session.kube,
          forwarder: session.forwarder,
          clock: deps.clock,
          ...signalOpt,
          timeoutMs: options.timeouts.endpoint * 1000,
          pollIntervalMs: options.pollIntervalMs,
          retryDelayMs: options.retryDelayMs,
          attempts: options.applyAttempts,
          ...(session.kubectl ? { kubectl: session.kubectl } : {}),
          progress: ctx.progress,
        },
        u,
        promises,
        tls[u.index] ? { caPem: tls[u.index]!.caPem, certPem: tls[u.index]!.certPem } : undefined,
        u.index === 0 ? 'create' : 'read',
      );
      forwards.push(...built.forwards);
      endpoints.push(built.endpoint);
      rollouts[u.index]!.endpoint = secondsSince(deps.clock, t0);
    }
    if (ctx.phases) (ctx.phases.rollouts ??= []).push(...rollouts);
    const endpoint = {
      ...buildEndpoint(variant, ctx, { target: r.targetName, apiProfile: 'alternator', dataPlane: 'scylladb', versionsSource: 'deployed', datacenters: endpoints, ...alternatorScyllaConfig(variant.versions.scylla) }),
      ...(operatorObservations.userManagedSecretName ? { operatorObservations } : {}),
    };
    let stopped: Promise<void> | undefined;
    return {
      endpoint,
      stop: () =>
        (stopped ??= (async () => {
          await Promise.all(forwards.map((f) => f.close().catch(() => undefined)));
          await r.release(namespaces);
        })()),
      collectDiagnostics: async (dir) => (await collect(r, units, dir, ctx.signal.aborted ? 'requested after the run was interrupted' : 'requested after a failed suite', carriesProbe)).dir,
    };
  } catch (e) {
    await Promise.all(forwards.map((f) => f.close().catch(() => undefined)));
    if (e instanceof InterruptedError || ctx.signal.aborted) throw e;
    const dir = diagnosticsDirFor(ctx, variant.name);
    await collect(r, units, dir, (e as Error).message, carriesProbe).catch(() => undefined);
    await r.release(namespaces).catch(() => undefined);
    const s = e instanceof ProvisionError ? e.step : `deploy ${variant.name}`;
    throw new DiagnosedProvisionError((e as Error).message, s, dir, { cause: e });
  }
}

type Retry = <T>(what: string, fn: () => Promise<T>, step: string) => Promise<T>;

async function applyUnit(r: VariantDeployRequest, u: DatacenterUnit, objects: KubeObject[], retry: Retry) {
  const { kube } = r.session;
  const step = `apply ${r.variant.name}/${u.dc.name}`;
  // An earlier run's namespace of this name may still be terminating (the API server refuses new content there).
  await waitUntilNotTerminating(
    { kube, clock: r.deps.clock, pollIntervalMs: r.options.pollIntervalMs, progress: r.ctx.progress, signal: r.ctx.signal },
    u.namespace,
    r.options.timeouts.teardown * 1000,
    step,
  );
  r.ctx.progress.step(`applying ${objects.length} object(s) for ${r.variant.name} in namespace ${u.namespace}`);
  const [ns, ...rest] = objects;
  await retry(`apply ${describeRef(refOf(ns!))}`, () => kube.apply(ns!), step);
  // Server-side dry run first: the operator's webhook judges every object before anything else is created.
  for (const o of rest) await retry(`dry run ${describeRef(refOf(o))}`, () => kube.apply(o, { dryRun: true }), step);
  for (const o of rest) await retry(`apply ${describeRef(refOf(o))}`, () => kube.apply(o), step);
}

/** The run's secret-name probe, in the carrier's first namespace; a problem applying it is reported by the suite, never fails the variant. */
async function applyProbe(r: VariantDeployRequest, u: DatacenterUnit, retry: Retry): Promise<string | undefined> {
  const probe = secretNameProbeManifest(u, r.settings);
  const issues = validateManifests([probe], { allowAbsentUserSecret: true });
  if (issues.length) return `probe not applied: ${formatIssues(issues)}`;
  try {
    await retry(`apply ${describeRef(refOf(probe))}`, () => r.session.kube.apply(probe), `probe ${u.namespace}`);
    return undefined;
  } catch (e) {
    if (e instanceof InterruptedError) throw e;
    return `probe not applied: ${(e as Error).message}`;
  }
}

/**
 * Waits as the operator's e2e does (observedGeneration, Available/Progressing/Degraded), and fails at once when a
 * pod will not start by waiting: crash loops and restarts (podHealth), a volume that cannot be mounted, node tuning
 * that does not finish (stuckPods); the message carries the event's or the container's own text.
 */
async function waitRollout(r: VariantDeployRequest, u: DatacenterUnit) {
  const { kube } = r.session;
  const ref = { apiVersion: 'scylla.scylladb.com/v1', kind: 'ScyllaCluster', namespace: u.namespace, name: u.scName };
  const timeoutS = rolloutTimeoutSeconds(u.dc.members, r.options.timeouts.rollout, u.index > 0);
  const firstSeen = new Map<string, number>();
  r.ctx.progress.waiting(`ScyllaCluster ${u.namespace}/${u.scName} to roll out (at most ${timeoutS}s)`);
  await pollUntil(
    `ScyllaCluster ${u.namespace}/${u.scName} to roll out`,
    async () => {
      const obs = scyllaClusterRollout(await kube.get(ref));
      if (obs.done) return obs;
      const pods = await kube.listPods(u.namespace, `${CLUSTER_LABEL}=${u.scName}`);
      const events = await kube.listEvents(u.namespace);
      // Only the scylla container's restarts count: the sidecars restart while ScyllaDB starts (v1.21.1
      // pkg/controller/scylladbdatacenter/resource.go:1374, the agent "fails after 60 attempts" without it).
      const health = podHealth(pods, r.options.maxRestarts, { restartsOf: SCYLLA_CONTAINER, events });
      const status = `${obs.status}; pods: ${health.summary}`;
      if (health.fatal) return { ...obs, status, fatal: health.fatal };
      const waiting = pods.filter((p) => !podReady(p));
      if (waiting.length === 0) return { ...obs, status };
      const blockedOn = new Map<string, string[]>();
      for (const p of waiting) {
        const uid = p.metadata?.uid;
        if (uid) blockedOn.set(uid, blockingNodeConfigs(await kube.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: u.namespace, name: tuningConfigMapName(uid) })));
      }
      const stuck = await stuckPods({
        pods: waiting,
        events,
        blockedOn,
        now: r.deps.clock.now(),
        firstSeen,
        failedMountMs: (missing) => failedMountSeconds(r.options, u, missing, r.rollingOut?.() ?? 1) * 1000,
        // Only whether it exists: the object (a Secret's data) is dropped at once, never logged.
        stillMissing: async (m) => (await kube.get({ apiVersion: 'v1', kind: m.kind, namespace: u.namespace, name: m.name })) === undefined,
        blockedOnTuningMs: blockedOnTuningSeconds(r.options, r.targetName) * 1000,
        failedSchedulingMs: failedSchedulingSeconds(r.options, r.targetName) * 1000,
      });
      return { ...obs, status, ...(stuck ? { fatal: stuck } : {}) };
    },
    { timeoutMs: timeoutS * 1000, intervalMs: r.options.pollIntervalMs, clock: r.deps.clock, step: `rollout ${r.variant.name}/${u.dc.name}`, signal: r.ctx.signal },
  );
}

async function seedsFrom(r: VariantDeployRequest, first: DatacenterUnit): Promise<string[]> {
  const ips = await podIPs(r.session.kube, first);
  if (ips.length === 0) throw new ProvisionError(`no ready pod IPs in ${first.namespace} to seed the next datacenter`, `seeds ${r.variant.name}`);
  return ips;
}

type UserManagedTLS = { caPem: string; certPem: string; keyPem: string };

/**
 * The client Service's ClusterIP, which the operator's first sync allocates (pkg/controller/scylladbdatacenter/
 * sync.go syncServices, resource.go IdentityService: always type ClusterIP). Waited for as upstream's e2e waits for a
 * sync loop (2 minutes, test/e2e/utils/config.go SyncTimeout).
 */
async function clientServiceIP(r: VariantDeployRequest, u: DatacenterUnit): Promise<string | undefined> {
  const name = clientServiceName(u.scName);
  return pollUntil(
    `Service ${u.namespace}/${name} to have a ClusterIP`,
    async () => {
      const svc = await r.session.kube.get({ apiVersion: 'v1', kind: 'Service', namespace: u.namespace, name });
      const ip = (svc?.spec as { clusterIP?: string } | undefined)?.clusterIP;
      return { done: !!ip, status: svc ? `clusterIP ${ip ?? 'not allocated'}` : 'not created yet', value: ip && ip !== 'None' ? ip : undefined };
    },
    { timeoutMs: 120_000, intervalMs: r.options.pollIntervalMs, clock: r.deps.clock, step: `apply ${r.variant.name}/${u.dc.name}`, signal: r.ctx.signal },
  );
}

/**
 * UserManaged: the harness is the CA, so the TLS suite can check that exactly this certificate is served. It names
 * what a user following the operator's page needs: the client Service's DNS names and members (userManagedDnsNames)
 * and its ClusterIP, the host of the page's Step 1 URL `https://<clusterIP>:8043` (the operator's own certificate has
 * it too: sync_certs.go signs every non-headless Service's ClusterIP).
 */
async function userManagedTLS(u: DatacenterUnit, clusterIP: string | undefined): Promise<UserManagedTLS> {
  const ca = await createCA(`alternator-e2e user CA for ${u.namespace}/${u.scName}`);
  const names = userManagedDnsNames(u);
  const cert = await issueServingCertificate(ca, { commonName: names[0]!, dnsNames: names, ipAddresses: clusterIP ? [clusterIP] : [] });
  return { caPem: ca.certPem, certPem: cert.certPem, keyPem: cert.keyPem };
}

function collect(r: VariantDeployRequest, units: DatacenterUnit[], dir: string, reason: string, carriesProbe: boolean) {
  const probe = carriesProbe && units[0] ? [refOf(secretNameProbeManifest(units[0], r.settings))] : [];
  return collectDiagnostics({
    kube: r.session.kube,
    dir,
    namespaces: units.map((u) => u.namespace),
    scyllaClusters: [...units.map((u) => refOf(scyllaClusterManifest(u, r.settings))), ...probe],
    operatorNamespaces: [OPERATOR.namespace],
    reason,
    // What the run chose for this host, and what each member was actually given (the user's scyllaArgs may size it).
    resources: [...(r.resources ?? []), `spec.scyllaArgs of every datacenter: ${r.settings.scyllaArgs || '(none)'}`],
  });
}
