// reports/<run>/summary.md: the run in markdown for a CI job summary ($GITHUB_STEP_SUMMARY, GitLab notes).
// The load section (harness/report/load-summary-md.ts) is spliced in after this part, between its own markers.
import { totals, type RunResult } from './results.ts';
import { mdCell as cell } from './format.ts';
import { historyMarkdown } from './history-md.ts';

const MAX_FAILURES = 50;

export function runSummaryMarkdown(run: RunResult): string {
  const t = totals(run);
  const out = [
    `# alternator-e2e: ${run.profile} on ${run.target}${run.interrupted ? ` (INTERRUPTED${run.interruption ? ` by ${run.interruption.signal} during ${run.interruption.phase}` : ''}: partial results)` : ''}`,
    '',
    `Run \`${run.runId}\` · ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped · provisioning failures ${t.provisioningFailures}`,
    '',
    ...(run.history ? [...historyMarkdown(run.history), '', '## Variants', ''] : []),
    '| variant | passed | failed | not applicable | limitations reproduced | emulated | lifted | docs differ | status |',
    '|---|--:|--:|--:|--:|--:|--:|--:|---|',
  ];
  const emulation = [...new Set(run.variants.map((v) => v.emulatedBy).filter((x): x is string => x !== undefined))];
  if (emulation.length)
    out.splice(3, 0, `> **Emulated, not deployed:** ${cell(emulation.join('; '))}. Versions are the ones emulated; limitations observed are "emulated", never "reproduced".`, '');
  const servedBy = [...new Set(run.variants.map((v) => v.servedBy).filter((x): x is string => x !== undefined))];
  if (servedBy.length) out.splice(3, 0, `> **Not ScyllaDB:** served by ${cell(servedBy.join('; '))}. No ScyllaDB or operator version is reported for it.`, '');
  for (const v of run.variants) {
    const cases = v.suites.flatMap((s) => s.cases);
    const n = (o: string) => cases.filter((c) => c.outcome === o).length;
    const failed = n('failed') + v.suites.filter((s) => s.error).length;
    const status = v.provisioning ? `${v.provisioning.status}: ${v.provisioning.message}` : failed ? 'FAILED' : 'ok';
    out.push(
      `| ${cell(v.name)} | ${n('passed')} | ${failed} | ${n('not-applicable')} | ${n('limitation-reproduced')} | ${n('limitation-emulated')} | ${n('limitation-lifted')} | ${n('documentation-differs')} | ${cell(status)} |`,
    );
  }
  const failures = [
    ...(run.escapedErrors ?? []).map((e) => `- **escaped error** \`${cell(e.file ?? 'unknown suite file')}\`${e.test ? ` (last test: ${cell(e.test)})` : ''}: ${cell(e.message.split('\n')[0] ?? '')}`),
    ...run.variants.flatMap((v) => [
    ...v.suites.filter((s) => s.error).map((s) => `- **${cell(v.name)}** \`${s.suite}\` (file or hook): ${cell(s.error!.split('\n')[0] ?? '')}`),
    ...v.suites.flatMap((s) =>
      s.cases.filter((c) => c.status === 'failed').map((c) => `- **${cell(v.name)}** \`${s.suite}\` › ${cell(c.name)}: ${cell((c.failure?.message ?? '').split('\n')[0] ?? '')}`),
    ),
    ]),
  ];
  if (failures.length) {
    out.push('', '## Failures', '', ...failures.slice(0, MAX_FAILURES));
    if (failures.length > MAX_FAILURES) out.push(`- … and ${failures.length - MAX_FAILURES} more (see junit.xml / index.html)`);
  }
  const lifted = run.variants.flatMap((v) =>
    v.suites.flatMap((s) => s.cases.filter((c) => c.outcome === 'limitation-lifted').map((c) => `- **${cell(v.name)}** \`${s.suite}\` › ${cell(c.name)}`)),
  );
  if (lifted.length) out.push('', '## Documented limitations found LIFTED (update the docs)', '', ...lifted);
  const differs = run.variants.flatMap((v) =>
    v.suites.flatMap((s) =>
      s.cases.filter((c) => c.outcome === 'documentation-differs').map((c) => `- **${cell(v.name)}** \`${s.suite}\` › ${cell(c.name)}: ${cell(c.reason ?? '')}`),
    ),
  );
  if (differs.length) out.push('', '## Documentation differs from the deployment (report it upstream; `--fail-on-documentation-differs` fails the run)', '', ...differs);
  out.push(...slowestSection(run));
  return `${out.join('\n')}\n`;
}

const SLOWEST = 5;

/** The slowest suite files and cases, so a reader sees where the run's time went. */
function slowestSection(run: RunResult): string[] {
  const top = <T extends { ms: number }>(xs: T[]) => xs.sort((a, b) => b.ms - a.ms).slice(0, SLOWEST);
  const suites = top(run.variants.flatMap((v) => v.suites.map((s) => ({ what: `**${cell(v.name)}** \`${s.suite}\``, ms: s.durationMs }))));
  const cases = top(run.variants.flatMap((v) => v.suites.flatMap((s) => s.cases.map((c) => ({ what: `**${cell(v.name)}** \`${s.suite}\` › ${cell(c.name)}`, ms: c.durationMs })))));
  if (suites.length === 0) return [];
  const line = (r: { what: string; ms: number }) => `- ${(r.ms / 1000).toFixed(2)} s ${r.what}`;
  return ['', '## Where the time went', '', 'Slowest suite files:', '', ...suites.map(line), '', 'Slowest test cases:', '', ...cases.map(line)];
}
