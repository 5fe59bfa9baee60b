// What explains a failure, written BEFORE anything is deleted (kind export logs cannot recover logs of pods
// already gone): the ScyllaClusters and the ScyllaDBDatacenters the operator migrates them to (the real status
// owner since that migration: pkg/controller/scyllacluster/migrate.go), every NodeConfig (cluster-scoped) and each
// ScyllaDB pod's tuning ConfigMap (what it waits on), namespace events, pod descriptions, logs of every container
// and of its previous instance, and the logs of the operator and of its node tuning namespace. Secrets are never
// read, nor ConfigMaps other than the tuning ones (the scylla.yaml ConfigMap holds the superuser's salted hash).
import { mkdir } from 'node:fs/promises';
import { writeOutputFileAsync } from '../../util/redact.ts';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { KubeApi, KubeEvent, Pod } from './kube-api.ts';
import type { ObjectRef } from './kube-types.ts';
import { tuningConfigMapName } from './conditions.ts';

/** Where the operator runs its node tuning (pkg/naming ScyllaOperatorNodeTuningNamespace, v1.21.1 and HEAD). */
export const NODE_TUNING_NAMESPACE = 'scylla-operator-node-tuning';
const SCYLLA_DB_DATACENTER = { apiVersion: 'scylla.scylladb.com/v1alpha1', kind: 'ScyllaDBDatacenter' } as const;
const NODE_CONFIG = { apiVersion: 'scylla.scylladb.com/v1alpha1', kind: 'NodeConfig' } as const;

export interface DiagnosticsRequest {
  kube: KubeApi;
  dir: string;
  namespaces: string[];
  scyllaClusters: ObjectRef[];
  /** Namespaces of the operator (and cert-manager) whose logs explain reconciliation. */
  operatorNamespaces: string[];
  /** A line explaining why diagnostics were taken (e.g. the timeout's last observed status). */
  reason?: string;
  /** The resources the run chose for this host (resources.ts), one line each: a starved cluster shows why. */
  resources?: string[];
  tailLines?: number;
}

export interface DiagnosticsResult {
  dir: string;
  files: string[];
  errors: string[];
}

export async function collectDiagnostics(r: DiagnosticsRequest): Promise<DiagnosticsResult> {
  const files: string[] = [];
  const errors: string[] = [];
  const write = async (rel: string, text: string) => {
    const path = join(r.dir, rel);
    await mkdir(join(path, '..'), { recursive: true });
    await writeOutputFileAsync(path, text);
    files.push(rel);
  };
  const guard = async (what: string, fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (e) {
      errors.push(`${what}: ${(e as Error).message}`);
    }
  };
  await mkdir(r.dir, { recursive: true });
  for (const ref of r.scyllaClusters) {
    await guard(`ScyllaCluster ${ref.namespace}/${ref.name}`, async () => {
      const sc = await r.kube.get(ref);
      await write(`scyllaclusters/${ref.namespace}--${ref.name}.yaml`, sc ? stringify(sc) : '# not found\n');
    });
    // Same name and namespace as its ScyllaCluster (MigrateV1ScyllaClusterToV1Alpha1ScyllaDBDatacenter).
    await guard(`ScyllaDBDatacenter ${ref.namespace}/${ref.name}`, async () => {
      const sdc = await r.kube.get({ ...SCYLLA_DB_DATACENTER, name: ref.name, ...(ref.namespace ? { namespace: ref.namespace } : {}) });
      await write(`scylladbdatacenters/${ref.namespace}--${ref.name}.yaml`, sdc ? stringify(sdc) : '# not found\n');
    });
  }
  await guard('NodeConfigs', async () => {
    const ncs = await r.kube.list(NODE_CONFIG.apiVersion, NODE_CONFIG.kind);
    await write('nodeconfigs.yaml', ncs.length ? ncs.map((n) => stringify(n)).join('---\n') : '# no NodeConfig in the cluster\n');
  });
  for (const ns of r.namespaces) await collectNamespace(r, `namespaces/${ns}`, ns, write, guard);
  for (const ns of [...r.operatorNamespaces, NODE_TUNING_NAMESPACE].filter((n, i, all) => all.indexOf(n) === i))
    await collectNamespace(r, `operator/${ns}`, ns, write, guard);
  const index = [
    `# Diagnostics`,
    r.reason ? `\nReason: ${r.reason}\n` : '',
    ...(r.resources?.length ? ['## Resources the run chose\n', ...r.resources.map((l) => `- ${l}`), ''] : []),
    `## Files\n`,
    ...files.map((f) => `- ${f}`),
    ...(errors.length ? ['\n## Could not collect\n', ...errors.map((e) => `- ${e}`)] : []),
    '',
  ].join('\n');
  await writeOutputFileAsync(join(r.dir, 'index.md'), index);
  return { dir: r.dir, files, errors };
}

type Write = (rel: string, text: string) => Promise<void>;
type Guard = (what: string, fn: () => Promise<void>) => Promise<void>;

async function collectNamespace(r: DiagnosticsRequest, base: string, ns: string, write: Write, guard: Guard) {
  await guard(`events of ${ns}`, async () => write(`${base}/events.txt`, formatEvents(await r.kube.listEvents(ns))));
  let pods: Pod[] = [];
  await guard(`pods of ${ns}`, async () => {
    pods = await r.kube.listPods(ns);
    await write(`${base}/pods.txt`, pods.map(describePod).join('\n'));
    await write(`${base}/pods.yaml`, pods.map((p) => stringify(p)).join('---\n'));
  });
  for (const p of pods) {
    const pod = p.metadata?.name ?? 'unknown';
    const uid = p.metadata?.uid;
    if (uid && p.metadata?.labels?.['scylla/cluster'])
      await guard(`tuning ConfigMap of ${ns}/${pod}`, async () => {
        const cm = await r.kube.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: tuningConfigMapName(uid) });
        if (cm) await write(`${base}/tuning/${pod}.yaml`, stringify(cm));
      });
    for (const c of [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])]) {
      const opts = { tailLines: r.tailLines ?? 10_000 };
      await guard(`logs of ${ns}/${pod}/${c.name}`, async () => write(`${base}/logs/${pod}/${c.name}.log`, await r.kube.podLogs(ns, pod, c.name, opts)));
      if (c.restartCount > 0 || c.lastState?.terminated)
        await guard(`previous logs of ${ns}/${pod}/${c.name}`, async () =>
          write(`${base}/logs/${pod}/${c.name}.previous.log`, await r.kube.podLogs(ns, pod, c.name, { ...opts, previous: true })),
        );
    }
  }
}

// client-node turns timestamps into Dates but leaves eventTime (MicroTime) a string: compare both as ISO text.
const when = (e: KubeEvent): unknown => e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata?.creationTimestamp;
const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v ?? ''));

export function formatEvents(events: KubeEvent[]): string {
  return (
    [...events]
      .sort((a, b) => iso(when(a)).localeCompare(iso(when(b))))
      .map((e) => `${iso(e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp)} ${e.type ?? ''} ${e.reason ?? ''} ${e.involvedObject?.kind ?? ''}/${e.involvedObject?.name ?? ''} (x${e.count ?? 1}): ${e.message ?? ''}`)
      .join('\n') + '\n'
  );
}

/** A `kubectl describe pod`-like summary: what a person reads first. */
export function describePod(p: Pod): string {
  const lines = [
    `Pod ${p.metadata?.namespace}/${p.metadata?.name}`,
    `  phase: ${p.status?.phase ?? '?'}  node: ${p.spec?.nodeName ?? '-'}  podIP: ${p.status?.podIP ?? '-'}`,
    ...(p.status?.conditions ?? []).map((c) => `  condition ${c.type}=${c.status}${c.reason ? ` (${c.reason}${c.message ? `: ${c.message}` : ''})` : ''}`),
  ];
  for (const c of [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])]) {
    const state = c.state?.running ? 'running' : c.state?.waiting ? `waiting (${c.state.waiting.reason ?? ''}${c.state.waiting.message ? `: ${c.state.waiting.message}` : ''})` : c.state?.terminated ? `terminated (${c.state.terminated.reason ?? ''}, exit ${c.state.terminated.exitCode})` : '?';
    const last = c.lastState?.terminated ? `; last terminated: ${c.lastState.terminated.reason ?? ''}, exit ${c.lastState.terminated.exitCode}` : '';
    lines.push(`  container ${c.name}: ${state}, ready=${c.ready}, restarts=${c.restartCount}, image=${c.image}${last}`);
  }
  return `${lines.join('\n')}\n`;
}
