// The one interface every target implements. A target turns a variant into a running deployment
// and an Endpoint; it owns everything it created and removes it in `teardown`.
import type { Endpoint } from '../endpoint/contract.ts';
import type { Variant } from '../variant/model.ts';
import type { Progress } from '../util/progress.ts';
import type { ClusterLoadOptions } from '../load/kubernetes/orchestrate.ts';
import type { EstimateCalibration, JobEstimate, JobWork } from './kubernetes/estimate.ts';
import type { RunPhases } from '../report/results.ts';

export type TargetName = 'local' | 'endpoint' | 'kind' | 'kubeconfig' | 'container' | 'dynamodb-local';
export const TARGET_NAMES: readonly TargetName[] = ['local', 'endpoint', 'kind', 'kubeconfig', 'container', 'dynamodb-local'];
/** Targets whose leftovers `cleanup` knows how to find (harness-prefixed tables, ae2e-* clusters, labelled namespaces). */
export const CLEANUP_TARGETS = ['endpoint', 'kind', 'kubeconfig'] as const satisfies readonly TargetName[];

export interface RunContext {
  runId: string;
  reportsDir: string;
  progress: Progress;
  signal: AbortSignal;
  failOnLiftedLimitation: boolean;
  failOnDocumentationDiffers?: boolean;
  /** false: suite files create their own tables instead of the shared ones (Endpoint.sharedTables). */
  sharedTables?: boolean;
  /** Where a target records how long its phases took (the run's results.json `phases`). */
  phases?: RunPhases;
}

/** One deployed variant; `stop` is idempotent. */
export interface Deployment {
  endpoint: Endpoint;
  stop(): Promise<void>;
  /** Collects what explains a failure (Kubernetes targets); returns the directory written, if any. */
  collectDiagnostics?(dir: string): Promise<string | undefined>;
  /**
   * Load workers inside the deployment's cluster (`--workers N`): what `runLoad`'s `cluster` option needs for
   * one workload against one datacenter. `name` prefixes the Jobs and must be unique within the deployment.
   */
  loadCluster?(request: { workers: number; datacenter: string; name: string }): Promise<ClusterLoadOptions>;
}

export interface PlanStep {
  step: string;
  detail?: string;
}

export interface Target {
  readonly name: TargetName;
  /** A target that is one given deployment (an endpoint) replaces the profile's variants with its own. */
  readonly variantsOverride?: Variant[];
  /** Its deployments offer `loadCluster` (checked before anything is deployed, so `--workers` elsewhere is a usage error). */
  readonly clusterLoad?: boolean;
  /** At most this many variants deployed at once: the run works in batches (deploy, test, stop). Default: all. */
  readonly maxLiveDeployments?: number;
  /** Suite files at once while `live` variants are deployed (vitest maxWorkers); absent: vitest's default. */
  suiteWorkers?(live: number): number;
  /** Which variants this target can deploy; a rejected variant is reported "not applicable" with the reason. */
  supports(variant: Variant): { ok: true } | { ok: false; reason: string };
  /** Expected wall time of a run of these variants (Kubernetes targets: minutes of set-up, rollouts, suites, load). */
  estimate?(variants: readonly Variant[], work: JobWork, calibration?: EstimateCalibration): JobEstimate;
  /** What `run` would do, with no side effect. */
  plan(variants: readonly Variant[], ctx: Pick<RunContext, 'runId' | 'reportsDir'>): Promise<PlanStep[]>;
  /** Once per run, before any deploy (create a cluster, install the operator...); `variants`: what the run will deploy. */
  setUp?(ctx: RunContext, variants?: readonly Variant[]): Promise<void>;
  deploy(variant: Variant, ctx: RunContext): Promise<Deployment>;
  /** Once per run, after every deployment stopped; must also run after an interruption. */
  tearDown?(ctx: RunContext): Promise<void>;
}
