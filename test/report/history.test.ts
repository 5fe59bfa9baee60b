// Run history from synthetic results: how each case is classified against earlier runs, and how earlier
// results.json files are found, checked, skipped (with the reason) and joined.
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { compareWithHistory, failingStretches, toHistoryRun, type CaseState, type RunHistory } from '../../harness/report/compare.ts';
import { loadHistory, readRunArgument, runHistory } from '../../harness/report/history.ts';
import { historyReportLines } from '../../harness/report/history-text.ts';
import { historyMarkdown } from '../../harness/report/history-md.ts';
import { renderJUnit } from '../../harness/report/junit.ts';
import { runSummaryMarkdown } from '../../harness/report/run-summary-md.ts';
import type { CaseResult, RunResult, VariantResult } from '../../harness/report/results.ts';

type Verdict = CaseResult['outcome'] | 'limitation-emulated';
const STATUS: Record<string, CaseResult['status']> = { passed: 'passed', 'limitation-reproduced': 'passed', 'limitation-lifted': 'passed', 'limitation-emulated': 'passed', failed: 'failed' };

/** A run of one variant "v" with one suite "api/items" holding the given cases (name → outcome). */
function run(n: number, cases: Record<string, Verdict>, o: { profile?: string; target?: string; variant?: Partial<VariantResult>; suiteError?: string } = {}): RunResult {
  return {
    schemaVersion: 1,
    runId: `2026010${n}T020000Z-000${n}`,
    profile: o.profile ?? 'nightly',
    target: o.target ?? 'kind',
    startedAt: `2026-01-0${n}T02:00:00.000Z`,
    finishedAt: `2026-01-0${n}T02:30:00.000Z`,
    interrupted: false,
    variants: [
      {
        name: 'v',
        target: o.target ?? 'kind',
        options: {},
        versions: {},
        suites: [
          {
            variant: 'v',
            suite: 'api/items',
            file: 'api/items.test.ts',
            durationMs: 1000 * n,
            ...(o.suiteError ? { error: o.suiteError } : {}),
            cases: Object.entries(cases).map(([name, outcome]) => ({
              name,
              outcome: outcome as CaseResult['outcome'],
              status: STATUS[outcome] ?? 'skipped',
              durationMs: 1,
              ...(outcome === 'failed' ? { failure: { message: `${name} broke\nstack` } } : {}),
            })),
          },
        ],
        ...o.variant,
      },
    ],
  };
}

/** Compares the last run with the ones before it. */
function compare(...runs: RunResult[]): RunHistory {
  return compareWithHistory(runs[runs.length - 1]!, runs.slice(0, -1).map((r) => toHistoryRun(r)));
}
const names = (list: Array<{ name: string }>) => list.map((c) => c.name);

describe('compareWithHistory', () => {
  it('a fault between two clean runs: new failures in the second, fixed in the third (not flaky)', () => {
    const clean = { put: 'passed', delete: 'passed' } as const;
    const [r1, r2, r3] = [run(1, clean), run(2, { put: 'passed', delete: 'failed' }), run(3, clean)];
    const second = compare(r1, r2);
    expect(names(second.newFailures)).toEqual(['delete']);
    expect(second.newFailures[0]).toMatchObject({ variant: 'v', suite: 'api/items', outcome: 'failed', previous: 'passed', previousRunId: r1.runId, message: 'delete broke' });
    const third = compare(r1, r2, r3);
    expect(names(third.fixed)).toEqual(['delete']);
    expect(third.fixed[0]).toMatchObject({ previous: 'failed', previousRunId: r2.runId, outcome: 'passed' });
    expect(third.flaky).toEqual([]);
    expect(third.newFailures).toEqual([]);
    // put, the suite file, the deployment, and "no escaped error" for api/items.test.ts and for an unknown file
    expect(third.unchanged).toBe(5);
  });

  it('a case that flips twice (fail, pass, fail; or pass, fail, pass, fail) is flaky, not a new failure', () => {
    const fpf = compare(run(1, { x: 'failed' }), run(2, { x: 'passed' }), run(3, { x: 'failed' }));
    expect(names(fpf.flaky)).toEqual(['x']);
    expect(fpf.flaky[0]).toMatchObject({ outcome: 'failed', recent: ['failed', 'passed', 'failed'] });
    expect(fpf.newFailures).toEqual([]);
    const pfpf = compare(run(1, { x: 'passed' }), run(2, { x: 'failed' }), run(3, { x: 'passed' }), run(4, { x: 'failed' }));
    expect(names(pfpf.flaky)).toEqual(['x']);
    // Fixed again after flipping: flaky too, and the line says it passes now.
    const fpfp = compare(run(1, { x: 'failed' }), run(2, { x: 'passed' }), run(3, { x: 'failed' }), run(4, { x: 'passed' }));
    expect(fpfp.flaky[0]).toMatchObject({ name: 'x', outcome: 'passed' });
    expect(fpfp.fixed).toEqual([]);
    expect(historyReportLines(fpfp).join('\n')).toContain('~ v api/items › x  (passed now; last 4 runs that had it: failed → passed → failed → passed)');
    // Outside the window the old stretch no longer counts.
    const old = [run(1, { x: 'failed' }), run(2, { x: 'passed' }), run(3, { x: 'failed' })];
    expect(names(compareWithHistory(old[2]!, old.slice(0, 2).map((r) => toHistoryRun(r)), { window: 2 }).newFailures)).toEqual(['x']);
  });

  it('counts failing stretches', () => {
    const s = (...f: boolean[]): CaseState[] => f.map((x) => ({ outcome: x ? 'failed' : 'passed', status: x ? 'failed' : 'passed' }));
    expect(failingStretches(s(false, true, false))).toBe(1);
    expect(failingStretches(s(true, false, true))).toBe(2);
    expect(failingStretches(s(true, true, false, false, true, true))).toBe(2);
    expect(failingStretches(s())).toBe(0);
  });

  it('still failing names the first run of the stretch, looking past runs that did not have the case', () => {
    const runs = [run(1, { x: 'passed' }), run(2, { x: 'failed' }), run(3, { y: 'passed' }), run(4, { x: 'failed' }), run(5, { x: 'failed' })];
    const h = compare(...runs);
    expect(h.stillFailing).toEqual([
      expect.objectContaining({ name: 'x', previousRunId: runs[3]!.runId, since: { runId: runs[1]!.runId, startedAt: runs[1]!.startedAt } }),
    ]);
    expect(historyReportLines(h).join('\n')).toContain(`(since run ${runs[1]!.runId} (2026-01-02 02:00 UTC))`);
    // When older runs were not read, the stretch may be longer: "or earlier".
    const truncated = compareWithHistory(runs[4]!, runs.slice(1, 4).map((r) => toHistoryRun(r)), { truncated: true });
    expect(truncated.stillFailing[0]!.since).toEqual({ runId: runs[1]!.runId, startedAt: runs[1]!.startedAt, orEarlier: true });
  });

  it('outcomes are compared as they are: reproduced → lifted, and an outcome this code never heard of, are changes', () => {
    const h = compare(run(1, { a: 'limitation-reproduced', b: 'limitation-reproduced', c: 'limitation-emulated' }), run(2, { a: 'limitation-lifted', b: 'limitation-emulated', c: 'limitation-emulated' }));
    expect(h.changed.map((c) => [c.name, c.previous, c.outcome])).toEqual([
      ['a', 'limitation-reproduced', 'limitation-lifted'],
      ['b', 'limitation-reproduced', 'limitation-emulated'],
    ]);
    expect(h.unchanged).toBe(5); // c, the suite file, the deployment, no escaped error (two keys)
    expect(historyReportLines(h).join('\n')).toContain('* v api/items › a  (limitation-reproduced in run 20260101T020000Z-0001 → limitation-lifted now)');
  });

  it('a failing case now skipped or not applicable is changed, not fixed; a case absent now is "not run", never fixed', () => {
    const h = compare(run(1, { a: 'failed', b: 'failed', c: 'failed' }), run(2, { a: 'not-applicable', b: 'skipped' }));
    expect(h.fixed).toEqual([]);
    expect(names(h.changed)).toEqual(['a', 'b']);
    expect(h.notRun).toEqual([expect.objectContaining({ name: 'c', previous: 'failed', message: 'c broke' })]);
  });

  it('provisioning failures and suite file errors take part like cases, named as in the JUnit', () => {
    const failedDeploy = run(2, {}, { variant: { provisioning: { status: 'failed', message: 'webhook timeout' }, suites: [] } });
    const h2 = compare(run(1, { a: 'passed' }), failedDeploy);
    expect(h2.newFailures).toEqual([expect.objectContaining({ variant: 'v', suite: 'lifecycle', name: 'deploy', previous: 'deployed', outcome: 'failed' })]);
    expect(names(h2.notRun)).toEqual([]); // nothing was failing before
    const h3 = compare(run(1, { a: 'passed' }), failedDeploy, run(3, { a: 'passed' }));
    expect(h3.fixed).toEqual([expect.objectContaining({ suite: 'lifecycle', name: 'deploy', outcome: 'deployed' })]);
    const hook = compare(run(1, { a: 'passed' }), run(2, { a: 'skipped' }, { suiteError: 'beforeAll: CreateTable failed' }));
    expect(hook.newFailures).toEqual([expect.objectContaining({ name: '(suite file)', message: 'beforeAll: CreateTable failed' })]);
    // An interrupted variant has no verdict: its earlier failures are "not run".
    const interrupted = compare(failedDeploy, run(3, {}, { variant: { provisioning: { status: 'interrupted', message: 'run interrupted' }, suites: [] } }));
    expect(interrupted.notRun).toEqual([expect.objectContaining({ name: 'deploy' })]);
    expect(interrupted.fixed).toEqual([]);
    // A shard (or a run of other variants) does not list the failures of variants it does not run.
    const otherVariant = run(4, { a: 'passed' }, { variant: { name: 'w' } });
    expect(compare(failedDeploy, otherVariant).notRun).toEqual([]);
  });

  it('errors that escaped every test take part per suite file, named as in the JUnit (run escaped-errors)', () => {
    const escaped = { ...run(2, { a: 'passed' }), escapedErrors: [{ file: 'api/items.test.ts', test: 'a', message: 'Unhandled Rejection: socket hang up\nat x' }, { message: 'Error: no file' }] };
    const h2 = compare(run(1, { a: 'passed' }), escaped);
    expect(h2.newFailures.map((c) => [c.variant, c.suite, c.name, c.message])).toEqual([
      ['run', 'escaped-errors', 'api/items.test.ts', 'Unhandled Rejection: socket hang up'],
      ['run', 'escaped-errors', 'unknown suite file', 'Error: no file'],
    ]);
    expect(h2.trend.map((p) => p.failed)).toEqual([0, 2]);
    const h3 = compare(run(1, { a: 'passed' }), escaped, run(3, { a: 'passed' }));
    expect(h3.fixed.map((c) => c.name)).toEqual(['api/items.test.ts', 'unknown suite file']);
  });

  it('the trend holds the window, oldest first, ending with this run', () => {
    const runs = Array.from({ length: 5 }, (_, i) => run(i + 1, { a: i % 2 ? 'failed' : 'passed', b: 'skipped' }));
    const h = compareWithHistory(runs[4]!, runs.slice(0, 4).map((r) => toHistoryRun(r)), { window: 3 });
    expect(h.trend).toEqual([
      { runId: runs[2]!.runId, startedAt: runs[2]!.startedAt, passed: 1, failed: 0, skipped: 1, provisioningFailures: 0, suiteSeconds: 3 },
      { runId: runs[3]!.runId, startedAt: runs[3]!.startedAt, passed: 0, failed: 1, skipped: 1, provisioningFailures: 0, suiteSeconds: 4 },
      { runId: runs[4]!.runId, startedAt: runs[4]!.startedAt, passed: 1, failed: 0, skipped: 1, provisioningFailures: 0, suiteSeconds: 5 },
    ]);
  });

  it('summary.md opens with the history (new failures first); the JUnit does not change', () => {
    const r1 = run(1, { a: 'passed', b: 'failed' });
    const r2 = run(2, { a: 'failed', b: 'failed' });
    const withHistory = { ...r2, history: compare(r1, r2) };
    const md = runSummaryMarkdown(withHistory);
    const at = (s: string) => md.indexOf(s);
    expect(at('## Since the previous run')).toBeGreaterThan(0);
    expect(at('### New failures (1)')).toBeGreaterThan(at('## Since the previous run'));
    expect(at('### Still failing (1)')).toBeGreaterThan(at('### New failures (1)'));
    expect(at('| variant | passed |')).toBeGreaterThan(at('### Trend over the last 2 runs'));
    expect(md).toContain('- v api/items › a (was passed in run 20260101T020000Z-0001): a broke');
    expect(historyMarkdown(withHistory.history).join('\n')).toContain('| `20260102T020000Z-0002` (this run) | 2026-01-02 02:00 UTC | 0 | 2 | 0 | 0 | 2.0 |');
    expect(renderJUnit(withHistory)).toBe(renderJUnit(r2));
  });
});

describe('earlier results on disk', () => {
  const write = (dir: string, r: unknown) => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'results.json'), typeof r === 'string' ? r : JSON.stringify(r));
  };

  it('skips other profiles, targets, schema versions, damaged and later files with one reason each; joins shards; never throws', () => {
    const root = mkdtempSync(join(tmpdir(), 'alte2e-history-'));
    const current = run(5, { a: 'passed', b: 'passed', c: 'passed' });
    const good = run(3, { a: 'failed', b: 'passed' });
    write(join(root, 'r3'), good);
    // Two shards of run 4, in artifact folders as CI downloads them.
    const shard = (name: string, cases: Record<string, Verdict>, index: number): RunResult => {
      const r = run(4, cases);
      r.variants[0]!.name = name;
      for (const s of r.variants[0]!.suites) s.variant = name;
      return { ...r, shard: { index, count: 2 } };
    };
    write(join(root, 'artifacts', 'shard-1', 'x'), shard('v', { a: 'failed', b: 'passed' }, 1));
    write(join(root, 'artifacts', 'shard-2', 'x'), shard('w', { a: 'failed' }, 2));
    write(join(root, 'other-profile'), run(2, { a: 'passed' }, { profile: 'smoke' }));
    write(join(root, 'other-target'), run(2, { a: 'passed' }, { target: 'local' }));
    write(join(root, 'v3'), { ...run(2, {}), schemaVersion: 3 });
    const text = JSON.stringify(run(4, { a: 'passed', b: 'failed' }));
    write(join(root, 'truncated'), text.slice(0, text.length / 2));
    write(join(root, 'no-variants'), { ...run(2, {}), variants: undefined });
    write(join(root, 'later'), run(6, { a: 'passed' }));
    write(join(root, 'itself'), current);
    write(join(root, 'load-only'), run(1, {}, { variant: { suites: [] } }));
    // Written before teardown by a run killed there (SIGKILL, OOM): its later batches never ran, not "fixed".
    write(join(root, 'killed'), { ...run(2, { a: 'passed' }), checkpoint: { phase: 'stop', writtenAt: '2026-01-02T02:20:00.000Z' } });

    const loaded = loadHistory(current, [root]);
    expect(loaded.runs.map((r) => r.runId).sort()).toEqual([good.runId, run(4, {}).runId]);
    const reasons = Object.fromEntries(loaded.skipped.map((s) => [s.source.slice(root.length + 1), s.reason]));
    expect(reasons).toEqual({
      'other-profile': "profile smoke, this run's is nightly",
      'other-target': "target local, this run's is kind",
      v3: 'results schema version 3 (written by a newer harness), this harness reads 1 and 2',
      truncated: expect.stringMatching(/^not valid JSON, truncated or damaged/),
      'no-variants': 'not a complete results file: variants: Invalid input: expected array, received undefined',
      later: 'started 2026-01-06T02:00:00.000Z, not before this run (2026-01-05T02:00:00.000Z)',
      killed: 'never finished: the process ended during stop, after the report written before teardown',
    });
    // The shards of run 4 are one run with both variants.
    const r4 = loaded.runs.find((r) => r.runId === run(4, {}).runId)!;
    expect([...r4.states.keys()].filter((k) => k.endsWith('deploy')).length).toBe(2);

    const h = runHistory(current, [root])!;
    // a failed in runs 3 and 4 (not in the truncated file, which would have said passed): fixed now.
    expect(h.fixed.map((c) => [c.variant, c.name])).toEqual([['v', 'a']]);
    // w (from the other shard) failed last night; this run has no variant w, so it is not listed as "not run".
    expect(h.notRun).toEqual([]);
    expect(h.comparedWith.map((c) => c.runId)).toEqual([run(4, {}).runId, good.runId]);
    expect(h.skipped).toHaveLength(7);
  });

  it('an interrupted run takes no part: a case that failed before and passes after it is fixed against the run before it, never "fixed" of the interruption', () => {
    const root = mkdtempSync(join(tmpdir(), 'alte2e-history-'));
    write(join(root, 'r1'), run(1, { a: 'passed', b: 'passed' }));
    // Stopped by Ctrl-C: a cut short, b (in the issue: recorded failed as its worker was killed) failed.
    write(join(root, 'r2'), { ...run(2, { a: 'interrupted' as Verdict, b: 'failed' }), interrupted: true, interruption: { signal: 'SIGINT', phase: 'suites' } });
    const current = run(3, { a: 'passed', b: 'passed' });
    const loaded = loadHistory(current, [root]);
    expect(loaded.runs.map((r) => r.runId)).toEqual([run(1, {}).runId]);
    expect(loaded.skipped.map((x) => [x.runId, x.reason])).toEqual([[run(2, {}).runId, 'interrupted (SIGINT/SIGTERM): its partial results take no part in new, fixed or flaky']]);
    const h = runHistory(current, [root])!;
    expect([h.newFailures, h.fixed, h.flaky, h.changed]).toEqual([[], [], [], []]);
  });

  it('keeps the newest runs only and says "or earlier" for a stretch that reaches past them', () => {
    const root = mkdtempSync(join(tmpdir(), 'alte2e-history-'));
    for (let n = 1; n <= 4; n++) write(join(root, `r${n}`), run(n, { a: 'failed' }));
    const current = run(5, { a: 'failed' });
    const loaded = loadHistory(current, [root], { maxRuns: 2 });
    expect(loaded.runs.map((r) => r.runId).sort()).toEqual([run(3, {}).runId, run(4, {}).runId]);
    expect(loaded.truncated).toBe(true);
    const h = compareWithHistory(current, loaded.runs, { truncated: loaded.truncated });
    expect(h.stillFailing[0]!.since).toMatchObject({ runId: run(3, {}).runId, orEarlier: true });
  });

  it('report diff arguments: a damaged or missing run is an error naming the argument', () => {
    const root = mkdtempSync(join(tmpdir(), 'alte2e-history-'));
    write(join(root, 'ok'), run(1, { a: 'passed' }));
    write(join(root, 'bad'), '{"schemaVersion": 1, "runId": "x", "vari');
    expect(readRunArgument(join(root, 'ok'), 'RUN_A').runId).toBe(run(1, {}).runId);
    expect(readRunArgument(join(root, 'ok', 'results.json'), 'RUN_A').source).toBe(join(root, 'ok', 'results.json'));
    expect(() => readRunArgument(join(root, 'bad'), 'RUN_B')).toThrow(/^RUN_B: .*bad\/results\.json: not valid JSON, truncated or damaged .*got ".*bad"/);
    expect(() => readRunArgument(join(root, 'nope'), 'RUN_A')).toThrow(/^RUN_A: no such file or directory; got/);
    // A directory of several files is read whole: one damaged file is an error, not a partial run.
    expect(() => readRunArgument(root, 'RUN_A')).toThrow(/^RUN_A: .*bad\/results\.json: not valid JSON/);
    mkdirSync(join(root, 'empty'));
    expect(() => readRunArgument(join(root, 'empty'), 'RUN_A')).toThrow(/^RUN_A: no results.json in or below this directory/);
  });
});
