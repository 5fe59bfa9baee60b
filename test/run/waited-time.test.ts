// The time suite files spend waiting reaches results.json (per variant: total and per file), summary.md and the
// console's end-of-run lines, through a fixture suite run by the CLI. The bounds below come from the fixture's own
// pauses (timers never fire early), not from how fast the machine is.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, type CliRun } from '../helpers/cli.ts';
import { longWaits, waitedTime } from '../../harness/report/waits.ts';
import type { RunResult, SuiteResult } from '../../harness/report/results.ts';

describe('waited time per suite file', () => {
  let run: CliRun;
  beforeAll(async () => {
    run = await runCli(['run', '--suites-dir', 'test/fixtures/suites', '--suite', 'waits', '--variant', 'defaults']);
  }, 240_000);

  it('results.json: variants[].waitedMs has the total and each file, the afterAll pause included', () => {
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const v = run.results().variants[0]!;
    expect(Object.keys(v.waitedMs!.byFile).sort()).toEqual(['waits/polls.test.ts', 'waits/quiet.test.ts']);
    expect(v.waitedMs!.byFile['waits/polls.test.ts']).toBeGreaterThanOrEqual(2 * 600 + 300);
    expect(v.waitedMs!.byFile['waits/quiet.test.ts']).toBe(0);
    expect(v.waitedMs!.total).toBe(v.waitedMs!.byFile['waits/polls.test.ts']);
    expect(v.suites.find((s) => s.suite === 'waits/polls')!.waitedMs).toBe(v.waitedMs!.total);
  });

  it('summary.md and the console list the file that waited a second or more, and not the one that did not', () => {
    const summary = readFileSync(join(run.runDir(), 'summary.md'), 'utf8');
    const waits = summary.slice(summary.indexOf('Waiting for conditions'));
    expect(waits).toMatch(/- \d+\.\d s \*\*defaults\*\* `waits\/polls\.test\.ts`/);
    expect(waits).not.toContain('quiet.test.ts');
    expect(run.stdout).toMatch(/Waited for conditions: defaults \d+\.\d s; files that waited 1\.0 s or more:\n +\d+\.\d s {2}defaults {2}waits\/polls\.test\.ts\n/);
    expect(run.stdout).not.toMatch(/defaults {2}waits\/quiet/);
  });
});

describe('waitedTime and longWaits', () => {
  const suite = (file: string, waitedMs?: number): SuiteResult => ({ variant: 'v', suite: file.replace('.test.ts', ''), file, cases: [], durationMs: 0, ...(waitedMs !== undefined ? { waitedMs } : {}) });

  it('sums the files that measured a wait; a file without a measure is left out', () => {
    expect(waitedTime([suite('a.test.ts', 1500), suite('b.test.ts', 0), suite('c.test.ts')])).toEqual({ total: 1500, byFile: { 'a.test.ts': 1500, 'b.test.ts': 0 } });
  });

  it('lists waits from the threshold on, longest first, over every variant', () => {
    const run = {
      variants: [
        { name: 'v1', waitedMs: { total: 4200, byFile: { 'a.test.ts': 1200, 'b.test.ts': 3000, 'c.test.ts': 0 } } },
        { name: 'v2', waitedMs: { total: 2000, byFile: { 'a.test.ts': 2000 } } },
        { name: 'v3' },
      ],
    } as unknown as RunResult;
    expect(longWaits(run).map((w) => `${w.variant} ${w.file} ${w.ms}`)).toEqual(['v1 b.test.ts 3000', 'v2 a.test.ts 2000', 'v1 a.test.ts 1200']);
  });
});
