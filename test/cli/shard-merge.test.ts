// Sharded runs, merged with `report merge`, give the same report as one unsharded run on the same variants
// (up to run ids, timestamps and durations, which differ between any two runs).
import { describe, it, expect } from 'vitest';
import { readFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { runCli, failedCases } from '../helpers/cli.ts';
import type { RunResult } from '../../harness/report/results.ts';

const shape = (r: RunResult) =>
  r.variants.map((v) => ({
    name: v.name,
    options: v.options,
    provisioning: v.provisioning,
    suites: v.suites.map((s) => ({ suite: s.suite, error: s.error, cases: s.cases.map((c) => [c.name, c.status, c.outcome, c.reason]) })),
  }));

const stableJUnit = (xml: string) =>
  xml
    .replace(/ (time|timestamp)="[^"]*"/g, '')
    .replace(/(name="run\.id" value=")[^"]*"/g, '$1"');

describe('report merge of shards', () => {
  it('equals the unsharded run: results, JUnit and the summary page cover the same variants and cases', async () => {
    const args = ['run', '--suite', 'api/smoke', '--quiet'];
    const [whole, first, second] = await Promise.all([runCli(args), runCli([...args, '--shard', '1/2']), runCli([...args, '--shard', '2/2'])]);
    // Under load a case of one run may fail: say which, with the run's own words, instead of a bare exit code.
    for (const r of [whole, first, second]) expect(r.code, `${failedCases(r).join('\n')}\n${r.stderr.slice(-2000)}`).toBe(0);
    const a = first.results().variants.map((v) => v.name);
    const b = second.results().variants.map((v) => v.name);
    expect(a.length).toBeGreaterThan(0);
    expect(b.length).toBeGreaterThan(0);
    expect(a.filter((n) => b.includes(n))).toEqual([]);

    const out = join(mkdtempSync(join(tmpdir(), 'alte2e-merged-')), 'merged');
    const merge = await runCli(['report', 'merge', '--out', out, first.runDir(), second.runDir()]);
    expect(merge.code, merge.stderr).toBe(0);
    const merged = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as RunResult;
    expect(merged.shard).toBeUndefined();
    expect(shape(merged)).toEqual(shape(whole.results()));
    expect(stableJUnit(readFileSync(join(out, 'junit.xml'), 'utf8'))).toEqual(stableJUnit(whole.junit()));
    const page = readFileSync(join(out, 'index.html'), 'utf8');
    for (const v of merged.variants) expect(page).toContain(v.name);
  });
});
