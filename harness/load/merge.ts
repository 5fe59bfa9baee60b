// Shards (threads, pods) into one report. Histograms add exactly, counts and errors sum, and the
// per-second intervals line up by epoch second.
import { decodeHistogram, newHistogram, summarize, HISTOGRAM_ENCODING, HISTOGRAM_UNIT, encodeHistogram, type Histogram } from './histograms.ts';
import { LOAD_REPORT_KIND, LOAD_SCHEMA_VERSION, type LoadReport, type OperationReport, type LoadParameters } from './report-schema.ts';
import type { LoadShard } from './shard.ts';

export interface ReportMeta {
  runId: string;
  target: string;
  variant: LoadReport['variant'];
  workload: string;
  workloadDescription: string;
  parameters: LoadParameters;
  runner?: LoadReport['runner'];
  loadPhase?: LoadReport['loadPhase'];
}

interface SecondAcc {
  count: number;
  errors: number;
  histogram: Histogram;
}

export function mergeShards(shards: readonly LoadShard[], meta: ReportMeta): LoadReport {
  if (shards.length === 0) throw new Error('no load shard to merge: every worker failed before reporting');
  const startMs = Math.min(...shards.map((s) => s.startMs));
  const endMs = Math.max(...shards.map((s) => s.endMs));
  const durationSeconds = Math.max(0.001, (endMs - startMs) / 1000);
  const firstSecond = Math.floor(startMs / 1000);
  const lastSecond = Math.floor(endMs / 1000);
  const names = [...new Set(shards.flatMap((s) => Object.keys(s.operations)))].sort();
  const operations: Record<string, OperationReport> = {};
  for (const name of names) {
    const parts = shards.map((s) => s.operations[name]).filter((o) => o !== undefined);
    const histogram = newHistogram();
    const errors: Record<string, number> = {};
    const seconds = new Map<number, SecondAcc>();
    let count = 0;
    let unprocessed = 0;
    for (const p of parts) {
      histogram.add(decodeHistogram(p.histogram));
      count += p.count;
      unprocessed += p.unprocessedItems;
      for (const [t, n] of Object.entries(p.errors)) errors[t] = (errors[t] ?? 0) + n;
      for (const iv of p.intervals) {
        let acc = seconds.get(iv.second);
        if (!acc) seconds.set(iv.second, (acc = { count: 0, errors: 0, histogram: newHistogram() }));
        acc.count += iv.count;
        acc.errors += iv.errors;
        if (iv.histogram) acc.histogram.add(decodeHistogram(iv.histogram));
      }
    }
    const last = Math.max(lastSecond, ...seconds.keys());
    const timeSeries: OperationReport['timeSeries'] = [];
    for (let s = firstSecond; s <= last; s++) {
      const acc = seconds.get(s);
      const l = acc ? summarize(acc.histogram) : undefined;
      timeSeries.push({ t: s - firstSecond, count: acc?.count ?? 0, errors: acc?.errors ?? 0, p50: l?.p50 ?? 0, p99: l?.p99 ?? 0, max: l?.max ?? 0 });
    }
    const errorCount = sum(Object.values(errors));
    operations[name] = {
      count,
      errorCount,
      errors: Object.fromEntries(Object.entries(errors).sort(([a], [b]) => a.localeCompare(b))),
      throughput: round(count / durationSeconds),
      latencyMs: summarize(histogram),
      histogram: { encoding: HISTOGRAM_ENCODING, unit: HISTOGRAM_UNIT, data: encodeHistogram(histogram) },
      timeSeries,
      ...(name === 'batch-write' ? { unprocessedItems: unprocessed } : {}),
    };
  }
  const scheduled = sum(shards.map((s) => s.scheduled));
  const missed = sum(shards.map((s) => s.missed));
  const connects = sum(shards.map((s) => s.connects));
  const top = topLevelOperations(names);
  const count = sum(top.map((n) => operations[n]!.count));
  const errorCount = sum(top.map((n) => operations[n]!.errorCount));
  return {
    schemaVersion: LOAD_SCHEMA_VERSION,
    kind: LOAD_REPORT_KIND,
    runId: meta.runId,
    target: meta.target,
    variant: meta.variant,
    workload: meta.workload,
    workloadDescription: meta.workloadDescription,
    parameters: meta.parameters,
    ...(meta.runner ? { runner: meta.runner } : {}),
    start: new Date(startMs).toISOString(),
    durationSeconds: round(durationSeconds),
    ...(meta.loadPhase ? { loadPhase: meta.loadPhase } : {}),
    totals: { count, errorCount, throughput: round(count / durationSeconds), scheduled, missed, connects },
    operations,
    warnings: warningsFor(meta, operations, { missed, connects, errorCount }),
  };
}

/** Inner calls (`read-modify-write/read`) are reported too, but totals count each operation once. */
export function topLevelOperations(names: readonly string[]): string[] {
  return names.filter((n) => !n.includes('/'));
}

function warningsFor(meta: ReportMeta, ops: Record<string, OperationReport>, t: { missed: number; connects: number; errorCount: number }): string[] {
  const w: string[] = [];
  const p = meta.parameters;
  if (t.missed > 0)
    w.push(`${t.missed} operations were due but never sent before the drain deadline: the endpoint could not keep up with ${p.rate}/s (they are not in the histograms)`);
  const lanes = p.concurrency;
  if (p.client === 'raw' && t.connects > lanes) w.push(`${t.connects - lanes} reconnects: the server closed connections or requests failed`);
  if (t.errorCount > 0) w.push(`${t.errorCount} operations failed; see errors per operation`);
  for (const [name, o] of Object.entries(ops))
    if (o.unprocessedItems) w.push(`${name}: ${o.unprocessedItems} items came back as UnprocessedItems (counted as successful requests)`);
  return w;
}

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
/** Reports keep three decimals: milliseconds of a second, thousandths of an operation per second. */
export const round = (x: number): number => Math.round(x * 1000) / 1000;
