// What changed between runs: each case of a run is classified against earlier runs of the same profile and
// target (new failure, still failing, fixed, flaky, changed, unchanged). Pure: it reads results, never files.
// Outcomes are compared as opaque strings, so a new CaseOutcome takes part without a change here; only the
// case's status ("failed") decides what counts as failing, as totals() and the JUnit do.

/** The parts of a run the comparison reads (a RunResult has them; history files are checked for them). */
export interface ComparableRun {
  runId: string;
  startedAt: string;
  variants: Array<{
    name: string;
    provisioning?: { status: string };
    suites: Array<{ suite: string; file?: string; error?: string; durationMs?: number; cases: Array<{ name: string; status: string; outcome: string; failure?: { message: string } }> }>;
  }>;
  escapedErrors?: Array<{ file?: string; message: string }>;
}

/** One case's verdict in one run: its outcome, and its status (passed / failed / skipped) that says whether it fails. */
export interface CaseState {
  outcome: string;
  status: string;
  /** First line of the failure message, when there is one. */
  message?: string;
}

const failing = (s: CaseState | undefined) => s?.status === 'failed';

export interface CaseId {
  variant: string;
  suite: string;
  name: string;
}

export interface CaseChange extends CaseId {
  /** Outcome in this run; absent for cases not run this time. */
  outcome?: string;
  /** Outcome in the earlier run that last had the case, and that run. */
  previous?: string;
  previousRunId?: string;
  /** Still failing: the first run of the failing stretch; orEarlier when older runs than the ones read may have failed too. */
  since?: { runId: string; startedAt: string; orEarlier?: boolean };
  /** Flaky: outcomes in the window, oldest first, ending with this run. */
  recent?: string[];
  message?: string;
}

export interface TrendPoint {
  runId: string;
  startedAt: string;
  passed: number;
  failed: number;
  skipped: number;
  provisioningFailures: number;
  /** Sum of the suite files' durations (files run in parallel, so it exceeds the wall time). */
  suiteSeconds: number;
}

export interface SkippedRun {
  /** The file (or directory) as found. */
  source: string;
  runId?: string;
  reason: string;
}

/** results.json `history`: this run compared with earlier ones (see harness/report/RESULTS-SCHEMA.md). */
export interface RunHistory {
  /** Earlier runs compared with, newest first. */
  comparedWith: Array<{ runId: string; startedAt: string; source?: string }>;
  /** Runs (this one included) that flakiness and the trend look at. */
  window: number;
  skipped: SkippedRun[];
  newFailures: CaseChange[];
  stillFailing: CaseChange[];
  fixed: CaseChange[];
  flaky: CaseChange[];
  changed: CaseChange[];
  /** Failing in the last earlier run that had them, absent from this one (never counted as fixed). */
  notRun: CaseChange[];
  unchanged: number;
  /** Cases no earlier run had, not failing. */
  added: number;
  /** Oldest first, ending with this run. */
  trend: TrendPoint[];
}

/** An earlier run reduced to what the comparison needs. */
export interface HistoryRun {
  runId: string;
  startedAt: string;
  source?: string;
  states: Map<string, CaseState>;
  trend: TrendPoint;
}

export const DEFAULT_WINDOW = 10;

const SEP = '\u001f';
export const LIFECYCLE_SUITE = 'lifecycle';
export const DEPLOY_CASE = 'deploy';
export const SUITE_FILE_CASE = '(suite file)';
/** Errors that escaped every test, as the JUnit names them: testsuite run/escaped-errors, one case per suite file. */
export const ESCAPED_VARIANT = 'run';
export const ESCAPED_SUITE = 'escaped-errors';
const UNKNOWN_FILE = 'unknown suite file';

export const caseKey = (id: CaseId): string => [id.variant, id.suite, id.name].join(SEP);
export const caseIdOf = (key: string): CaseId => {
  const [variant = '', suite = '', name = ''] = key.split(SEP);
  return { variant, suite, name };
};

const firstLine = (s: string | undefined) => s?.split('\n')[0];

/**
 * Every verdict of a run by case key. Besides the cases: the variant's deployment as "<variant> lifecycle › deploy"
 * and each suite file as "<variant> <suite> › (suite file)", named as in the JUnit. A variant whose run was
 * interrupted before its suites ran has no verdict at all. Escaped errors are "run escaped-errors › <suite file>":
 * failed for a file an error escaped from, passed for every other file that ran, so one that goes away is fixed.
 */
export function caseStates(run: ComparableRun): Map<string, CaseState> {
  const out = new Map<string, CaseState>();
  const put = (id: CaseId, s: CaseState) => {
    let key = caseKey(id);
    // Two tests of one name in one file: tell them apart by order, the same way in every run.
    for (let n = 2; out.has(key); n++) key = caseKey({ ...id, name: `${id.name} #${n}` });
    out.set(key, s);
  };
  for (const v of run.variants) {
    const p = v.provisioning?.status;
    if (p !== 'interrupted') {
      const deploy = { variant: v.name, suite: LIFECYCLE_SUITE, name: DEPLOY_CASE };
      put(deploy, { outcome: p ?? 'deployed', status: p === undefined ? 'passed' : p === 'failed' ? 'failed' : 'skipped' });
    }
    for (const s of v.suites) {
      put({ variant: v.name, suite: s.suite, name: SUITE_FILE_CASE }, s.error ? { outcome: 'failed', status: 'failed', message: firstLine(s.error)! } : { outcome: 'passed', status: 'passed' });
      for (const c of s.cases) {
        const message = firstLine(c.failure?.message);
        put({ variant: v.name, suite: s.suite, name: c.name }, { outcome: c.outcome, status: c.status, ...(message ? { message } : {}) });
      }
    }
  }
  const escaped = run.escapedErrors ?? [];
  const files = new Set(run.variants.flatMap((v) => v.suites.flatMap((s) => (s.file ? [s.file] : []))));
  if (files.size > 0) files.add(UNKNOWN_FILE);
  for (const e of escaped) files.add(e.file ?? UNKNOWN_FILE);
  for (const f of [...files].sort()) {
    const e = escaped.find((x) => (x.file ?? UNKNOWN_FILE) === f);
    const id = { variant: ESCAPED_VARIANT, suite: ESCAPED_SUITE, name: f };
    out.set(caseKey(id), e ? { outcome: 'failed', status: 'failed', message: firstLine(e.message)! } : { outcome: 'passed', status: 'passed' });
  }
  return out;
}

/** The trend point of one run: its counts as totals() counts them, and its suite time. */
export function trendPoint(run: ComparableRun): TrendPoint {
  const p: TrendPoint = { runId: run.runId, startedAt: run.startedAt, passed: 0, failed: 0, skipped: 0, provisioningFailures: 0, suiteSeconds: 0 };
  let ms = 0;
  for (const v of run.variants) {
    if (v.provisioning?.status === 'failed') p.provisioningFailures++;
    for (const s of v.suites) {
      ms += s.durationMs ?? 0;
      if (s.error) p.failed++;
      for (const c of s.cases) {
        if (c.status === 'passed') p.passed++;
        else if (c.status === 'failed') p.failed++;
        else p.skipped++;
      }
    }
  }
  p.failed += run.escapedErrors?.length ?? 0;
  p.suiteSeconds = Math.round(ms / 100) / 10;
  return p;
}

export function toHistoryRun(run: ComparableRun, source?: string): HistoryRun {
  return { runId: run.runId, startedAt: run.startedAt, ...(source ? { source } : {}), states: caseStates(run), trend: trendPoint(run) };
}

/**
 * Classifies every case of `current` against `earlier` runs (any order; sorted here, newest first).
 * A case is compared with the most recent earlier run that had it, so a run that skipped a suite or a variant
 * does not make its cases look new or fixed.
 */
export function compareWithHistory(
  current: ComparableRun,
  earlier: readonly HistoryRun[],
  o: { window?: number; skipped?: SkippedRun[]; /** Older runs existed than `earlier` holds. */ truncated?: boolean } = {},
): RunHistory {
  const window = Math.max(2, o.window ?? DEFAULT_WINDOW);
  const runs = [...earlier].sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt) || b.runId.localeCompare(a.runId));
  const now = caseStates(current);
  const h: RunHistory = {
    comparedWith: runs.map((r) => ({ runId: r.runId, startedAt: r.startedAt, ...(r.source ? { source: r.source } : {}) })),
    window,
    skipped: o.skipped ?? [],
    newFailures: [],
    stillFailing: [],
    fixed: [],
    flaky: [],
    changed: [],
    notRun: [],
    unchanged: 0,
    added: 0,
    trend: [...runs.slice(0, window - 1).map((r) => r.trend).reverse(), trendPoint(current)],
  };
  const inWindow = runs.slice(0, window - 1);
  for (const [key, state] of now) {
    const id = caseIdOf(key);
    const lastIndex = runs.findIndex((r) => r.states.has(key));
    if (lastIndex < 0) {
      if (failing(state)) h.newFailures.push(change(id, state));
      else h.added++;
      continue;
    }
    const last = runs[lastIndex]!;
    const before = last.states.get(key)!;
    const was = { previous: before.outcome, previousRunId: last.runId };
    if (failing(state) && failing(before)) {
      h.stillFailing.push({ ...change(id, state), ...was, since: failingSince(key, runs, lastIndex, o.truncated ?? false) });
    } else if (failing(state) || (failing(before) && state.status === 'passed')) {
      // The verdict changed in this run. Fixed means it passes now: failing → skipped is a change, not a fix.
      const recent = [...inWindow.map((r) => r.states.get(key)).filter((s): s is CaseState => s !== undefined).reverse(), state];
      if (failingStretches(recent) >= 2) h.flaky.push({ ...change(id, state), ...was, recent: recent.map((s) => s.outcome) });
      else (failing(state) ? h.newFailures : h.fixed).push({ ...change(id, state), ...was });
    } else if (state.outcome !== before.outcome || state.status !== before.status) {
      h.changed.push({ ...change(id, state), ...was });
    } else h.unchanged++;
  }
  // Failing last time, absent now (interrupted, not selected, a variant that did not deploy): say so, never "fixed".
  // Only for this run's variants: a shard does not report the variants of the other shards.
  const previous = runs[0];
  const variants = new Set(current.variants.map((v) => v.name));
  if (previous)
    for (const [key, s] of previous.states)
      if (failing(s) && !now.has(key) && variants.has(caseIdOf(key).variant)) h.notRun.push({ ...caseIdOf(key), previous: s.outcome, previousRunId: previous.runId, ...(s.message ? { message: s.message } : {}) });
  return h;
}

function change(id: CaseId, s: CaseState): CaseChange {
  return { ...id, outcome: s.outcome, ...(failing(s) && s.message ? { message: s.message } : {}) };
}

/** Maximal runs of consecutive failing verdicts. */
export function failingStretches(states: readonly CaseState[]): number {
  let n = 0;
  states.forEach((s, i) => {
    if (failing(s) && !failing(states[i - 1])) n++;
  });
  return n;
}

/** The first run of the failing stretch that reaches `from`; "or earlier" when the oldest run read still failed and older ones were not read. */
function failingSince(key: string, runs: readonly HistoryRun[], from: number, truncated: boolean): CaseChange['since'] {
  let first = runs[from]!;
  let ended = false;
  for (let i = from + 1; i < runs.length && !ended; i++) {
    const s = runs[i]!.states.get(key);
    if (s && failing(s)) first = runs[i]!;
    else if (s) ended = true;
  }
  return { runId: first.runId, startedAt: first.startedAt, ...(!ended && truncated ? { orEarlier: true } : {}) };
}
