// `plan --calibrate RESULTS`: the estimate's constants (estimate.ts ESTIMATE) replaced by what a real run measured
// (its results.json `phases`, RESULTS-SCHEMA.md). Only what the run measured is replaced; what happens outside the
// harness (the runner's set-up, the uploads) and the headroom stay. The plan prints the measured constants and the
// lines to write into estimate.ts to keep them (then `npm run workflows:timeouts -- --write`).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../../util/errors.ts';
import { schemaVersionProblem, type RunResult } from '../../report/results.ts';
import { ESTIMATE, type EstimateConstants } from './estimate.ts';
import { DEFAULT_LATENCY, fitSchemaChangeSeconds, type LatencyConstants, type MeasuredBatch } from '../../run/latency-model.ts';
import { waitedMsOf } from '../../run/predicted-time.ts';

export interface Calibration {
  /** Where the constants come from: the file and its run. */
  source: string;
  constants: Partial<EstimateConstants>;
  /** The latency model's constants the run measured (harness/run/latency-model.ts): the fitted schema-change latency. */
  latency?: Partial<LatencyConstants>;
  /** Why the run could not give the schema-change latency, when it could not. */
  latencyNotFitted?: string;
}

/** Keys a run measures; the others (runnerSetUp, reportUpload, loadInsertPerSecond, headroom) stay. */
export const MEASURED_CONSTANTS = ['clusterCreate', 'firstImagePull', 'operatorInstall', 'datacenterRollout', 'loadWorkloadOverheadSeconds', 'batchTeardown', 'clusterDelete'] as const;

const refuse = (message: string, value: string, fix: string) => new ConfigError(message, { field: '--calibrate', value, fix });
const minutes = (s: number) => Math.round((s / 60) * 100) / 100;
const max = (xs: number[]) => (xs.length ? Math.max(...xs) : undefined);

/** Reads a results.json (or the run directory holding one) of a run on `target`; refuses anything else (exit 2). */
export function readCalibration(path: string, target: string): Calibration {
  const file = existsSync(path) && statSync(path).isDirectory() ? join(path, 'results.json') : path;
  const fix = `give the results.json of a finished ${target} run of this harness (reports/<run>/results.json)`;
  let data: Partial<RunResult>;
  try {
    data = JSON.parse(readFileSync(file, 'utf8')) as Partial<RunResult>;
  } catch (e) {
    throw refuse(`cannot read a results file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, path, fix);
  }
  if (typeof data !== 'object' || data === null) throw refuse('not a results file', path, fix);
  const unreadable = schemaVersionProblem(data.schemaVersion);
  if (unreadable) throw refuse(unreadable, path, fix);
  if (data.target !== target) throw refuse(`results of target ${JSON.stringify(data.target ?? null)}; this plan is for target ${target}`, path, fix);
  const p = data.phases;
  if (!p) throw refuse('the run recorded no phase durations (a harness older than results.json `phases`)', path, fix);
  const c: Partial<EstimateConstants> = {};
  const set = (k: (typeof MEASURED_CONSTANTS)[number], v: number | undefined) => {
    if (v !== undefined && Number.isFinite(v) && v >= 0) c[k] = v;
  };
  set('clusterCreate', p.clusterCreate === undefined ? undefined : minutes(p.clusterCreate));
  set('firstImagePull', p.imagePreload === undefined ? undefined : minutes(p.imagePreload));
  set('operatorInstall', p.operatorInstall === undefined ? undefined : minutes(p.operatorInstall));
  // The slowest datacenter: a batch lasts as long as its slowest rollout.
  set('datacenterRollout', max((p.rollouts ?? []).map((r) => minutes(r.rollout + (r.endpoint ?? 0)))));
  const lp = p.loadParameters;
  const perLoadRun = (p.batches ?? []).filter((b) => b.load !== undefined && (b.loadRuns ?? 0) > 0).map((b) => b.load! / b.loadRuns!);
  if (lp && perLoadRun.length)
    set('loadWorkloadOverheadSeconds', Math.max(0, Math.round(max(perLoadRun)! - lp.durationSeconds - lp.recordCount / ESTIMATE.loadInsertPerSecond)));
  set('batchTeardown', max((p.batches ?? []).flatMap((b) => (b.stop === undefined ? [] : [minutes(b.stop)]))));
  set('clusterDelete', p.clusterDelete === undefined ? undefined : minutes(p.clusterDelete));
  const batches = measuredBatches(data);
  const schemaChangeSeconds = batches.length ? fitSchemaChangeSeconds(batches) : undefined;
  if (Object.keys(c).length === 0 && schemaChangeSeconds === undefined) throw refuse('the run measured none of the estimate\'s phases (did it deploy anything?)', path, fix);
  return {
    source: `${file} (run ${data.runId ?? '?'}${data.checkpoint || data.interrupted ? ', unfinished: only what it measured' : ''})`,
    constants: c,
    ...(schemaChangeSeconds !== undefined
      ? { latency: { schemaChangeSeconds } }
      : { latencyNotFitted: batches.length ? 'its suites made no schema change' : 'no batch recorded its suite time, its suite workers and every variant\'s endpoint operation counts' }),
  };
}

/**
 * The batches whose suite time can be set against what their variants cost the endpoint: each with its measured
 * suite seconds, its suite workers and every variant's endpointOperations (the endpoint had metrics URLs).
 */
export function measuredBatches(data: Partial<RunResult>): MeasuredBatch[] {
  const byName = new Map((data.variants ?? []).map((v) => [v.name, v]));
  const out: MeasuredBatch[] = [];
  for (const b of data.phases?.batches ?? []) {
    const workers = b.suiteWorkers;
    const variants = b.variants.map((n) => byName.get(n));
    if (b.suites === undefined || !workers || variants.some((v) => !v?.endpointOperations)) continue;
    out.push({
      suiteSeconds: b.suites,
      workers,
      variants: variants.map((v) => ({
        counts: v!.endpointOperations!.counts,
        waitedMs: waitedMsOf(v!),
        writeIsolation: (v!.options.alternator as { writeIsolation?: string } | undefined)?.writeIsolation,
      })),
    });
  }
  return out;
}

/** What `plan --calibrate` prints: each constant measured against the estimate, and the lines that keep them. */
export function formatCalibration(cal: Calibration): string {
  const rows = MEASURED_CONSTANTS.map((k) => (cal.constants[k] === undefined ? `  ${k}: ${ESTIMATE[k]} (not measured by that run: kept)` : `  ${k}: ${ESTIMATE[k]} → ${cal.constants[k]} (measured)`));
  const fitted = cal.latency?.schemaChangeSeconds;
  return [
    `Calibrated from ${cal.source}:`,
    ...rows,
    fitted === undefined
      ? `  schemaChangeSeconds: ${DEFAULT_LATENCY.schemaChangeSeconds} (not measured by that run: ${cal.latencyNotFitted ?? 'kept'}; kept)`
      : `  schemaChangeSeconds: ${DEFAULT_LATENCY.schemaChangeSeconds} → ${fitted} (fitted: the latency model's suite time against the run's measured one, harness/run/latency-model.ts)`,
    `  kept (outside the harness or not a duration): runnerSetUp ${ESTIMATE.runnerSetUp}, reportUpload ${ESTIMATE.reportUpload}, loadInsertPerSecond ${ESTIMATE.loadInsertPerSecond}, headroom ${ESTIMATE.headroom}`,
    `To keep them: set these in ESTIMATE (harness/targets/kubernetes/estimate.ts), then \`npm run workflows:timeouts -- --write\`:`,
    `  ${MEASURED_CONSTANTS.filter((k) => cal.constants[k] !== undefined).map((k) => `${k}: ${cal.constants[k]}`).join(', ')}`,
    ...(fitted === undefined ? [] : [`  and in DEFAULT_LATENCY (harness/run/latency-model.ts), with this run as its source: schemaChangeSeconds: ${fitted}`]),
  ].join('\n');
}
