// Failures grouped by cause: one signature per failure (error type, message with values normalised, suite file),
// the same groups in the console, summary.md, the GitHub annotations and the job summary.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { groupFailures, groupTitle, normaliseMessage, runFailureGroups } from '../../harness/report/failure-groups.ts';
import { runSummaryMarkdown } from '../../harness/report/run-summary-md.ts';
import { printSummary } from '../../harness/run/console-reporter.ts';
import { announceToGitHub, githubAnnotations } from '../../harness/report/github-actions.ts';
import type { CaseResult, RunResult } from '../../harness/report/results.ts';

const CCF = 'expected ConditionalCheckFailedException, but the request succeeded';
/** A documented difference whose fix reached older branches as backports (harness/differences/alternator.ts). */
const BACKPORTED = 'alternator-base64-0xff-accepted';
const failed = (name: string, message: string, extra: Partial<NonNullable<CaseResult['failure']>> = {}): CaseResult => ({
  name,
  status: 'failed',
  outcome: 'failed',
  durationMs: 1,
  failure: { message, type: 'Error', ...extra },
});
const passed = (name: string): CaseResult => ({ name, status: 'passed', outcome: 'passed', durationMs: 1 });

/** As `--inject-fault condition-ignored` on two variants leaves it: 39 cases of one file fail on both, plus one other cause. */
function faultRun(): RunResult {
  const conditions = () => Array.from({ length: 39 }, (_, i) => failed(`comparators > case ${i} with :v=${i} fails`, CCF));
  const variant = (name: string) => ({
    name,
    target: 'local',
    options: {},
    versions: { scylla: '2026.2.4' },
    suites: [
      { variant: name, suite: 'api/condition-expressions', file: 'api/condition-expressions.test.ts', durationMs: 1, cases: [...conditions(), passed('ok')] },
      {
        variant: name,
        suite: 'api/condition-check-failure',
        file: 'api/condition-check-failure.test.ts',
        durationMs: 1,
        cases: [
          failed('ALL_OLD', "expected [ 200, 'undefined' ] to deeply equal [ 400, …(1) ]", { type: 'AssertionError' }),
          failed('NONE on alte2e_0f3a9b2c_items', "expected [ 201, 'x' ] to deeply equal [ 400, …(2) ]", { type: 'AssertionError' }),
        ],
      },
    ],
  });
  return {
    schemaVersion: 1,
    runId: '20261208T010000Z-f417',
    profile: 'smoke',
    target: 'local',
    startedAt: '2026-12-08T01:00:00.000Z',
    finishedAt: '2026-12-08T01:01:00.000Z',
    interrupted: false,
    variants: [variant('defaults'), variant('http-noauth')],
  };
}

describe('failure signatures', () => {
  it('normalise the values away: numbers, quoted strings, harness table names, ids and times', () => {
    expect(normaliseMessage("expected [ 200, 'undefined' ] to deeply equal [ 400, …(1) ]")).toBe("expected [ N, '…' ] to deeply equal [ N, …(N) ]");
    expect(normaliseMessage('no item in alte2e_0f3a9b2c_items_7 at 2026-12-08T01:00:00.123Z (request 5f0c2a1e-8a8b-4c1d-9e2f-0123456789ab)')).toBe('no item in <table> at <time> (request <uuid>)');
    expect(normaliseMessage('expected "forbid_rmw" rejection\n    at stack')).toBe('expected "…" rejection');
    // The error type itself is never a value.
    expect(normaliseMessage(CCF)).toBe(CCF);
  });

  it('group across cases and variants, largest first, and tell causes apart by type, message and suite file', () => {
    const groups = runFailureGroups(faultRun());
    expect(groups.map(groupTitle)).toEqual([
      `39 cases × 2 variants: ${CCF} (api/condition-expressions)`,
      "2 cases × 2 variants: expected [ 200, 'undefined' ] to deeply equal [ 400, …(1) ] (values vary) (api/condition-check-failure)",
    ]);
    expect(groups[0]!.items).toHaveLength(78);
    expect(groups[0]!.variants).toEqual(['defaults', 'http-noauth']);
    // Same message, other suite file or other error type: another cause.
    const split = groupFailures([
      { variant: 'a', suite: 'api/x', name: '1', message: CCF },
      { variant: 'a', suite: 'api/y', name: '1', message: CCF },
      { variant: 'a', suite: 'api/x', name: '2', message: CCF, type: 'TypeError' },
    ]);
    expect(split).toHaveLength(3);
  });

  it('say when a cause matches a documented difference that holds for other versions', () => {
    const run = faultRun();
    for (const v of run.variants) for (const c of v.suites[0]!.cases) if (c.failure) c.failure.differencesElsewhere = ['alternator-no-rbac'];
    // Only some members consulted it: it explains no group.
    run.variants[1]!.suites[1]!.cases[0]!.failure!.differencesElsewhere = ['alternator-no-rbac'];
    const [first, second] = runFailureGroups(run);
    expect(first!.knownElsewhere).toEqual([
      expect.objectContaining({ id: 'alternator-no-rbac', versions: 'known in scylladb 4.0.0 up to 6.2.0 (exclusive), fixed in 6.2.0' }),
    ]);
    expect(first!.knownElsewhere[0]!.references[0]).toMatch(/scylladb\/scylladb#20135.*<https:\/\/github\.com\/scylladb\/scylladb\/pull\/20135>/);
    expect(second!.knownElsewhere).toEqual([]);
    // A fix that reached older branches as backports says where.
    for (const v of run.variants) for (const c of v.suites[0]!.cases) if (c.failure) c.failure.differencesElsewhere = [BACKPORTED];
    expect(runFailureGroups(run)[0]!.knownElsewhere[0]!.versions).toBe(
      'known in scylladb 4.0.0 up to 2025.4.0 (exclusive; backports: 2025.2.3 on 2025.2, 2025.3.1 on 2025.3), fixed in 2025.4.0',
    );
  });
});

describe('the reports lead with the groups', () => {
  it('console: the groups come first, each once, with variants and a few cases; counts and the closing line last', () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (d) => (text += d));
    printSummary(out, faultRun(), 1000, { junit: 'j.xml', results: 'r.json', summary: 's.md', page: 'index.html' });
    const lines = text.split('\n');
    expect(lines[1]).toBe('Failures by cause (2 cause(s), 82 failure(s)):');
    expect(lines[2]).toBe(`  ✗ 39 cases × 2 variants: ${CCF} (api/condition-expressions)`);
    expect(lines[3]).toBe('      variants: defaults, http-noauth');
    expect(text.split(CCF).length - 1).toBe(1);
    expect(text).toContain('Page: index.html\n');
    expect(text).toMatch(/Counts: 84 test case\(s\): 2 passed, 82 failed, 0 skipped\n2 passed, 82 failed, 0 skipped\n$/);
  });

  it('summary.md: the groups before the variants table, each case folded under its group', () => {
    const md = runSummaryMarkdown(faultRun());
    const groups = md.indexOf('## Failures by cause (2 cause(s), 82 failure(s))');
    expect(groups).toBeGreaterThan(0);
    expect(groups).toBeLessThan(md.indexOf('| variant |'));
    expect(md).toContain(`### 39 cases × 2 variants: ${CCF} (api/condition-expressions)`);
    expect(md).toContain('<details><summary>78 failure(s)</summary>');
    expect(md.split(CCF).length - 1).toBe(1);
  });
});

describe('GitHub Actions', () => {
  it('one ::error annotation per group, on the suite file, titled with its size; workflow-command characters escaped', () => {
    const run = faultRun();
    run.variants[0]!.suites[0]!.cases[0]!.failure!.message = `${CCF}: 100% wrong\nsecond line`;
    const lines = githubAnnotations(run);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^::error file=suites\/api\/condition-expressions\.test\.ts,title=39 cases × 2 variants \(api\/condition-expressions\)::expected ConditionalCheckFailedException, but the request succeeded%0Avariants: defaults, http-noauth%0Acases: /);
    const odd = lines.find((l) => l.includes('100%25 wrong'))!;
    expect(odd).toMatch(/title=1 case × 1 variant \(api\/condition-expressions\)::/);
    expect(odd).not.toMatch(/second line/);
  });

  it('appends summary.md to $GITHUB_STEP_SUMMARY and prints the annotations only when GITHUB_ACTIONS=true', () => {
    const dir = mkdtempSync(join(tmpdir(), 'h22a-gha-'));
    const summary = join(dir, 'summary.md');
    const step = join(dir, 'step-summary.md');
    writeFileSync(summary, '# the run\n');
    writeFileSync(step, 'earlier step\n');
    const collect = () => {
      const out = new PassThrough();
      let text = '';
      out.on('data', (d) => (text += d));
      return { out, text: () => text };
    };
    const off = collect();
    announceToGitHub(faultRun(), summary, { env: { GITHUB_STEP_SUMMARY: step }, out: off.out, warn: () => undefined });
    expect(off.text()).toBe('');
    expect(readFileSync(step, 'utf8')).toBe('earlier step\n');
    const on = collect();
    announceToGitHub(faultRun(), summary, { env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: step }, out: on.out, warn: () => undefined });
    expect(on.text().trim().split('\n').map((l) => l.slice(0, 8))).toEqual(['::error ', '::error ']);
    expect(readFileSync(step, 'utf8')).toBe('earlier step\n# the run\n\n');
    const warnings: string[] = [];
    announceToGitHub(faultRun(), summary, { env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: join(dir, 'missing', 'x.md') }, out: collect().out, warn: (m) => warnings.push(m), annotations: false });
    expect(warnings[0]).toMatch(/job summary not written to \$GITHUB_STEP_SUMMARY/);
  });
});
