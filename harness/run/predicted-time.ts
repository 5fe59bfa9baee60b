// A run's results read through the latency model (harness/run/latency-model.ts): per variant, the suite time a real
// Alternator would take, with and without the shared tables when both runs are given (`npm run bench:real`).
import type { RunResult, VariantResult } from '../report/results.ts';
import { DEFAULT_LATENCY, describeSplit, latencyFor, lwtUndercounted, predictSuiteTime, type LatencyConstants, type PredictedTime } from './latency-model.ts';

const writeIsolationOf = (v: Pick<VariantResult, 'options'>) => (v.options.alternator as { writeIsolation?: string } | undefined)?.writeIsolation;

/** The variant's recorded waits (results.json variants[].waitedMs.total); undefined when the run did not record them. */
export function waitedMsOf(v: Pick<VariantResult, 'waitedMs'>): number | undefined {
  return v.waitedMs?.total;
}

/** Undefined when the endpoint counted nothing (no metrics URLs). */
export function predictVariant(v: VariantResult, c: LatencyConstants = DEFAULT_LATENCY): PredictedTime | undefined {
  if (!v.endpointOperations) return undefined;
  return predictSuiteTime(v.endpointOperations.counts, waitedMsOf(v), latencyFor(writeIsolationOf(v), c));
}

/** Tables the variant's suites created: each is deleted once, by its file or (shared) by the run. */
const tablesOf = (v: VariantResult) => v.endpointOperations?.counts.DeleteTable ?? 0;

/**
 * Lines per variant: its prediction in each run given (a run with shared tables, one with `--no-shared-tables`, or
 * both), and what sharing saves when both hold it.
 */
export function predictionLines(runs: readonly RunResult[], c: LatencyConstants = DEFAULT_LATENCY): string[] {
  const label = (r: RunResult) => (r.sharedTables === false ? 'without shared tables' : 'with shared tables   ');
  const ordered = [...runs].sort((a, b) => Number(a.sharedTables === false) - Number(b.sharedTables === false));
  const names = [...new Set(ordered.flatMap((r) => r.variants.map((v) => v.name)))];
  const out: string[] = [];
  for (const name of names) {
    const found = ordered.flatMap((r) => r.variants.filter((v) => v.name === name).map((v) => ({ r, v, p: predictVariant(v, c) })));
    const isolation = writeIsolationOf(found[0]!.v);
    out.push(`${name}${lwtUndercounted(isolation) ? ' (only_rmw_uses_lwt: its conditional writes through LWT are not counted)' : ''}:`);
    for (const { r, v, p } of found) {
      if (!p) out.push(`  ${label(r)}  no endpoint operation counts (the endpoint has no metrics URLs)`);
      else out.push(`  ${label(r)}  ${describeSplit(p)}; ${v.endpointOperations!.schemaChanges} schema changes, ${tablesOf(v)} tables`);
    }
    const shared = found.find((f) => f.r.sharedTables !== false && f.p);
    const own = found.find((f) => f.r.sharedTables === false && f.p);
    if (shared && own)
      out.push(
        `  sharing saves ${(own.p!.totalSeconds - shared.p!.totalSeconds).toFixed(1)} s: ${own.v.endpointOperations!.schemaChanges - shared.v.endpointOperations!.schemaChanges} schema changes, ${tablesOf(own.v) - tablesOf(shared.v)} tables`,
      );
  }
  return out;
}
