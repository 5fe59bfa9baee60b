// How the `load` command's console ends: the figures a reader compares, one line per variant, workload and
// operation (the same as summary.md's load table), instead of the suites' totals a load run has none of.
import type { RunResult } from '../report/results.ts';
import type { LoadReport } from '../load/report-schema.ts';
import { topLevelOperations } from '../load/merge.ts';
import { latencyMs, variantLabel, wholeNumber } from '../report/format.ts';

const HEAD = ['variant', 'workload', 'operation', 'ops/s', 'errors', 'p50 ms', 'p99 ms', 'p99.9 ms'];
/** Columns from "ops/s" on are numbers: right-aligned. */
const FIRST_NUMBER = 3;

export function loadTableRows(reports: readonly LoadReport[]): string[][] {
  return reports.flatMap((r) =>
    topLevelOperations(Object.keys(r.operations)).map((op) => {
      const o = r.operations[op]!;
      return [variantLabel(r), r.workload, op, wholeNumber(o.throughput), wholeNumber(o.errorCount), latencyMs(o.latencyMs.p50), latencyMs(o.latencyMs.p99), latencyMs(o.latencyMs.p999)];
    }),
  );
}

export function formatTable(rows: readonly string[][]): string {
  const all = [HEAD, ...rows];
  const widths = HEAD.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all.map((r) => r.map((v, i) => (i >= FIRST_NUMBER ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n');
}

export function printLoadSummary(out: NodeJS.WritableStream, run: RunResult, reports: readonly LoadReport[], files: { results: string; loadPage: string }): void {
  out.write('\n');
  for (const v of run.variants) if (v.provisioning) out.write(`  ${v.name.padEnd(32)} ${v.provisioning.status.toUpperCase()}: ${v.provisioning.message}\n`);
  out.write(`Results: ${files.results}\n`);
  if (reports.length === 0) {
    out.write(`No load report: no workload finished on target ${run.target}${run.interrupted ? ' (INTERRUPTED)' : ''}\n`);
    return;
  }
  out.write(`Load report: ${files.loadPage}\nLoad on target ${run.target}${run.interrupted ? ' (INTERRUPTED: partial results)' : ''}:\n\n`);
  out.write(`${formatTable(loadTableRows(reports))}\n`);
}
