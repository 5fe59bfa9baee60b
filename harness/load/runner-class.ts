// The class of machine a load phase ran on. Throughput and latency measured on one class of machine say nothing
// about another: a baseline is compared only with a run of the same class (harness/load/baseline.ts).
import { arch, availableParallelism, platform, totalmem } from 'node:os';

export interface RunnerClass {
  /** What baselines are matched on: ALTERNATOR_E2E_RUNNER_CLASS, else derived from what is below. */
  class: string;
  cpus: number;
  memoryGiB: number;
  /** `github-hosted` / `self-hosted` on GitHub Actions (RUNNER_ENVIRONMENT), else absent. */
  environment?: string;
}

/** Set it where the derived class is too coarse or too fine (e.g. runners with the same shape but other CPUs). */
export const RUNNER_CLASS_ENV = 'ALTERNATOR_E2E_RUNNER_CLASS';

export function runnerClass(env: NodeJS.ProcessEnv = process.env, host = { cpus: availableParallelism(), memoryBytes: totalmem(), platform: platform(), arch: arch() }): RunnerClass {
  const memoryGiB = Math.round(host.memoryBytes / 1024 ** 3);
  const environment = env.GITHUB_ACTIONS === 'true' ? (env.RUNNER_ENVIRONMENT ?? 'github-actions') : undefined;
  const derived = `${environment ? `${environment} ` : ''}${host.platform}-${host.arch}, ${host.cpus} CPU, ${memoryGiB} GiB`;
  const given = env[RUNNER_CLASS_ENV]?.trim();
  return { class: given || derived, cpus: host.cpus, memoryGiB, ...(environment ? { environment } : {}) };
}
