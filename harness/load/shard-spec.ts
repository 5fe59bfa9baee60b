// The plain-data description of one load worker's job: crosses into worker threads (workerData) and
// into Kubernetes pods (environment), so it is JSON, and the secret key travels separately in pods.
import type { Distribution } from './key-choosers.ts';
import type { ClientKind, LoadEndpoint } from './transport.ts';
import type { WorkloadName } from './workloads.ts';

/** How a worker paces its operations (drive.ts): closed loop, or open loop at a fixed rate. */
export type LoopMode = 'open' | 'closed';
export const LOOP_MODES: readonly LoopMode[] = ['open', 'closed'];

export interface TableSpec {
  table: string;
  recordCount: number;
  fieldCount: number;
  fieldLength: number;
  consistentRead: boolean;
}

export interface ShardSpec extends TableSpec {
  worker: string;
  endpoint: LoadEndpoint;
  workload: WorkloadName;
  distribution: Distribution;
  mode: LoopMode;
  /** Open loop: this worker's share of the rate. */
  rate?: number;
  /** Lanes (connections) of this worker. */
  concurrency: number;
  durationMs: number;
  seed: number;
  client: ClientKind;
  timeoutMs: number;
  drainMs: number;
  /** Workers started apart (pods) begin together: wait until this epoch millisecond. */
  notBeforeMs?: number;
}
