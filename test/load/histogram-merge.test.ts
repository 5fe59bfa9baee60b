// HDR histograms from separate workers, encoded and merged, must equal recording everything into one.
import { describe, it, expect } from 'vitest';
import { newHistogram, recordMicros, encodeHistogram, decodeHistogram, mergeEncoded, summarize } from '../../harness/load/histograms.ts';
import { mergeShards } from '../../harness/load/merge.ts';
import { seededRng } from '../../harness/load/rng.ts';
import { SHARD_VERSION, type LoadShard } from '../../harness/load/shard.ts';
import { LoadReport } from '../../harness/load/report-schema.ts';

const PERCENTILES = [1, 10, 50, 75, 90, 95, 99, 99.5, 99.9, 99.99, 100];

/** Latencies with a heavy tail: mostly 0.2..5 ms, some 50..2000 ms. */
function latencies(seed: number, n: number): number[] {
  const rng = seededRng(seed);
  return Array.from({ length: n }, () => (rng.next() < 0.02 ? 50_000 + rng.int(1_950_000) : 200 + rng.int(4800)));
}

describe('histogram merge', () => {
  it('encoded worker histograms merged equal one histogram that recorded everything', () => {
    const all = newHistogram();
    const parts = [1, 2, 3, 4].map((seed) => {
      const h = newHistogram();
      for (const v of latencies(seed, 5000 * seed)) {
        recordMicros(h, v);
        recordMicros(all, v);
      }
      return encodeHistogram(h);
    });
    const merged = mergeEncoded(parts);
    expect(merged.totalCount).toBe(all.totalCount);
    expect(merged.totalCount).toBe(50_000);
    for (const p of PERCENTILES) expect(merged.getValueAtPercentile(p)).toBe(all.getValueAtPercentile(p));
    expect(merged.getValueAtPercentile(0)).toBe(all.getValueAtPercentile(0));
    expect(merged.mean).toBeCloseTo(all.mean, 6);
    expect(summarize(merged)).toEqual(summarize(all));
    // A round trip loses nothing either.
    expect(encodeHistogram(decodeHistogram(encodeHistogram(all)))).toBe(encodeHistogram(all));
  });

  it('mergeShards adds counts, errors and per-second intervals and keeps the exact percentiles', () => {
    const base = 1_700_000_000;
    const all = newHistogram();
    const perSecond = [newHistogram(), newHistogram(), newHistogram()];
    const shards: LoadShard[] = [0, 1, 2].map((w) => {
      const h = newHistogram();
      const intervals = [0, 1, 2].map((s) => {
        const ih = newHistogram();
        const values = latencies(10 * w + s, 1000 + 100 * w);
        for (const v of values) {
          recordMicros(h, v);
          recordMicros(ih, v);
          recordMicros(all, v);
          recordMicros(perSecond[s]!, v);
        }
        return { second: base + s, count: values.length, errors: w, histogram: encodeHistogram(ih) };
      });
      return {
        shardVersion: SHARD_VERSION,
        worker: `w${w}`,
        startMs: base * 1000 + 100 * w,
        endMs: (base + 2) * 1000 + 900,
        scheduled: 0,
        missed: 0,
        connects: 4,
        operations: { read: { count: intervals.reduce((n, i) => n + i.count, 0), errors: { ThrottlingException: w }, histogram: encodeHistogram(h), intervals, unprocessedItems: 0 } },
      };
    });
    const report = mergeShards(shards, {
      runId: 'r',
      target: 'local',
      variant: { name: 'v', options: {} },
      workload: 'C',
      workloadDescription: 'read only',
      parameters: {
        mode: 'closed', concurrency: 12, durationSeconds: 3, recordCount: 10, distribution: 'uniform', client: 'raw', threads: 3, workers: 1,
        seed: 1, fieldCount: 1, fieldLength: 1, consistentRead: false, timeoutMs: 1000, datacenter: 'dc1', url: 'http://x', table: 't',
      },
    });
    expect(LoadReport.parse(report)).toBeTruthy();
    const read = report.operations.read!;
    expect(read.count).toBe(all.totalCount);
    expect(read.errors).toEqual({ ThrottlingException: 3 });
    expect(read.latencyMs).toEqual(summarize(all));
    expect(decodeHistogram(read.histogram.data).totalCount).toBe(all.totalCount);
    expect(read.timeSeries.map((p) => p.t)).toEqual([0, 1, 2]);
    read.timeSeries.forEach((p, s) => {
      expect(p.count).toBe(perSecond[s]!.totalCount);
      expect(p.errors).toBe(0 + 1 + 2);
      expect(p.p99).toBe(summarize(perSecond[s]!).p99);
      expect(p.max).toBe(summarize(perSecond[s]!).max);
    });
    expect(report.totals.connects).toBe(12);
    expect(report.durationSeconds).toBeCloseTo(2.9, 3);
  });
});
