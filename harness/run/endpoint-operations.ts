// What the suites cost the endpoint, counted by the endpoint itself: ScyllaDB's per-operation request counter
// `scylla_alternator_operation{op=…}` (alternator/stats.cc register_metrics, OPERATION(...) over
// stats.api_operations; one series per shard; counted when the operation starts, so refused requests count too),
// summed over every node's metrics URL, read before and after the suites. On a real cluster the schema changes
// (CreateTable, DeleteTable, UpdateTable, TagResource...) are the costly ones: each is agreed cluster-wide.
import type { Endpoint } from '../endpoint/contract.ts';
import type { EndpointOperations } from '../report/results.ts';

const SERIES = 'scylla_alternator_operation';
/** Operations that change the schema on ScyllaDB (each one a group-0 change, serialized cluster-wide). */
export const SCHEMA_CHANGES: readonly string[] = ['CreateTable', 'DeleteTable', 'UpdateTable', 'TagResource', 'UntagResource', 'UpdateTimeToLive'];

/** Per-operation totals of one Prometheus text exposition (every shard's series added up). */
export function parseOperationCounts(text: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${SERIES}{`)) continue;
    const op = /[{,]op="([^"]*)"/.exec(line)?.[1];
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (op && Number.isFinite(value)) counts[op] = (counts[op] ?? 0) + value;
  }
  return counts;
}

/** Every node's counts added up; undefined when the endpoint has no metrics URL or one cannot be read. */
export async function readOperationCounts(endpoint: Endpoint, fetchText = fetchMetrics): Promise<Record<string, number> | undefined> {
  const urls = endpoint.datacenters.flatMap((d) => d.metricsUrls ?? []);
  if (urls.length === 0) return undefined;
  try {
    const all = await Promise.all(urls.map(async (u) => parseOperationCounts(await fetchText(u))));
    const sum: Record<string, number> = {};
    for (const counts of all) for (const [op, n] of Object.entries(counts)) sum[op] = (sum[op] ?? 0) + n;
    return sum;
  } catch {
    return undefined;
  }
}

/** The operations counted between two readings (operations that did not change are left out). */
export function operationsBetween(before: Record<string, number>, after: Record<string, number>, sharedTables?: string[]): EndpointOperations {
  const counts: Record<string, number> = {};
  for (const [op, n] of Object.entries(after)) {
    const d = n - (before[op] ?? 0);
    if (d > 0) counts[op] = d;
  }
  const schemaChanges = SCHEMA_CHANGES.reduce((s, op) => s + (counts[op] ?? 0), 0);
  return { source: SERIES, counts, schemaChanges, ...(sharedTables ? { sharedTables } : {}) };
}

/** One line for the console: the schema changes and the table polls the suites cost the endpoint. */
export function describeOperations(variant: string, o: EndpointOperations): string {
  const c = (op: string) => o.counts[op] ?? 0;
  return `${variant}: ${o.schemaChanges} schema changes at the endpoint (${c('CreateTable')} CreateTable, ${c('DeleteTable')} DeleteTable, ${c('UpdateTable')} UpdateTable, ${c('TagResource') + c('UntagResource')} tag changes, ${c('UpdateTimeToLive')} UpdateTimeToLive), ${c('DescribeTable')} DescribeTable`;
}

async function fetchMetrics(url: string): Promise<string> {
  const r = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return r.text();
}
