// The run's results as data: what reporters (JUnit, summary page, console) read. Nothing here knows
// about Kubernetes or vitest; the runner fills it, reporters render it. Written as
// reports/<run>/results.json so shards can be merged. The file's schema: harness/report/RESULTS-SCHEMA.md.
import type { RunHistory } from './compare.ts';
import type { CaseEvidence } from '../client/evidence.ts';

export type { CaseEvidence };

/** The results schema version this harness writes; it reads every version in READABLE_SCHEMA_VERSIONS. */
export const SCHEMA_VERSION = 2;
export const READABLE_SCHEMA_VERSIONS: readonly number[] = [1, 2];

/** Why a results file of this schema version cannot be read, in one line; undefined when it can. */
export function schemaVersionProblem(version: unknown): string | undefined {
  if (typeof version === 'number' && READABLE_SCHEMA_VERSIONS.includes(version)) return undefined;
  const newer = typeof version === 'number' && version > SCHEMA_VERSION ? ' (written by a newer harness)' : '';
  return `results schema version ${JSON.stringify(version ?? null)}${newer}, this harness reads ${READABLE_SCHEMA_VERSIONS.join(' and ')}`;
}

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
  /** Cut short by SIGINT/SIGTERM (running or not yet run when the run was stopped): neither passed nor failed. */
  | 'interrupted'
  | 'skipped';

export interface CaseResult {
  /** Test name including its describe blocks, joined with " > ". */
  name: string;
  status: CaseStatus;
  outcome: CaseOutcome;
  durationMs: number;
  /** For skipped: "not applicable: ..." or "known limitation: ..."; for limitations: the reference. */
  reason?: string;
  failure?: CaseFailure;
  /** Extra facts recorded by the test (what the deployment did), shown as JUnit properties. */
  notes?: Array<{ type: string; message: string }>;
  /** Failed cases: the requests the case sent and the answers it got, redacted and bounded (schema 2). */
  evidence?: CaseEvidence;
  /** Failed cases: how to see the failure again without the harness, and with it (schema 2). */
  reproduction?: Reproduction;
}

export interface Reproduction {
  /** The shell script (AWS CLI, curl where the CLI cannot send the request), relative to the run directory. */
  file: string;
  /** The script itself. */
  script: string;
  /** The `alternator-e2e run` command that reruns only this case. */
  rerun: string;
}

/** Which harness wrote the results (`alternator-e2e --version`). */
export interface HarnessInfo {
  version: string;
  /** The git commit of the harness's checkout, `+dirty` when it had uncommitted changes; absent outside a checkout. */
  commit?: string;
}

export interface CaseFailure {
  message: string;
  details?: string;
  /** The error's class name (AssertionError, Error, TypeError…): part of the failure's cause (harness/report/failure-groups.ts). */
  type?: string;
  /**
   * Documented differences the case consulted that hold for other versions than the deployment's (suite-kit's
   * offers/requireFeature/differenceApplies): a failure may be that difference, "known in … fixed in …".
   */
  differencesElsewhere?: string[];
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
  /** Milliseconds the file's waits took (harness/suite-kit/timing.ts; concurrent waits each count); absent: not measured. */
  waitedMs?: number;
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
  /** Time the suites spent waiting for conditions, per suite file (harness/report/waits.ts); set once the suites ran. */
  waitedMs?: WaitedTime;
  suites: SuiteResult[];
}

/** Milliseconds spent waiting: in all, and per suite file (its path under the suites directory, e.g. "api/ttl-expiry.test.ts"). */
export interface WaitedTime {
  total: number;
  byFile: Record<string, number>;
}

/** Requests per operation counted by the endpoint during the suites (harness/run/endpoint-operations.ts). */
export interface EndpointOperations {
  /** The series counted, e.g. scylla_alternator_operation. */
  source: string;
  counts: Record<string, number>;
  /** CreateTable + DeleteTable + UpdateTable + TagResource + UntagResource + UpdateTimeToLive. */
  schemaChanges: number;
  /**
   * The key schemas (e.g. pk-S.sk-N) of the deployment's shared tables the run deleted after the suites
   * (harness/endpoint/shared-tables.ts): each cost one CreateTable and one DeleteTable of `counts`. Absent: not known.
   */
  sharedTables?: string[];
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
  /** SCHEMA_VERSION when written by this harness; 1 when read from an older one. */
  schemaVersion: 1 | 2;
  /** Which harness produced the run (schema 2). */
  harness?: HarnessInfo;
  /**
   * The run's command without its selection (variants, suites, cases, shard) and output flags (schema 2): a failed
   * case's rerun adds its own selection.
   */
  command?: string[];
  runId: string;
  profile: string;
  target: string;
  startedAt: string;
  finishedAt?: string;
  interrupted: boolean;
  shard?: { index: number; count: number };
  /** false: the run's suite files created their own tables instead of sharing (`run --no-shared-tables`). Absent: shared. */
  sharedTables?: false;
  variants: VariantResult[];
  /** Errors that escaped every test; each fails the run. */
  escapedErrors?: EscapedError[];
  /**
   * Set when `interrupted`: the signal and what the run was doing. `secondSignal`: a second signal ended the process
   * before teardown finished (what it created may be left: `cleanup`); the report is what existed at that moment.
   * `errors`: what vitest reported while it was being stopped (killed workers, cancelled work), kept for the record
   * and never counted as failures.
   */
  interruption?: { signal: string; phase: string; secondSignal?: string; errors?: string[] };
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
  batches?: Array<{ variants: string[]; deploy: number; suites?: number; suiteFiles: number; /** Suite files at once (the target's suiteWorkers; absent: vitest's default). */ suiteWorkers?: number; load?: number; loadRuns?: number; stop?: number }>;
  /** The load phase's parameters (each of `loadRuns` is one workload on one variant). */
  loadParameters?: { durationSeconds: number; recordCount: number };
  /** Target teardown (kind: namespaces, then the cluster deleted). */
  teardown?: number;
  clusterDelete?: number;
}

/** Passing cases that are not plain passes: counted beside the passes, never in them. */
export const BESIDE_PASSED = ['limitation-emulated', 'documentation-differs', 'limitation-lifted'] as const;
export type BesidePassed = (typeof BESIDE_PASSED)[number];

/**
 * The run's one set of counts, read by the console, summary.md, the page and the JUnit alike. `tests` is every
 * case: passed + failed cases + skipped + the `beside` outcomes. `passed` counts real passes only (an emulated
 * limitation or a documentation difference passed, yet verified nothing of ScyllaDB). `failed` also counts suite file
 * errors and escaped errors, which are no case.
 */
export interface Totals {
  tests: number;
  passed: number;
  failed: number;
  skipped: number;
  provisioningFailures: number;
  /** Failed cases (without suite file errors and escaped errors). */
  failedCases: number;
  suiteErrors: number;
  escapedErrors: number;
  notApplicable: number;
  interrupted: number;
  beside: Record<BesidePassed, number>;
}

export function totals(run: RunResult): Totals {
  const t: Totals = {
    tests: 0,
    passed: 0,
    failed: 0,
    skipped: 0,
    provisioningFailures: 0,
    failedCases: 0,
    suiteErrors: 0,
    escapedErrors: run.escapedErrors?.length ?? 0,
    notApplicable: 0,
    interrupted: 0,
    beside: { 'limitation-emulated': 0, 'documentation-differs': 0, 'limitation-lifted': 0 },
  };
  for (const v of run.variants) {
    if (v.provisioning?.status === 'failed') t.provisioningFailures++;
    for (const s of v.suites) {
      if (s.error) t.suiteErrors++;
      for (const c of s.cases) {
        t.tests++;
        if (c.status === 'failed') t.failedCases++;
        else if (c.status === 'skipped') {
          t.skipped++;
          if (c.outcome === 'not-applicable') t.notApplicable++;
          else if (c.outcome === 'interrupted') t.interrupted++;
        } else if ((BESIDE_PASSED as readonly string[]).includes(c.outcome)) t.beside[c.outcome as BesidePassed]++;
        else t.passed++;
      }
    }
  }
  t.failed = t.failedCases + t.suiteErrors + t.escapedErrors;
  return t;
}

/** The closing line CI parses: `N passed, N failed, N skipped`, alone on its line. */
export const closingLine = (t: Totals): string => `${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`;

/** Every count of the run in one sentence that adds up to its total, the same in every report. */
export function countsSentence(t: Totals): string {
  const besides = [
    t.beside['limitation-emulated'] ? `${t.beside['limitation-emulated']} limitation(s) emulated (not measured on ScyllaDB)` : '',
    t.beside['documentation-differs'] ? `${t.beside['documentation-differs']} documentation difference(s)` : '',
    t.beside['limitation-lifted'] ? `${t.beside['limitation-lifted']} limitation(s) lifted` : '',
  ].filter(Boolean);
  const skippedWhy = [t.notApplicable ? `${t.notApplicable} not applicable` : '', t.interrupted ? `${t.interrupted} interrupted` : ''].filter(Boolean);
  const notCases = [t.suiteErrors ? `${t.suiteErrors} suite file error(s)` : '', t.escapedErrors ? `${t.escapedErrors} escaped error(s)` : ''].filter(Boolean);
  return (
    `${t.tests} test case(s): ${t.passed} passed, ${t.failedCases} failed, ${t.skipped} skipped${skippedWhy.length ? ` (${skippedWhy.join(', ')})` : ''}` +
    `${besides.length ? `, ${besides.join(', ')}` : ''}${notCases.length ? `; besides the cases: ${notCases.join(', ')}` : ''}`
  );
}
