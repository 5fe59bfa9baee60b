// Compares a run's load reports with an earlier run's (reports/<run>/load/*.json, a file or a
// directory) and flags regressions beyond thresholds: total throughput dropped, p99 of an operation
// rose, error rate rose. Runs measured with different parameters, on another target or another class of machine
// (harness/load/runner-class.ts) are incomparable, never flagged, and counted: a gate that compared nothing
// (`comparedPairs` 0) cannot pass (--fail-on-regression exits 2 naming what differs). `shouldFail` is what
// --fail-on-regression turns into exit code 1.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../util/errors.ts';
import { LoadVariantFile, LoadReport, type LoadParameters } from './report-schema.ts';
import { topLevelOperations } from './merge.ts';

export interface RegressionThresholds {
  /** Flag when total throughput drops by more than this many percent. */
  throughputDropPct: number;
  /** Flag when an operation's p99 rises by more than this many percent... */
  p99RisePct: number;
  /** ...and by at least this many milliseconds (sub-millisecond jitter is not a regression). */
  p99MinDeltaMs: number;
  /** Flag when the error rate rises by more than this many percentage points. */
  errorRateRisePoints: number;
  /** Compare only operations with at least this many samples on both sides. */
  minSamples: number;
}

export const DEFAULT_THRESHOLDS: RegressionThresholds = { throughputDropPct: 10, p99RisePct: 20, p99MinDeltaMs: 0.5, errorRateRisePoints: 1, minSamples: 100 };

export type RowStatus = 'ok' | 'regression' | 'improvement' | 'incomparable' | 'new' | 'missing' | 'too-few-samples';

export interface Measure {
  count: number;
  throughput: number;
  p99: number;
  /** Percent of operations that failed. */
  errorRate: number;
}

export interface ComparisonRow {
  variant: string;
  workload: string;
  /** An operation name, or `total`. */
  operation: string;
  status: RowStatus;
  baseline?: Measure;
  current?: Measure;
  throughputChangePct?: number;
  p99ChangePct?: number;
  reasons: string[];
  /** Incomparable rows: what differs from the baseline (see measurementDifferences). */
  differences?: string[];
}

export interface BaselineComparison {
  baselinePath: string;
  baselineRunIds: string[];
  thresholds: RegressionThresholds;
  rows: ComparisonRow[];
  regressions: ComparisonRow[];
  /** (variant, workload) pairs of this run measured as their baseline was, and so compared. */
  comparedPairs: number;
  /** Pairs present on both sides that could not be compared (parameters, target or runner class differ). */
  incomparable: ComparisonRow[];
  /** True when at least one regression was found. */
  shouldFail: boolean;
}

/** Reads every load report under a file or directory (a run dir, its load/ dir, or one <variant>.json). */
export function readLoadReports(fileOrDir: string): LoadReport[] {
  if (!existsSync(fileOrDir))
    throw new ConfigError('baseline not found', { field: '--baseline', value: fileOrDir, fix: 'give reports/<run>, reports/<run>/load or one of its <variant>.json files' });
  let files: string[];
  if (statSync(fileOrDir).isDirectory()) {
    const dir = existsSync(join(fileOrDir, 'load')) && statSync(join(fileOrDir, 'load')).isDirectory() ? join(fileOrDir, 'load') : fileOrDir;
    files = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => join(dir, f));
    if (files.length === 0)
      throw new ConfigError('no load report in the baseline directory', { field: '--baseline', value: dir, fix: 'point at a run that had a load phase (reports/<run>/load/*.json)' });
  } else files = [fileOrDir];
  return files.flatMap((f) => parseLoadFile(readFileSync(f, 'utf8'), f));
}

export function parseLoadFile(text: string, file: string): LoadReport[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`not JSON: ${(e as Error).message}`, { file, field: '--baseline' });
  }
  const asFile = LoadVariantFile.safeParse(raw);
  if (asFile.success) return asFile.data.reports;
  const asReport = LoadReport.safeParse(raw);
  if (asReport.success) return [asReport.data];
  const version = (raw as { schemaVersion?: unknown })?.schemaVersion;
  const issue = asFile.error.issues[0]!;
  throw new ConfigError(
    version !== 1 ? `load report schemaVersion ${JSON.stringify(version)} is not supported (this harness reads 1)` : `not a load report: ${issue.message}`,
    { file, field: issue.path.length ? issue.path.join('.') : '--baseline', fix: 'compare with a load report written by alternator-e2e (reports/<run>/load/<variant>.json)' },
  );
}

/** What makes two measurements comparable: how the load was generated (workers and threads included), not where. */
const COMPARED_PARAMETERS: Array<keyof LoadParameters> = ['mode', 'rate', 'concurrency', 'recordCount', 'distribution', 'client', 'durationSeconds', 'fieldCount', 'fieldLength', 'consistentRead', 'workers', 'threads'];

/**
 * Where the requests came from: pods in the cluster against the client Service (`--workers`, URL `*.svc`), or the
 * harness machine (through a port-forward on Kubernetes targets); the path a request takes is part of what it measures.
 */
function loadSource(r: LoadReport): 'in-cluster Job' | 'harness machine' {
  let host = '';
  try {
    host = new URL(r.parameters.url).hostname;
  } catch {
    // An unparsable URL: not a Service name.
  }
  return /\.svc(\.cluster\.local)?$/.test(host) ? 'in-cluster Job' : 'harness machine';
}

/** Every reason `b` (this run) cannot be compared with `a` (its baseline), as `what baseline -> current`. */
export function measurementDifferences(a: LoadReport, b: LoadReport): string[] {
  const diffs = COMPARED_PARAMETERS.filter((k) => a.parameters[k] !== b.parameters[k]).map((k) => `${k} ${JSON.stringify(a.parameters[k])} -> ${JSON.stringify(b.parameters[k])}`);
  if (a.target !== b.target) diffs.push(`target ${JSON.stringify(a.target)} -> ${JSON.stringify(b.target)}`);
  if (loadSource(a) !== loadSource(b)) diffs.push(`load source ${loadSource(a)} -> ${loadSource(b)}`);
  if (!a.runner) diffs.push('runner class: the baseline records none (written before runner classes were recorded)');
  else if (a.runner.class !== b.runner?.class) diffs.push(`runner class ${JSON.stringify(a.runner.class)} -> ${JSON.stringify(b.runner?.class ?? 'unknown')}`);
  return diffs;
}

/** The differences that kept the incomparable rows from being compared, each once. */
export function incomparableWhy(c: BaselineComparison): string[] {
  return [...new Set(c.incomparable.flatMap((r) => r.differences ?? []))];
}

const pct = (from: number, to: number): number | undefined => (from > 0 ? Math.round(((to - from) / from) * 1000) / 10 : undefined);

/** `count` is of successful operations, so the attempts are count + errorCount. */
function errorRate(m: { count: number; errorCount: number }): number {
  const attempted = m.count + m.errorCount;
  return attempted ? (100 * m.errorCount) / attempted : 0;
}

function totalMeasure(r: LoadReport): Measure {
  const p99 = Math.max(0, ...topLevelOperations(Object.keys(r.operations)).map((n) => r.operations[n]!.latencyMs.p99));
  return { count: r.totals.count, throughput: r.totals.throughput, p99, errorRate: errorRate(r.totals) };
}

function opMeasure(r: LoadReport, op: string): Measure | undefined {
  const o = r.operations[op];
  if (!o) return undefined;
  return { count: o.count, throughput: o.throughput, p99: o.latencyMs.p99, errorRate: errorRate(o) };
}

export function compareReports(current: readonly LoadReport[], baseline: readonly LoadReport[], t: RegressionThresholds, baselinePath = '(baseline)'): BaselineComparison {
  const key = (r: LoadReport) => `${r.variant.name}\0${r.workload}`;
  const base = new Map(baseline.map((r) => [key(r), r]));
  const rows: ComparisonRow[] = [];
  let comparedPairs = 0;
  for (const cur of current) {
    const b = base.get(key(cur));
    base.delete(key(cur));
    const id = { variant: cur.variant.name, workload: cur.workload };
    if (!b) {
      rows.push({ ...id, operation: 'total', status: 'new', current: totalMeasure(cur), reasons: ['not in the baseline'] });
      continue;
    }
    const diffs = measurementDifferences(b, cur);
    if (diffs.length) {
      rows.push({ ...id, operation: 'total', status: 'incomparable', baseline: totalMeasure(b), current: totalMeasure(cur), reasons: [`measured differently: ${diffs.join(', ')}`], differences: diffs });
      continue;
    }
    comparedPairs++;
    // Total: throughput and error rate.
    const bt = totalMeasure(b);
    const ct = totalMeasure(cur);
    const total: ComparisonRow = { ...id, operation: 'total', status: 'ok', baseline: bt, current: ct, throughputChangePct: pct(bt.throughput, ct.throughput), reasons: [] };
    const drop = bt.throughput > 0 ? ((bt.throughput - ct.throughput) / bt.throughput) * 100 : 0;
    if (drop > t.throughputDropPct) total.reasons.push(`throughput dropped ${drop.toFixed(1)}% (${bt.throughput.toFixed(0)} -> ${ct.throughput.toFixed(0)}/s; threshold ${t.throughputDropPct}%)`);
    if (ct.errorRate - bt.errorRate > t.errorRateRisePoints)
      total.reasons.push(`error rate rose ${bt.errorRate.toFixed(2)}% -> ${ct.errorRate.toFixed(2)}% (threshold +${t.errorRateRisePoints} points)`);
    if (total.reasons.length) total.status = 'regression';
    else if (-drop > t.throughputDropPct) total.status = 'improvement';
    rows.push(total);
    // Operations: p99.
    const ops = [...new Set([...Object.keys(b.operations), ...Object.keys(cur.operations)])].sort();
    for (const op of ops) {
      const bm = opMeasure(b, op);
      const cm = opMeasure(cur, op);
      const row: ComparisonRow = { ...id, operation: op, status: 'ok', baseline: bm, current: cm, reasons: [] };
      if (!bm) Object.assign(row, { status: 'new', reasons: ['operation not in the baseline'] });
      else if (!cm) Object.assign(row, { status: 'missing', reasons: ['operation not in this run'] });
      else if (bm.count < t.minSamples || cm.count < t.minSamples) Object.assign(row, { status: 'too-few-samples', reasons: [`fewer than ${t.minSamples} samples`] });
      else {
        row.p99ChangePct = pct(bm.p99, cm.p99);
        row.throughputChangePct = pct(bm.throughput, cm.throughput);
        const rise = bm.p99 > 0 ? ((cm.p99 - bm.p99) / bm.p99) * 100 : 0;
        if (rise > t.p99RisePct && cm.p99 - bm.p99 >= t.p99MinDeltaMs) {
          row.status = 'regression';
          row.reasons.push(`p99 rose ${rise.toFixed(1)}% (${bm.p99} -> ${cm.p99} ms; threshold ${t.p99RisePct}%)`);
        } else if (-rise > t.p99RisePct && bm.p99 - cm.p99 >= t.p99MinDeltaMs) row.status = 'improvement';
      }
      rows.push(row);
    }
  }
  for (const b of base.values())
    rows.push({ variant: b.variant.name, workload: b.workload, operation: 'total', status: 'missing', baseline: totalMeasure(b), reasons: ['in the baseline, not in this run'] });
  const regressions = rows.filter((r) => r.status === 'regression');
  return {
    baselinePath,
    baselineRunIds: [...new Set(baseline.map((r) => r.runId))],
    thresholds: t,
    rows,
    regressions,
    comparedPairs,
    incomparable: rows.filter((r) => r.status === 'incomparable'),
    shouldFail: regressions.length > 0,
  };
}

function validThresholds(t: Partial<RegressionThresholds>): RegressionThresholds {
  const out = { ...DEFAULT_THRESHOLDS };
  for (const [k, v] of Object.entries(t) as Array<[keyof RegressionThresholds, number | undefined]>) {
    if (v === undefined) continue;
    if (!(k in DEFAULT_THRESHOLDS)) throw new ConfigError('unknown regression threshold', { field: k, allowed: Object.keys(DEFAULT_THRESHOLDS) });
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new ConfigError('a threshold must be a number >= 0', { field: k, value: v });
    out[k] = v;
  }
  return out;
}

export function compareWithBaseline(current: readonly LoadReport[], baselineFileOrDir: string, thresholds: Partial<RegressionThresholds> = {}): BaselineComparison {
  const t = validThresholds(thresholds);
  return compareReports(current, readLoadReports(baselineFileOrDir), t, baselineFileOrDir);
}

/** The console's account of a comparison: what was compared, what regressed, and what could not be compared and why. */
export function comparisonLines(c: BaselineComparison): string[] {
  const lines = [`Load: ${c.regressions.length} regression(s) in ${c.comparedPairs} compared variant/workload pair(s), ${c.incomparable.length} incomparable, against ${c.baselinePath}`];
  for (const r of c.incomparable) lines.push(`  incomparable ${r.variant} · ${r.workload}: ${(r.differences ?? []).join('; ')}`);
  return lines;
}

/**
 * Why a --fail-on-regression gate cannot pass: it compared nothing. Undefined when at least one pair was compared.
 * Names what differs (parameters, target, runner class) or says that the baseline holds none of this run's pairs.
 */
export function nothingComparedReason(c: BaselineComparison): string | undefined {
  if (c.comparedPairs > 0) return undefined;
  const why = incomparableWhy(c);
  return why.length
    ? `--fail-on-regression compared nothing: every variant/workload pair was measured differently from the baseline ${c.baselinePath}: ${why.join('; ')}; run with the baseline's parameters on the same class of machine, or take a new baseline`
    : `--fail-on-regression compared nothing: the baseline ${c.baselinePath} holds none of this run's variant/workload pairs; give the baseline of a run of the same profile and variants`;
}
