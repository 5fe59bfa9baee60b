// Load reports made from real histograms (through mergeShards), with chosen throughput and latency.
import { newHistogram, recordMicros, encodeHistogram } from '../../harness/load/histograms.ts';
import { mergeShards } from '../../harness/load/merge.ts';
import { seededRng } from '../../harness/load/rng.ts';
import { SHARD_VERSION } from '../../harness/load/shard.ts';
import type { LoadReport, LoadParameters } from '../../harness/load/report-schema.ts';

export interface FixtureOptions {
  variant?: string;
  writeIsolation?: string;
  workload?: string;
  runId?: string;
  /** Operations per second per operation. */
  perSecond?: number;
  seconds?: number;
  /** Latency scale: values are 0.5..2 ms times this, with 2% at 20x. */
  latencyScale?: number;
  ops?: string[];
  errors?: Record<string, number>;
  parameters?: Partial<LoadParameters>;
  seed?: number;
  /** Default: one fixed class, so fixtures compare; null: a report written before runner classes were recorded. */
  runner?: LoadReport['runner'] | null;
  target?: string;
}

export const FIXTURE_RUNNER = { class: 'linux-x64, 4 CPU, 16 GiB', cpus: 4, memoryGiB: 16 };

export function fixtureReport(o: FixtureOptions = {}): LoadReport {
  const rng = seededRng(o.seed ?? 1);
  const seconds = o.seconds ?? 5;
  const perSecond = o.perSecond ?? 400;
  const scale = o.latencyScale ?? 1;
  const start = 1_760_000_000;
  const operations = Object.fromEntries(
    (o.ops ?? ['read', 'update']).map((op) => {
      const all = newHistogram();
      const intervals = Array.from({ length: seconds }, (_, s) => {
        const h = newHistogram();
        // A dip in the middle, so time series charts have a shape.
        const n = s === Math.floor(seconds / 2) ? Math.floor(perSecond / 2) : perSecond;
        for (let i = 0; i < n; i++) {
          // Evenly spread values (not random), so percentiles barely depend on the count: every 50th is 20x.
          const us = (i % 50 === 25 ? 20 : 1) * scale * (500 + ((i * 7919 + rng.int(7)) % 1500));
          recordMicros(h, us);
          recordMicros(all, us);
        }
        return { second: start + s, count: n, errors: 0, histogram: encodeHistogram(h) };
      });
      const count = intervals.reduce((a, b) => a + b.count, 0);
      return [op, { count, errors: o.errors ?? {}, histogram: encodeHistogram(all), intervals, unprocessedItems: 0 }];
    }),
  );
  return mergeShards(
    [{ shardVersion: SHARD_VERSION, worker: 'w0', startMs: start * 1000, endMs: (start + seconds) * 1000, scheduled: 0, missed: 0, connects: 8, operations }],
    {
      runId: o.runId ?? 'run-1',
      target: o.target ?? 'kind',
      ...(o.runner === null ? {} : { runner: o.runner ?? FIXTURE_RUNNER }),
      variant: { name: o.variant ?? 'lwt', ...(o.writeIsolation ? { writeIsolation: o.writeIsolation } : {}), options: {} },
      workload: o.workload ?? 'A',
      workloadDescription: 'update heavy: 50% read, 50% update',
      parameters: {
        mode: 'closed',
        concurrency: 8,
        durationSeconds: seconds,
        recordCount: 1000,
        distribution: 'zipfian',
        client: 'raw',
        threads: 1,
        workers: 1,
        seed: 1,
        fieldCount: 10,
        fieldLength: 100,
        consistentRead: false,
        timeoutMs: 10000,
        datacenter: 'dc1',
        url: 'https://127.0.0.1:8043',
        table: 'e2e_load-a',
        ...o.parameters,
      },
    },
  );
}
