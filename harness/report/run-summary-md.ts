// reports/<run>/summary.md: the run in markdown for a CI job summary ($GITHUB_STEP_SUMMARY, GitLab notes).
// The load section (harness/report/load-summary-md.ts) is spliced in after this part, between its own markers.
import { countsSentence, totals, type RunResult } from './results.ts';
import { groupTitle, knownLine, runFailureGroups, type FailureGroup } from './failure-groups.ts';
import { mdCell as cell, writtenBy } from './format.ts';
import { historyMarkdown } from './history-md.ts';
import { longWaits, seconds, WAITS_SHOWN_FROM_MS } from './waits.ts';

const MAX_GROUPS = 20;
const MAX_CASES_PER_GROUP = 50;
/** Where the failure groups go: before what changed since earlier runs and the variants table. */
const HISTORY_OR_TABLE = '<!-- failures -->';

export function runSummaryMarkdown(run: RunResult): string {
  const t = totals(run);
  const out = [
    `# alternator-e2e: ${run.profile} on ${run.target}${run.interrupted ? ` (INTERRUPTED${run.interruption ? ` by ${run.interruption.signal} during ${run.interruption.phase}` : ''}: partial results)` : ''}`,
    '',
    `Run \`${run.runId}\` · ${countsSentence(t)} · provisioning failures ${t.provisioningFailures}`,
    '',
    HISTORY_OR_TABLE,
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
  const groups = runFailureGroups(run);
  if (groups.length) out.splice(out.indexOf(HISTORY_OR_TABLE), 0, ...failureGroupsMarkdown(groups), '');
  const lifted = run.variants.flatMap((v) =>
    v.suites.flatMap((s) => s.cases.filter((c) => c.outcome === 'limitation-lifted').map((c) => `- **${cell(v.name)}** \`${s.suite}\` › ${cell(c.name)}`)),
  );
  if (lifted.length) out.push('', '## Documented limitations found LIFTED (update the docs)', '', ...lifted);
  // Each reason once (one page difference shows on every variant), with the cases it holds for.
  const differs = new Map<string, string[]>();
  for (const v of run.variants)
    for (const s of v.suites)
      for (const c of s.cases) if (c.outcome === 'documentation-differs') differs.set(c.reason ?? '', [...(differs.get(c.reason ?? '') ?? []), `**${cell(v.name)}** \`${s.suite}\` › ${cell(c.name)}`]);
  if (differs.size)
    out.push(
      '',
      '## Documentation differs from the deployment (report it upstream; `--fail-on-documentation-differs` fails the run)',
      '',
      ...[...differs].map(([reason, cases]) => `- ${cases.length} case(s): ${cell(reason)}<br>${cases.join(', ')}`),
    );
  out.push(...slowestSection(run));
  out.push('', `_${writtenBy(run)}_`);
  return `${out.filter((l) => l !== HISTORY_OR_TABLE).join('\n')}\n`;
}

/** Failures by cause, largest first: each group's title, variants and what is known, then its cases folded. */
export function failureGroupsMarkdown(groups: readonly FailureGroup[]): string[] {
  const failures = groups.reduce((n, g) => n + g.items.length, 0);
  const out = [`## Failures by cause (${groups.length} cause(s), ${failures} failure(s))`];
  for (const g of groups.slice(0, MAX_GROUPS)) {
    out.push('', `### ${cell(groupTitle(g))}`, '', `Variants: ${g.variants.map(cell).join(', ')} · error type \`${cell(g.type)}\``);
    for (const k of g.knownElsewhere) out.push('', `> ${cell(knownLine(k))}`);
    const items = g.items.slice(0, MAX_CASES_PER_GROUP).map((i) => `- **${cell(i.variant)}** ${cell(i.name)}${i.message.split('\n')[0] !== g.message ? `: ${cell(i.message.split('\n')[0] ?? '')}` : ''}`);
    if (g.items.length > MAX_CASES_PER_GROUP) items.push(`- … and ${g.items.length - MAX_CASES_PER_GROUP} more (index.html, junit.xml)`);
    out.push('', `<details><summary>${g.items.length} failure(s)</summary>`, '', ...items, '', '</details>');
  }
  if (groups.length > MAX_GROUPS) out.push('', `… and ${groups.length - MAX_GROUPS} more cause(s) (index.html)`);
  return out;
}

const SLOWEST = 5;

/** The slowest suite files and cases, so a reader sees where the run's time went. */
function slowestSection(run: RunResult): string[] {
  const top = <T extends { ms: number }>(xs: T[]) => xs.sort((a, b) => b.ms - a.ms).slice(0, SLOWEST);
  const suites = top(run.variants.flatMap((v) => v.suites.map((s) => ({ what: `**${cell(v.name)}** \`${s.suite}\``, ms: s.durationMs }))));
  const cases = top(run.variants.flatMap((v) => v.suites.flatMap((s) => s.cases.map((c) => ({ what: `**${cell(v.name)}** \`${s.suite}\` › ${cell(c.name)}`, ms: c.durationMs })))));
  if (suites.length === 0) return [];
  const line = (r: { what: string; ms: number }) => `- ${(r.ms / 1000).toFixed(2)} s ${r.what}`;
  return ['', '## Where the time went', '', 'Slowest suite files:', '', ...suites.map(line), '', 'Slowest test cases:', '', ...cases.map(line), ...waitsSection(run)];
}

/** Time spent waiting for conditions, per suite file (at least WAITS_SHOWN_FROM_MS), longest first. */
function waitsSection(run: RunResult): string[] {
  const measured = run.variants.filter((v) => v.waitedMs);
  if (measured.length === 0) return [];
  const totals = measured.map((v) => `**${cell(v.name)}** ${seconds(v.waitedMs!.total)}`).join(', ');
  const long = longWaits(run);
  return [
    '',
    `Waiting for conditions (TTL expiry, stream records, index backfill, replication; concurrent waits each count): ${totals}. Files that waited ${seconds(WAITS_SHOWN_FROM_MS)} or more:`,
    '',
    ...(long.length ? long.map((w) => `- ${seconds(w.ms)} **${cell(w.variant)}** \`${w.file}\``) : ['- none']),
  ];
}
