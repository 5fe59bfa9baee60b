// Namespaces are deleted asynchronously: the API server marks them Terminating and removes their content first.
// Applying into a terminating namespace is refused ("unable to create new content in namespace ... because it is
// being terminated"), so a run waits one out before using it, and teardown waits until its namespaces are gone.
import type { KubeApi } from './kube-api.ts';
import type { KubeObject } from './kube-types.ts';
import type { Progress } from '../../util/progress.ts';
import { pollUntil, type Clock } from './wait.ts';

export interface NamespaceWaitContext {
  kube: KubeApi;
  clock: Clock;
  pollIntervalMs: number;
  progress: Progress;
  signal?: AbortSignal;
}

const namespaceRef = (name: string) => ({ apiVersion: 'v1', kind: 'Namespace', name });

export function isTerminating(ns: KubeObject | undefined): boolean {
  const meta = ns?.metadata as { deletionTimestamp?: unknown } | undefined;
  return (ns?.status as { phase?: string } | undefined)?.phase === 'Terminating' || meta?.deletionTimestamp !== undefined;
}

/** Resolves once none of `names` exists; the progress line says how many are left. Throws a WaitTimeoutError after `timeoutMs`. */
export async function waitNamespacesGone(c: NamespaceWaitContext, names: readonly string[], timeoutMs: number, step: string): Promise<void> {
  if (names.length === 0) return;
  const left = new Set(names);
  let reported = -1;
  await pollUntil(
    `namespace(s) ${names.join(', ')} to be deleted`,
    async () => {
      for (const n of [...left]) if (!(await c.kube.get(namespaceRef(n)))) left.delete(n);
      if (left.size && left.size !== reported) {
        reported = left.size;
        c.progress.waiting(`${left.size} namespace(s) still terminating: ${[...left].join(', ')}`);
      }
      return { done: left.size === 0, status: left.size ? `still terminating: ${[...left].join(', ')}` : 'all gone' };
    },
    { timeoutMs, intervalMs: c.pollIntervalMs, clock: c.clock, step, ...(c.signal ? { signal: c.signal } : {}) },
  );
}

/** A namespace about to be applied: if an earlier run's deletion of it is still under way, waits it out. */
export async function waitUntilNotTerminating(c: NamespaceWaitContext, name: string, timeoutMs: number, step: string): Promise<void> {
  if (!isTerminating(await c.kube.get(namespaceRef(name)))) return;
  c.progress.waiting(`namespace ${name} is still terminating (an earlier run's); waiting until it is gone`);
  await waitNamespacesGone(c, [name], timeoutMs, step);
}
