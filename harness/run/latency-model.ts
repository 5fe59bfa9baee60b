// What a run would cost on a real Alternator, predicted from the operations the endpoint counted
// (results.json variants[].endpointOperations.counts) and the time the suites waited (variants[].waitedMs). The
// constants are estimates with their sources below (LATENCY_SOURCES); a real run's measured suite time replaces the
// schema-change latency (calibrateLatency: `plan --calibrate RESULTS`). `npm run bench:real` and `plan` (the kind,
// kubeconfig and container estimate) both predict with this module, so they print the same numbers.
import { SCHEMA_CHANGES } from './endpoint-operations.ts';
import { SCYLLA_DEFAULT_WRITE_ISOLATION } from '../variant/model.ts';

export interface LatencyConstants {
  /** Seconds per schema change, serialized cluster-wide. */
  schemaChangeSeconds: number;
  /** Extra seconds per write that goes through LWT. */
  lwtRoundSeconds: number;
  /** Seconds of network round trip per request between the runner and the cluster. */
  requestRoundTripSeconds: number;
  /** Share of writes that use LWT: see lwtWriteShareFor. */
  lwtWriteShare: number;
}

export const DEFAULT_LATENCY: LatencyConstants = {
  schemaChangeSeconds: 0.25,
  lwtRoundSeconds: 0.006,
  requestRoundTripSeconds: 0.001,
  lwtWriteShare: 1,
};

/** Where each constant comes from (printed by bench:real and `plan`, kept in README). */
export const LATENCY_SOURCES: Record<keyof LatencyConstants, string> = {
  schemaChangeSeconds:
    'scylladb/scylladb#7594 (nyh, 2020-11-16: "The first few creation/remove pair take 0.5 seconds" on one idle node, ' +
    'growing to 1 s by the 100th pair and 4 s by the 1000th): half a pair per change; a loaded kind cluster is slower. ' +
    'Replaced by `plan --calibrate RESULTS` (fitted to a real run\'s measured suite time)',
  lwtRoundSeconds:
    'ESTIMATE: Paxos prepare, accept and learn, ~3 round trips between replicas (alternator/executor.cc rmw_operation); ' +
    'no measured source; the calibration keeps it',
  requestRoundTripSeconds: 'ESTIMATE: one round trip through a kind port-forward; no measured source; the calibration keeps it',
  lwtWriteShare:
    "the variant's write isolation (alternator/executor.cc rmw_operation::execute; the operator's default for an empty one: always_use_lwt)",
};

/**
 * Which writes go through LWT under a write isolation (alternator/executor.cc rmw_operation::execute: always_use_lwt
 * sends every write through LWT; only_rmw_uses_lwt only those that read before writing; forbid_rmw and unsafe_rmw
 * none). ScyllaDB has no default (main.cc set_default_write_isolation refuses an empty one); the operator writes
 * always_use_lwt when spec.alternator.writeIsolation is empty (harness/variant/model.ts). The endpoint's counters do
 * not tell conditional writes apart, so only_rmw_uses_lwt is counted as 0: an underestimate, said in the output.
 */
export function lwtWriteShareFor(writeIsolation: string | undefined): number {
  const mode = writeIsolation ?? SCYLLA_DEFAULT_WRITE_ISOLATION;
  return ['a', 'always', 'always_use_lwt'].includes(mode) ? 1 : 0;
}

/** only_rmw_uses_lwt: its conditional writes do go through LWT, but the endpoint's counters cannot tell them apart. */
export function lwtUndercounted(writeIsolation: string | undefined): boolean {
  return ['o', 'only_rmw_uses_lwt'].includes(writeIsolation ?? '');
}

const WRITES = ['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems'];

/** Operation counts boiled down to what the model charges. */
export interface OperationLoad {
  schemaChanges: number;
  writes: number;
  requests: number;
}

export function operationLoad(counts: Record<string, number>): OperationLoad {
  const n = (op: string) => counts[op] ?? 0;
  return {
    schemaChanges: SCHEMA_CHANGES.reduce((s, op) => s + n(op), 0),
    writes: WRITES.reduce((s, op) => s + n(op), 0),
    requests: Object.values(counts).reduce((s, v) => s + v, 0),
  };
}

export interface PredictedTime {
  totalSeconds: number;
  schemaChangeSeconds: number;
  lwtSeconds: number;
  requestSeconds: number;
  /** Undefined: the run recorded no waits (they are then not in the total). */
  waitSeconds: number | undefined;
}

/**
 * Predicted suite time of one variant, as the sum over its suite files (the work; how much of it overlaps is
 * concurrentSuiteSeconds), and where it goes. `waitedMs`: time the suites spent waiting on conditions (TTL,
 * Streams, GSI backfill), which a real cluster does not shorten; undefined when the run did not record it.
 */
export function predictSuiteTime(counts: Record<string, number>, waitedMs?: number, c: LatencyConstants = DEFAULT_LATENCY): PredictedTime {
  const load = operationLoad(counts);
  const schemaChangeSeconds = load.schemaChanges * c.schemaChangeSeconds;
  const lwtSeconds = load.writes * c.lwtWriteShare * c.lwtRoundSeconds;
  const requestSeconds = load.requests * c.requestRoundTripSeconds;
  const waitSeconds = waitedMs === undefined ? undefined : waitedMs / 1000;
  return { totalSeconds: schemaChangeSeconds + lwtSeconds + requestSeconds + (waitSeconds ?? 0), schemaChangeSeconds, lwtSeconds, requestSeconds, waitSeconds };
}

/** The constants for a variant: its write isolation decides the LWT share. */
export function latencyFor(writeIsolation: string | undefined, c: LatencyConstants = DEFAULT_LATENCY): LatencyConstants {
  return { ...c, lwtWriteShare: lwtWriteShareFor(writeIsolation) };
}

/**
 * Wall time of variants whose suites run at once on `workers` suite workers, each variant on its own cluster: the
 * workers share the work, but no cluster agrees on its schema changes faster than one after the other.
 */
export function concurrentSuiteSeconds(variants: readonly PredictedTime[], workers: number): number {
  if (variants.length === 0) return 0;
  const work = variants.reduce((s, p) => s + p.totalSeconds, 0);
  return Math.max(work / Math.max(1, workers), ...variants.map((p) => p.schemaChangeSeconds));
}

const s = (x: number) => `${x.toFixed(1)} s`;

/** "123.4 s (schema changes …, LWT …, requests …, waits …)" */
export function describeSplit(p: PredictedTime): string {
  return `${s(p.totalSeconds)} (schema changes ${s(p.schemaChangeSeconds)}, LWT ${s(p.lwtSeconds)}, requests ${s(p.requestSeconds)}, ${p.waitSeconds === undefined ? 'waits not recorded' : `waits ${s(p.waitSeconds)}`})`;
}

export function describePrediction(variant: string, p: PredictedTime): string {
  return `${variant}: predicted ${describeSplit(p)} on a real Alternator`;
}

/** One batch of a real run: its measured suite time and what its variants cost their endpoints. */
export interface MeasuredBatch {
  suiteSeconds: number;
  workers: number;
  variants: ReadonlyArray<{ counts: Record<string, number>; waitedMs: number | undefined; writeIsolation: string | undefined }>;
}

/**
 * The schema-change latency that makes the model give the suite time a real run measured (results.json
 * phases.batches[].suites against variants[].endpointOperations): the model's prediction grows with it, so it is
 * found by bisection. The other constants stay (a run's counts cannot tell them apart). Undefined when the batches
 * hold no schema change; 0 when the rest of the model already exceeds the measured time.
 */
export function fitSchemaChangeSeconds(batches: readonly MeasuredBatch[], c: LatencyConstants = DEFAULT_LATENCY): number | undefined {
  const predicted = (schemaChangeSeconds: number) =>
    batches.reduce((sum, b) => sum + concurrentSuiteSeconds(b.variants.map((v) => predictSuiteTime(v.counts, v.waitedMs, latencyFor(v.writeIsolation, { ...c, schemaChangeSeconds }))), b.workers), 0);
  const measured = batches.reduce((s, b) => s + b.suiteSeconds, 0);
  if (!batches.some((b) => b.variants.some((v) => operationLoad(v.counts).schemaChanges > 0))) return undefined;
  if (predicted(0) >= measured) return 0;
  let lo = 0;
  let hi = 1;
  while (predicted(hi) < measured) hi *= 2;
  for (let i = 0; i < 50; i++) {
    const mid = (lo + hi) / 2;
    if (predicted(mid) < measured) lo = mid;
    else hi = mid;
  }
  return Math.round(hi * 1000) / 1000;
}
