// The shipped GitHub workflows (.github/workflows/*.yml) as far as the harness reads them: their jobs' and steps'
// time limits. Small on purpose: `cleanup` reads the longest job timeout without loading the planner.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { projectRoot } from '../util/paths.ts';

export interface Step {
  name?: string;
  run?: string;
  if?: string;
  'timeout-minutes'?: number;
}
export interface Job {
  'timeout-minutes'?: number;
  strategy?: { matrix?: { shard?: number[] } };
  steps?: Step[];
}
export interface Workflow {
  jobs: Record<string, Job>;
}

/** GitHub's limit for a job on its hosted runners: 6 hours (also the default timeout-minutes). */
export const GITHUB_MAX_JOB_MINUTES = 360;

export const workflowsDir = (): string => join(projectRoot(), '.github', 'workflows');
export const workflowFiles = (dir = workflowsDir()): string[] => readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();

/** The longest job timeout of the shipped workflows (a job without one: GitHub's 6 h): no CI job runs longer. */
export function longestJobTimeoutMinutes(dir = workflowsDir()): number {
  let longest = 0;
  try {
    for (const f of workflowFiles(dir)) {
      const wf = parse(readFileSync(join(dir, f), 'utf8')) as Workflow;
      for (const j of Object.values(wf.jobs ?? {})) longest = Math.max(longest, j['timeout-minutes'] ?? GITHUB_MAX_JOB_MINUTES);
    }
  } catch {
    return GITHUB_MAX_JOB_MINUTES;
  }
  return longest || GITHUB_MAX_JOB_MINUTES;
}
