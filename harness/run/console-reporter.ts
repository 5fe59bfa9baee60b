// What a person sees while a run goes: the first failure of each cause as it happens, limitations lifted loudly,
// and at the end the failures grouped by cause (largest first), the paths of the reports and the counts.
import type { CaseResult, RunResult } from '../report/results.ts';
import { closingLine, countsSentence, totals } from '../report/results.ts';
import { historyConsoleLines } from '../report/history-text.ts';
import { groupTitle, knownLine, runFailureGroups, signatureOf, type FailureGroup } from '../report/failure-groups.ts';
import { longWaits, seconds, WAITS_SHOWN_FROM_MS } from '../report/waits.ts';

export function printCase(out: NodeJS.WritableStream, variant: string, suite: string, c: CaseResult): void {
  if (c.outcome === 'failed') out.write(`  ✗ FAIL ${variant} ${suite} › ${c.name}\n      ${(c.failure?.message ?? '').split('\n')[0]}\n`);
  else if (c.outcome === 'limitation-lifted') out.write(`  ‼ LIMITATION LIFTED ${variant} ${suite} › ${c.name}\n      ${c.reason}\n`);
  else if (c.outcome === 'documentation-differs') out.write(`  ≠ DOCUMENTATION DIFFERS ${variant} ${suite} › ${c.name}\n      ${c.reason}\n`);
}

/**
 * printCase for a whole run: a failure whose cause was already printed, or a documentation difference whose reason
 * was, is only counted (the progress lines say how many failed; the end groups them), so one cause that fails 78
 * cases prints once.
 */
export function liveCasePrinter(out: NodeJS.WritableStream): (variant: string, suite: string, c: CaseResult) => void {
  const seen = new Map<string, number>();
  return (variant, suite, c) => {
    const key =
      c.outcome === 'failed'
        ? signatureOf({ variant, suite, name: c.name, message: c.failure?.message ?? '', ...(c.failure?.type ? { type: c.failure.type } : {}) })
        : c.outcome === 'documentation-differs'
          ? `differs\u001f${c.reason}`
          : undefined;
    if (key === undefined) return printCase(out, variant, suite, c);
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    if (n === 1) printCase(out, variant, suite, c);
    else if (n === 2) out.write(`      (more ${c.outcome === 'failed' ? 'failures of this cause' : 'cases with this reason'}: counted, grouped at the end)\n`);
  };
}

const GROUPS_SHOWN = 15;
const EXAMPLES = 3;

export interface ReportFiles {
  junit: string;
  results: string;
  page?: string;
  summary?: string;
}

export function printSummary(out: NodeJS.WritableStream, run: RunResult, elapsedMs: number, files: ReportFiles): void {
  const t = totals(run);
  out.write('\n');
  const groups = runFailureGroups(run);
  if (groups.length) out.write(`${failureGroupLines(groups).join('\n')}\n\n`);
  const differs = new Map<string, number>();
  for (const v of run.variants) for (const s of v.suites) for (const c of s.cases) if (c.outcome === 'documentation-differs' && c.status !== 'failed') differs.set(c.reason ?? '', (differs.get(c.reason ?? '') ?? 0) + 1);
  if (differs.size) {
    out.write(`Documentation differs (${differs.size} reason(s), ${[...differs.values()].reduce((a, b) => a + b, 0)} case(s)):\n`);
    for (const [reason, n] of differs) out.write(`  ≠ ${n} case(s): ${reason}\n`);
    out.write('\n');
  }
  for (const v of run.variants) {
    if (v.provisioning) {
      out.write(`  ${v.name.padEnd(32)} ${v.provisioning.status.toUpperCase()}: ${v.provisioning.message}\n`);
      continue;
    }
    const cases = v.suites.flatMap((s) => s.cases);
    const count = (o: string) => cases.filter((c) => c.outcome === o).length;
    out.write(
      `  ${v.name.padEnd(32)} passed ${count('passed')}, failed ${cases.filter((c) => c.status === 'failed').length + v.suites.filter((s) => s.error).length}, ` +
        `not applicable ${count('not-applicable')}, limitations ${v.emulatedBy ? `emulated ${count('limitation-emulated')}` : `reproduced ${count('limitation-reproduced')}`}, lifted ${count('limitation-lifted')}` +
        `${count('documentation-differs') ? `, documentation differs ${count('documentation-differs')}` : ''}${count('interrupted') ? `, interrupted ${count('interrupted')}` : ''}\n`,
    );
  }
  const waits = waitLines(run);
  if (waits.length) out.write(`\n${waits.join('\n')}\n`);
  if (run.history) out.write(`\n${historyConsoleLines(run.history).join('\n')}\n`);
  else if (run.interrupted) out.write('\nHistory: not compared: an interrupted run takes no part in new, fixed or flaky\n');
  out.write(`\nJUnit: ${files.junit}\nResults: ${files.results}\n`);
  if (files.summary) out.write(`Summary: ${files.summary}\n`);
  if (files.page) out.write(`Page: ${files.page}\n`);
  out.write(`Suites ran in ${(elapsedMs / 1000).toFixed(1)} s on target ${run.target}${run.interrupted ? ` (INTERRUPTED${run.interruption ? ` by ${run.interruption.signal} during ${run.interruption.phase}` : ''}: partial results)` : ''}\n`);
  out.write(`Counts: ${countsSentence(t)}\n`);
  // The plain closing line CI tooling reads, alone on its line: real passes only (the other outcomes are on the line above).
  out.write(`${closingLine(t)}\n`);
}

/** Suite files that waited WAITS_SHOWN_FROM_MS or more for conditions, longest first, after each variant's total. */
export function waitLines(run: RunResult): string[] {
  const measured = run.variants.filter((v) => v.waitedMs);
  if (measured.length === 0) return [];
  const long = longWaits(run);
  return [
    `Waited for conditions: ${measured.map((v) => `${v.name} ${seconds(v.waitedMs!.total)}`).join(', ')}${long.length ? `; files that waited ${seconds(WAITS_SHOWN_FROM_MS)} or more:` : ''}`,
    ...long.map((w) => `  ${seconds(w.ms).padStart(8)}  ${w.variant}  ${w.file}`),
  ];
}

/** The console's failure section: each cause once, largest first, with its variants, a few cases and what is known about it. */
export function failureGroupLines(groups: readonly FailureGroup[]): string[] {
  const failures = groups.reduce((n, g) => n + g.items.length, 0);
  const out = [`Failures by cause (${groups.length} cause(s), ${failures} failure(s)):`];
  for (const g of groups.slice(0, GROUPS_SHOWN)) {
    if (g.type === 'EscapedError') {
      for (const e of g.items) out.push(`  ✗ ESCAPED ERROR ${e.suite}${e.name !== e.suite ? ` (last test: ${e.name})` : ''}: ${e.message.split('\n')[0]}`);
      continue;
    }
    out.push(`  ✗ ${g.type === 'SuiteError' ? 'FILE ERROR ' : ''}${groupTitle(g)}`);
    out.push(`      variants: ${g.variants.join(', ')}`);
    const names = [...new Set(g.items.map((i) => i.name))];
    for (const n of names.slice(0, EXAMPLES)) out.push(`      › ${n}`);
    if (names.length > EXAMPLES) out.push(`      … and ${names.length - EXAMPLES} more case(s) (summary.md, index.html)`);
    for (const k of g.knownElsewhere) out.push(`      ${knownLine(k)}`);
  }
  if (groups.length > GROUPS_SHOWN) out.push(`  … and ${groups.length - GROUPS_SHOWN} more cause(s) (summary.md, index.html)`);
  return out;
}
