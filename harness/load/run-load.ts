// runLoad: one workload against one variant's endpoint. Creates the table, inserts the records, runs the
// measured phase on worker threads here or on pods in the cluster, merges the shards into a report and
// drops the table it created.
import { silentProgress } from '../util/progress.ts';
import { effectiveWriteIsolation } from '../variant/model.ts';
import { resolveLoadOptions, splitEvenly, type LoadOptions, type ResolvedLoadOptions } from './options.ts';
import { deleteTableQuietly } from '../client/tables.ts';
import { controlClient, prepareTable, insertRecords, type InsertSpec, type InsertResult } from './load-phase.ts';
import { runShard } from './run-shard.ts';
import { runShardsInThreads } from './thread-pool.ts';
import { mergeShards, round } from './merge.ts';
import { childSeed } from './rng.ts';
import { WORKLOADS } from './workloads.ts';
import type { LoadShard } from './shard.ts';
import type { ShardSpec, TableSpec } from './shard-spec.ts';
import type { LoadReport } from './report-schema.ts';
import { clusterExecutor } from './kubernetes/orchestrate.ts';
import { runnerClass } from './runner-class.ts';

/** Where workers run: threads of this process, or pods. */
export interface LoadExecutor {
  readonly workers: number;
  insert(specs: InsertSpec[]): Promise<InsertResult[]>;
  run(specs: ShardSpec[]): Promise<LoadShard[]>;
}

export function localExecutor(threads: number, signal?: AbortSignal): LoadExecutor {
  return {
    workers: threads,
    // One process inserts: the insert lanes are I/O bound.
    insert: async (specs) => {
      const out: InsertResult[] = [];
      for (const s of specs) out.push(await insertRecords(s));
      return out;
    },
    run: (specs) => (specs.length === 1 ? runShard(specs[0]!, signal).then((s) => [s]) : runShardsInThreads(specs, signal)),
  };
}

function tableSpec(o: ResolvedLoadOptions): TableSpec {
  return { table: o.table, recordCount: o.recordCount, fieldCount: o.fieldCount, fieldLength: o.fieldLength, consistentRead: o.consistentRead };
}

export function planInserts(o: ResolvedLoadOptions, workers: number): InsertSpec[] {
  const specs: InsertSpec[] = [];
  let from = 0;
  for (let i = 0; i < workers; i++) {
    const n = splitEvenly(o.recordCount, workers, i);
    const concurrency = Math.max(1, splitEvenly(o.concurrency, workers, i));
    if (n > 0) specs.push({ ...tableSpec(o), endpoint: o.loadEndpoint, from, to: from + n, concurrency, seed: childSeed(o.seed, 1000 + i), timeoutMs: o.timeoutMs });
    from += n;
  }
  return specs;
}

export function planShards(o: ResolvedLoadOptions, workers: number, prefix: string, notBeforeMs?: number): ShardSpec[] {
  return Array.from({ length: workers }, (_, i) => ({
    ...tableSpec(o),
    worker: `${prefix}-${i}`,
    endpoint: o.loadEndpoint,
    workload: o.workload,
    distribution: o.distribution,
    mode: o.mode,
    ...(o.rate !== undefined ? { rate: o.rate / workers } : {}),
    concurrency: splitEvenly(o.concurrency, workers, i),
    durationMs: o.durationSeconds * 1000,
    seed: childSeed(o.seed, i),
    client: o.client,
    timeoutMs: o.timeoutMs,
    drainMs: o.drainSeconds * 1000,
    ...(notBeforeMs !== undefined ? { notBeforeMs } : {}),
  }));
}

export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const o = resolveLoadOptions(options);
  const progress = options.progress ?? silentProgress;
  const executor = o.cluster ? clusterExecutor(o.cluster, progress, o.datacenter.credentials !== undefined) : localExecutor(o.threads, options.signal);
  const control = controlClient(o.loadEndpoint);
  const label = `load ${o.workload} on ${o.endpoint.variant.name}`;
  let created = false;
  try {
    let loadPhase: LoadReport['loadPhase'];
    if (!o.skipLoadPhase) {
      const t = Date.now();
      progress.step(`${label}: creating table ${o.table} and inserting ${o.recordCount} records`);
      created = await prepareTable(control, o.table);
      const results = await executor.insert(planInserts(o, executor.workers));
      const errors: Record<string, number> = {};
      for (const r of results) for (const [k, n] of Object.entries(r.errors)) errors[k] = (errors[k] ?? 0) + n;
      const records = results.reduce((n, r) => n + r.records, 0);
      const seconds = Math.max(...results.map((r) => r.durationSeconds), 0.001);
      loadPhase = { records, durationSeconds: round(seconds), recordsPerSecond: round(records / seconds), errors };
      progress.done(`${label}: ${records} records inserted`, t);
    }
    const t = Date.now();
    progress.step(
      `${label}: ${o.mode} loop, ${o.mode === 'open' ? `${o.rate}/s, ` : ''}${o.concurrency} lanes, ${o.durationSeconds}s, ${o.client} client` +
        (executor.workers > 1 ? `, ${executor.workers} ${o.cluster ? 'pods' : 'threads'}` : ''),
    );
    const shards = await executor.run(planShards(o, executor.workers, o.cluster ? 'pod' : 'thread'));
    const report = mergeShards(shards, {
      runId: o.endpoint.runId,
      target: o.endpoint.target,
      variant: {
        name: o.endpoint.variant.name,
        writeIsolation: effectiveWriteIsolation(o.endpoint.promises),
        options: { ...o.endpoint.variant.alternator },
      },
      workload: o.workload,
      workloadDescription: WORKLOADS[o.workload].description,
      // In-cluster workers run on the nodes of the same machine (kind) or of the cluster (kubeconfig): the machine
      // that ran the harness is the class either way on kind; on other clusters set ALTERNATOR_E2E_RUNNER_CLASS.
      runner: runnerClass(),
      parameters: {
        mode: o.mode,
        ...(o.rate !== undefined ? { rate: o.rate } : {}),
        concurrency: o.concurrency,
        durationSeconds: o.durationSeconds,
        recordCount: o.recordCount,
        distribution: o.distribution,
        client: o.client,
        threads: o.cluster ? 1 : o.threads,
        workers: o.cluster ? executor.workers : 1,
        seed: o.seed,
        fieldCount: o.fieldCount,
        fieldLength: o.fieldLength,
        consistentRead: o.consistentRead,
        timeoutMs: o.timeoutMs,
        datacenter: o.datacenter.datacenter,
        url: o.cluster?.inClusterUrl ?? o.loadEndpoint.url,
        table: o.table,
      },
      loadPhase,
    });
    progress.done(`${label}: ${report.totals.count} operations, ${report.totals.throughput.toFixed(0)}/s`, t);
    return report;
  } finally {
    if (created && o.ownTable && !o.keepTable) await deleteTableQuietly(control, o.table).catch((e: Error) => progress.warn(`could not drop ${o.table}: ${e.message}`));
    control.close();
  }
}
