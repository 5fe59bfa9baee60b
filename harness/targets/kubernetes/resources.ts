// What a run asks of the machine, computed in ONE place from the host's CPUs and memory: how many variants roll out
// at once, what each ScyllaDB member gets (and the memory Seastar is told to use), and how many suite files run at
// once. The run (kubernetes-target.ts, run.ts through Target.suiteWorkers), `plan` and its estimate (estimate.ts)
// and `doctor --target kind` all read these numbers, so the plan's times are those of the resources it chose.
import { availableParallelism, totalmem } from 'node:os';
import { ConfigError } from '../../util/errors.ts';

export interface HostShape {
  cpus: number;
  memoryBytes: number;
}

export const realHost = (): HostShape => ({ cpus: availableParallelism(), memoryBytes: totalmem() });

const GiB = 1024 ** 3;

/**
 * GitHub's standard Linux runner for public repositories (ubuntu-24.04: 4 CPUs, 16 GB; docs.github.com "Supported
 * runners and hardware resources"), the machine the shipped workflows' timeouts are derived for
 * (harness/ci/workflow-timeouts.ts). Private repositories' standard runners are smaller: plan with their --host.
 */
export const GITHUB_STANDARD_RUNNER: HostShape = { cpus: 4, memoryBytes: 16 * GiB };

/** `CPUS,GiB` (e.g. `4,16`), as `plan --host` takes it. */
export function parseHostShape(text: string, field: string): HostShape {
  const m = /^\s*(\d+)\s*,\s*(\d+(?:\.\d+)?)\s*(?:GiB)?\s*$/i.exec(text);
  const cpus = Number(m?.[1]);
  const gib = Number(m?.[2]);
  if (!m || cpus < 1 || !(gib > 0)) throw new ConfigError('must be CPUS,GiB', { field, value: text, fix: 'give the machine\'s CPUs and memory in GiB, e.g. --host 4,16' });
  return { cpus, memoryBytes: gib * GiB };
}

/**
 * One ScyllaDB member. v1.21.1's sidecar passes Seastar `--smp` (the CPU limit), `--overprovisioned` for a pod that
 * is not Guaranteed and never `--memory` (pkg/sidecar/config/config.go setupEntrypoint, lines 217-225; member.go:60).
 * Seastar then takes the cgroup limit minus a reserve of at least 1.5 GiB, and 500 MB when that leaves less
 * (seastar src/core/resource.cc calculate_memory, on min(machine memory, cgroup::memory_limit())): about 500 MB
 * under upstream's kind limit of 1Gi. `--memory` alone cannot fix that: calculate_memory refuses a `--memory` above
 * what is left after the reserve ("insufficient physical memory"), so the reserve is given too. Both go through
 * spec.scyllaArgs, which the sidecar merges into its arguments (AdditionalScyllaDBArguments, config.go:240-243;
 * pkg/controller/scyllacluster/migrate.go:89) and the image's entrypoint passes on (dist/docker/scyllasetup.py).
 * Requests stay upstream's kind ones (Burstable: test/e2e/fixture/scylla/scyllacluster.yaml.tmpl): a Guaranteed pod
 * would reserve requests = limits on nodes that all share one host.
 */
export const MEMBER = {
  cpuLimit: '1',
  cpuRequest: '10m',
  memoryLimit: '2Gi',
  memoryRequest: '100Mi',
  /**
   * Seastar's memory: 2Gi − reserve 512M leaves 1.5 GiB minus the kernel's min_free_kbytes (which calculate_memory
   * subtracts first; Seastar warns above 200 MB), so 1280M fits with room; the 768 MiB above it hold the process
   * outside Seastar's allocator and the sidecar that starts it.
   */
  seastarMemory: '1280M',
  seastarReserve: '512M',
  /** Memory the host must hold per member: the limit plus the sidecar and agent containers. */
  hostBytes: 2.25 * GiB,
  /** A member under load keeps one core busy (Seastar, smp 1). */
  hostCpus: 1,
} as const;

/**
 * spec.scyllaArgs with Seastar's memory and reserve (MEMBER). A user's own `--memory` or `--reserve-memory` wins:
 * nothing is added then (the two only make sense together).
 */
export function scyllaArgsWithMemory(args: string | undefined): string {
  const given = (args ?? '').trim();
  if (/(^|\s)--(memory|reserve-memory)(=|\s|$)/.test(given)) return given;
  return [given, `--memory=${MEMBER.seastarMemory}`, `--reserve-memory=${MEMBER.seastarReserve}`].filter(Boolean).join(' ');
}

/** What kind itself holds (control plane, cert-manager, the operator) and the harness with its vitest workers. */
export const OVERHEAD = { memoryBytes: 3 * GiB, cpus: 1 } as const;

/** The most variants at once the harness ever chooses by itself (more is `--parallelism`). */
const MAX_DEFAULT_PARALLELISM = 4;

export interface ResourcePlan {
  host: HostShape;
  /** Where the host's shape comes from: this machine, or `plan --host`. */
  hostFrom: 'this machine' | '--host';
  /** Variants rolling out (and tested) at once. */
  parallelism: number;
  /** Set when `--parallelism` chose it, not the host. */
  parallelismGiven?: number;
  /** One line per choice, for plan, doctor and diagnostics. */
  why: string[];
}

/** Variants the host holds at once: memory (per member) and CPUs (per busy member), whichever is fewer. */
export function hostParallelism(host: HostShape): { parallelism: number; byMemory: number; byCpu: number } {
  const byMemory = Math.max(1, Math.floor((host.memoryBytes - OVERHEAD.memoryBytes) / MEMBER.hostBytes));
  const byCpu = Math.max(1, Math.floor((host.cpus - OVERHEAD.cpus) / MEMBER.hostCpus));
  return { parallelism: Math.min(MAX_DEFAULT_PARALLELISM, byMemory, byCpu), byMemory, byCpu };
}

export function planResources(host: HostShape, given?: number, hostFrom: ResourcePlan['hostFrom'] = 'this machine'): ResourcePlan {
  const h = hostParallelism(host);
  const parallelism = given ?? h.parallelism;
  const gib = (b: number) => `${+(b / GiB).toFixed(2)} GiB`;
  const workers = [...new Set([1, parallelism])].map((live) => `${suiteWorkersFor(host, live)} with ${live} variant(s) live`).join(', ');
  return {
    host,
    hostFrom,
    parallelism,
    ...(given !== undefined ? { parallelismGiven: given } : {}),
    why: [
      `host: ${host.cpus} CPU(s), ${gib(host.memoryBytes)} (${hostFrom})`,
      `variants at once: ${parallelism}${given !== undefined ? ' (--parallelism)' : ''}; the host holds ${h.byMemory} by memory (${gib(MEMBER.hostBytes)} per member after ${gib(OVERHEAD.memoryBytes)} for kind) and ${h.byCpu} by CPU (${MEMBER.hostCpus} busy core per member after ${OVERHEAD.cpus} for kind and the harness)${given === undefined ? `, at most ${MAX_DEFAULT_PARALLELISM}` : ''}`,
      `each member: limits cpu ${MEMBER.cpuLimit}, memory ${MEMBER.memoryLimit}; requests cpu ${MEMBER.cpuRequest}, memory ${MEMBER.memoryRequest} (Burstable, as upstream's kind fixture); Seastar --memory=${MEMBER.seastarMemory} --reserve-memory=${MEMBER.seastarReserve} through spec.scyllaArgs unless the options' scyllaArgs size it (the operator passes no --memory: v1.21.1 pkg/sidecar/config/config.go setupEntrypoint; without it Seastar takes about 500 MB)`,
      `suite files at once: ${workers} (one per live variant, at most the CPUs after ${OVERHEAD.cpus} for kind)`,
    ],
  };
}

/**
 * Suite files (vitest workers) at once while `live` variants are deployed: one per live variant (each variant is one
 * member of one core and smp 1, which serves one file's requests at a time without queueing another's behind them),
 * at most the CPUs kind's control plane leaves, at least one. vitest's own default is CPUs + 1 whatever runs beside it.
 */
export function suiteWorkersFor(host: HostShape, live: number): number {
  return Math.max(1, Math.min(live, host.cpus - OVERHEAD.cpus));
}

/**
 * How long an operator-created Secret or ConfigMap may be missing from a FailedMount while `rollingOut` clusters
 * mint their certificates at once (RSA keys on the shared cores): the base grace per cluster rolling out beside it.
 */
export function operatorObjectGraceSeconds(baseSeconds: number, rollingOut: number): number {
  return baseSeconds * Math.max(1, rollingOut);
}
