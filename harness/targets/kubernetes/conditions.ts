// Readiness predicates, each returning one status line for the "last observed" of a timeout report.
import type { Condition, KubeObject } from './kube-types.ts';
import type { Pod } from './kube-api.ts';
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

/** Describes a pod set in one line and says whether it is hopeless (crash loop, restarts over the limit). */
export function podHealth(pods: Pod[], maxRestarts: number): { summary: string; fatal?: string } {
  const bad: string[] = [];
  const lines = pods.map((p) => {
    const name = p.metadata?.name ?? '?';
    const statuses = [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])];
    const cs = statuses.map((c) => {
      const waiting = c.state?.waiting?.reason;
      if ((waiting && HOPELESS.has(waiting)) || c.restartCount > maxRestarts)
        bad.push(`${name}/${c.name}: ${waiting ?? 'restarting'}, ${c.restartCount} restarts`);
      return `${c.name}${c.ready ? '' : ' not ready'}${waiting ? ` (${waiting})` : ''}${c.restartCount ? ` restarts=${c.restartCount}` : ''}`;
    });
    return `${name} ${p.status?.phase ?? '?'} [${cs.join(', ')}]`;
  });
  const summary = lines.length ? lines.join('; ') : 'no pods';
  return bad.length ? { summary, fatal: `container(s) will not become ready: ${bad.join('; ')}` } : { summary };
}

export const podReady = (p: Pod): boolean => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

function oneLine(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > 200 ? `${t.slice(0, 200)}…` : t;
}
