// What one load worker (a thread, a process, a pod) produces: per operation, the encoded latency
// histogram of successful operations, counts, errors by type, and per-second intervals with their own
// encoded histograms, keyed by epoch second so shards from different machines line up when merged.
import type { InsertResult } from './load-phase.ts';

export const SHARD_VERSION = 1;
/** Marks the line of a worker's stdout (or pod log) that carries its shard as JSON. */
export const SHARD_LINE_PREFIX = 'ALTERNATOR_E2E_LOAD_SHARD ';

export interface ShardInterval {
  /** Epoch second in which the operations completed. */
  second: number;
  count: number;
  errors: number;
  /** Encoded histogram of the second's successful latencies; absent when there were none. */
  histogram?: string;
}

export interface ShardOperation {
  count: number;
  errors: Record<string, number>;
  histogram: string;
  intervals: ShardInterval[];
  /** BatchWriteItem: items the server handed back as UnprocessedItems. */
  unprocessedItems: number;
}

export interface LoadShard {
  shardVersion: typeof SHARD_VERSION;
  worker: string;
  /** Epoch milliseconds of the measured phase. */
  startMs: number;
  endMs: number;
  /** Open loop: operations scheduled, and those never sent because the drain deadline passed. */
  scheduled: number;
  missed: number;
  /** TCP/TLS connections opened (more than the concurrency means reconnects). */
  connects: number;
  operations: Record<string, ShardOperation>;
}

export function shardLine(shard: LoadShard): string {
  return SHARD_LINE_PREFIX + JSON.stringify(shard);
}

/** The JSON after `prefix` on every line of a log that carries it; other lines (progress, warnings) are ignored. */
function* markedPayloads(log: string, prefix: string): Generator<string> {
  for (const line of log.split('\n')) {
    const i = line.indexOf(prefix);
    if (i >= 0) yield line.slice(i + prefix.length);
  }
}

/** Finds shard lines in a log. */
export function parseShardLines(log: string, source: string): LoadShard[] {
  const out: LoadShard[] = [];
  for (const payload of markedPayloads(log, SHARD_LINE_PREFIX)) {
    let v: unknown;
    try {
      v = JSON.parse(payload);
    } catch (e) {
      throw new Error(`${source}: a load shard line is not valid JSON (${(e as Error).message}); was the log truncated?`);
    }
    const s = v as Partial<LoadShard>;
    if (s.shardVersion !== SHARD_VERSION || typeof s.operations !== 'object')
      throw new Error(`${source}: load shard version ${String(s.shardVersion)} is not ${SHARD_VERSION}; run workers from the same harness version`);
    out.push(v as LoadShard);
  }
  return out;
}

/** Marks the line a load-phase (insert) worker prints with its InsertResult as JSON. */
export const INSERT_LINE_PREFIX = 'ALTERNATOR_E2E_LOAD_INSERT ';

export function insertLine(result: InsertResult): string {
  return INSERT_LINE_PREFIX + JSON.stringify(result);
}

/** Finds InsertResult lines in a log. */
export function parseInsertLines(log: string, source: string): InsertResult[] {
  const out: InsertResult[] = [];
  for (const payload of markedPayloads(log, INSERT_LINE_PREFIX)) {
    try {
      out.push(JSON.parse(payload));
    } catch (e) {
      throw new Error(`${source}: a load insert line is not valid JSON (${(e as Error).message})`);
    }
  }
  return out;
}
