// `alternator-e2e cleanup --target endpoint|kind|kubeconfig`: checks which flags fit the target (a flag of
// another target is a mistake worth stopping on, since cleanup deletes), then removes the leftovers.
import { ConfigError, TargetUnavailableError } from '../util/errors.ts';
import { describeSystemError } from './system-errors.ts';
import { cleanupDatacenter } from './cleanup.ts';
import { checkRunId, cleanupKindClusters, cleanupNamespaces, connectKubeconfig } from './cleanup-clusters.ts';
import { endpointOptionsFromEnv, resolveDatacenters } from '../targets/endpoint/endpoint-target.ts';
import { KindCli, type ClusterProvider } from '../targets/kind/cluster-provider.ts';
import type { KubeApi } from '../targets/kubernetes/kube-api.ts';
import { longestJobTimeoutMinutes } from '../ci/workflows.ts';

import { CLEANUP_TARGETS } from '../targets/target.ts';
export { CLEANUP_TARGETS };
export type CleanupTarget = (typeof CLEANUP_TARGETS)[number];

export interface CleanupFlags {
  target: CleanupTarget;
  dryRun?: boolean;
  runId?: string;
  /** kind: delete every harness cluster old enough (otherwise they are only listed). */
  all?: boolean;
  endpoint?: string;
  caBundle?: string;
  endpointsFile?: string;
  region?: string;
  kubeconfig?: string;
  context?: string;
}

const FLAG_NAMES = { runId: '--run-id', all: '--all', endpoint: '--endpoint', caBundle: '--ca-bundle', endpointsFile: '--endpoints-file', region: '--region', kubeconfig: '--kubeconfig', context: '--context' } as const;
const FLAGS_OF: Record<CleanupTarget, ReadonlyArray<keyof typeof FLAG_NAMES>> = {
  endpoint: ['endpoint', 'caBundle', 'endpointsFile', 'region'],
  kind: ['runId', 'all'],
  kubeconfig: ['runId', 'kubeconfig', 'context'],
};

export interface CleanupDeps {
  out?: NodeJS.WritableStream;
  provider?: ClusterProvider;
  connect?: (o: { kubeconfig?: string; context?: string }) => { kube: KubeApi; where: string };
  /** kind: clusters younger than this are kept (default: the longest job timeout of the shipped workflows). */
  minAgeMinutes?: number;
}

/** Returns how many leftovers were removed (or, with dryRun, would be). */
export async function runCleanup(f: CleanupFlags, deps: CleanupDeps = {}): Promise<number> {
  const out = deps.out ?? process.stdout;
  if (!(CLEANUP_TARGETS as readonly string[]).includes(f.target)) throw new ConfigError('unknown cleanup target', { field: 'target', value: f.target, allowed: CLEANUP_TARGETS });
  for (const [k, flag] of Object.entries(FLAG_NAMES) as Array<[keyof typeof FLAG_NAMES, string]>) {
    if (f[k] !== undefined && !FLAGS_OF[f.target].includes(k)) {
      const fits = (Object.keys(FLAGS_OF) as CleanupTarget[]).filter((t) => FLAGS_OF[t].includes(k));
      throw new ConfigError(`${flag} does not apply to --target ${f.target}`, { field: flag.slice(2), fix: `drop ${flag}, or use --target ${fits.join('|')}` });
    }
  }
  const dryRun = f.dryRun ?? false;
  const runId = checkRunId(f.runId);
  const verb = dryRun ? 'would be removed' : 'removed';
  if (f.target === 'kind') {
    const minAgeMinutes = deps.minAgeMinutes ?? longestJobTimeoutMinutes();
    const n = (await cleanupKindClusters({ provider: deps.provider ?? new KindCli(), ...(runId ? { runId } : {}), all: f.all === true, dryRun, out, minAgeMinutes })).length;
    if (!f.all && !runId) out.write(`nothing deleted: pass --all (every cluster listed, older than ${minAgeMinutes} min) or --run-id ID (that run's)\n`);
    else out.write(`${n} kind cluster(s) ${verb}\n`);
    return n;
  }
  if (f.target === 'kubeconfig') {
    const { kube, where } = (deps.connect ?? connectKubeconfig)({ ...(f.kubeconfig ? { kubeconfig: f.kubeconfig } : {}), ...(f.context ? { context: f.context } : {}) });
    const n = (await cleanupNamespaces({ kube, where, ...(runId ? { runId } : {}), dryRun, out })).length;
    out.write(`${n} namespace(s) ${verb}${dryRun ? '' : ' (deletion started; Kubernetes finishes it in the background)'}\n`);
    return n;
  }
  const opts = endpointOptionsFromEnv({ url: f.endpoint, caBundleFile: f.caBundle, endpointsFile: f.endpointsFile, ...(f.region ? { region: f.region } : {}) });
  let n = 0;
  for (const dc of resolveDatacenters(opts)) {
    try {
      n += await cleanupDatacenter(dc, opts.region ?? 'us-east-1', dryRun, out);
    } catch (e) {
      // One line, exit 3: the endpoint is down, refuses the connection, its certificate or the credentials.
      const why = describeSystemError(e)?.line ?? (e instanceof Error ? e.message : String(e));
      throw new TargetUnavailableError(`cleanup of ${dc.httpsUrl} (datacenter ${dc.datacenter}) stopped after ${n} table(s): ${why}`, { cause: e });
    }
  }
  out.write(`${n} table(s) ${verb}\n`);
  return n;
}
