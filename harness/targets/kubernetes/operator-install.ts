// Installing the operator's prerequisite (cert-manager) and the operator, then waiting until each is
// ready, in the order of the operator's own kind CI (hack/ci-deploy.sh, deploy/README.md).
import { readFile } from 'node:fs/promises';
import { parseAllDocuments } from 'yaml';
import type { KubeApi } from './kube-api.ts';
import type { KubeObject } from './kube-types.ts';
import { describeRef, refOf } from './kube-types.ts';
import { ProvisionError } from '../../util/errors.ts';
import { crdEstablished, deploymentRollout, nodeConfigReconciled, podHealth } from './conditions.ts';
import { pollOptions, pollUntil, type Clock } from './wait.ts';
import { retryInfra } from './retry.ts';
import { certManagerProbeIssuer } from './manifests.ts';
import type { Progress } from '../../util/progress.ts';

export const certManagerUrl = (version: string): string => `https://github.com/cert-manager/cert-manager/releases/download/${version}/cert-manager.yaml`;
/** deploy/operator.yaml of a release tag: CRDs, RBAC, the operator and its webhook server. */
export const operatorManifestUrl = (version: string): string => `https://raw.githubusercontent.com/scylladb/scylla-operator/${version}/deploy/operator.yaml`;
/** The image a release's manifests should run (its manifests use a rolling tag; pin the full version). */
export const operatorReleaseImage = (version: string): string => `docker.io/scylladb/scylla-operator:${version.replace(/^v/, '')}`;

export const CERT_MANAGER = { namespace: 'cert-manager', deployments: ['cert-manager', 'cert-manager-cainjector', 'cert-manager-webhook'], crds: ['certificates.cert-manager.io', 'issuers.cert-manager.io'] };
export const OPERATOR = {
  namespace: 'scylla-operator',
  deployments: ['scylla-operator', 'webhook-server'],
  crds: ['scyllaclusters.scylla.scylladb.com', 'nodeconfigs.scylla.scylladb.com'],
};

/** Fetches a manifest from a URL (the real run) or reads a file; `plan` never calls it. */
export type TextSource = (source: string) => Promise<string>;

export const fetchTextSource: TextSource = async (source) => {
  if (!/^https?:\/\//.test(source)) return readFile(source, 'utf8');
  const res = await fetch(source, { redirect: 'follow', signal: AbortSignal.timeout(60_000) });
  if (!res.ok) throw new ProvisionError(`could not download ${source}: HTTP ${res.status}`, 'download manifests');
  return res.text();
};

export function parseManifests(text: string, source: string): KubeObject[] {
  const out: KubeObject[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length) throw new ProvisionError(`invalid YAML in ${source}: ${doc.errors[0]!.message}`, 'parse manifests');
    const o = doc.toJS() as KubeObject | { kind: string; items: KubeObject[] } | null;
    if (!o) continue;
    if (o.kind?.endsWith('List') && Array.isArray((o as { items?: unknown }).items)) out.push(...(o as { items: KubeObject[] }).items);
    else if ((o as KubeObject).metadata?.name) out.push(o as KubeObject);
  }
  return out;
}

const OPERATOR_IMAGE = /(^|\/)scylla-operator[:@]/;

/** Replaces the operator image everywhere it appears (containers and env values naming the same image). */
export function overrideOperatorImage(objects: KubeObject[], image: string): KubeObject[] {
  return objects.map((o) => {
    const copy = structuredClone(o);
    const podSpec = (copy.spec as { template?: { spec?: { containers?: Array<{ image?: string; env?: Array<{ value?: string }> }>; initContainers?: Array<{ image?: string }> } } } | undefined)?.template?.spec;
    for (const c of [...(podSpec?.containers ?? []), ...(podSpec?.initContainers ?? [])]) {
      if (c.image && OPERATOR_IMAGE.test(c.image)) c.image = image;
      for (const e of (c as { env?: Array<{ value?: string }> }).env ?? []) if (e.value && OPERATOR_IMAGE.test(e.value)) e.value = image;
    }
    return copy;
  });
}

/** Namespaces and CRDs first: everything else may need them. */
export function orderForApply(objects: KubeObject[]): KubeObject[] {
  const rank = (o: KubeObject) => (o.kind === 'Namespace' ? 0 : o.kind === 'CustomResourceDefinition' ? 1 : 2);
  return objects.map((o, i) => ({ o, i })).sort((a, b) => rank(a.o) - rank(b.o) || a.i - b.i).map((x) => x.o);
}

export interface InfraContext {
  kube: KubeApi;
  clock: Clock;
  signal?: AbortSignal;
  progress: Progress;
  pollIntervalMs: number;
  applyAttempts: number;
  retryDelayMs: number;
  maxRestarts: number;
}

export async function applyAll(c: InfraContext, objects: KubeObject[], step: string): Promise<void> {
  for (const o of orderForApply(objects))
    await retryInfra(`apply ${describeRef(refOf(o))}`, () => c.kube.apply(o), {
      attempts: c.applyAttempts,
      delayMs: c.retryDelayMs,
      clock: c.clock,
      step,
      ...(c.signal ? { signal: c.signal } : {}),
      onRetry: (n, e) => c.progress.warn(`${describeRef(refOf(o))}: ${e.message} (attempt ${n}, retrying)`),
    });
}

const selectorOf = (d: KubeObject | undefined): string | undefined => {
  const m = (d?.spec as { selector?: { matchLabels?: Record<string, string> } } | undefined)?.selector?.matchLabels;
  return m ? Object.entries(m).map(([k, v]) => `${k}=${v}`).join(',') : undefined;
};

/** Waits for a Deployment's rollout; a crash-looping pod fails the wait at once (ProvisionError, exit 3). */
export async function waitDeployment(c: InfraContext, namespace: string, name: string, timeoutMs: number, step: string): Promise<void> {
  c.progress.waiting(`Deployment ${namespace}/${name}`);
  await pollUntil(
    `Deployment ${namespace}/${name} to roll out`,
    async () => {
      const d = await c.kube.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace, name });
      const obs = deploymentRollout(d);
      if (obs.done) return obs;
      const sel = selectorOf(d);
      if (!sel) return obs;
      const health = podHealth(await c.kube.listPods(namespace, sel), c.maxRestarts);
      return { ...obs, status: `${obs.status}; pods: ${health.summary}`, ...(health.fatal ? { fatal: health.fatal } : {}) };
    },
    pollOptions(c, timeoutMs, step),
  );
}

export async function waitCRDs(c: InfraContext, names: string[], timeoutMs: number, step: string): Promise<void> {
  for (const name of names)
    await pollUntil(`CRD ${name} to be Established`, async () => crdEstablished(await c.kube.get({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name })), pollOptions(c, timeoutMs, step));
}

export async function installCertManager(c: InfraContext, manifests: KubeObject[], timeoutMs: number): Promise<void> {
  const step = 'install cert-manager';
  await applyAll(c, manifests, step);
  await waitCRDs(c, CERT_MANAGER.crds, timeoutMs, step);
  for (const d of CERT_MANAGER.deployments) await waitDeployment(c, CERT_MANAGER.namespace, d, timeoutMs, step);
  // The webhook Deployment can be Available before its serving certificate is injected: a server-side dry
  // run of an Issuer only passes once the webhook really answers.
  const issuer = certManagerProbeIssuer();
  await pollUntil(
    "cert-manager's webhook to answer",
    async () => {
      await c.kube.apply(issuer, { dryRun: true });
      return { done: true, status: 'dry run accepted' };
    },
    pollOptions(c, timeoutMs, step),
  );
}

export async function installOperator(c: InfraContext, manifests: KubeObject[], timeoutMs: number): Promise<void> {
  const step = 'install operator';
  await applyAll(c, manifests, step);
  await waitCRDs(c, OPERATOR.crds, timeoutMs, step);
  await waitOperatorReady(c, timeoutMs);
}

export async function waitOperatorReady(c: InfraContext, timeoutMs: number): Promise<void> {
  for (const d of OPERATOR.deployments) await waitDeployment(c, OPERATOR.namespace, d, timeoutMs, 'install operator');
}

export async function applyNodeConfig(c: InfraContext, nodeConfig: KubeObject, timeoutMs: number): Promise<void> {
  const step = 'apply NodeConfig';
  await applyAll(c, [nodeConfig], step);
  c.progress.waiting(`NodeConfig ${nodeConfig.metadata.name} Reconciled`);
  await pollUntil(`NodeConfig ${nodeConfig.metadata.name} to be Reconciled`, async () => nodeConfigReconciled(await c.kube.get(refOf(nodeConfig))), pollOptions(c, timeoutMs, step));
}
