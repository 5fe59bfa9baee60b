// One run: profile → variants → target deployments → suites (vitest) → results.json + junit.xml.
// Interruption (SIGINT/SIGTERM) aborts the suites, stops every deployment and still writes the partial report.
import { chmodSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { rememberSecret, writeOutputFile } from '../util/redact.ts';
import { endpointSecrets } from '../endpoint/contract.ts';
import { dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Profile } from '../variant/profile.ts';
import type { Variant } from '../variant/model.ts';
import type { Deployment, Target, RunContext } from '../targets/target.ts';
import type { SuiteFile } from './suites.ts';
import type { RunPhases, RunResult, VariantResult } from '../report/results.ts';
import { totals, SCHEMA_VERSION } from '../report/results.ts';
import { attachReproductions } from '../report/reproduction.ts';
import { harnessInfo } from '../util/harness-info.ts';
import { ResultCollector } from './collector.ts';
import { caseNamePattern } from './case-filter.ts';
import { renderJUnit } from '../report/junit.ts';
import { renderSummaryPage, type SummaryPageExtras } from '../report/summary-page.ts';
import { runSummaryMarkdown } from '../report/run-summary-md.ts';
import { writeLoadReports } from '../report/load-write.ts';
import { comparisonLines, nothingComparedReason } from '../load/baseline.ts';
import { runLoadPhase, loadSummaries, mergeLoadOutcomes, type LoadRequest, type LoadOutcome } from './load-phase.ts';
import { liveCasePrinter, printSummary } from './console-reporter.ts';
import { SuiteProgress } from './suite-progress.ts';
import { announceToGitHub } from '../report/github-actions.ts';
import { printLoadSummary } from './load-console.ts';
import { runHistory } from '../report/history.ts';
import { ProvisionError } from '../util/errors.ts';
import { readOperationCounts, operationsBetween, describeOperations } from './endpoint-operations.ts';
import { deleteSharedTables, sharedKeySchemas } from '../endpoint/shared-tables.ts';
import { waitedTime } from '../report/waits.ts';
import type { Progress } from '../util/progress.ts';

export interface RunOptions {
  profile: Profile;
  variants: Variant[];
  suites: SuiteFile[];
  target: Target;
  reportsDir: string;
  progress: Progress;
  signal: AbortSignal;
  out?: NodeJS.WritableStream;
  failOnLiftedLimitation?: boolean;
  failOnDocumentationDiffers?: boolean;
  /** false: every suite file creates its own tables instead of joining the deployment's shared ones (`--no-shared-tables`). */
  sharedTables?: boolean;
  shard?: { index: number; count: number };
  /** Variants deployed at once (each deployment is cheap locally, heavy on kind). */
  deployConcurrency?: number;
  runId?: string;
  /** A load phase after the suites, on the same deployments. */
  load?: LoadRequest;
  /** Earlier runs to compare with besides those in reportsDir (e.g. downloaded CI artifacts). */
  historyDirs?: string[];
  /** Registers what a second signal writes before the process exits (harness/cli/signals.ts). */
  beforeForcedExit?: (write: (second: string) => void) => void;
  /** After this long without a finished test, say which suite files are still open (default 60 s). */
  stallWarningMs?: number;
  /** The environment GitHub Actions sets (GITHUB_ACTIONS, GITHUB_STEP_SUMMARY); default process.env. */
  env?: NodeJS.ProcessEnv;
  /** `--case NAME`: only these cases (see harness/run/case-filter.ts). */
  caseNames?: string[];
  /** The run's command without its selection, for the rerun of a failed case (RunResult.command). */
  command?: string[];
}

export interface RunOutcome {
  result: RunResult;
  runDir: string;
  exitCode: 0 | 1 | 2 | 3;
}

export function newRunId(now = new Date()): string {
  return `${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${randomBytes(2).toString('hex')}`;
}

export async function executeRun(o: RunOptions): Promise<RunOutcome> {
  const out = o.out ?? process.stdout;
  const runId = o.runId ?? newRunId();
  const reportsDir = resolve(o.reportsDir);
  const runDir = join(reportsDir, runId);
  mkdirSync(runDir, { recursive: true });
  const phases: RunPhases = {};
  const ctx: RunContext = {
    runId,
    reportsDir,
    progress: o.progress,
    signal: o.signal,
    failOnLiftedLimitation: o.failOnLiftedLimitation ?? false,
    ...(o.failOnDocumentationDiffers ? { failOnDocumentationDiffers: true } : {}),
    ...(o.sharedTables === false ? { sharedTables: false } : {}),
    phases,
  };
  const result: RunResult = {
    schemaVersion: SCHEMA_VERSION,
    harness: harnessInfo(),
    ...(o.command ? { command: o.command } : {}),
    runId,
    profile: o.profile.name,
    target: o.target.name,
    startedAt: new Date().toISOString(),
    interrupted: false,
    ...(o.shard ? { shard: o.shard } : {}),
    ...(o.sharedTables === false ? { sharedTables: false } : {}),
    variants: o.variants.map((v) => ({
      name: v.name,
      target: o.target.name,
      options: { alternator: v.alternator, datacenters: v.topology.datacenters.map((d) => d.name) },
      versions: { scylla: v.versions.scylla, operator: v.versions.operator, ...(v.versions.agent ? { agent: v.versions.agent } : {}) },
      suites: [],
    })),
    phases,
  };
  if (o.load) phases.loadParameters = { durationSeconds: o.load.phase.durationSeconds, recordCount: o.load.phase.recordCount };
  const byName = new Map(result.variants.map((v) => [v.name, v]));
  const deployments = new Map<string, Deployment>();
  let setUpDone = false;
  let suitesMs = 0;
  // What the run was doing, for the report of an interruption.
  let phase: RunPhase = 'start';
  // A signal that came while the CLI loaded aborted the run before it started.
  let phaseAtAbort: RunPhase | undefined = o.signal.aborted ? 'start' : undefined;
  o.signal.addEventListener('abort', () => (phaseAtAbort ??= phase), { once: true });
  let load: LoadOutcome | undefined;
  let interruptionErrors: string[] = [];
  const reason = () => String(o.signal.reason ?? 'an abort');
  // The report as it stands, written before anything is deleted (and after each batch): a job cancelled or killed
  // during teardown keeps results, JUnit and summary. The final write after teardown replaces it.
  const checkpoint = (secondSignal?: string) => {
    const snapshot = structuredClone(result);
    snapshot.checkpoint = { phase, writtenAt: new Date().toISOString() };
    snapshot.interrupted = o.signal.aborted;
    if (snapshot.interrupted) markInterruption(snapshot, reason(), phaseAtAbort ?? phase, o.suites.length, interruptionErrors);
    if (secondSignal && snapshot.interruption) snapshot.interruption.secondSignal = secondSignal;
    writeReports(snapshot, runDir, reportsDir);
  };
  // Synchronous: the process exits right after.
  o.beforeForcedExit?.((second) => checkpoint(`${second} during ${phase}: the process exited before teardown finished`));
  try {
    if (o.target.setUp) {
      phase = 'target set-up';
      const t0 = Date.now();
      o.progress.step(`setting up target ${o.target.name}`);
      await o.target.setUp(ctx, o.variants);
      phases.targetSetUp = seconds(t0);
      o.progress.done(`target ${o.target.name} ready`, t0);
    }
    setUpDone = true;
    const interruptedBy = () => (o.signal.aborted ? String(o.signal.reason ?? 'an abort') : undefined);
    const printLive = liveCasePrinter(out);
    let listener: SuiteProgress | undefined;
    const collector = new ResultCollector({
      onCase: printLive,
      suites: o.suites,
      interruptedBy,
      only: caseNamePattern(o.caseNames ?? []),
      listener: {
        fileStarted: (v, s) => listener?.fileStarted(v, s),
        caseFinished: (v, s, c) => listener?.caseFinished(v, s, c),
        fileFinished: (v, s, r) => listener?.fileFinished(v, s, r),
      },
    });
    const reports: LoadOutcome[] = [];
    // Heavy targets hold a few variants at a time: deploy a batch, test it, collect diagnostics, stop it.
    for (const batch of batches(o.variants, o.target.maxLiveDeployments)) {
      if (o.signal.aborted) break;
      phase = 'deploy';
      const timing: BatchTiming = { variants: batch.map((v) => v.name), deploy: 0, suiteFiles: o.suites.length };
      (phases.batches ??= []).push(timing);
      let t0 = Date.now();
      await deployAll({ ...o, variants: batch }, ctx, byName, deployments);
      timing.deploy = seconds(t0);
      if (!o.signal.aborted && deployments.size > 0 && o.suites.length > 0) {
        phase = 'suites';
        t0 = Date.now();
        o.progress.step(`running ${o.suites.length} suite file(s) on ${deployments.size} variant(s)`);
        // vitest loads in seconds: only when suites run (not for `load`, nor a run interrupted before them).
        const { runSuites } = await import('./vitest-runner.ts');
        const live = [...deployments.entries()];
        const before = await Promise.all(live.map(([, d]) => readOperationCounts(d.endpoint)));
        listener = new SuiteProgress({ files: o.suites.length * deployments.size, progress: o.progress, ...(o.stallWarningMs !== undefined ? { stallMs: o.stallWarningMs } : {}) });
        listener.start();
        try {
          const maxWorkers = o.target.suiteWorkers?.(deployments.size);
          if (maxWorkers) timing.suiteWorkers = maxWorkers;
          await runSuites({ endpoints: live.map(([, d]) => d.endpoint), suites: o.suites, collector, signal: o.signal, ...(o.caseNames?.length ? { caseNames: o.caseNames } : {}), ...(maxWorkers ? { maxWorkers } : {}) });
        } finally {
          listener.stop();
        }
        // After an interruption the run stops at once: shared tables go with the deployment, or with `cleanup`.
        if (!o.signal.aborted) {
          const shared = await deleteSharedTablesOf(live, o.progress);
          await recordEndpointOperations(live, before, shared, byName, out);
        }
        suitesMs += Date.now() - t0;
        timing.suites = seconds(t0);
        o.progress.done('suites finished', t0);
      }
      for (const [variant, suites] of collector.suites) {
        const vr = byName.get(variant)!;
        vr.suites = [...suites.values()].sort((a, b) => a.suite.localeCompare(b.suite));
        vr.waitedMs = waitedTime(vr.suites);
      }
      if (collector.escapedErrors.length) result.escapedErrors = [...collector.escapedErrors];
      interruptionErrors = [...collector.interruptionErrors];
      if (o.load && !o.signal.aborted && deployments.size > 0) {
        phase = 'load';
        t0 = Date.now();
        const outcome = await runLoadPhase(o.load, [...deployments.values()], o.progress, o.signal);
        reports.push(outcome);
        timing.load = seconds(t0);
        timing.loadRuns = outcome.reports.length;
      }
      phase = 'diagnostics';
      await collectDiagnostics(result, deployments, runDir, o.progress, o.signal.aborted);
      checkpoint();
      phase = 'stop';
      t0 = Date.now();
      await stopAll(deployments, o.progress);
      timing.stop = seconds(t0);
    }
    if (o.load) load = mergeLoadOutcomes(reports, o.load);
  } catch (e) {
    if (!setUpDone) {
      for (const v of result.variants)
        v.provisioning ??= { status: 'failed', message: errorMessage(e), step: e instanceof ProvisionError ? e.step : 'target set-up' };
    } else throw e;
  } finally {
    result.interrupted = o.signal.aborted;
    if (result.interrupted) markInterruption(result, reason(), phaseAtAbort ?? phase, o.suites.length, interruptionErrors);
    if (deployments.size > 0) await collectDiagnostics(result, deployments, runDir, o.progress, o.signal.aborted);
    phase = 'teardown';
    checkpoint();
    await stopAll(deployments, o.progress);
    if (o.target.tearDown) {
      const t0 = Date.now();
      o.progress.step(`tearing down target ${o.target.name}`);
      await o.target.tearDown(ctx).catch((e) => o.progress.warn(`teardown failed: ${errorMessage(e)}`));
      phases.teardown = seconds(t0);
      o.progress.done('target torn down', t0);
    }
    // A signal that came during teardown is part of the story too.
    result.interrupted = o.signal.aborted;
    if (result.interrupted) markInterruption(result, reason(), phaseAtAbort ?? phase, o.suites.length, interruptionErrors);
    result.finishedAt = new Date().toISOString();
    // A load-only run has no cases to compare; an interrupted one has partial verdicts, which take no part in history.
    if (o.suites.length > 0 && !result.interrupted) result.history = runHistory(result, [reportsDir, ...(o.historyDirs ?? [])], { excludeDir: runDir, onError: (m) => o.progress.warn(m) });
    writeReports(result, runDir, reportsDir, load && { loadSummaries: loadSummaries(load) });
    if (load?.reports.length) writeLoadReports(runDir, load.reports, load.comparison, result.variants);
  }
  for (const e of load?.errors ?? []) out.write(`  ✗ LOAD ${e}\n`);
  if (load?.comparison) out.write(`${comparisonLines(load.comparison).join('\n')}\n`);
  // A gate that compared nothing cannot pass: a usage error (the baseline does not fit the run), never green.
  const gateCannotPass = o.load?.failOnRegression === true && load?.comparison ? nothingComparedReason(load.comparison) : undefined;
  if (gateCannotPass) out.write(`error: ${gateCannotPass}\n`);
  if (o.load && o.suites.length === 0) printLoadSummary(out, result, load?.reports ?? [], { results: join(runDir, 'results.json'), loadPage: join(runDir, 'load.html') });
  else printSummary(out, result, suitesMs, { junit: join(runDir, 'junit.xml'), results: join(runDir, 'results.json'), summary: join(runDir, 'summary.md'), page: join(runDir, 'index.html') });
  if (o.suites.length > 0) announceToGitHub(result, join(runDir, 'summary.md'), { env: o.env ?? process.env, out, warn: (m) => o.progress.warn(m) });
  const t = totals(result);
  const provisioned = result.variants.filter((v) => !v.provisioning).length;
  const loadFailed = (load?.errors.length ?? 0) > 0 || (o.load?.failOnRegression === true && load?.comparison?.shouldFail === true);
  // A selection where no test passed or failed verified nothing: a usage error, not a green run.
  const ranNothing = t.tests === t.skipped && t.failed === 0 && t.provisioningFailures === 0 && !result.interrupted && !o.load && o.suites.length > 0;
  if (ranNothing) out.write(`No test ran: ${nothingRanWhy(result)}. Check --suite/--variant/--shard against the profile and target.\n`);
  const exitCode = ranNothing || gateCannotPass ? 2 : t.provisioningFailures > 0 && provisioned === 0 ? 3 : t.failed > 0 || t.provisioningFailures > 0 || loadFailed ? 1 : 0;
  return { result, runDir, exitCode };
}

export type RunPhase = 'start' | 'target set-up' | 'deploy' | 'suites' | 'load' | 'diagnostics' | 'stop' | 'teardown';
type BatchTiming = NonNullable<RunPhases['batches']>[number];
const seconds = (since: number) => Math.round((Date.now() - since) / 100) / 10;

/** Says in the results what an interruption cut short: the run's phase, variants that never ran, suite files left. */
function markInterruption(result: RunResult, signal: string, phase: RunPhase, suiteFiles: number, errors: readonly string[]): void {
  result.interruption = { signal, phase, ...(errors.length ? { errors: [...errors] } : {}) };
  for (const v of result.variants) {
    if (v.provisioning) continue;
    if (v.suites.length === 0) v.provisioning = { status: 'interrupted', message: `run interrupted by ${signal} during ${phase}, before this variant's suites ran` };
    else if (v.suites.length < suiteFiles) v.interrupted = `run interrupted by ${signal} during ${phase}: ${v.suites.length} of ${suiteFiles} suite files ran`;
  }
}

function nothingRanWhy(result: RunResult): string {
  if (result.variants.length === 0) return 'the selection holds no variant';
  const na = result.variants.filter((v) => v.provisioning?.status === 'not-applicable');
  if (na.length === result.variants.length) return `every selected variant is not applicable on target ${result.target} (${na.map((v) => `${v.name}: ${v.provisioning!.message}`).join('; ')})`;
  return 'no test of the selected suite files ran on the selected variants (every case was skipped or not applicable)';
}

function batches<T>(items: readonly T[], size = Infinity): T[][] {
  const n = Math.max(1, Math.min(size, items.length || 1));
  return Array.from({ length: Math.ceil(items.length / n) }, (_, i) => items.slice(i * n, i * n + n));
}

async function deployAll(o: RunOptions, ctx: RunContext, byName: Map<string, VariantResult>, deployments: Map<string, Deployment>) {
  const queue = [...o.variants];
  const worker = async () => {
    for (let v = queue.shift(); v && !o.signal.aborted; v = queue.shift()) {
      const vr = byName.get(v.name)!;
      const support = o.target.supports(v);
      if (!support.ok) {
        vr.provisioning = { status: 'not-applicable', message: `not applicable: ${support.reason}` };
        continue;
      }
      const t0 = Date.now();
      o.progress.step(`deploying variant ${v.name} on ${o.target.name}`);
      try {
        const d = await o.target.deploy(v, ctx);
        if (o.signal.aborted) {
          await d.stop();
          break;
        }
        // Before any case runs: nothing the run writes may carry the secrets this deployment hands to suites.
        rememberSecret(...endpointSecrets(d.endpoint));
        deployments.set(v.name, d);
        vr.versionsSource = d.endpoint.versionsSource;
        if (d.endpoint.emulatedBy) vr.emulatedBy = d.endpoint.emulatedBy;
        if (d.endpoint.servedBy) vr.servedBy = d.endpoint.servedBy;
        // Placeholder versions of something that did not run are not reported as if they described the deployment.
        if (d.endpoint.versionsSource === 'not-run') vr.versions = {};
        o.progress.done(`variant ${v.name} ready at ${d.endpoint.datacenters.map((dc) => dc.httpsUrl).join(', ')}`, t0);
      } catch (e) {
        vr.provisioning = { status: 'failed', message: errorMessage(e), step: e instanceof ProvisionError ? e.step : 'deploy' };
        const diagnostics = (e as { diagnosticsDir?: unknown }).diagnosticsDir;
        if (typeof diagnostics === 'string') vr.diagnosticsDir = diagnostics;
        o.progress.warn(`variant ${v.name} could not be deployed: ${errorMessage(e)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, o.deployConcurrency ?? 4) }, worker));
}

/** The tables the suite files shared (harness/endpoint/shared-tables.ts) go with the suites, not with the files. */
async function deleteSharedTablesOf(live: Array<[string, Deployment]>, progress: Progress): Promise<Array<string[] | undefined>> {
  return Promise.all(
    live.map(([name, d]) =>
      deleteSharedTables(d.endpoint).catch((e) => {
        progress.warn(`shared tables of ${name} not deleted: ${errorMessage(e)}`);
        return undefined;
      }),
    ),
  );
}

/** The endpoint's own count of what the suites sent it, per variant (results.json `endpointOperations`). */
async function recordEndpointOperations(
  live: Array<[string, Deployment]>,
  before: Array<Record<string, number> | undefined>,
  shared: Array<string[] | undefined>,
  byName: Map<string, VariantResult>,
  out: NodeJS.WritableStream,
) {
  await Promise.all(
    live.map(async ([name, d], i) => {
      const b = before[i];
      const after = b && (await readOperationCounts(d.endpoint));
      if (!b || !after) return;
      const ops = operationsBetween(b, after, sharedKeySchemas(d.endpoint, shared[i]));
      byName.get(name)!.endpointOperations = ops;
      out.write(`  endpoint ${describeOperations(name, ops)}\n`);
    }),
  );
}

/**
 * Diagnostics of the live variants that failed a suite, or of every live variant when the run was interrupted (a
 * cancelled CI job ran long: they say why), written before their namespaces go.
 */
async function collectDiagnostics(result: RunResult, deployments: Map<string, Deployment>, runDir: string, progress: Progress, interrupted: boolean) {
  for (const v of result.variants) {
    const d = deployments.get(v.name);
    const failed = v.suites.some((s) => s.error || s.cases.some((c) => c.status === 'failed'));
    if (!d?.collectDiagnostics || v.diagnosticsDir || !(failed || interrupted)) continue;
    progress.step(`collecting diagnostics for ${v.name}`);
    v.diagnosticsDir = await d.collectDiagnostics(join(runDir, 'diagnostics', v.name)).catch((e) => {
      progress.warn(`diagnostics for ${v.name} failed: ${errorMessage(e)}`);
      return undefined;
    });
  }
}

async function stopAll(deployments: Map<string, Deployment>, progress: Progress) {
  if (deployments.size === 0) return;
  const t0 = Date.now();
  progress.step(`stopping ${deployments.size} deployment(s)`);
  await Promise.all([...deployments.values()].map((d) => d.stop().catch((e) => progress.warn(`stop failed: ${errorMessage(e)}`))));
  deployments.clear();
  progress.done('deployments stopped', t0);
}

export function writeReports(result: RunResult, runDir: string, reportsDir: string, extras: SummaryPageExtras = {}): void {
  writeRunFiles(result, runDir, extras);
  const latest = join(reportsDir, 'latest');
  rmSync(latest, { force: true, recursive: false });
  try {
    symlinkSync(runDir.slice(reportsDir.length + 1), latest);
  } catch {
    /* a filesystem without symlinks: results are still in runDir */
  }
}

/** results.json, junit.xml and the summary page of one run (also used by `report merge`). */
export function writeRunFiles(result: RunResult, runDir: string, extras: SummaryPageExtras = {}): void {
  // Each write (checkpoints before teardown, the final one, a merge) gives every failed case with evidence its script.
  attachReproductions(result);
  mkdirSync(runDir, { recursive: true });
  writeOutputFile(join(runDir, 'results.json'), `${JSON.stringify(result, null, 2)}\n`);
  writeOutputFile(join(runDir, 'junit.xml'), renderJUnit(result));
  writeOutputFile(join(runDir, 'index.html'), renderSummaryPage(result, { pageDir: runDir, ...extras }));
  writeOutputFile(join(runDir, 'summary.md'), runSummaryMarkdown(result));
  for (const c of result.variants.flatMap((v) => v.suites.flatMap((s) => s.cases)))
    if (c.reproduction) {
      const file = join(runDir, c.reproduction.file);
      mkdirSync(dirname(file), { recursive: true });
      writeOutputFile(file, c.reproduction.script);
      chmodSync(file, 0o755);
    }
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
