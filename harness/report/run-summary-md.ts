// reports/<run>/summary.md: the run in markdown for a CI job summary ($GITHUB_STEP_SUMMARY, GitLab notes).
// The load section (harness/report/load-summary-md.ts) is spliced in after this part, between its own markers.
import { totals, type RunResult } from './results.ts';
import { mdCell as cell } from './format.ts';

const MAX_FAILURES = 50;

export function runSummaryMarkdown(run: RunResult): string {
  const t = totals(run);
  const out = [
    `# alternator-e2e: ${run.profile} on ${run.target}${run.interrupted ? ' (INTERRUPTED)' : ''}`,
    '',
    `Run \`${run.runId}\` · ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped · provisioning failures ${t.provisioningFailures}`,
    '',
    '| variant | passed | failed | not applicable | limitations reproduced | lifted | status |',
    '|---|--:|--:|--:|--:|--:|---|',
  ];
  for (const v of run.variants) {
    const cases = v.suites.flatMap((s) => s.cases);
    const n = (o: string) => cases.filter((c) => c.outcome === o).length;
    const failed = n('failed') + v.suites.filter((s) => s.error).length;
    const status = v.provisioning ? `${v.provisioning.status}: ${v.provisioning.message}` : failed ? 'FAILED' : 'ok';
    out.push(`| ${cell(v.name)} | ${n('passed')} | ${failed} | ${n('not-applicable')} | ${n('limitation-reproduced')} | ${n('limitation-lifted')} | ${cell(status)} |`);
  }
  const failures = run.variants.flatMap((v) => [
    ...v.suites.filter((s) => s.error).map((s) => `- **${cell(v.name)}** \`${s.suite}\` (file or hook): ${cell(s.error!.split('\n')[0] ?? '')}`),
    ...v.suites.flatMap((s) =>
      s.cases.filter((c) => c.status === 'failed').map((c) => `- **${cell(v.name)}** \`${s.suite}\` › ${cell(c.name)}: ${cell((c.failure?.message ?? '').split('\n')[0] ?? '')}`),
    ),
  ]);
  if (failures.length) {
    out.push('', '## Failures', '', ...failures.slice(0, MAX_FAILURES));
    if (failures.length > MAX_FAILURES) out.push(`- … and ${failures.length - MAX_FAILURES} more (see junit.xml / index.html)`);
  }
  const lifted = run.variants.flatMap((v) =>
    v.suites.flatMap((s) => s.cases.filter((c) => c.outcome === 'limitation-lifted').map((c) => `- **${cell(v.name)}** \`${s.suite}\` › ${cell(c.name)}`)),
  );
  if (lifted.length) out.push('', '## Documented limitations found LIFTED (update the docs)', '', ...lifted);
  return `${out.join('\n')}\n`;
}
