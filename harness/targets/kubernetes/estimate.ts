// Expected wall time of one invocation (one CI job) on a Kubernetes target, from what the profile asks for: set-up,
// rollouts batch by batch (as the run deploys, tests and stops them), suites, the load phase and teardown.
// ESTIMATES, not measurements: nothing ran on kind on this project's machines. Each figure says where it comes from;
// a real run measures them (results.json `phases`): `plan --calibrate RESULTS` replaces them with measured ones
// (calibrate.ts) and prints what to write here to keep them. `plan` prints the estimate; the workflows'
// timeout-minutes are derived from it (harness/ci/workflow-timeouts.ts, `npm run workflows:timeouts`).
// The suites' minutes come from the latency model (suite-estimate.ts: the files' operation counts measured on the
// local target, priced with harness/run/latency-model.ts's constants), the numbers `npm run bench:real` prints.
import type { Variant } from '../../variant/model.ts';
import type { LoadPhase } from '../../variant/profile.ts';
import type { LatencyConstants } from '../../run/latency-model.ts';
import type { SuiteCostProfile } from '../../run/suite-costs.ts';
import { batchSuiteMinutes, describeSuiteWork, suiteWork, type SuiteWork } from './suite-estimate.ts';

/** Minutes (estimates). */
export const ESTIMATE = {
  /** Checkout, `npm ci`, installing kind, `doctor --target kind`, on a CI runner (outside the harness). */
  runnerSetUp: 3,
  /** After the run step: job summary and artifact uploads (outside the harness). */
  reportUpload: 2,
  /** `kind create cluster` with its node image pulled (first time on a fresh runner). */
  clusterCreate: 3,
  /** cert-manager and the operator rolled out (hack/ci-deploy.sh allows 5 min each; they usually take 1-2). */
  operatorInstall: 4,
  /** First pull of the ScyllaDB and Manager agent images by the ScyllaDB nodes (about 1 GB). */
  firstImagePull: 3,
  /** One datacenter of one member: rollout plus endpoint (credentials, port-forwards); datacenters go one by one. */
  datacenterRollout: 4.5,
  /** Per workload and variant besides its measured duration: table, insert phase start, drop. */
  loadWorkloadOverheadSeconds: 60,
  /** Records inserted before a workload, per second. */
  loadInsertPerSecond: 500,
  /** Namespaces of a batch deleted and gone (teardown waits). */
  batchTeardown: 1,
  /** `kind delete cluster`. */
  clusterDelete: 1,
  /** A job's timeout-minutes must exceed the estimate by this factor: it is an estimate. */
  headroom: 1.25,
} as const;

export interface JobWork {
  /** Suite ids (e.g. api/items) the run executes per variant (none: `load` alone). */
  suites: readonly string[];
  /** What each suite file costs an endpoint; default: fixtures/suite-costs.json (harness/run/suite-costs.ts). */
  costs?: SuiteCostProfile;
  /** The load phase, when the invocation runs one (`run --load`, `load`). */
  load?: LoadPhase;
}

export interface JobEstimate {
  /** Variants deployed (applicable ones) and the batches they go in. */
  deployed: number;
  batches: number;
  setUp: number;
  rollouts: number;
  suites: number;
  load: number;
  teardown: number;
  total: number;
  /** Suite files at once in each batch that deployed something (resources.ts suiteWorkersFor, as the run uses it). */
  suiteWorkers: number[];
  /**
   * The total a time limit must allow: `total`, with the suites priced at UNCALIBRATED_LIMIT_LATENCY's schema-change
   * latency while no calibration has fitted one (the same when one has).
   */
  limitTotal: number;
  /** The timeout-minutes a CI job running exactly this needs (limitTotal × headroom, rounded up). */
  timeoutMinutes: number;
  /** The part of `setUp` spent outside the harness (the runner's own steps before the run step). */
  runnerSetUp: number;
  /** The constants used (ESTIMATE, or measured ones from `--calibrate`). */
  constants: EstimateConstants;
  /** The latency model's constants the suites were priced with (a calibration's fitted ones included). */
  latency?: LatencyConstants;
  /** How the suites' minutes were reckoned (absent: no suite file runs). */
  suiteModel?: string;
  /** Set when measured constants replaced estimated ones: where they come from. */
  calibratedFrom?: string;
}

/** The estimate's constants, as measured ones replace them (calibrate.ts). */
export type EstimateConstants = { -readonly [K in keyof typeof ESTIMATE]: number };

/** What `plan --calibrate` hands the estimate (calibrate.ts readCalibration). */
export interface EstimateCalibration {
  constants: Partial<EstimateConstants>;
  /** The latency model's constants the run measured (the fitted schema-change latency). */
  latency?: Partial<LatencyConstants>;
  source: string;
}

/**
 * What a time limit prices a schema change at until a real run's calibration fits the latency: the slowest
 * scylladb/scylladb#7594 measured (nyh, 2020-11-16: 4 s a create/delete pair by the 1000th pair, so 2 s a change),
 * not the model's central 0.25 s. The expected time keeps the central figure; a limit set on it would cancel a
 * healthy job on a cluster that agrees on schema changes a few times slower than one idle node.
 */
export const UNCALIBRATED_LIMIT_LATENCY: Partial<LatencyConstants> = { schemaChangeSeconds: 2 };

/** Variants in the order the run takes them, batches of `maxLive` (harness/run/run.ts batches). */
function batchesOf<T>(items: readonly T[], maxLive: number): T[][] {
  const n = Math.max(1, Math.min(maxLive, items.length || 1));
  return Array.from({ length: Math.ceil(items.length / n) }, (_, i) => items.slice(i * n, i * n + n));
}

export function estimateJob(
  variants: readonly Variant[],
  o: {
    maxLiveDeployments: number;
    /** Suite files at once with that many variants live (resources.ts suiteWorkersFor, as the run uses it). */
    suiteWorkers: (live: number) => number;
    supports: (v: Variant) => { ok: boolean };
    createsCluster: boolean;
    installsOperator: boolean;
  },
  work: JobWork,
  calibration: EstimateCalibration | undefined = undefined,
): JobEstimate {
  const E: EstimateConstants = { ...ESTIMATE, ...calibration?.constants };
  const sw: SuiteWork | undefined = work.suites.length ? suiteWork(work.suites, calibration?.latency, work.costs) : undefined;
  const fitted = calibration?.latency?.schemaChangeSeconds !== undefined;
  const swLimit: SuiteWork | undefined = sw && !fitted ? suiteWork(work.suites, { ...calibration?.latency, ...UNCALIBRATED_LIMIT_LATENCY }, work.costs) : sw;
  const round = (m: number) => Math.round(m * 10) / 10;
  let rollouts = 0;
  let suites = 0;
  let suitesLimit = 0;
  let load = 0;
  let teardown = 0;
  let deployed = 0;
  const suiteWorkers: number[] = [];
  const perWorkload = (p: LoadPhase) => (p.durationSeconds + E.loadWorkloadOverheadSeconds + p.recordCount / E.loadInsertPerSecond) / 60;
  const batches = batchesOf(variants, o.maxLiveDeployments);
  for (const batch of batches) {
    const live = batch.filter((v) => o.supports(v).ok);
    if (live.length === 0) continue;
    deployed += live.length;
    // A batch rolls out at once; a variant's datacenters one after the other.
    rollouts += Math.max(...live.map((v) => v.topology.datacenters.length * E.datacenterRollout));
    const workers = o.suiteWorkers(live.length);
    suiteWorkers.push(workers);
    if (sw) suites += batchSuiteMinutes(sw, live, workers);
    if (swLimit) suitesLimit += batchSuiteMinutes(swLimit, live, workers);
    // The load phase runs variant after variant, on the profile's representative variants when it names them.
    if (work.load) {
      const loaded = live.filter((v) => !work.load!.variants || work.load!.variants.includes(v.name));
      load += loaded.length * work.load.workloads.length * perWorkload(work.load);
    }
    teardown += E.batchTeardown;
  }
  const setUp = E.runnerSetUp + (o.createsCluster ? E.clusterCreate : 0) + (o.installsOperator ? E.operatorInstall : 0) + (deployed ? E.firstImagePull : 0);
  teardown += o.createsCluster ? E.clusterDelete : 0;
  const total = setUp + rollouts + suites + load + teardown;
  const limitTotal = total - suites + suitesLimit;
  return {
    deployed,
    batches: batches.length,
    setUp: round(setUp),
    rollouts: round(rollouts),
    suites: round(suites),
    load: round(load),
    teardown: round(teardown),
    total: round(total),
    suiteWorkers,
    limitTotal: round(limitTotal),
    timeoutMinutes: Math.ceil(limitTotal * E.headroom),
    runnerSetUp: E.runnerSetUp,
    constants: E,
    ...(sw ? { latency: sw.latency, suiteModel: describeSuiteWork(sw, variants.find((v) => o.supports(v).ok)) } : {}),
    ...(calibration ? { calibratedFrom: calibration.source } : {}),
  };
}

/** "2 files at once in 23 batches, 1 in 1": the batches' suite workers, as the run will use them. */
function describeWorkers(perBatch: number[]): string {
  const counts = new Map<number, number>();
  for (const w of perBatch) counts.set(w, (counts.get(w) ?? 0) + 1);
  return [...counts].map(([w, n], i) => `${w}${i === 0 ? ' suite file(s) at once' : ''} in ${n} batch(es)`).join(', ') || 'no batch';
}

export function formatEstimate(e: JobEstimate): string {
  return [
    e.calibratedFrom
      ? `Expected wall time of this job (estimate.ts's model with constants measured by ${e.calibratedFrom}): about ${Math.round(e.total)} min`
      : `Expected wall time of this job (an estimate from harness/targets/kubernetes/estimate.ts, not a measurement): about ${Math.round(e.total)} min`,
    `  set-up ${e.setUp} min (runner, cluster, cert-manager and operator, first image pull)`,
    `  rollouts ${e.rollouts} min (${e.deployed} variant(s) in ${e.batches} batch(es))`,
    `  suites ${e.suites} min (${describeWorkers(e.suiteWorkers)}${e.suiteModel ? `; ${e.suiteModel}` : ''})`,
    `  load ${e.load} min`,
    `  teardown ${e.teardown} min`,
    `  a CI job running it needs timeout-minutes ≥ ${e.timeoutMinutes} (×${e.constants.headroom} headroom${e.limitTotal > e.total ? ` on ${Math.round(e.limitTotal)} min: the suites priced at ${UNCALIBRATED_LIMIT_LATENCY.schemaChangeSeconds} s a schema change, the slowest scylladb#7594 measured, until \`plan --calibrate\` fits it` : ''})`,
  ].join('\n');
}

/** `plan --shards N`: one line per shard, the figures a sharded CI's timeouts come from. */
export function formatShardEstimates(shards: ReadonlyArray<{ shard: string; estimate: JobEstimate }>): string {
  return [
    `Per shard (each its own job, --shard i/${shards.length}, with the flags above):`,
    ...shards.map(({ shard, estimate: e }) => `  ${shard}: ${e.deployed} variant(s) in ${e.batches} batch(es), about ${Math.round(e.total)} min (rollouts ${e.rollouts}, suites ${e.suites} with ${describeWorkers(e.suiteWorkers)}, load ${e.load}); timeout-minutes ≥ ${e.timeoutMinutes}`),
  ].join('\n');
}
