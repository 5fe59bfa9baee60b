// `report diff` sees what vanished (issue 22, done-when 4): a 5-variant run against a 2-variant run counts the
// results of A that have none in B, by group; --fail-on-missing exits 1; --json and --markdown. Fixtures are crafted
// results.json files (schema 1 for A, as an older harness wrote it; schema 2 for B).
import { describe, it, expect } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.ts';
import { missingResults } from '../../harness/report/missing.ts';
import type { RunResult, VariantResult } from '../../harness/report/results.ts';

const SUITES = ['api/items', 'api/query'];
const CASES = ['put', 'get', 'delete'];

function variant(name: string, o: { suites?: string[]; cases?: string[]; provisioning?: VariantResult['provisioning'] } = {}): VariantResult {
  return {
    name,
    target: 'local',
    options: {},
    versions: {},
    ...(o.provisioning ? { provisioning: o.provisioning } : {}),
    suites: o.provisioning
      ? []
      : (o.suites ?? SUITES).map((suite) => ({
          variant: name,
          suite,
          file: `${suite}.test.ts`,
          durationMs: 1,
          cases: (o.cases ?? CASES).map((c) => ({ name: c, status: 'passed' as const, outcome: 'passed' as const, durationMs: 1 })),
        })),
  };
}

function run(runId: string, startedAt: string, variants: VariantResult[], schemaVersion: 1 | 2 | 3 = 2): RunResult {
  return { schemaVersion: schemaVersion as 1 | 2, runId, profile: 'smoke', target: 'local', startedAt, finishedAt: startedAt, interrupted: false, variants };
}

function write(r: RunResult): string {
  const dir = mkdtempSync(join(tmpdir(), 'alte2e-diff-'));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'results.json'), JSON.stringify(r));
  return dir;
}

const FIVE = ['v1', 'v2', 'v3', 'v4', 'v5'];
// A: 5 variants × 2 suite files × 3 cases = 30 results. B: v1 whole, v2 without api/query and without api/items › delete;
// v3 listed but not applicable there; v4 and v5 absent.
const A = run('a', '2026-01-01T00:00:00.000Z', FIVE.map((n) => variant(n)), 1);
const B = run('b', '2026-01-02T00:00:00.000Z', [
  variant('v1'),
  variant('v2', { suites: ['api/items'], cases: ['put', 'get'] }),
  variant('v3', { provisioning: { status: 'not-applicable', message: 'not applicable: one datacenter only' } }),
]);

describe('report diff: results of A missing from B', () => {
  it('counts them by group: whole variants, suite files, single cases', () => {
    const m = missingResults(A, B);
    expect(m.variants).toEqual([
      { variant: 'v3', cases: 6, suites: 2, inB: 'in B: not-applicable' },
      { variant: 'v4', cases: 6, suites: 2, inB: 'not in B' },
      { variant: 'v5', cases: 6, suites: 2, inB: 'not in B' },
    ]);
    expect(m.suites).toEqual([{ variant: 'v2', suite: 'api/query', cases: 3 }]);
    expect(m.cases).toEqual([{ variant: 'v2', suite: 'api/items', name: 'delete' }]);
    expect(m.total).toBe(6 * 3 + 3 + 1);
    expect(missingResults(A, A).total).toBe(0);
  });

  it('the CLI prints the count and the groups; exit 0 without --fail-on-missing (no new failure), 1 with it', async () => {
    const a = write(A);
    const b = write(B);
    const plain = await runCli(['report', 'diff', a, b]);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).toContain('Missing from B: 22 result(s) of A: 3 variant(s), 1 suite file(s), 1 single case(s)');
    expect(plain.stdout).toContain('  ? v4: 6 case(s) in 2 suite file(s) in A; not in B');
    expect(plain.stdout).toContain('  ? v2 api/query: 3 case(s) in A');
    expect(plain.stdout).toContain('  ? v2 api/items › delete');
    const gated = await runCli(['report', 'diff', '--fail-on-missing', a, b]);
    expect(gated.code).toBe(1);
    // Nothing vanished the other way round: B against itself, and the gate stays open.
    expect((await runCli(['report', 'diff', '--fail-on-missing', b, b])).code).toBe(0);
  }, 120_000);

  it('--json is one document; --markdown a pull-request comment', async () => {
    const a = write(A);
    const b = write(B);
    const json = await runCli(['report', 'diff', '--json', '--fail-on-missing', a, b]);
    expect(json.code).toBe(1);
    const doc = JSON.parse(json.stdout);
    expect(doc).toMatchObject({ a: { runId: 'a' }, b: { runId: 'b' }, missing: { total: 22 }, exitCode: 1, changes: { newFailures: [] } });
    expect(doc.missing.variants.map((v: { variant: string }) => v.variant)).toEqual(['v3', 'v4', 'v5']);
    const md = await runCli(['report', 'diff', '--markdown', a, b]);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^## alternator-e2e report diff: .*; 22 result\(s\) of A missing from B\n/);
    expect(md.stdout).toContain('| variants | 3 | 18 |');
    expect(md.stdout).toContain('<details><summary>Variants (3)</summary>');
  }, 120_000);

  it('a results.json of a schema this harness does not read is refused in one line naming the version (exit 2)', async () => {
    const newer = write(run('c', '2026-01-03T00:00:00.000Z', [variant('v1')], 3));
    const r = await runCli(['report', 'diff', write(A), newer]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^error: RUN_B: .*results\.json: results schema version 3 \(written by a newer harness\), this harness reads 1 and 2/);
  }, 60_000);
});
