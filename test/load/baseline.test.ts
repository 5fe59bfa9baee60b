import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareWithBaseline, compareReports, readLoadReports, DEFAULT_THRESHOLDS, incomparableWhy, nothingComparedReason, comparisonLines } from '../../harness/load/baseline.ts';
import { runnerClass } from '../../harness/load/runner-class.ts';
import { writeLoadReports } from '../../harness/report/load-write.ts';
import { ConfigError } from '../../harness/util/errors.ts';
import { fixtureReport } from './report-fixture.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'load-baseline-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const baselineRun = () => [fixtureReport({ variant: 'lwt', runId: 'base' }), fixtureReport({ variant: 'unsafe', runId: 'base', seed: 2 })];

describe('baseline comparison', () => {
  it('finds no regression when the run matches its baseline, read from a run dir, its load dir or one file', () => {
    writeLoadReports(join(dir, 'base'), baselineRun());
    const current = baselineRun();
    for (const path of [join(dir, 'base'), join(dir, 'base', 'load'), join(dir, 'base', 'load', 'lwt.json')]) {
      const c = compareWithBaseline(current.slice(0, 1), path);
      expect(c.regressions).toEqual([]);
      expect(c.shouldFail).toBe(false);
      expect(c.baselineRunIds).toEqual(['base']);
    }
    expect(readLoadReports(join(dir, 'base'))).toHaveLength(2);
  });

  it('flags a throughput drop beyond the threshold and not within it', () => {
    const base = baselineRun();
    const slower = fixtureReport({ variant: 'lwt', perSecond: 300 }); // -25%
    const slightly = fixtureReport({ variant: 'lwt', perSecond: 380 }); // -5%
    const c = compareReports([slower], base, DEFAULT_THRESHOLDS);
    expect(c.shouldFail).toBe(true);
    expect(c.regressions.map((r) => [r.variant, r.operation])).toEqual([['lwt', 'total']]);
    expect(c.regressions[0]!.reasons[0]).toMatch(/throughput dropped 25\.0%/);
    expect(compareReports([slightly], base, DEFAULT_THRESHOLDS).shouldFail).toBe(false);
    expect(compareReports([slower], base, { ...DEFAULT_THRESHOLDS, throughputDropPct: 30 }).shouldFail).toBe(false);
  });

  it('flags a p99 rise per operation beyond the threshold', () => {
    const base = baselineRun();
    const c = compareReports([fixtureReport({ variant: 'lwt', latencyScale: 2 })], base, DEFAULT_THRESHOLDS);
    expect(c.regressions.map((r) => r.operation).sort()).toEqual(['read', 'update']);
    expect(c.regressions[0]!.reasons[0]).toMatch(/p99 rose/);
    expect(c.rows.find((r) => r.operation === 'read')!.p99ChangePct).toBeGreaterThan(80);
    const faster = compareReports([fixtureReport({ variant: 'lwt', latencyScale: 0.5 })], base, DEFAULT_THRESHOLDS);
    expect(faster.shouldFail).toBe(false);
    expect(faster.rows.filter((r) => r.status === 'improvement').map((r) => r.operation).sort()).toEqual(['read', 'update']);
  });

  it('flags a rise of the error rate', () => {
    const c = compareReports([fixtureReport({ variant: 'lwt', errors: { InternalServerError: 100 } })], baselineRun(), DEFAULT_THRESHOLDS);
    expect(c.regressions.find((r) => r.operation === 'total')!.reasons.join()).toMatch(/error rate rose/);
  });

  it('does not compare runs measured differently, and lists what is new or missing', () => {
    const c = compareReports(
      [fixtureReport({ variant: 'lwt', perSecond: 10, parameters: { concurrency: 64 } }), fixtureReport({ variant: 'forbid' })],
      baselineRun(),
      DEFAULT_THRESHOLDS,
    );
    expect(c.shouldFail).toBe(false);
    expect(c.rows.map((r) => [r.variant, r.status])).toEqual([
      ['lwt', 'incomparable'],
      ['forbid', 'new'],
      ['unsafe', 'missing'],
    ]);
    expect(c.rows[0]!.reasons[0]).toMatch(/concurrency 8 -> 64/);
    expect(c.comparedPairs).toBe(0);
    expect(c.incomparable.map((r) => r.variant)).toEqual(['lwt']);
  });

  it('compares only with a baseline of the same runner class, target and load generation (workers, threads)', () => {
    const base = baselineRun();
    const slow = { variant: 'lwt', perSecond: 10 };
    const cases: Array<[Parameters<typeof fixtureReport>[0], RegExp]> = [
      [{ ...slow, runner: { class: 'github-hosted linux-x64, 2 CPU, 7 GiB', cpus: 2, memoryGiB: 7 } }, /runner class "linux-x64, 4 CPU, 16 GiB" -> "github-hosted linux-x64, 2 CPU, 7 GiB"/],
      [{ ...slow, target: 'local' }, /target "kind" -> "local"/],
      [{ ...slow, parameters: { workers: 4 } }, /workers 1 -> 4/],
      [{ ...slow, parameters: { threads: 2 } }, /threads 1 -> 2/],
      [{ ...slow, parameters: { url: 'https://v-client.e2e-v-1.svc:8043' } }, /load source harness machine -> in-cluster Job/],
    ];
    for (const [options, why] of cases) {
      // Forty times slower, yet no regression: it was measured differently, and the comparison says so.
      const c = compareReports([fixtureReport(options)], base, DEFAULT_THRESHOLDS, 'reports/base');
      expect(c.shouldFail).toBe(false);
      expect(c.comparedPairs).toBe(0);
      expect(incomparableWhy(c).join('; ')).toMatch(why);
      expect(nothingComparedReason(c)).toMatch(new RegExp(`compared nothing: .*measured differently from the baseline reports/base: .*${why.source}`));
    }
    // The same class and parameters: compared, and the drop found.
    const same = compareReports([fixtureReport(slow)], base, DEFAULT_THRESHOLDS);
    expect([same.comparedPairs, same.shouldFail, nothingComparedReason(same)]).toEqual([1, true, undefined]);
  });

  it('a baseline written before runner classes were recorded compares with nothing, and says why', () => {
    const c = compareReports([fixtureReport({ variant: 'lwt' })], [fixtureReport({ variant: 'lwt', runner: null })], DEFAULT_THRESHOLDS);
    expect(c.comparedPairs).toBe(0);
    expect(incomparableWhy(c)).toEqual(['runner class: the baseline records none (written before runner classes were recorded)']);
  });

  it('counts compared and incomparable pairs and prints each incomparable one with what differs', () => {
    const c = compareReports(
      [fixtureReport({ variant: 'lwt' }), fixtureReport({ variant: 'unsafe', seed: 2, parameters: { concurrency: 16 } })],
      baselineRun(),
      DEFAULT_THRESHOLDS,
      'reports/base',
    );
    expect([c.comparedPairs, c.incomparable.length]).toEqual([1, 1]);
    expect(comparisonLines(c)).toEqual([
      'Load: 0 regression(s) in 1 compared variant/workload pair(s), 1 incomparable, against reports/base',
      '  incomparable unsafe · A: concurrency 8 -> 16',
    ]);
    expect(nothingComparedReason(c)).toBeUndefined();
    // A baseline of other variants only: nothing compared, and the reason says so.
    expect(nothingComparedReason(compareReports([fixtureReport({ variant: 'forbid' })], baselineRun(), DEFAULT_THRESHOLDS, 'b'))).toMatch(/holds none of this run's variant\/workload pairs/);
  });

  it('ignores operations with too few samples', () => {
    const c = compareReports([fixtureReport({ variant: 'lwt', perSecond: 10, latencyScale: 5, seconds: 5 })], [fixtureReport({ variant: 'lwt', perSecond: 10, seconds: 5 })], DEFAULT_THRESHOLDS);
    expect(c.rows.filter((r) => r.operation !== 'total').every((r) => r.status === 'too-few-samples')).toBe(true);
  });

  it('explains what is wrong with a baseline that is not one', () => {
    const f = join(dir, 'x.json');
    writeFileSync(f, '{"schemaVersion":7,"kind":"alternator-e2e/load-variant"}');
    expect(() => compareWithBaseline([], f)).toThrow(/schemaVersion 7 is not supported/);
    writeFileSync(f, 'not json');
    expect(() => compareWithBaseline([], f)).toThrow(ConfigError);
    mkdirSync(join(dir, 'empty'));
    expect(() => compareWithBaseline([], join(dir, 'empty'))).toThrow(/no load report/);
    expect(() => compareWithBaseline([], join(dir, 'nope'))).toThrow(/baseline not found.*fix/);
    expect(() => compareWithBaseline([], join(dir, 'nope'), { p99RisePct: -1 })).toThrow(/p99RisePct/);
  });
});

describe('runner class (harness/load/runner-class.ts)', () => {
  const host = { cpus: 4, memoryBytes: 16 * 1024 ** 3 - 1, platform: 'linux' as NodeJS.Platform, arch: 'x64' };
  it('is derived from the machine, marked with the GitHub runner environment, or given explicitly', () => {
    expect(runnerClass({}, host)).toEqual({ class: 'linux-x64, 4 CPU, 16 GiB', cpus: 4, memoryGiB: 16 });
    expect(runnerClass({ GITHUB_ACTIONS: 'true', RUNNER_ENVIRONMENT: 'github-hosted' }, host).class).toBe('github-hosted linux-x64, 4 CPU, 16 GiB');
    expect(runnerClass({ ALTERNATOR_E2E_RUNNER_CLASS: ' lab-epyc-32 ' }, host).class).toBe('lab-epyc-32');
  });
});
