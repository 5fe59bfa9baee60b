import { describe, expect, it } from 'vitest';
import { mergeRuns } from '../../harness/report/merge.ts';
import { parseShard, shardVariants } from '../../harness/run/shard.ts';
import type { RunResult, VariantResult, CaseResult } from '../../harness/report/results.ts';
import { renderJUnit } from '../../harness/report/junit.ts';
import { ConfigError } from '../../harness/util/errors.ts';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.ts';
import { mergeCommand } from '../../harness/cli/report-command.ts';

const NAMES = ['m-lwt-http-auth-om', 'm-forbid-nohttp-noauth-omx', 'm-unsafe-http-noauth-um', 'm-rmwlwt-nohttp-auth-om', 'multi-dc', 'm-lwt-nohttp-noauth-um', 'legacy-port'];
const profileVariants = NAMES.map((name) => ({ name }));

/** What a run records for one variant: varied on purpose (failures, limitations, not applicable, provisioning failure). */
function resultFor(name: string, i: number): VariantResult {
  const base = { name, target: 'kind', options: { alternator: { i }, datacenters: ['dc1'] }, versions: { scylla: '2026.2.4', operator: 'v1.21.1' } };
  if (name === 'multi-dc') return { ...base, provisioning: { status: 'failed', message: 'webhook not ready', step: 'apply ScyllaCluster' }, suites: [] };
  const c = (n: string, outcome: CaseResult['outcome']): CaseResult => ({
    name: n,
    status: outcome === 'passed' || outcome === 'limitation-reproduced' ? 'passed' : outcome === 'failed' || outcome === 'limitation-lifted' ? 'failed' : 'skipped',
    outcome,
    durationMs: 10 + i,
    ...(outcome === 'failed' ? { failure: { message: `expected 400 got ${500 + i}` } } : {}),
  });
  return {
    ...base,
    ...(i % 3 === 0 ? { diagnosticsDir: `/reports/r/diagnostics/${name}` } : {}),
    suites: [
      { variant: name, suite: 'api/items', file: 'api/items.test.ts', durationMs: 100 + i, cases: [c('put > get', 'passed'), c('conditional', i % 2 ? 'failed' : 'passed')] },
      { variant: name, suite: 'auth/sigv4', file: 'auth/sigv4.test.ts', durationMs: 50, cases: [c('stale date accepted', 'limitation-reproduced'), c('needs auth', i % 2 ? 'not-applicable' : 'passed')] },
    ],
  };
}

/** What every run of these tests shares: one nightly run on kind, sharded or not. */
const RUN = {
  schemaVersion: 2 as const,
  harness: { version: '0.1.0', commit: 'c0ffee' },
  command: ['run', '--profile', 'nightly', '--target', 'kind'],
  runId: '20260101T020000Z-abcd',
  profile: 'nightly',
  target: 'kind',
};

// Built like the runner builds results.json (harness/run/run.ts), finishedAt set last.
function unshardedRun(): RunResult {
  const run: RunResult = {
    ...RUN,
    startedAt: '2026-01-01T02:00:00.000Z',
    interrupted: false,
    variants: NAMES.map(resultFor),
  };
  run.finishedAt = '2026-01-01T03:10:00.000Z';
  return run;
}

function shardRuns(count: number): RunResult[] {
  const position = new Map(NAMES.map((n, i) => [n, i]));
  return Array.from({ length: count }, (_, k) => {
    const run: RunResult = {
      ...RUN,
      // Shards start and end at different times; the merged run spans them all.
      startedAt: k === count - 1 ? '2026-01-01T02:00:00.000Z' : `2026-01-01T02:0${k + 1}:00.000Z`,
      interrupted: false,
      shard: { index: k + 1, count },
      variants: shardVariants(profileVariants, k + 1, count).map((v) => resultFor(v.name, position.get(v.name)!)),
    };
    run.finishedAt = k === 0 ? '2026-01-01T03:10:00.000Z' : '2026-01-01T02:59:00.000Z';
    return run;
  });
}

describe('shardVariants', () => {
  it.each([1, 2, 3, 4, 7, 9])('splits %i ways: every variant exactly once, deterministically, round-robin', (n) => {
    const shards = Array.from({ length: n }, (_, i) => shardVariants(profileVariants, i + 1, n));
    expect(shards.flat().map((v) => v.name).sort()).toEqual([...NAMES].sort());
    expect(Array.from({ length: n }, (_, i) => shardVariants(profileVariants, i + 1, n))).toEqual(shards);
    const sizes = shards.map((s) => s.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  it('gives shard 2/3 positions 1, 4, 7 of the profile', () => {
    expect(shardVariants(profileVariants, 2, 3).map((v) => v.name)).toEqual([NAMES[1], NAMES[4]]);
  });

  it.each([
    [0, 3], [4, 3], [1, 0], [1.5, 3], [-1, 2],
  ])('rejects index %s of %s naming --shard and the form i/n', (i, n) => {
    const err = (() => {
      try {
        shardVariants(profileVariants, i, n);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toBe(`--shard: invalid shard; got "${i}/${n}"; fix: use the form i/n with 1 ≤ i ≤ n, e.g. --shard 2/4 for the second of four shards`);
  });

  it('parses --shard i/n and rejects other forms', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    for (const bad of ['2', '2/', '/4', 'a/b', '0/4', '5/4', '1/0', '2-4', '1/2/3'])
      expect(() => parseShard(bad), bad).toThrow(/--shard: invalid shard.*i\/n with 1 ≤ i ≤ n/);
  });
});

describe('mergeRuns', () => {
  it.each([1, 2, 3, 4, 7, 9])('merging the %i shards of a run equals the unsharded run (results.json and JUnit alike)', (n) => {
    const merged = mergeRuns(shardRuns(n));
    const whole = unshardedRun();
    expect(merged).toEqual(whole);
    expect(merged).not.toHaveProperty('shard');
    expect(JSON.stringify(merged, null, 2)).toBe(JSON.stringify(whole, null, 2));
    expect(renderJUnit(merged)).toBe(renderJUnit(whole));
  });

  it('does not depend on the order the shard directories are given in', () => {
    const shards = shardRuns(3);
    expect(mergeRuns([shards[2]!, shards[0]!, shards[1]!])).toEqual(mergeRuns(shards));
  });

  it('marks the merged run interrupted and unfinished when one shard was', () => {
    const shards = shardRuns(2);
    shards[1]!.interrupted = true;
    delete shards[1]!.finishedAt;
    const merged = mergeRuns(shards);
    expect(merged.interrupted).toBe(true);
    expect(merged).not.toHaveProperty('finishedAt');
  });

  it('keeps the run id of shard 1 when shard jobs got their own ids', () => {
    const shards = shardRuns(2);
    shards[0]!.runId = 'shard-one';
    shards[1]!.runId = 'shard-two';
    expect(mergeRuns([shards[1]!, shards[0]!]).runId).toBe('shard-one');
  });

  it('does not share objects with its inputs', () => {
    const shards = shardRuns(2);
    const merged = mergeRuns(shards);
    merged.variants[0]!.suites = [];
    expect(shards[0]!.variants[0]!.suites).toHaveLength(2);
  });

  it.each([
    ['a missing shard', () => shardRuns(3).slice(0, 2), /shard\(s\) 3\/3 missing/],
    ['a shard given twice', () => [...shardRuns(2), shardRuns(2)[0]!], /the same shard is given twice/],
    ['different splits', () => [shardRuns(2)[0]!, ...shardRuns(3).slice(1)], /the shards were split differently/],
    ['different profiles', () => shardRuns(2).map((r, i) => ({ ...r, profile: i ? 'release' : 'nightly' })), /^profile: the inputs come from different profiles/],
    ['shards mixed with a whole run', () => [shardRuns(2)[0]!, unshardedRun()], /some inputs are shards and some are not/],
    ['the same variant twice', () => [unshardedRun(), unshardedRun()], /a variant appears in more than one input; got "m-lwt-http-auth-om"/],
    ['nothing', () => [], /nothing to merge/],
  ])('refuses %s with a ConfigError', (_what, inputs, message) => {
    expect(() => mergeRuns(inputs())).toThrow(ConfigError);
    expect(() => mergeRuns(inputs())).toThrow(message);
  });

  it('concatenates whole (unsharded) runs in the given order', () => {
    const a = { ...unshardedRun(), variants: unshardedRun().variants.slice(0, 2) };
    const b = { ...unshardedRun(), variants: unshardedRun().variants.slice(2) };
    expect(mergeRuns([a, b]).variants.map((v) => v.name)).toEqual(NAMES);
  });
});

describe('report merge (the command)', () => {
  /** Two shards of a run where every case passed; `interruptedShard` says which one was cut short. */
  function writeShards(interruptedShard: number | undefined): string[] {
    return [1, 2].map((index) => {
      const dir = mkdtempSync(join(tmpdir(), 'alte2e-shard-'));
      const name = `v${index}`;
      const run: RunResult = {
        ...RUN,
        startedAt: '2026-01-01T02:00:00.000Z',
        interrupted: index === interruptedShard,
        shard: { index, count: 2 },
        variants: [
          {
            name,
            target: 'kind',
            options: {},
            versions: { scylla: '2026.2.4', operator: 'v1.21.1' },
            suites: [{ variant: name, suite: 'api/items', file: 'api/items.test.ts', durationMs: 5, cases: [{ name: 'put > get', status: 'passed', outcome: 'passed', durationMs: 5 }] }],
          },
        ],
      };
      writeFileSync(join(dir, 'results.json'), JSON.stringify(run));
      return dir;
    });
  }

  it('exits 0 for complete green shards, and 1 (saying the report is partial) when a shard was interrupted', async () => {
    const out = mkdtempSync(join(tmpdir(), 'alte2e-merged-'));
    const green = await runCli(['report', 'merge', '--out', out, ...writeShards(undefined)]);
    expect(green.code, green.stdout + green.stderr).toBe(0);
    const partial = await runCli(['report', 'merge', '--out', out, ...writeShards(2)]);
    expect(partial.code, partial.stdout + partial.stderr).toBe(1);
    expect(partial.stdout).toMatch(/INTERRUPTED: the merged report is partial/);
  });

  it('reads shards of results schema 1 (an older harness) and writes schema 2; refuses another version in one line naming the file (exit 2)', async () => {
    const shards = writeShards(undefined);
    const v1 = join(shards[0]!, 'results.json');
    writeFileSync(v1, JSON.stringify({ ...JSON.parse(readFileSync(v1, 'utf8')), schemaVersion: 1 }));
    const out = mkdtempSync(join(tmpdir(), 'alte2e-merged-'));
    const old = await runCli(['report', 'merge', '--out', out, ...shards]);
    expect(old.code, old.stdout + old.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).schemaVersion).toBe(2);
    writeFileSync(v1, JSON.stringify({ ...JSON.parse(readFileSync(v1, 'utf8')), schemaVersion: 3 }));
    const newer = await runCli(['report', 'merge', '--out', out, ...shards]);
    expect(newer.code).toBe(2);
    expect(newer.stderr).toBe(`error: ${v1}: results schema version 3 (written by a newer harness), this harness reads 1 and 2; fix: merge results written by this harness version (or re-run the shard)\n`);
  });
});

describe('report merge in GitHub Actions', () => {
  it('appends the merged summary.md to $GITHUB_STEP_SUMMARY (the shards annotated their own failures already)', () => {
    const root = mkdtempSync(join(tmpdir(), 'alte2e-merge-gha-'));
    mkdirSync(join(root, 'shards', 'a'), { recursive: true });
    writeFileSync(join(root, 'shards', 'a', 'results.json'), JSON.stringify(unshardedRun()));
    const step = join(root, 'step-summary.md');
    writeFileSync(step, '');
    mergeCommand(join(root, 'plain'), [join(root, 'shards')], [], {});
    expect(readFileSync(step, 'utf8')).toBe('');
    mergeCommand(join(root, 'merged'), [join(root, 'shards')], [], { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: step });
    expect(readFileSync(step, 'utf8')).toBe(`${readFileSync(join(root, 'merged', 'summary.md'), 'utf8')}\n`);
    expect(readFileSync(step, 'utf8')).toMatch(/## Failures by cause/);
  });
});
