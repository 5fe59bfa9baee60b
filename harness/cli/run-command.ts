// `run` and `plan`: resolve profile, variants, suites and target from the command line, then execute or describe.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadProfile, LoadPhase, zodToConfigError, type Profile } from '../variant/profile.ts';
import type { LoadRequest } from '../run/load-phase.ts';
import type { Variant } from '../variant/model.ts';
import { discoverSuites, selectSuites, type SuiteFile } from '../run/suites.ts';
import { createTarget } from '../targets/registry.ts';
import type { Target } from '../targets/target.ts';
import { executeRun, newRunId } from '../run/run.ts';
import { ConfigError } from '../util/errors.ts';
import { parseShard, shardVariants } from '../run/shard.ts';
import { consoleProgress } from '../util/progress.ts';
import { defaultReportsDir } from '../util/paths.ts';
import { EXIT } from './exit-codes.ts';
import { writableDirectory } from './output-dir.ts';
import { checkPrerequisites } from './prerequisites.ts';
import { handleStopSignals, exitCodeOf } from './signals.ts';
import { checkHistoryDirs } from './report-command.ts';
import { formatEstimate, formatShardEstimates, type JobEstimate } from '../targets/kubernetes/estimate.ts';
import { parseHostShape } from '../targets/kubernetes/resources.ts';
import { formatCalibration, readCalibration, type Calibration } from '../targets/kubernetes/calibrate.ts';
import { checkVersionSupport } from '../variant/support-matrix.ts';

export interface RunFlags {
  profile: string;
  target: string;
  variant: string[];
  suite: string[];
  /** `--case NAME` (run only). */
  case?: string[];
  /** The command line without its selection, set from the parsed flags (RunResult.command). */
  command?: string[];
  reports?: string;
  shard?: string;
  failOnLifted?: boolean;
  failOnDocumentationDiffers?: boolean;
  /** false with `--no-shared-tables` (commander's negated flag; true otherwise). */
  sharedTables?: boolean;
  injectFault?: string;
  quiet?: boolean;
  /** Suite files from another directory (the user's own suites, written with harness/suite-kit). */
  suitesDir?: string;
  // endpoint target
  endpoint?: string;
  caBundle?: string;
  accessKeyId?: string;
  httpEndpoint?: string;
  tlsServerName?: string;
  writeIsolation?: string;
  authorization?: string;
  apiProfile?: string;
  region?: string;
  endpointsFile?: string;
  metricsUrl?: string[];
  /** Endpoint target: scylla.yaml experimental_features the cluster enables (e.g. alternator-streams). */
  experimentalFeature?: string[];
  extraRole?: string[];
  ttlPeriodSeconds?: string;
  // kind / kubeconfig targets
  reuse?: string;
  keep?: boolean;
  nodeImage?: string;
  operatorImage?: string;
  operatorVersion?: string;
  /** Endpoint target: the ScyllaDB version behind the endpoint (version-ranged differences follow it). */
  scyllaVersion?: string;
  parallelism?: number;
  /** `plan --host CPUS,GiB`: the machine the resources are chosen for (default: this one). */
  host?: string;
  kubeconfig?: string;
  context?: string;
  installOperator?: boolean;
  // load phase
  load?: boolean;
  workload?: string[];
  duration?: number;
  concurrency?: number;
  records?: number;
  rate?: number;
  distribution?: string;
  mode?: string;
  client?: string;
  threads?: number;
  workers?: number;
  loadImage?: string;
  baseline?: string;
  failOnRegression?: boolean;
  /** `run --history DIR`: more earlier runs to compare with. */
  history?: string[];
  /** `run --stall-warning SECONDS`: no finished test for this long names the open suite files. */
  stallWarning?: number;
}

export interface Selection {
  profile: Profile;
  variants: Variant[];
  suites: SuiteFile[];
  target: Target;
  shard?: { index: number; count: number };
  /** Versions supported only as the operator release's own defaults, beyond its documented matrix. */
  versionWarnings: string[];
}

export async function select(flags: RunFlags, mode: 'run' | 'load' = 'run'): Promise<Selection> {
  if (flags.endpoint && flags.endpointsFile)
    throw new ConfigError('--endpoint and --endpoints-file both given', { field: '--endpoints-file', fix: 'give one endpoint with --endpoint, or every datacenter in the file' });
  if (flags.endpointsFile && flags.metricsUrl?.length)
    throw new ConfigError('--metrics-url and --endpoints-file both given', { field: '--metrics-url', fix: 'list each datacenter\'s nodes under metricsUrls in the endpoints file' });
  const profile = loadProfile(flags.profile);
  const operator = {
    version: flags.operatorVersion ?? profile.variants[0]?.versions.operator,
    ...(flags.operatorImage ? { image: flags.operatorImage } : {}),
  };
  const kube = {
    operator,
    keep: flags.keep ?? false,
    ...(flags.parallelism ? { parallelism: flags.parallelism } : {}),
    ...(flags.host !== undefined ? { host: parseHostShape(flags.host, '--host') } : {}),
    ...(flags.loadImage ? { loadImage: flags.loadImage } : {}),
  };
  const target = await createTarget(flags.target, {
    kind: { ...kube, ...(flags.reuse ? { reuse: flags.reuse } : {}), ...(flags.nodeImage ? { nodeImage: flags.nodeImage } : {}) },
    kubeconfig: {
      ...kube,
      ...(flags.kubeconfig ? { kubeconfigPath: flags.kubeconfig } : {}),
      ...(flags.context ? { context: flags.context } : {}),
      installOperator: flags.installOperator ?? false,
    },
    local: { fault: flags.injectFault },
    endpoint: {
      url: flags.endpoint,
      caBundleFile: flags.caBundle,
      accessKeyId: flags.accessKeyId,
      httpUrl: flags.httpEndpoint,
      tlsServerName: flags.tlsServerName,
      writeIsolation: flags.writeIsolation,
      authorization: flags.authorization,
      apiProfile: flags.apiProfile,
      region: flags.region,
      endpointsFile: flags.endpointsFile,
      metricsUrls: flags.metricsUrl,
      experimentalFeatures: flags.experimentalFeature,
      extraRoles: flags.extraRole,
      ttlPeriodSeconds: flags.ttlPeriodSeconds,
      // Never the profile's: an endpoint's version is declared by the user or read from the endpoint.
      scyllaVersion: flags.scyllaVersion,
      operatorVersion: flags.operatorVersion ?? profile.variants[0]?.versions.operator,
    },
  });
  let variants = target.variantsOverride ?? profile.variants;
  // `load` alone deploys only the representative variants the profile's load phase names (load.variants).
  if (mode === 'load' && profile.load?.variants && !target.variantsOverride) variants = variants.filter((v) => profile.load!.variants!.includes(v.name));
  if (flags.variant.length && target.variantsOverride) {
    const given = target.variantsOverride.map((v) => v.name);
    const unknown = flags.variant.filter((n) => !given.includes(n));
    if (unknown.length)
      throw new ConfigError(`target ${target.name} is one given deployment, named ${given.join(', ')}`, { field: '--variant', value: unknown, allowed: given, fix: 'drop --variant (the endpoint is the only variant)' });
  }
  if (flags.variant.length && !target.variantsOverride) {
    const known = variants.map((v) => v.name);
    for (const n of flags.variant) if (!known.includes(n)) throw new ConfigError('no such variant in the profile', { file: profile.file, field: '--variant', value: n, allowed: known });
    variants = variants.filter((v) => flags.variant.includes(v.name));
  }
  const shard = flags.shard === undefined ? undefined : parseShard(flags.shard);
  if (shard) variants = shardVariants(variants, shard.index, shard.count);
  if (variants.length === 0)
    throw new ConfigError(`shard ${flags.shard} of ${(target.variantsOverride ?? profile.variants).length} variant(s) holds no variant`, {
      field: '--shard',
      value: flags.shard,
      fix: 'use at most as many shards as the selection has variants',
    });
  const versionWarnings = checkVersionSupport(flags.target, variants, flags.operatorVersion);
  const all = flags.suitesDir ? discoverSuites(suitesDirOf(flags.suitesDir)) : discoverSuites();
  const suites = flags.suite.length ? selectSuites(all, flags.suite, '--suite') : selectSuites(all, profile.suites, 'suites', profile.file);
  return { profile, variants, suites, target, shard, versionWarnings };
}

function suitesDirOf(dir: string): string {
  const abs = resolve(dir);
  if (!existsSync(abs)) throw new ConfigError('no such directory', { field: '--suites-dir', value: dir, fix: 'give a directory holding <family>/<name>.test.ts files' });
  return abs;
}

/** The load phase asked for: the profile's `load:` section, overridden by flags; `load` requires one. */
export function loadRequest(flags: RunFlags, profile: Profile, required: boolean): LoadRequest | undefined {
  if (!required && !flags.load) return undefined;
  const base = profile.load;
  if (!base && !flags.workload?.length)
    throw new ConfigError('no load phase', { file: profile.file, field: 'load', fix: 'add a `load:` section to the profile or pass --workload NAME' });
  const raw = {
    ...(base ?? {}),
    ...(flags.workload?.length ? { workloads: flags.workload } : {}),
    ...(flags.duration !== undefined ? { durationSeconds: flags.duration } : {}),
    ...(flags.concurrency !== undefined ? { concurrency: flags.concurrency } : {}),
    ...(flags.records !== undefined ? { recordCount: flags.records } : {}),
    ...(flags.rate !== undefined ? { rate: flags.rate } : {}),
    ...(flags.distribution ? { distribution: flags.distribution } : {}),
    ...(flags.mode ? { mode: flags.mode } : {}),
    ...(flags.client ? { client: flags.client } : {}),
    ...(flags.threads !== undefined ? { threads: flags.threads } : {}),
  };
  const parsed = LoadPhase.safeParse(raw);
  if (!parsed.success) throw zodToConfigError(parsed.error, raw, 'command line / profile load section');
  return { phase: parsed.data, baseline: flags.baseline, failOnRegression: flags.failOnRegression, ...(flags.workers !== undefined ? { workers: flags.workers } : {}) };
}

/**
 * `--workers N` runs the load workers as Kubernetes Jobs, so it is refused up front (exit 2) where it cannot
 * apply: a whole target lacks it, not one variant, and nothing should be deployed for a run that cannot load.
 */
export function checkWorkers(flags: RunFlags, target: Target, load: LoadRequest | undefined): void {
  const n = flags.workers;
  if (n === undefined) return;
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new ConfigError('must be an integer from 1 to 256', { field: '--workers', value: n });
  if (!load) throw new ConfigError('applies to the load phase only', { field: '--workers', fix: 'add --load, or use the load command' });
  if (!target.clusterLoad)
    throw new ConfigError(`target ${target.name} cannot run load workers as a Kubernetes Job`, {
      field: '--workers',
      value: n,
      fix: 'use --target kind or --target kubeconfig (Jobs in the cluster), or drop --workers (--threads runs worker threads on this machine)',
    });
  if (flags.threads !== undefined)
    throw new ConfigError('--threads is for workers on this machine; each --workers pod runs one', { field: '--threads', fix: 'drop --threads, or drop --workers' });
}

export async function runCommand(flags: RunFlags, mode: 'run' | 'load' = 'run'): Promise<number> {
  const sel = await select(flags, mode);
  // Here, not in runSelection: a test drives runSelection with a Kubernetes target on fakes.
  await checkPrerequisites(sel.target.name, { profile: flags.profile, ...(flags.operatorVersion ? { operatorVersion: flags.operatorVersion } : {}) });
  return runSelection(sel, flags, mode);
}

/** `run`/`load` of a resolved selection, with the process's stop signals (a test drives it with a target on fakes). */
export async function runSelection(sel: Selection, flags: RunFlags, mode: 'run' | 'load' = 'run'): Promise<number> {
  const load = loadRequest(flags, sel.profile, mode === 'load');
  checkWorkers(flags, sel.target, load);
  checkHistoryDirs(flags.history ?? []);
  if (flags.stallWarning !== undefined && !(Number.isFinite(flags.stallWarning) && flags.stallWarning > 0))
    throw new ConfigError('must be a number of seconds above 0', { field: '--stall-warning', value: flags.stallWarning, fix: 'e.g. --stall-warning 120' });
  const reportsDir = writableDirectory(flags.reports ?? defaultReportsDir(), '--reports');
  if (mode === 'load') sel.suites = [];
  const progress = consoleProgress(process.stderr, flags.quiet);
  const controller = new AbortController();
  const signals = handleStopSignals(controller);
  for (const w of sel.versionWarnings) progress.warn(`version support: ${w}`);
  try {
    progress.step(
      `profile ${sel.profile.name}: ${sel.variants.length} variant(s) × ${sel.suites.length} suite file(s)${load ? ` + load ${load.phase.workloads.join(',')}` : ''} on target ${sel.target.name}`,
    );
    const outcome = await executeRun({
      profile: sel.profile,
      variants: sel.variants,
      suites: sel.suites,
      target: sel.target,
      reportsDir,
      progress,
      signal: controller.signal,
      failOnLiftedLimitation: flags.failOnLifted,
      failOnDocumentationDiffers: flags.failOnDocumentationDiffers,
      ...(flags.sharedTables === false ? { sharedTables: false } : {}),
      shard: sel.shard,
      load,
      historyDirs: flags.history ?? [],
      beforeForcedExit: (write) => signals.beforeForcedExit(write),
      ...(flags.stallWarning !== undefined ? { stallWarningMs: flags.stallWarning * 1000 } : {}),
      ...(flags.case?.length ? { caseNames: flags.case } : {}),
      ...(flags.command ? { command: flags.command } : {}),
    });
    const sig = signals.received();
    return sig ? exitCodeOf(sig) : outcome.exitCode;
  } finally {
    signals.release();
  }
}

/**
 * The expected time of one job running `command` with these flags (select, then the target's estimate): what `plan`
 * prints, per shard with `--shards`, and what the workflows' timeouts are derived from (harness/ci/workflow-timeouts.ts).
 */
export async function estimateJobOf(flags: RunFlags, command: 'run' | 'load', calibration?: Calibration): Promise<JobEstimate | undefined> {
  const sel = await select(flags, command);
  const load = loadRequest(flags, sel.profile, command === 'load');
  return sel.target.estimate?.(sel.variants, { suites: command === 'load' ? [] : sel.suites.map((s) => s.id), ...(load ? { load: load.phase } : {}) }, calibration);
}

/** `plan --shards N`: each shard's expected time, as N jobs running `--shard i/N` with the same flags would take. */
async function perShard(flags: RunFlags, shards: number, variants: number, calibration: Calibration | undefined): Promise<Array<{ shard: string; estimate: JobEstimate }>> {
  const fix = 'give the number of jobs the variants are split into, e.g. --shards 4 as the shipped workflows';
  if (flags.shard !== undefined) throw new ConfigError('--shards and --shard both given', { field: '--shards', fix: 'give --shards N to see every shard, or --shard i/N for one' });
  if (!Number.isInteger(shards) || shards < 1 || shards > variants) throw new ConfigError(`must be a whole number from 1 to the ${variants} variant(s) selected`, { field: '--shards', value: String(shards), fix });
  const out: Array<{ shard: string; estimate: JobEstimate }> = [];
  for (let i = 1; i <= shards; i++) {
    const estimate = await estimateJobOf({ ...flags, shard: `${i}/${shards}` }, 'run', calibration);
    if (estimate) out.push({ shard: `${i}/${shards}`, estimate });
  }
  return out;
}

export async function planCommand(flags: RunFlags & { json?: boolean; calibrate?: string; shards?: number }): Promise<number> {
  const sel = await select(flags);
  if (flags.calibrate !== undefined && !sel.target.estimate)
    throw new ConfigError(`target ${sel.target.name} has no time estimate to calibrate`, { field: '--calibrate', fix: 'use --target kind or --target kubeconfig, or drop --calibrate' });
  const calibration = flags.calibrate === undefined ? undefined : readCalibration(flags.calibrate, sel.target.name);
  const runId = newRunId();
  const reportsDir = writableDirectory(flags.reports ?? defaultReportsDir(), '--reports');
  const steps = await sel.target.plan(sel.variants, { runId, reportsDir });
  const load = loadRequest(flags, sel.profile, false);
  const estimate = sel.target.estimate?.(sel.variants, { suites: sel.suites.map((s) => s.id), ...(load ? { load: load.phase } : {}) }, calibration);
  if (flags.shards !== undefined && !estimate)
    throw new ConfigError(`target ${sel.target.name} has no time estimate to split into shards`, { field: '--shards', fix: 'use --target kind or --target kubeconfig, or drop --shards' });
  const shards = flags.shards === undefined ? undefined : await perShard(flags, flags.shards, sel.variants.length, calibration);
  const plan = {
    profile: sel.profile.name,
    target: sel.target.name,
    shard: sel.shard,
    variants: sel.variants.map((v) => ({ name: v.name, alternator: v.alternator, datacenters: v.topology.datacenters.map((d) => d.name), versions: v.versions, applicable: sel.target.supports(v) })),
    suites: sel.suites.map((s) => s.id),
    steps,
    versionWarnings: sel.versionWarnings,
    ...(estimate ? { estimate } : {}),
    ...(shards ? { shards } : {}),
  };
  if (flags.json) process.stdout.write(`${JSON.stringify(plan, null, 2)}\n`);
  else {
    const o = process.stdout;
    o.write(`Plan: profile ${plan.profile} on target ${plan.target}${sel.shard ? ` (shard ${sel.shard.index}/${sel.shard.count})` : ''}\n\nVariants (${plan.variants.length}):\n`);
    for (const v of plan.variants)
      o.write(`  - ${v.name}: ${JSON.stringify(v.alternator)} dcs=[${v.datacenters.join(',')}] scylla=${v.versions.scylla} operator=${v.versions.operator}${v.versions.agent ? ` agent=${v.versions.agent.split("@")[0]}` : ""}${v.applicable.ok ? '' : `  (not applicable: ${v.applicable.reason})`}\n`);
    for (const w of sel.versionWarnings) o.write(`  warning (version support): ${w}\n`);
    const alone = new Set(sel.suites.filter((s) => s.runsAlone).map((s) => s.id));
    const suiteLine = (s: string) => `  - ${s}${alone.has(s) ? '  (runs alone on each deployment, after the other files)' : ''}`;
    o.write(`\nSuites (${plan.suites.length}):\n${plan.suites.map(suiteLine).join('\n')}\n\nSteps:\n`);
    steps.forEach((s, i) => o.write(`  ${String(i + 1).padStart(3)}. ${s.step}${s.detail ? ` — ${s.detail.replace(/\n/g, '\n         ')}` : ''}\n`));
    if (calibration) o.write(`\n${formatCalibration(calibration)}\n`);
    if (estimate) o.write(`\n${formatEstimate(estimate)}${load ? '' : '\n  (no load phase: add --load to count the profile\'s)'}\n`);
    if (shards) o.write(`\n${formatShardEstimates(shards)}\n`);
    const written = join(reportsDir, runId, 'plan');
    if (existsSync(written)) o.write(`\nManifests and steps written to ${written}\n`);
  }
  return EXIT.ok;
}
