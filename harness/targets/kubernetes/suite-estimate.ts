// The suites' share of a Kubernetes job's estimate: what the selected suite files cost an endpoint (measured on the
// local target, fixtures/suite-costs.json) priced with the latency model (harness/run/latency-model.ts), the same
// arithmetic `npm run bench:real` prints per variant, then shared out over the run's suite workers.
import type { Variant } from '../../variant/model.ts';
import { concurrentSuiteSeconds, DEFAULT_LATENCY, describeSplit, latencyFor, predictSuiteTime, type LatencyConstants, type PredictedTime } from '../../run/latency-model.ts';
import { readSuiteCosts, selectionCost, type SelectionCost, type SuiteCostProfile } from '../../run/suite-costs.ts';

export interface SuiteWork {
  cost: SelectionCost;
  /** Where the costs come from (the profile's measurement). */
  measured: SuiteCostProfile['measured'];
  latency: LatencyConstants;
}

export function suiteWork(suiteIds: readonly string[], latency: Partial<LatencyConstants> = {}, profile: SuiteCostProfile = readSuiteCosts()): SuiteWork {
  return { cost: selectionCost(profile, suiteIds), measured: profile.measured, latency: { ...DEFAULT_LATENCY, ...latency } };
}

/** One variant's suites on a real Alternator (its write isolation decides which writes pay an LWT round). */
export function variantSuiteTime(w: SuiteWork, v: Variant): PredictedTime {
  return predictSuiteTime(w.cost.counts, w.cost.waitedMs, latencyFor(v.alternator.writeIsolation, w.latency));
}

/** Minutes of suites of the variants live at once, on `workers` suite workers. */
export function batchSuiteMinutes(w: SuiteWork, live: readonly Variant[], workers: number): number {
  return concurrentSuiteSeconds(live.map((v) => variantSuiteTime(w, v)), workers) / 60;
}

/** How the suites' minutes were reckoned, for the plan's output. */
export function describeSuiteWork(w: SuiteWork, example: Variant | undefined): string {
  const m = w.measured;
  const parts = [
    `latency model (harness/run/latency-model.ts${w.latency.schemaChangeSeconds === DEFAULT_LATENCY.schemaChangeSeconds ? '' : `, schema change ${w.latency.schemaChangeSeconds} s`}) on the files' operation counts measured on the ${m.target} target (fixtures/suite-costs.json, ${m.variant}, ${m.date}, commit ${m.commit.slice(0, 7)})`,
    ...(example ? [`one variant such as ${example.name}: ${describeSplit(variantSuiteTime(w, example))}`] : []),
    ...(w.cost.unprofiled.length ? [`files with no measured cost, charged the mean file: ${w.cost.unprofiled.join(', ')}`] : []),
  ];
  return parts.join('; ');
}
