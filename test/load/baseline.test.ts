import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareWithBaseline, compareReports, readLoadReports, DEFAULT_THRESHOLDS } from '../../harness/load/baseline.ts';
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
