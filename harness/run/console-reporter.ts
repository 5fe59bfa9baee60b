// What a person sees while a run goes: failures as they happen, limitations lifted loudly, totals at the end.
import type { CaseResult, RunResult } from '../report/results.ts';
import { totals } from '../report/results.ts';
import { historyConsoleLines } from '../report/history-text.ts';

export function printCase(out: NodeJS.WritableStream, variant: string, suite: string, c: CaseResult): void {
  if (c.outcome === 'failed') out.write(`  ✗ FAIL ${variant} ${suite} › ${c.name}\n      ${(c.failure?.message ?? '').split('\n')[0]}\n`);
  else if (c.outcome === 'limitation-lifted') out.write(`  ‼ LIMITATION LIFTED ${variant} ${suite} › ${c.name}\n      ${c.reason}\n`);
  else if (c.outcome === 'documentation-differs') out.write(`  ≠ DOCUMENTATION DIFFERS ${variant} ${suite} › ${c.name}\n      ${c.reason}\n`);
}

export function printSummary(out: NodeJS.WritableStream, run: RunResult, elapsedMs: number, files: { junit: string; results: string }): void {
  const t = totals(run);
  out.write('\n');
  for (const e of run.escapedErrors ?? []) out.write(`  ✗ ESCAPED ERROR ${e.file ?? 'unknown suite file'}${e.test ? ` (last test: ${e.test})` : ''}: ${e.message.split('\n')[0]}\n`);
  for (const v of run.variants)
    for (const s of v.suites) if (s.error) out.write(`  ✗ ERROR ${v.name} ${s.suite} (hook or file): ${s.error.split('\n')[0]}\n`);
  for (const v of run.variants) {
    if (v.provisioning) {
      out.write(`  ${v.name.padEnd(32)} ${v.provisioning.status.toUpperCase()}: ${v.provisioning.message}\n`);
      continue;
    }
    const cases = v.suites.flatMap((s) => s.cases);
    const count = (o: string) => cases.filter((c) => c.outcome === o).length;
    out.write(
      `  ${v.name.padEnd(32)} passed ${count('passed')}, failed ${count('failed') + v.suites.filter((s) => s.error).length}, ` +
        `not applicable ${count('not-applicable')}, limitations ${v.emulatedBy ? `emulated ${count('limitation-emulated')}` : `reproduced ${count('limitation-reproduced')}`}, lifted ${count('limitation-lifted')}` +
        `${count('documentation-differs') ? `, documentation differs ${count('documentation-differs')}` : ''}\n`,
    );
  }
  if (run.history) out.write(`\n${historyConsoleLines(run.history).join('\n')}\n`);
  out.write(`\nJUnit: ${files.junit}\nResults: ${files.results}\n`);
  out.write(`Suites ran in ${(elapsedMs / 1000).toFixed(1)} s on target ${run.target}${run.interrupted ? ` (INTERRUPTED${run.interruption ? ` by ${run.interruption.signal} during ${run.interruption.phase}` : ''}: partial results)` : ''}\n`);
  // The plain closing line CI tooling reads.
  out.write(`${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped\n`);
}
