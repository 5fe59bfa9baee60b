// The "documentation differs" outcome is visible in every report (a case that passes, yet is not a plain pass),
// and it never counts as a failure unless the run asked for that.
import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { renderJUnit } from '../../harness/report/junit.ts';
import { runSummaryMarkdown } from '../../harness/report/run-summary-md.ts';
import { renderSummaryPage } from '../../harness/report/summary-page.ts';
import { printCase, printSummary } from '../../harness/run/console-reporter.ts';
import { totals, type CaseResult, type RunResult } from '../../harness/report/results.ts';

const REASON =
  'documentation differs: operator docs connect-your-app/alternator.md § Troubleshoot says AccessDeniedException for wrong credentials; observed UnrecognizedClientException: wrong signature';
// As the collector makes it from the annotation suite-kit's documentationDiffers() writes.
const differs: CaseResult = { name: 'Troubleshoot: wrong credentials', status: 'passed', outcome: 'documentation-differs', durationMs: 900, reason: REASON, notes: [{ type: 'documentation-differs', message: REASON }] };
const plain: CaseResult = { name: 'create-table', status: 'passed', outcome: 'passed', durationMs: 800 };

const run: RunResult = {
  schemaVersion: 1,
  runId: '20261202T000000Z-d0c5',
  profile: 'smoke',
  target: 'local',
  startedAt: '2026-12-02T00:00:00.000Z',
  finishedAt: '2026-12-02T00:01:00.000Z',
  interrupted: false,
  variants: [
    {
      name: 'defaults',
      target: 'local',
      options: { alternator: {} },
      versions: { scylla: '2026.2.4' },
      suites: [{ variant: 'defaults', suite: 'docs/operator-alternator-page', file: 'docs/operator-alternator-page.test.ts', cases: [plain, differs], durationMs: 2000 }],
    },
  ],
};

describe('documentation-differs outcome in the reports', () => {
  it('counts beside the passes (issue 22: the closing line counts real passes only), never as a failure', () => {
    expect(totals(run)).toMatchObject({ tests: 2, passed: 1, failed: 0, skipped: 0, beside: { 'documentation-differs': 1 } });
  });

  it('JUnit: no failure; skipped with a message naming the outcome, its output naming both sides', () => {
    const xml = renderJUnit(run);
    expect(xml).toMatch(/failures="0"/);
    expect(xml).toContain('<skipped message="documentation differs (passed, not counted as a pass): documentation differs: operator docs');
    expect(xml).toContain('outcome: documentation-differs');
    expect(xml).toContain('AccessDeniedException');
  });

  it('summary.md: a column and a section naming each case with the reason', () => {
    const md = runSummaryMarkdown(run);
    expect(md).toContain('| docs differ |');
    expect(md).toMatch(/\| defaults \| 1 \| 0 \| 0 \| 0 \| 0 \| 0 \| 1 \| ok \|/);
    expect(md).toContain('## Documentation differs from the deployment');
    expect(md).toContain('Troubleshoot: wrong credentials');
  });

  it('summary page: its own category in the matrix and an entry with the reason', () => {
    const html = renderSummaryPage(run);
    expect(html).toContain('cell c-documentation-differs');
    expect(html).toContain('1 docs differ');
    expect(html).toContain('<span class="g-message">documentation differs</span>');
    expect(html).toContain('docs/operator-alternator-page › Troubleshoot: wrong credentials</h4>');
    expect(html).toContain('UnrecognizedClientException');
  });

  it('console: printed when it happens and counted at the end', () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (d) => (text += d));
    printCase(out, 'defaults', 'docs/operator-alternator-page', differs);
    printSummary(out, run, 1000, { junit: 'j', results: 'r' });
    expect(text).toContain('≠ DOCUMENTATION DIFFERS defaults docs/operator-alternator-page › Troubleshoot: wrong credentials');
    expect(text).toContain('documentation differs 1');
    expect(text).toContain('Counts: 2 test case(s): 1 passed, 0 failed, 0 skipped, 1 documentation difference(s)\n');
    expect(text).toMatch(/\n1 passed, 0 failed, 0 skipped\n$/);
  });
});
