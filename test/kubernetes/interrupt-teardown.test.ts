// A cancelled CI job keeps its reports: GitHub cancels with SIGINT, then SIGTERM 7.5 s later, then SIGKILL. A kind
// run on the fakes (test/kubernetes/kind-run-driver.ts: this CLI's run with the kind target on FakeKube and a fake
// kind) is interrupted DURING TEARDOWN, while it waits for its namespaces to go: the first signal must skip that wait
// (the cluster is deleted anyway) and reach `kind delete cluster`; the second, while kind deletes, must write what
// exists and exit. results.json, the JUnit and the failed variant's diagnostics are then on disk.
// The driver's clock runs 20x faster than the wall clock; nothing here asserts a wall-clock time: the 7.5 s gap only
// bounds how long the run may take to get from the first signal to `kind delete`, which a run that waits on its
// namespaces (300 virtual seconds, 15 s of wall time) cannot meet.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../harness/util/paths.ts';
import type { RunResult } from '../../harness/report/results.ts';
import { validateJUnit } from '../helpers/junit-schema.ts';

/** GitHub's gap between the SIGINT and the SIGTERM of a cancelled job (actions/runner: 7.5 s). */
const GITHUB_SIGTERM_AFTER_MS = 7_500;

describe('a kind run cancelled during teardown as GitHub cancels a job', { timeout: 120_000 }, () => {
  it('SIGINT while teardown waits for namespaces, SIGTERM 7.5 s later: results.json, JUnit and diagnostics are written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ae2e-kind-teardown-'));
    const reports = join(dir, 'reports');
    const log = join(dir, 'kind-calls.log');
    const kindCalls = () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : []);
    const child = spawn(process.execPath, ['--import', 'tsx', join(projectRoot(), 'test', 'kubernetes', 'kind-run-driver.ts'), reports, log], {
      cwd: projectRoot(),
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.resume();
    let sigintAt: number | undefined;
    let sigtermSent = false;
    let kindDeleteBeforeSigterm = false;
    const timer = setInterval(() => {
      if (sigintAt === undefined) {
        if (/namespace\(s\) still terminating/.test(stderr)) {
          sigintAt = Date.now();
          child.kill('SIGINT');
        }
        return;
      }
      if (sigtermSent) return;
      const deleting = kindCalls().some((c) => c.startsWith('delete ae2e-'));
      // GitHub would wait the full 7.5 s; once kind is deleting, the rest of the gap changes nothing here.
      if (deleting || Date.now() - sigintAt >= GITHUB_SIGTERM_AFTER_MS) {
        kindDeleteBeforeSigterm = deleting;
        sigtermSent = true;
        child.kill('SIGTERM');
      }
    }, 20);
    const killer = setTimeout(() => child.kill('SIGKILL'), 110_000);
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('exit', (c, s) => resolve([c, s])));
    clearInterval(timer);
    clearTimeout(killer);
    expect(sigintAt, `never reached the namespace wait:\n${stderr.slice(-3000)}`).toBeDefined();
    expect(signal, stderr.slice(-3000)).toBeNull();
    expect(code, stderr.slice(-3000)).toBe(143);
    // The first signal skipped the namespace wait: kind was already deleting the cluster when the second came.
    expect(kindDeleteBeforeSigterm, `kind calls: ${kindCalls().join(', ')}`).toBe(true);
    expect(stderr).toContain('SIGTERM again: writing the report as it stands');

    const runDir = realpathSync(join(reports, 'latest'));
    const results = JSON.parse(readFileSync(join(runDir, 'results.json'), 'utf8')) as RunResult;
    expect(results.interrupted).toBe(true);
    expect(results.interruption).toMatchObject({ signal: 'SIGINT', phase: 'stop' });
    expect(results.interruption?.secondSignal).toMatch(/^SIGTERM during (stop|teardown): the process exited before teardown finished$/);
    expect(results.checkpoint?.phase).toMatch(/stop|teardown/);
    const red = results.variants.find((v) => v.name === 'red')!;
    expect(red.suites.flatMap((s) => s.cases.map((c) => [c.name, c.status]))).toEqual([
      ['red fixture > passes', 'passed'],
      ['red fixture > fails', 'failed'],
    ]);
    const junit = readFileSync(join(runDir, 'junit.xml'), 'utf8');
    expect((await validateJUnit(junit)).valid).toBe(true);
    expect(junit).toContain('name="red fixture &gt; fails"');
    expect(existsSync(join(runDir, 'summary.md'))).toBe(true);
    // The failed variant's diagnostics, taken before anything was deleted.
    expect(red.diagnosticsDir).toBe(join(runDir, 'diagnostics', 'red'));
    const [ns] = readdirSync(join(red.diagnosticsDir!, 'namespaces'));
    expect(ns).toMatch(/^e2e-red-/);
    for (const f of ['events.txt', 'pods.txt']) expect(existsSync(join(red.diagnosticsDir!, 'namespaces', ns!, f)), f).toBe(true);
    expect(readFileSync(join(red.diagnosticsDir!, 'index.md'), 'utf8')).toContain('requested after a failed suite');
  });
});
