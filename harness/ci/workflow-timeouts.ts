// The shipped workflows' time limits, derived from the plan: for every job of .github/workflows/*.yml that runs
// `npx alternator-e2e run|load --target kind ...`, the plan's own estimate of each of its shards (the code `plan`
// runs: select, then target.estimate, from estimate.ts's constants or measured ones) gives
//   - the run step's timeout-minutes: the slowest shard's time in the harness, × the estimate's headroom;
//   - the job's: that, plus the runner's steps before it (runnerSetUp) and after it (reportUpload), × headroom.
// The run step stops first, so the steps after it (summary, uploads: `if: always()`) still run in a timed-out job.
// `npm run workflows:timeouts` prints them; `-- --write` rewrites the workflows and README.md's duration table;
// test/ci/workflows.test.ts fails when a workflow or the README differs from what this derives.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { workflowFiles, workflowsDir, type Job, type Step, type Workflow } from './workflows.ts';
import { estimateJobOf, type RunFlags } from '../cli/run-command.ts';
import type { JobEstimate } from '../targets/kubernetes/estimate.ts';
import type { Calibration } from '../targets/kubernetes/calibrate.ts';
import { GITHUB_STANDARD_RUNNER } from '../targets/kubernetes/resources.ts';

/** `plan --host` of the shipped workflows' runner (runs-on: ubuntu-24.04). */
export const RUNNER_HOST = `${GITHUB_STANDARD_RUNNER.cpus},${GITHUB_STANDARD_RUNNER.memoryBytes / 1024 ** 3}`;

/** The command that regenerates what this module derives (named in every mismatch). */
export const REGENERATE = 'npm run workflows:timeouts -- --write';

/** `npx alternator-e2e ...` lines of a step, as argument lists after `alternator-e2e` (expressions kept whole). */
export function cliArgs(run: string | undefined): string[][] {
  return (run ?? '')
    .split('\n')
    .filter((l) => /\bnpx alternator-e2e\b/.test(l))
    .map((l) => l.trim().replace(/^.*?\bnpx alternator-e2e\s+/, '').split(/\s+(?![^{]*\}\})/));
}

function flagsOf(args: string[]): Map<string, string | true> {
  const flags = new Map<string, string | true>();
  for (let i = 1; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('--')) continue;
    const next = args[i + 1];
    if (next === undefined || next.startsWith('--')) flags.set(a, true);
    else flags.set(a, args[++i]!);
  }
  return flags;
}

export interface ShardEstimate {
  shard: string;
  estimate: JobEstimate;
}
export interface StepTimeout {
  job: string;
  step: string;
  minutes: number;
  shards: ShardEstimate[];
}
export interface JobTimeout {
  file: string;
  job: string;
  minutes: number;
  steps: StepTimeout[];
}

/** The plan's estimate of every shard a step's kind invocations run (the same selection `plan` makes). */
async function stepEstimates(step: Step, job: Job, calibration: Calibration | undefined): Promise<ShardEstimate[]> {
  const out: ShardEstimate[] = [];
  for (const args of cliArgs(step.run)) {
    const command = args[0];
    if (command !== 'run' && command !== 'load') continue;
    const f = flagsOf(args);
    if (f.get('--target') !== 'kind') continue;
    const shardFlag = f.get('--shard');
    const shards = shardFlag === undefined ? [undefined] : (job.strategy?.matrix?.shard ?? []);
    for (const i of shards) {
      const flags: RunFlags = {
        profile: String(f.get('--profile') ?? 'smoke'),
        target: 'kind',
        variant: [],
        suite: [],
        ...(i === undefined ? {} : { shard: String(shardFlag).replace('${{ matrix.shard }}', String(i)) }),
        ...(f.has('--parallelism') ? { parallelism: Number(f.get('--parallelism')) } : {}),
        // The runner's shape, not this machine's: the same limits wherever they are derived.
        host: RUNNER_HOST,
        ...(f.has('--load') ? { load: true } : {}),
      };
      const estimate = await estimateJobOf(flags, command, calibration);
      out.push({ shard: flags.shard ?? 'all', estimate: estimate! });
    }
  }
  return out;
}

/** What every kind job's and run step's timeout-minutes must be, from the plan's estimates. */
export async function deriveTimeouts(o: { dir?: string; calibration?: Calibration } = {}): Promise<JobTimeout[]> {
  const dir = o.dir ?? workflowsDir();
  const out: JobTimeout[] = [];
  for (const file of workflowFiles(dir)) {
    const wf = parse(readFileSync(join(dir, file), 'utf8')) as Workflow;
    for (const [job, j] of Object.entries(wf.jobs)) {
      const steps: StepTimeout[] = [];
      let jobMinutes = 0;
      for (const s of j.steps ?? []) {
        const shards = await stepEstimates(s, j, o.calibration);
        if (shards.length === 0) continue;
        const c = shards[0]!.estimate.constants;
        // The limit's total: suites priced at the slowest schema changes until a calibration fits them (estimate.ts).
        const minutes = Math.max(...shards.map(({ estimate: e }) => Math.ceil((e.limitTotal - e.runnerSetUp) * c.headroom)));
        steps.push({ job, step: s.name ?? '(unnamed)', minutes, shards });
        jobMinutes = Math.max(jobMinutes, minutes + Math.ceil((c.runnerSetUp + c.reportUpload) * c.headroom));
      }
      if (steps.length) out.push({ file, job, minutes: jobMinutes, steps });
    }
  }
  return out;
}

/** Differences between the workflows as written and as derived, each naming the command that fixes them. */
export function timeoutMismatches(derived: JobTimeout[], dir = workflowsDir()): string[] {
  const problems: string[] = [];
  for (const d of derived) {
    const wf = parse(readFileSync(join(dir, d.file), 'utf8')) as Workflow;
    const job = wf.jobs[d.job]!;
    if (job['timeout-minutes'] !== d.minutes) problems.push(`${d.file} job ${d.job}: timeout-minutes ${job['timeout-minutes'] ?? '(unset)'}, the plan derives ${d.minutes}`);
    for (const s of d.steps) {
      const step = job.steps!.find((x) => x.name === s.step)!;
      if (step['timeout-minutes'] !== s.minutes) problems.push(`${d.file} job ${d.job} step "${s.step}": timeout-minutes ${step['timeout-minutes'] ?? '(unset)'}, the plan derives ${s.minutes}`);
    }
  }
  return problems.map((p) => `${p} (regenerate: ${REGENERATE})`);
}

/**
 * The workflow text with the derived timeout-minutes written in, comments and layout kept: a job's is the
 * `timeout-minutes:` line right under its key, a step's the one inside its `- name:` block (added after `name:`).
 */
export function withTimeouts(text: string, derived: JobTimeout[]): string {
  const lines = text.split('\n');
  const indentOf = (l: string) => l.length - l.trimStart().length;
  for (const d of derived) {
    const jobAt = lines.findIndex((l) => l === `  ${d.job}:`);
    if (jobAt < 0) throw new Error(`job ${d.job} not found at two spaces of indentation`);
    let end = lines.findIndex((l, i) => i > jobAt && l.trim() !== '' && indentOf(l) <= 2);
    if (end < 0) end = lines.length;
    const jobTimeout = lines.findIndex((l, i) => i > jobAt && i < end && /^ {4}timeout-minutes: /.test(l));
    if (jobTimeout >= 0) lines[jobTimeout] = `    timeout-minutes: ${d.minutes}`;
    else lines.splice(jobAt + 1, 0, `    timeout-minutes: ${d.minutes}`);
    for (const s of d.steps) {
      const stepAt = lines.findIndex((l, i) => i > jobAt && l.trimStart() === `- name: ${s.step}`);
      if (stepAt < 0) throw new Error(`step "${s.step}" of job ${d.job} not found as a "- name:" line`);
      const stepIndent = indentOf(lines[stepAt]!) + 2;
      let stepEnd = lines.findIndex((l, i) => i > stepAt && l.trim() !== '' && indentOf(l) < stepIndent);
      if (stepEnd < 0) stepEnd = lines.length;
      const at = lines.findIndex((l, i) => i > stepAt && i < stepEnd && l.startsWith(`${' '.repeat(stepIndent)}timeout-minutes: `));
      const line = `${' '.repeat(stepIndent)}timeout-minutes: ${s.minutes}`;
      if (at >= 0) lines[at] = line;
      else lines.splice(stepAt + 1, 0, line);
    }
  }
  return lines.join('\n');
}

export const README_MARKERS = { start: '<!-- plan-durations:start (npm run workflows:timeouts -- --write) -->', end: '<!-- plan-durations:end -->' };

/** README.md's table of expected durations per shard and the limits derived from them. */
export function durationsMarkdown(derived: JobTimeout[]): string {
  const rows = derived.flatMap((d) =>
    d.steps.flatMap((s, si) =>
      si > 0
        ? [] // alternatives under complementary ifs run the same selection
        : s.shards.map(({ shard, estimate: e }) => `| ${d.file} | ${shard} | ${e.deployed} in ${e.batches} | ${Math.round(e.total)} min | ${s.minutes} | ${d.minutes} |`),
    ),
  );
  return ['| workflow | shard | variants deployed, batches | expected (plan) | run step timeout-minutes | job timeout-minutes |', '|---|---|---|---:|---:|---:|', ...rows].join('\n');
}

export function withDurationsTable(readme: string, derived: JobTimeout[]): string {
  const start = readme.indexOf(README_MARKERS.start);
  const end = readme.indexOf(README_MARKERS.end);
  if (start < 0 || end < start) throw new Error(`README.md lacks the markers ${README_MARKERS.start} … ${README_MARKERS.end}`);
  return `${readme.slice(0, start + README_MARKERS.start.length)}\n${durationsMarkdown(derived)}\n${readme.slice(end)}`;
}
