// Run history, spawned as a user runs it: three runs into one reports directory (clean, with an injected fault,
// clean again) show the fault's cases as new failures, then as fixed; damaged and foreign results beside them are
// skipped with a line; `report diff` compares two runs' directories and exits 1 only for new failures.
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { runCli, failedCases, type CliRun } from '../helpers/cli.ts';
import { diffCommand, mergeCommand } from '../../harness/cli/report-command.ts';
import { Writable } from 'node:stream';
import type { RunResult } from '../../harness/report/results.ts';

const RUN = ['run', '--suite', 'api/items', '--variant', 'defaults', '--quiet'];
const label = (c: { variant: string; suite: string; name: string }) => `${c.variant} ${c.suite} › ${c.name}`;
const file = (r: CliRun, name: string) => readFileSync(join(r.runDir(), name), 'utf8');


describe('run history across runs in one reports directory', () => {
  it('clean, fault, clean: new failures in the second summary, fixed in the third; report diff gates on new failures only', async () => {
    const reportsDir = mkdtempSync(join(tmpdir(), 'alte2e-history-'));
    const first = await runCli(RUN, { reportsDir });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('History: No earlier run of this profile and target to compare with.');
    // reports/latest moves with each run: read each run's files before the next one starts.
    const firstDir = first.runDir();
    const firstId = first.results().runId;

    const second = await runCli([...RUN, '--inject-fault', 'delete-ignored'], { reportsDir });
    expect(second.code).toBe(1);
    const broken = failedCases(second);
    expect(broken.length).toBeGreaterThan(0);
    expect(broken.every((n) => n.includes('DeleteItem'))).toBe(true);
    const h2 = second.results().history!;
    expect(h2.comparedWith.map((c) => c.runId)).toEqual([firstId]);
    expect(h2.newFailures.map(label).sort()).toEqual([...broken].sort());
    expect(h2.fixed).toEqual([]);
    // One cause (the values in the message vary): one NEW FAIL line for the group (issue 22), its cases listed with the failures.
    expect(second.stdout).toMatch(new RegExp(`^  \\+ NEW FAIL ${broken.length} cases × 1 variant: .* \\(api/items\\)$`, 'm'));
    for (const n of broken) expect(second.stdout).toContain(`› ${n.replace(/^defaults api\/items › /, '')}`);
    const md2 = file(second, 'summary.md');
    expect(md2.indexOf(`### New failures (${broken.length})`)).toBeGreaterThan(0);
    expect(md2.indexOf(`### New failures (${broken.length})`)).toBeLessThan(md2.indexOf('## Variants'));
    expect(md2).toMatch(new RegExp(`^- ${broken.length} cases × 1 variant: .* \\(api/items\\)$`, 'm'));
    expect(md2.indexOf('## Failures by cause')).toBeLessThan(md2.indexOf(`### New failures (${broken.length})`));
    const page2 = file(second, 'index.html');
    // The page leads with the failures by cause and the matrix; what changed since the last run follows.
    expect(page2.indexOf('id="groups-h"')).toBeGreaterThan(0);
    expect(page2.indexOf('id="groups-h"')).toBeLessThan(page2.indexOf('id="matrix-h"'));
    expect(page2.indexOf('id="h-newFailures"')).toBeGreaterThan(page2.indexOf('id="matrix-h"'));
    // The JUnit does not carry history.
    expect(second.junit()).not.toMatch(/history|new failure/i);
    const secondDir = second.runDir();
    const secondId = second.results().runId;

    // Beside the runs: a results.json cut in half, and one of another profile. Neither stops the third run.
    const text = file(second, 'results.json');
    mkdirSync(join(reportsDir, 'damaged'));
    writeFileSync(join(reportsDir, 'damaged', 'results.json'), text.slice(0, text.length / 2));
    mkdirSync(join(reportsDir, 'other-profile'));
    writeFileSync(join(reportsDir, 'other-profile', 'results.json'), JSON.stringify({ ...JSON.parse(text), profile: 'nightly', runId: 'other-run' }));

    const third = await runCli(RUN, { reportsDir });
    expect(third.code).toBe(0);
    const h3 = third.results().history!;
    expect(h3.fixed.map(label).sort()).toEqual([...broken].sort());
    expect(h3.newFailures).toEqual([]);
    expect(h3.flaky).toEqual([]);
    expect(h3.trend.map((p) => p.failed)).toEqual([0, broken.length, 0]);
    expect(h3.skipped.map((s) => s.source.slice(reportsDir.length + 1))).toEqual(['damaged', 'other-profile']);
    expect(third.stdout).toMatch(new RegExp(`History: skipped .*/damaged: not valid JSON, truncated or damaged`));
    expect(third.stdout).toContain(`History: skipped ${join(reportsDir, 'other-profile')} (run other-run): profile nightly, this run's is smoke`);
    expect(third.stdout).toMatch(new RegExp(`^\\d+ passed, 0 failed, \\d+ skipped$`, 'm'));
    const md3 = file(third, 'summary.md');
    expect(md3).toContain(`### Fixed (${broken.length})`);
    for (const n of broken) expect(md3).toContain(`- ${n} (was failed in run ${secondId}, passed now)`);
    expect(md3).toContain('### Trend over the last 3 runs');
    const thirdDir = third.runDir();

    const [regressed, recovered, damaged] = await Promise.all([
      runCli(['report', 'diff', firstDir, secondDir]),
      runCli(['report', 'diff', secondDir, join(thirdDir, 'results.json')]),
      runCli(['report', 'diff', firstDir, join(reportsDir, 'damaged')]),
    ]);
    expect(regressed.code).toBe(1);
    expect(regressed.stdout).toContain(`New failures (${broken.length}):`);
    // The causes lead (issue 22), the per-case list expands them.
    const byCause = regressed.stdout.indexOf(`New failures by cause (1 cause(s), ${broken.length} case(s)):\n  ${broken.length} cases × 1 variant: `);
    expect(byCause).toBeGreaterThan(0);
    expect(byCause).toBeLessThan(regressed.stdout.indexOf(`New failures (${broken.length}):`));
    for (const n of broken) expect(regressed.stdout).toContain(`+ ${n}  (was passed in run ${firstId})`);
    expect(recovered.code).toBe(0);
    expect(recovered.stdout).toContain(`B against A: 0 new failure(s), 0 still failing, ${broken.length} fixed`);
    expect(damaged.code).toBe(2);
    expect(damaged.stderr).toMatch(/^error: RUN_B: .*damaged\/results\.json: not valid JSON, truncated or damaged/m);

    // The rest in-process (the CLI maps a ConfigError to exit 2, as just seen).
    let printed = '';
    const out = new Writable({ write: (chunk, _e, cb) => ((printed += chunk), cb()) });
    expect(diffCommand(firstDir, thirdDir, {}, out)).toBe(0);
    expect(printed).toMatch(/B against A: 0 new failure\(s\), 0 still failing, 0 fixed, 0 flaky, 0 changed, 0 not run; \d+ unchanged/);
    expect(() => diffCommand(join(reportsDir, "nope"), thirdDir, {}, out)).toThrow(/^RUN_A: no such file or directory; got ".*nope"/);
    // A reports directory holds several runs (and here a damaged file): name one run.
    expect(() => diffCommand(reportsDir, thirdDir, {}, out)).toThrow(/^RUN_A: /);
  }, 300_000);

  it('--history with a directory that is not there is a usage error (exit 2) before anything starts', async () => {
    const r = await runCli([...RUN, '--history', '/nonexistent/ci-artifacts']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--history: no such directory; got "\/nonexistent\/ci-artifacts"/);
    expect(existsSync(join(r.reportsDir, 'latest'))).toBe(false);
  });
});

describe('report merge --history', () => {
  const shard = (runId: string, startedAt: string, variant: string, outcome: 'passed' | 'failed', index?: number): RunResult => ({
    schemaVersion: 1,
    runId,
    profile: 'nightly',
    target: 'kind',
    startedAt,
    finishedAt: startedAt,
    interrupted: false,
    ...(index ? { shard: { index, count: 2 } } : {}),
    variants: [
      {
        name: variant,
        target: 'kind',
        options: {},
        versions: {},
        suites: [{ variant, suite: 'api/items', file: 'api/items.test.ts', durationMs: 5, cases: [{ name: 'put', status: outcome, outcome, durationMs: 1 }] }],
      },
    ],
  });
  const put = (dir: string, r: RunResult) => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'results.json'), JSON.stringify(r));
  };

  it('compares the merged run with earlier runs (the shards themselves, same run id, take no part)', () => {
    const root = mkdtempSync(join(tmpdir(), 'alte2e-merge-history-'));
    // Last night: two shards, v1 failed. Tonight: both pass.
    put(join(root, 'last-night', 'shard-1'), shard('night-1', '2026-01-01T02:00:00.000Z', 'v1', 'failed', 1));
    put(join(root, 'last-night', 'shard-2'), shard('night-1', '2026-01-01T02:00:00.000Z', 'v2', 'passed', 2));
    put(join(root, 'shards', '1'), shard('night-2', '2026-01-02T02:00:00.000Z', 'v1', 'passed', 1));
    put(join(root, 'shards', '2'), shard('night-2', '2026-01-02T02:00:00.000Z', 'v2', 'passed', 2));
    const out = join(root, 'merged');
    const merged = mergeCommand(out, [join(root, 'shards')], [root]);
    expect(merged.history!.comparedWith.map((c) => c.runId)).toEqual(['night-1']);
    expect(merged.history!.fixed.map((c) => `${c.variant} ${c.name}`)).toEqual(['v1 put']);
    expect(merged.history!.skipped).toEqual([]);
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toContain('### Fixed (1)');
    expect(mergeCommand(join(root, 'merged-plain'), [join(root, 'shards')]).history).toBeUndefined();
    expect(() => mergeCommand(join(root, 'x'), [join(root, 'shards')], [join(root, 'nope')])).toThrow(/--history: no such directory/);
  });
});
