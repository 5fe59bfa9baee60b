// `cleanup --target kind|kubeconfig`: removes what crashed runs left on a cluster. Only what carries the
// harness's marks is touched: namespaces labelled managed-by=alternator-e2e (manifests.ts LABELS), and kind
// clusters with the names the kind target generates (defaultClusterName). Anything else is never listed
// for deletion, whatever the flags. kind clusters are only listed unless --all or --run-id is given, and one
// younger than the longest job timeout of the shipped workflows is never deleted: it may be a concurrent run's.
import { existsSync } from 'node:fs';
import type { KubeConfig } from '@kubernetes/client-node';
import { ConfigError, ProvisionError } from '../util/errors.ts';
import type { KubeApi, KubeNamespace } from '../targets/kubernetes/kube-api.ts';
import { ClientKubeApi, kubeConfigFrom } from '../targets/kubernetes/kube-api-client.ts';
import { LABELS, MANAGED_BY } from '../targets/kubernetes/manifests.ts';
import { kubeconfigPathOf } from '../targets/kubeconfig/kubeconfig-target.ts';
import { defaultClusterName } from '../targets/kind/kind-target.ts';
import type { ClusterProvider } from '../targets/kind/cluster-provider.ts';

/** The prefix defaultClusterName gives every cluster the kind target creates (a test ties the two). */
export const KIND_CLUSTER_PREFIX = 'ae2e-';
/** defaultClusterName's output: the prefix, then lowercase letters, digits and dashes, at most 41 characters. */
const HARNESS_CLUSTER_NAME = /^ae2e-[a-z0-9-]*[a-z0-9]$/;

export function isHarnessClusterName(name: string): boolean {
  return name.length <= 41 && HARNESS_CLUSTER_NAME.test(name);
}

/** A Kubernetes label value: the run id is one (manifests.ts puts it in LABELS.runId). */
const LABEL_VALUE = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

export function checkRunId(runId: string | undefined): string | undefined {
  if (runId === undefined) return undefined;
  if (!LABEL_VALUE.test(runId))
    throw new ConfigError('not a run id', { field: 'run-id', value: runId, fix: 'pass the id of a run as printed by `run` (its reports/<run id>/ directory), e.g. 20261125T142419Z-ab12' });
  return runId;
}

/** The selector for the harness's namespaces, of every run or of one. */
export function namespaceSelector(runId?: string): string {
  return [`${LABELS.managedBy}=${MANAGED_BY}`, ...(runId ? [`${LABELS.runId}=${runId}`] : [])].join(',');
}

const isOurs = (ns: KubeNamespace, runId?: string) => {
  const l = ns.metadata?.labels ?? {};
  return l[LABELS.managedBy] === MANAGED_BY && (runId === undefined || l[LABELS.runId] === runId);
};

/** Rejects with a ProvisionError when `p` does not settle within `ms` (an unreachable API server can hang for minutes). */
function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProvisionError(`no answer within ${ms / 1000} s`, what)), ms);
    timer.unref();
  });
  return Promise.race([p, deadline]).finally(() => clearTimeout(timer));
}

export interface NamespaceCleanup {
  kube: KubeApi;
  /** How the user named the cluster, for messages (kubeconfig file and context). */
  where: string;
  runId?: string;
  dryRun: boolean;
  out: NodeJS.WritableStream;
  timeoutMs?: number;
}

/** Deletes (or with dryRun lists) the harness's namespaces; returns their names. */
export async function cleanupNamespaces(o: NamespaceCleanup): Promise<string[]> {
  const selector = namespaceSelector(o.runId);
  let found: KubeNamespace[];
  try {
    found = await within(o.kube.listNamespaces(selector), o.timeoutMs ?? 15_000, 'list namespaces');
  } catch (e) {
    throw new ProvisionError(
      `cannot list namespaces on the cluster of ${o.where}: ${(e as Error).message}; check the cluster is up and the context's credentials may list and delete namespaces (alternator-e2e doctor --target kubeconfig)`,
      'reach the cluster',
      { cause: e },
    );
  }
  // The selector already filters; checking again means a server that ignored it still cannot widen the set.
  const ours = found.filter((ns) => isOurs(ns, o.runId));
  const names = ours.map((ns) => ns.metadata!.name!).sort();
  const failed: string[] = [];
  for (const ns of ours.sort((a, b) => a.metadata!.name!.localeCompare(b.metadata!.name!))) {
    const name = ns.metadata!.name!;
    const run = ns.metadata?.labels?.[LABELS.runId] ?? '?';
    if (ns.status?.phase === 'Terminating') {
      o.out.write(`already terminating namespace ${name} (run ${run})\n`);
      continue;
    }
    o.out.write(`${o.dryRun ? 'would delete' : 'deleting'} namespace ${name} (run ${run})\n`);
    if (o.dryRun) continue;
    try {
      await within(o.kube.deleteNamespace(name), o.timeoutMs ?? 15_000, `delete namespace ${name}`);
    } catch (e) {
      failed.push(`${name}: ${(e as Error).message}`);
    }
  }
  if (failed.length) throw new ProvisionError(`could not delete ${failed.length} namespace(s) on ${o.where}:\n${failed.join('\n')}`, 'delete namespaces');
  return names;
}

export interface KindCleanup {
  provider: ClusterProvider;
  runId?: string;
  /** Delete every harness cluster old enough; without it (and without runId) the clusters are only listed. */
  all?: boolean;
  dryRun: boolean;
  out: NodeJS.WritableStream;
  /** Clusters younger than this may belong to a run still going (a concurrent CI job): never deleted. */
  minAgeMinutes: number;
  /** Now, in ms (tests). */
  now?: number;
}

/** When the run that created a cluster started: defaultClusterName keeps the run id's UTC time (newRunId). */
export function clusterStartedAt(name: string): number | undefined {
  const m = /^ae2e-(\d{4})(\d{2})(\d{2})t(\d{2})(\d{2})(\d{2})z-/.exec(name);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const t = Date.UTC(y, mo - 1, d, h, mi, s);
  return Number.isNaN(t) ? undefined : t;
}

/**
 * Lists the kind clusters the harness created; with `all` or `runId`, deletes them (or with dryRun says it would),
 * except those younger than `minAgeMinutes` or of unknown age. Returns the names removed (or that would be).
 */
export async function cleanupKindClusters(o: KindCleanup): Promise<string[]> {
  let all: string[];
  try {
    all = await o.provider.list();
  } catch (e) {
    if (e instanceof ProvisionError) throw e;
    throw new ProvisionError(`cannot list kind clusters: ${(e as Error).message}`, 'list kind clusters', { cause: e });
  }
  const only = o.runId === undefined ? undefined : defaultClusterName(o.runId);
  const ours = all.filter((n) => isHarnessClusterName(n) && (only === undefined || n === only)).sort();
  const deleting = o.all === true || o.runId !== undefined;
  const now = o.now ?? Date.now();
  const removed: string[] = [];
  for (const name of ours) {
    const started = clusterStartedAt(name);
    const ageMinutes = started === undefined ? undefined : Math.floor((now - started) / 60_000);
    const age = started === undefined ? 'age unknown (no run time in its name)' : `run started ${new Date(started).toISOString()}, ${ageMinutes} min ago`;
    if (!deleting) {
      o.out.write(`kind cluster ${name} (${age})\n`);
      continue;
    }
    if (ageMinutes === undefined || ageMinutes < o.minAgeMinutes) {
      o.out.write(`keeping kind cluster ${name} (${age}): younger than the longest job timeout (${o.minAgeMinutes} min), it may belong to a run still going; \`kind delete cluster --name ${name}\` removes it\n`);
      continue;
    }
    o.out.write(`${o.dryRun ? 'would delete' : 'deleting'} kind cluster ${name} (${age})\n`);
    if (!o.dryRun) await o.provider.delete(name);
    removed.push(name);
  }
  return removed;
}

/**
 * The KubeApi of a kubeconfig file and context, checked first so bad input is a ConfigError (exit 2): a
 * missing or unreadable file, a context the file does not have.
 */
export function connectKubeconfig(o: { kubeconfig?: string; context?: string }, env: NodeJS.ProcessEnv = process.env): { kube: KubeApi; where: string } {
  const file = kubeconfigPathOf({ ...(o.kubeconfig ? { kubeconfigPath: o.kubeconfig } : {}) }, env);
  if (!existsSync(file)) throw new ConfigError('kubeconfig not found', { field: 'kubeconfig', value: file, fix: 'pass --kubeconfig PATH or set KUBECONFIG' });
  let kc: KubeConfig;
  try {
    kc = kubeConfigFrom({ file });
  } catch (e) {
    throw new ConfigError(`kubeconfig cannot be read: ${(e as Error).message}`, { field: 'kubeconfig', value: file, fix: 'pass a valid kubeconfig file' });
  }
  const contexts = kc.getContexts().map((c) => c.name);
  const context = o.context ?? (kc.getCurrentContext() || undefined);
  if (context === undefined || !contexts.includes(context))
    throw new ConfigError(context === undefined ? 'no context chosen and the kubeconfig has no current-context' : `context not in ${file}`, {
      field: 'context',
      ...(context !== undefined ? { value: context } : {}),
      allowed: contexts,
      fix: 'pass --context NAME',
    });
  kc.setCurrentContext(context);
  return { kube: new ClientKubeApi(kc, MANAGED_BY), where: `${file} (context ${context})` };
}
