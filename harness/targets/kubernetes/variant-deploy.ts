// One variant on a cluster: per datacenter (in order, later ones seeded by the first), namespace, scylla.yaml
// ConfigMap, UserManaged Secret, ScyllaCluster; wait for the rollout; then one endpoint per datacenter.
// On failure: diagnostics first, then cleanup, then a ProvisionError that names the diagnostics directory.
import { buildEndpoint } from '../../endpoint/build.ts';
import { sha512Crypt, randomCryptSalt } from '../../util/sha512-crypt.ts';
import { SUPERUSER } from './credentials.ts';
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
import { datacenterUnits, scyllaClusterManifest, userManagedDnsNames, variantManifests, type DatacenterUnit, type ManifestSettings } from './manifests.ts';
import { assertValid } from './validate.ts';
import { retryInfra } from './retry.ts';
import { pollUntil, InterruptedError, DiagnosedProvisionError } from './wait.ts';
import { scyllaClusterRollout, podHealth } from './conditions.ts';
import { buildDatacenterEndpoint, podIPs, CLUSTER_LABEL } from './endpoint-builder.ts';
import { collectDiagnostics } from './diagnostics.ts';
import { OPERATOR } from './operator-install.ts';
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
}

export function manifestSettings(options: CommonOptions, runId: string): ManifestSettings {
  return {
    runId,
    agentVersion: options.agentVersion,
    dedicatedScyllaNodes: options.dedicatedScyllaNodes,
    nodeSysctls: options.nodeSysctls,
    ...(options.storageClassName ? { storageClassName: options.storageClassName } : {}),
  };
}

export const diagnosticsDirFor = (ctx: Pick<RunContext, 'reportsDir' | 'runId'>, variant: string): string => join(ctx.reportsDir, ctx.runId, 'diagnostics', variant);

export async function deployVariant(r: VariantDeployRequest): Promise<Deployment> {
  const { variant, ctx, session, options, deps } = r;
  const units = datacenterUnits(variant);
  const namespaces = units.map((u) => u.namespace);
  const forwards: Forward[] = [];
  const signalOpt = { signal: ctx.signal };
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
    const tls = await userManagedTLS(units);
    // One superuser for every datacenter of the variant: a fresh salt per deployment, the well-known password.
    const superuserSaltedPassword = sha512Crypt(SUPERUSER.password, randomCryptSalt());
    for (const u of units) {
      const seeds = u.index > 0 ? await seedsFrom(r, units[0]!) : undefined;
      const objects = variantManifests(variant, r.settings, { seeds: () => seeds, tls: (i) => tls[i], superuserSaltedPassword })[u.index]!.objects;
      assertValid(objects);
      r.track(u.namespace);
      await applyUnit(r, u, objects, retry);
      await waitRollout(r, u);
    }
    const promises = promisesOf(variant);
    const endpoints = [];
    for (const u of units) {
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
        },
        u,
        promises,
        tls[u.index] ? { caPem: tls[u.index]!.caPem, certPem: tls[u.index]!.certPem } : undefined,
        u.index === 0 ? 'create' : 'read',
      );
      forwards.push(...built.forwards);
      endpoints.push(built.endpoint);
    }
    const endpoint = buildEndpoint(variant, ctx, { target: r.targetName, apiProfile: 'alternator', dataPlane: 'scylladb', versionsSource: 'deployed', datacenters: endpoints });
    let stopped: Promise<void> | undefined;
    return {
      endpoint,
      stop: () =>
        (stopped ??= (async () => {
          await Promise.all(forwards.map((f) => f.close().catch(() => undefined)));
          await r.release(namespaces);
        })()),
      collectDiagnostics: async (dir) => (await collect(r, units, dir, 'requested after a failed suite')).dir,
    };
  } catch (e) {
    await Promise.all(forwards.map((f) => f.close().catch(() => undefined)));
    if (e instanceof InterruptedError || ctx.signal.aborted) throw e;
    const dir = diagnosticsDirFor(ctx, variant.name);
    await collect(r, units, dir, (e as Error).message).catch(() => undefined);
    await r.release(namespaces).catch(() => undefined);
    const s = e instanceof ProvisionError ? e.step : `deploy ${variant.name}`;
    throw new DiagnosedProvisionError((e as Error).message, s, dir, { cause: e });
  }
}

type Retry = <T>(what: string, fn: () => Promise<T>, step: string) => Promise<T>;

async function applyUnit(r: VariantDeployRequest, u: DatacenterUnit, objects: KubeObject[], retry: Retry) {
  const { kube } = r.session;
  const step = `apply ${r.variant.name}/${u.dc.name}`;
  r.ctx.progress.step(`applying ${objects.length} object(s) for ${r.variant.name} in namespace ${u.namespace}`);
  const [ns, ...rest] = objects;
  await retry(`apply ${describeRef(refOf(ns!))}`, () => kube.apply(ns!), step);
  // Server-side dry run first: the operator's webhook judges every object before anything else is created.
  for (const o of rest) await retry(`dry run ${describeRef(refOf(o))}`, () => kube.apply(o, { dryRun: true }), step);
  for (const o of rest) await retry(`apply ${describeRef(refOf(o))}`, () => kube.apply(o), step);
}

async function waitRollout(r: VariantDeployRequest, u: DatacenterUnit) {
  const { kube } = r.session;
  const ref = { apiVersion: 'scylla.scylladb.com/v1', kind: 'ScyllaCluster', namespace: u.namespace, name: u.scName };
  r.ctx.progress.waiting(`ScyllaCluster ${u.namespace}/${u.scName} to roll out`);
  await pollUntil(
    `ScyllaCluster ${u.namespace}/${u.scName} to roll out`,
    async () => {
      const obs = scyllaClusterRollout(await kube.get(ref));
      if (obs.done) return obs;
      const pods = podHealth(await kube.listPods(u.namespace, `${CLUSTER_LABEL}=${u.scName}`), r.options.maxRestarts);
      return { ...obs, status: `${obs.status}; pods: ${pods.summary}` };
    },
    { timeoutMs: r.options.timeouts.rollout * 1000, intervalMs: r.options.pollIntervalMs, clock: r.deps.clock, step: `rollout ${r.variant.name}/${u.dc.name}`, signal: r.ctx.signal },
  );
}

async function seedsFrom(r: VariantDeployRequest, first: DatacenterUnit): Promise<string[]> {
  const ips = await podIPs(r.session.kube, first);
  if (ips.length === 0) throw new ProvisionError(`no ready pod IPs in ${first.namespace} to seed the next datacenter`, `seeds ${r.variant.name}`);
  return ips;
}

/** UserManaged: the harness is the CA, so the TLS suite can check that exactly this certificate is served. */
async function userManagedTLS(units: DatacenterUnit[]): Promise<Array<{ caPem: string; certPem: string; keyPem: string } | undefined>> {
  return Promise.all(
    units.map(async (u) => {
      if (u.variant.alternator.servingCertificate?.type !== 'UserManaged') return undefined;
      const ca = await createCA(`alternator-e2e user CA for ${u.namespace}/${u.scName}`);
      const names = userManagedDnsNames(u);
      const cert = await issueServingCertificate(ca, { commonName: names[0]!, dnsNames: names, ipAddresses: [] });
      return { caPem: ca.certPem, certPem: cert.certPem, keyPem: cert.keyPem };
    }),
  );
}

function collect(r: VariantDeployRequest, units: DatacenterUnit[], dir: string, reason: string) {
  return collectDiagnostics({
    kube: r.session.kube,
    dir,
    namespaces: units.map((u) => u.namespace),
    scyllaClusters: units.map((u) => refOf(scyllaClusterManifest(u, r.settings))),
    operatorNamespaces: [OPERATOR.namespace],
    reason,
  });
}
