// `plan --calibrate RESULTS`: the estimate's constants replaced by what a real run measured (results.json `phases`),
// and a file from another target or schema refused in one line (exit 2). The results here are synthetic: no real
// kind run happened on this project's machines.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCalibration, formatCalibration } from '../../harness/targets/kubernetes/calibrate.ts';
import { ESTIMATE } from '../../harness/targets/kubernetes/estimate.ts';
import { select } from '../../harness/cli/run-command.ts';
import type { RunResult } from '../../harness/report/results.ts';
import { runCli } from '../helpers/cli.ts';
import { fixedSuiteWork } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'ae2e-calibrate-'));
const suite = (variant: string, suite: string, seconds: number) => ({ variant, suite, file: `${suite}.test.ts`, durationMs: seconds * 1000, cases: [{ name: 'c', status: 'passed', outcome: 'passed', durationMs: 1 }] });

/** A nightly shard on kind as results.json records it. */
function measured(o: Partial<RunResult> = {}): RunResult {
  return {
    schemaVersion: 1,
    runId: '20270101T020000Z-abcd',
    profile: 'nightly',
    target: 'kind',
    startedAt: '2027-01-01T02:00:00.000Z',
    finishedAt: '2027-01-01T02:50:00.000Z',
    interrupted: false,
    variants: [
      { name: 'a', target: 'kind', options: {}, versions: {}, suites: [suite('a', 'api/items', 30), suite('a', 'api/query', 90)] },
      { name: 'b', target: 'kind', options: {}, versions: {}, suites: [suite('b', 'api/items', 60), { ...suite('b', 'empty', 999), cases: [] }] },
    ],
    phases: {
      targetSetUp: 400,
      clusterCreate: 90,
      imagePreload: 150,
      operatorInstall: 120,
      rollouts: [
        { variant: 'a', datacenter: 'dc1', rollout: 200, endpoint: 10 },
        { variant: 'b', datacenter: 'dc1', rollout: 290, endpoint: 10 },
      ],
      loadParameters: { durationSeconds: 120, recordCount: 10_000 },
      batches: [{ variants: ['a', 'b'], deploy: 300, suiteFiles: 2, suites: 240, load: 2 * 200, loadRuns: 2, stop: 45 }],
      teardown: 80,
      clusterDelete: 30,
    },
    ...o,
  } as RunResult;
}
/** The same run with what the latency fit needs: each variant's endpoint counts and the batch's suite workers. */
function fitted(): RunResult {
  const ops = { source: 'scylla_alternator_operation', counts: { CreateTable: 100, DeleteTable: 100, GetItem: 800 }, schemaChanges: 200 };
  const run = measured();
  for (const v of run.variants) Object.assign(v, { endpointOperations: ops, options: { alternator: { writeIsolation: 'forbid_rmw' } } });
  Object.assign(run.phases!.batches![0]!, { suiteWorkers: 2 });
  return run;
}
const write = (name: string, data: unknown) => {
  const f = join(dir, `${name}.json`);
  writeFileSync(f, JSON.stringify(data));
  return f;
};

describe('plan --calibrate', () => {
  it('replaces each constant the run measured, and keeps what happens outside the harness', () => {
    const cal = readCalibration(write('nightly', measured()), 'kind');
    expect(cal.constants).toEqual({
      clusterCreate: 1.5,
      firstImagePull: 2.5,
      operatorInstall: 2,
      // The slowest datacenter, endpoint included: 290 + 10 s.
      datacenterRollout: 5,
      // 200 s per workload and variant - 120 s measured - 10,000 records at the estimate's insert rate.
      loadWorkloadOverheadSeconds: 200 - 120 - 10_000 / ESTIMATE.loadInsertPerSecond,
      batchTeardown: 0.75,
      clusterDelete: 0.5,
    });
    expect(cal.constants).not.toHaveProperty('runnerSetUp');
    expect(cal.constants).not.toHaveProperty('headroom');
    const text = formatCalibration(cal);
    expect(text).toContain(`datacenterRollout: ${ESTIMATE.datacenterRollout} → 5 (measured)`);
    expect(text).toContain('clusterCreate: 1.5, firstImagePull: 2.5, operatorInstall: 2, datacenterRollout: 5, loadWorkloadOverheadSeconds');
  });

  it('the plan\'s estimate uses them: the same selection, measured constants in, another expected time out', async () => {
    const sel = await select({ profile: 'nightly', target: 'kind', variant: [], suite: [], parallelism: 2, shard: '1/4' }, 'run');
    // Every file (none is in this profile: each is charged its mean) 2,000 schema changes and as many requests.
    const { costs } = fixedSuiteWork(1, { CreateTable: 1000, DeleteTable: 1000 });
    const work = { suites: sel.suites.map((s) => s.id), costs };
    const before = sel.target.estimate!(sel.variants, work);
    const cal = readCalibration(write('nightly2', fitted()), 'kind');
    const after = sel.target.estimate!(sel.variants, work, cal);
    expect(after.calibratedFrom).toContain('run 20270101T020000Z-abcd');
    expect(after.constants.datacenterRollout).toBe(5);
    expect(after.constants.runnerSetUp).toBe(ESTIMATE.runnerSetUp);
    // Rollouts: the batches' slowest datacenter count × the measured figure instead of the estimated one.
    expect(after.rollouts / before.rollouts).toBeCloseTo(5 / ESTIMATE.datacenterRollout, 1);
    // Suites: the fitted schema-change latency (1.195 s, below) instead of scylladb#7594's 0.25 s; the requests'
    // 0.001 s each stay: (2000 × 1.195 + 2) / (2000 × 0.25 + 2).
    expect(after.latency?.schemaChangeSeconds).toBe(1.195);
    expect(after.suites / before.suites).toBeCloseTo((2000 * 1.195 + 2) / (2000 * 0.25 + 2), 1);
  });

  it("fits the latency model's schema-change latency to the measured suite time, from the endpoint's counts and the batch's suite workers", () => {
    // 2 variants on 2 workers, each 200 schema changes and 1,000 requests (1 s at the model's round trip), no LWT
    // (forbid_rmw): max((2 × (200 × s + 1 s)) / 2, 200 × s) = 240 s measured gives s = 239 / 200 = 1.195 s a change.
    const cal = readCalibration(write('fitted', fitted()), 'kind');
    expect(cal.latency).toEqual({ schemaChangeSeconds: 1.195 });
    expect(formatCalibration(cal)).toContain('schemaChangeSeconds: 0.25 → 1.195 (fitted');
    // Without the suite workers (an older harness) or the counts (no metrics URLs), nothing is fitted, and it says why.
    const older = readCalibration(write('older', measured()), 'kind');
    expect(older.latency).toBeUndefined();
    expect(formatCalibration(older)).toMatch(/schemaChangeSeconds: 0\.25 \(not measured by that run: no batch recorded its suite time, its suite workers/);
  });

  it('an unfinished run calibrates only what it measured, and says so', () => {
    const cut = measured({ interrupted: true, checkpoint: { phase: 'suites', writtenAt: '2027-01-01T02:30:00.000Z' } });
    cut.phases = { clusterCreate: 60, rollouts: [{ variant: 'a', datacenter: 'dc1', rollout: 120 }] };
    const cal = readCalibration(write('cut', cut), 'kind');
    expect(cal.source).toMatch(/unfinished: only what it measured/);
    expect(Object.keys(cal.constants).sort()).toEqual(['clusterCreate', 'datacenterRollout']);
  });

  it.each([
    ['another target', () => measured({ target: 'local' }), /--calibrate: results of target "local"; this plan is for target kind/],
    ['another schema', () => ({ ...measured(), schemaVersion: 3 }), /--calibrate: results schema version 3 \(written by a newer harness\), this harness reads 1 and 2/],
    ['no phases (an older harness)', () => ({ ...measured(), phases: undefined }), /--calibrate: the run recorded no phase durations/],
    ['not JSON', () => '{"schemaVersion": 1, "tar', /--calibrate: cannot read a results file/],
  ])('refuses %s', (_what, data, message) => {
    const d = data();
    const f = typeof d === 'string' ? join(dir, 'broken.json') : write(`bad-${Math.random()}`, d);
    if (typeof d === 'string') writeFileSync(f, d);
    expect(() => readCalibration(f, 'kind')).toThrow(message);
  });

  it('on the command line: a file from another target is refused in one line, exit 2; a kind run calibrates the printed plan', async () => {
    const other = await runCli(['plan', '--target', 'kind', '--profile', 'nightly', '--shard', '1/4', '--parallelism', '2', '--calibrate', write('local', measured({ target: 'local' }))]);
    expect(other.code).toBe(2);
    expect(other.stderr.trim().split('\n')).toHaveLength(1);
    expect(other.stderr).toMatch(/^error: --calibrate: results of target "local"; this plan is for target kind; got ".*local\.json"; fix: give the results\.json of a finished kind run/);
    const ok = await runCli(['plan', '--target', 'kind', '--profile', 'nightly', '--shard', '1/4', '--parallelism', '2', '--calibrate', join(dir, 'nightly.json')]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain(`Calibrated from ${join(dir, 'nightly.json')} (run 20270101T020000Z-abcd)`);
    expect(ok.stdout).toMatch(/Expected wall time of this job \(estimate\.ts's model with constants measured by .*nightly\.json/);
  }, 60_000);
});
