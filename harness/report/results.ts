// The run's results as data: what reporters (JUnit, summary page, console) read. Nothing here knows
// about Kubernetes or vitest; the runner fills it, reporters render it. Written as
// reports/<run>/results.json so shards can be merged. The file's schema: harness/report/RESULTS-SCHEMA.md.
import type { RunHistory } from './compare.ts';

export type CaseStatus = 'passed' | 'failed' | 'skipped';
/** The finer outcome a person reads in the summary matrix. */
export type CaseOutcome =
  | 'passed'
  | 'failed'
  | 'not-applicable'
  | 'known-limitation'
  | 'limitation-reproduced'
  /** The documented behaviour was produced by this project's emulation (the local front door), not measured on ScyllaDB. */
  | 'limitation-emulated'
  | 'limitation-lifted'
  /**
   * What a documentation page (the operator's Alternator page) says and what the deployment did disagree: a case of
   * suites/docs. Passes (visible, like a lifted limitation) unless the run asks to fail on it.
   */
  | 'documentation-differs'
  | 'skipped';

export interface CaseResult {
  /** Test name including its describe blocks, joined with " > ". */
  name: string;
  status: CaseStatus;
  outcome: CaseOutcome;
  durationMs: number;
  /** For skipped: "not applicable: ..." or "known limitation: ..."; for limitations: the reference. */
  reason?: string;
  failure?: { message: string; details?: string };
  /** Extra facts recorded by the test (what the deployment did), shown as JUnit properties. */
  notes?: Array<{ type: string; message: string }>;
}

export interface SuiteResult {
  variant: string;
  /** Suite id: path under suites/ without extension, e.g. "api/items". */
  suite: string;
  file: string;
  cases: CaseResult[];
  /** Set when the file itself failed (import error, hook failure). */
  error?: string;
  durationMs: number;
}

export interface VariantResult {
  name: string;
  target: string;
  /** spec.alternator and topology as given. */
  options: Record<string, unknown>;
  versions: Record<string, string>;
  /**
   * Where `versions` come from: 'deployed' (the target deployed them), 'declared' (the user says so; not read from
   * the endpoint), 'observed' (read from the endpoint: its metrics' scylla_scylladb_current_version), 'emulated' (nothing of ScyllaDB or the operator ran: the local target emulates them),
   * 'not-run' (another DynamoDB implementation served the API, see `servedBy`: no version is reported).
   */
  versionsSource?: VersionsSource;
  /** When the Alternator behaviour under test was emulated: what emulated it. */
  emulatedBy?: string;
  /** When neither ScyllaDB nor an emulation of it served the API (DynamoDB Local): what did, with its version. */
  servedBy?: string;
  /** Set when the variant could not be deployed or does not apply to the target. */
  provisioning?: { status: 'failed' | 'not-applicable' | 'interrupted'; message: string; step?: string };
  diagnosticsDir?: string;
  /** Set when an interruption cut this variant's suites short (what ran is in `suites`). */
  interrupted?: string;
  /** What the suites cost the endpoint, read from its own metrics before and after them (when it has metrics URLs). */
  endpointOperations?: EndpointOperations;
  suites: SuiteResult[];
}

/** Requests per operation counted by the endpoint during the suites (harness/run/endpoint-operations.ts). */
export interface EndpointOperations {
  /** The series counted, e.g. scylla_alternator_operation. */
  source: string;
  counts: Record<string, number>;
  /** CreateTable + DeleteTable + UpdateTable + TagResource + UntagResource + UpdateTimeToLive. */
  schemaChanges: number;
}

export type VersionsSource = 'deployed' | 'declared' | 'observed' | 'emulated' | 'not-run';

/** An error no test caught (an unhandled rejection or exception while suites ran): it fails the run. */
export interface EscapedError {
  /** Suite file it originated in (under suites/), when known. */
  file?: string;
  /** The last test that ran before it, when known. */
  test?: string;
  message: string;
  details?: string;
}

export interface RunResult {
  schemaVersion: 1;
  runId: string;
  profile: string;
  target: string;
  startedAt: string;
  finishedAt?: string;
  interrupted: boolean;
  shard?: { index: number; count: number };
  variants: VariantResult[];
  /** Errors that escaped every test; each fails the run. */
  escapedErrors?: EscapedError[];
  /**
   * Set when `interrupted`: the signal and what the run was doing. `secondSignal`: a second signal ended the process
   * before teardown finished (what it created may be left: `cleanup`); the report is what existed at that moment.
   */
  interruption?: { signal: string; phase: string; secondSignal?: string };
  /**
   * Set while the run is not finished: reports are written before teardown (and after each batch) so a job cancelled
   * or killed during teardown keeps them; the final write drops this field.
   */
  checkpoint?: { phase: string; writtenAt: string };
  /** How long each phase took (seconds), for `plan --calibrate` (harness/targets/kubernetes/calibrate.ts). */
  phases?: RunPhases;
  /** This run compared with earlier runs of its profile and target (optional: absent when not computed). */
  history?: RunHistory;
}

/**
 * Measured durations of one run, in seconds (RESULTS-SCHEMA.md "phases"). Kubernetes targets fill the cluster and
 * rollout fields; every run fills batches and teardown. Per-suite-file times are `variants[].suites[].durationMs`.
 */
export interface RunPhases {
  /** Target set-up as a whole (kind: cluster, images, cert-manager and operator). */
  targetSetUp?: number;
  clusterCreate?: number;
  /** Pulling the ScyllaDB, agent and operator images on the host and loading them into kind. */
  imagePreload?: number;
  /** cert-manager and the operator installed and rolled out (or verified). */
  operatorInstall?: number;
  /** Per datacenter of a variant: from applying its objects to the rollout done; then its endpoint built. */
  rollouts?: Array<{ variant: string; datacenter: string; rollout: number; endpoint?: number }>;
  /** Batches of variants live at once: deploy, suites, load, diagnostics, stop. */
  batches?: Array<{ variants: string[]; deploy: number; suites?: number; suiteFiles: number; load?: number; loadRuns?: number; stop?: number }>;
  /** The load phase's parameters (each of `loadRuns` is one workload on one variant). */
  loadParameters?: { durationSeconds: number; recordCount: number };
  /** Target teardown (kind: namespaces, then the cluster deleted). */
  teardown?: number;
  clusterDelete?: number;
}

export interface Totals {
  tests: number;
  passed: number;
  failed: number;
  skipped: number;
  provisioningFailures: number;
}

export function totals(run: RunResult): Totals {
  const t: Totals = { tests: 0, passed: 0, failed: 0, skipped: 0, provisioningFailures: 0 };
  for (const v of run.variants) {
    if (v.provisioning?.status === 'failed') t.provisioningFailures++;
    for (const s of v.suites) {
      if (s.error) t.failed++;
      for (const c of s.cases) {
        t.tests++;
        t[c.status]++;
      }
    }
  }
  t.failed += run.escapedErrors?.length ?? 0;
  return t;
}
