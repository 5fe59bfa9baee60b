// What a run would cost on a real Alternator, predicted from the operations the endpoint counted
// (results.json variants[].endpointOperations.counts) and the time the suites waited. The constants are
// estimates with their sources below; the first real run's measured phases replace them (`LatencyConstants`
// is a plain object so a calibration can pass its own).
import { SCHEMA_CHANGES } from './endpoint-operations.ts';
import { SCYLLA_DEFAULT_WRITE_ISOLATION } from '../variant/model.ts';

export interface LatencyConstants {
  /** Seconds per schema change, serialized cluster-wide. scylladb/scylladb#7594 (nyh, 2020-11-16: "The
   * first few creation/remove pair take 0.5 seconds", one node, growing to 1 s by the 100th and 4 s by the 1000th),
   * so ~0.25 s a change on an idle node; a loaded kind cluster is slower. Not re-measured here. */
  schemaChangeSeconds: number;
  /** Extra seconds per write that goes through LWT (Paxos: prepare, accept, learn — ~3 round trips between
   * replicas; alternator/executor.cc rmw_operation). Estimate. */
  lwtRoundSeconds: number;
  /** Seconds of network round trip per request between the runner and the cluster. Estimate for a kind cluster. */
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

const WRITES = ['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems'];

export interface PredictedTime {
  totalSeconds: number;
  schemaChangeSeconds: number;
  lwtSeconds: number;
  requestSeconds: number;
  waitSeconds: number;
}

/** Predicted suite time of one variant and where it goes. `waitedMs`: time the suites spent waiting on conditions
 * (TTL, Streams, GSI backfill), which a real cluster does not shorten. */
export function predictSuiteTime(counts: Record<string, number>, waitedMs = 0, c: LatencyConstants = DEFAULT_LATENCY): PredictedTime {
  const n = (op: string) => counts[op] ?? 0;
  const schemaChanges = SCHEMA_CHANGES.reduce((s, op) => s + n(op), 0);
  const requests = Object.values(counts).reduce((s, v) => s + v, 0);
  const writes = WRITES.reduce((s, op) => s + n(op), 0);
  const schemaChangeSeconds = schemaChanges * c.schemaChangeSeconds;
  const lwtSeconds = writes * c.lwtWriteShare * c.lwtRoundSeconds;
  const requestSeconds = requests * c.requestRoundTripSeconds;
  const waitSeconds = waitedMs / 1000;
  return { totalSeconds: schemaChangeSeconds + lwtSeconds + requestSeconds + waitSeconds, schemaChangeSeconds, lwtSeconds, requestSeconds, waitSeconds };
}

export function describePrediction(variant: string, p: PredictedTime): string {
  const s = (x: number) => `${x.toFixed(1)} s`;
  return `${variant}: predicted ${s(p.totalSeconds)} on a real Alternator (schema changes ${s(p.schemaChangeSeconds)}, LWT ${s(p.lwtSeconds)}, requests ${s(p.requestSeconds)}, waits ${s(p.waitSeconds)})`;
}
