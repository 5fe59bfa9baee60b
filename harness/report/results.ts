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
  suites: SuiteResult[];
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
  /** Set when `interrupted`: the signal and what the run was doing. */
  interruption?: { signal: string; phase: string };
  /** This run compared with earlier runs of its profile and target (optional: absent when not computed). */
  history?: RunHistory;
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
