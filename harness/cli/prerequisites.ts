// What a target needs on this machine (kind, docker or podman, a reachable cluster), checked once before a run
// starts: a missing one is said once, with its fix, and nothing is created, so there is nothing to tear down.
// The checks are `doctor`'s own; only those a run cannot do without (required) stop it.
import { TargetUnavailableError } from '../util/errors.ts';

/** Targets whose needs are programs and services of this machine; the others start with what npm installed. */
const CHECKED = new Set(['kind', 'kubeconfig', 'container']);

export async function checkPrerequisites(target: string, versions: { profile?: string; operatorVersion?: string } = {}): Promise<void> {
  if (!CHECKED.has(target)) return;
  const { doctor } = await import('./doctor.ts');
  // A check skipped because an earlier one failed ("kind version" when kind is not on PATH) repeats that cause.
  const missing = (await doctor(target, {}, versions)).filter((c) => !c.ok && c.required !== false && !c.detail.startsWith('skipped:'));
  if (missing.length === 0) return;
  const lines = missing.map((c) => `  ✗ ${c.name}: ${c.detail}${c.fix ? `\n    fix: ${c.fix}` : ''}`);
  throw new TargetUnavailableError(`target ${target} cannot run on this machine, nothing was started:\n${lines.join('\n')}`);
}
