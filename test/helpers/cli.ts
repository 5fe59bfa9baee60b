// Spawns the CLI as a user would (bin/alternator-e2e.mjs), in a fresh reports directory.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../harness/util/paths.ts';
import type { RunResult, CaseResult } from '../../harness/report/results.ts';

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  reportsDir: string;
  /** reports/latest, resolved. */
  runDir(): string;
  junit(): string;
  results(): RunResult;
  /** Every case of the run as "variant suite › name" with its status. */
  cases(): Array<CaseResult & { variant: string; suite: string }>;
}

export interface CliOptions {
  env?: NodeJS.ProcessEnv;
  /** Called with the child once it runs (to send signals). */
  onSpawn?: (child: ReturnType<typeof spawn>, output: { stderr: () => string }) => void;
  timeoutMs?: number;
  /** Reports directory to use (to put several runs in one); default: a fresh temporary one. */
  reportsDir?: string;
}

export function runCli(args: string[], o: CliOptions = {}): Promise<CliRun> {
  const reportsDir = o.reportsDir ?? mkdtempSync(join(tmpdir(), 'alte2e-reports-'));
  const withReports = ['run', 'plan', 'load'].includes(args[0] ?? '') ? [...args, '--reports', reportsDir] : args;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(projectRoot(), 'bin', 'alternator-e2e.mjs'), ...withReports], {
      env: { ...process.env, NO_COLOR: '1', ...o.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), o.timeoutMs ?? 240_000);
    o.onSpawn?.(child, { stderr: () => stderr });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const runDir = () => realpathSync(join(reportsDir, 'latest'));
      const results = () => JSON.parse(readFileSync(join(runDir(), 'results.json'), 'utf8')) as RunResult;
      resolve({
        code,
        signal,
        stdout,
        stderr,
        reportsDir,
        runDir,
        junit: () => readFileSync(join(runDir(), 'junit.xml'), 'utf8'),
        results,
        cases: () => results().variants.flatMap((v) => v.suites.flatMap((s) => s.cases.map((c) => ({ ...c, variant: v.name, suite: s.suite })))),
      });
    });
  });
}

/** Names of failed cases, "variant suite › name". */
export function failedCases(r: CliRun): string[] {
  return r.cases().filter((c) => c.status === 'failed').map((c) => `${c.variant} ${c.suite} › ${c.name}`);
}
