// The Prometheus metrics a ScyllaDB node exports for Alternator (port 9180, /metrics), reproduced by the local front
// door with ScyllaDB's names and labels (alternator/stats.cc register_metrics_with_optional_table, scylla-2026.2.4):
// global series per shard (one shard here) and per-table series labelled ks="alternator_<table>", cf="<table>" (an
// index read: cf="<table>:<index>", the view). Which operation counts where is ScyllaDB's split, each kind of series
// an entry of emulations.ts with the versions that have it: e.g. BatchGetItem counts only globally (operation and
// batch_item_count), never on the per-table operation or batch_item_count series (executor_read.cc
// executor::batch_get_item). Only what the front door can count honestly is exported: operations, requests,
// unsupported operations, batch sizes, authentication and authorization failures, latency counts and sums, and
// read/write units from item sizes (names plus value bytes, exact for string and binary attributes); no
// histograms' buckets, operation_size_kb, reads_before_write, LWT or expression-cache series.
import http from 'node:http';
import { closeServer, listenOnLoopback } from './loopback.ts';
import { emulates, followsAt, type EmulationId } from './emulations.ts';

type Labels = Record<string, string>;

interface Series {
  name: string;
  type: 'counter' | 'histogram';
  labels: Labels;
  value: number;
}

/** Operations with a latency histogram (stats.cc OPERATION_LATENCY), measured on successful requests only. */
const LATENCY_OPERATIONS = new Set(['PutItem', 'GetItem', 'DeleteItem', 'UpdateItem', 'BatchWriteItem', 'BatchGetItem', 'GetRecords']);
const SINGLE_ITEM_LATENCY = new Set(['PutItem', 'GetItem', 'DeleteItem', 'UpdateItem']);
const BATCHES = new Set(['BatchWriteItem', 'BatchGetItem']);
/**
 * The operations that count on their table's `operation` series (get_stats_from_schema(...)->api_operations.<op>++):
 * BatchGetItem, UpdateTable, CreateTable, DeleteTable, the TTL operations, DescribeContinuousBackups and Streams never do.
 */
export const TABLE_COUNTED_OPERATIONS = new Set(['DescribeTable', 'TagResource', 'UntagResource', 'ListTagsOfResource', 'GetItem', 'Query', 'Scan', 'BatchWriteItem', 'PutItem', 'UpdateItem', 'DeleteItem']);
const SHARD = { shard: '0' };

/** A table's (or an index view's) labels: ks is the base table's keyspace, cf the table or view. */
const tableLabels = (table: string): Labels => ({ cf: table, ks: `alternator_${table.split(/!?:/)[0]}` });

/** Read units of one item in half units (rcu_consumed_capacity_counter::get_half_units): 4 KB blocks, doubled when consistent. */
export const readHalfUnits = (bytes: number, consistent: boolean) => Math.ceil(bytes / 4096) * (consistent ? 2 : 1);

export interface MetricsOptions {
  /** The emulated ScyllaDB version: which series exist (each emulation's version range). */
  scyllaVersion?: string;
  /** The `table-operation-counted-twice` fault: a PutItem is counted twice on its table's operation series. */
  tableOperationCountedTwice?: boolean;
}

export class AlternatorMetrics {
  private readonly series = new Map<string, Series>();
  private server?: http.Server;
  port = 0;

  constructor(private readonly o: MetricsOptions = {}) {}

  private has(id: EmulationId): boolean {
    return followsAt(id, this.o.scyllaVersion);
  }

  /** server::handle_api_request: every request to the API, before anything else is checked. */
  request(): void {
    if (this.has('metrics-total-operations')) this.add('scylla_alternator_total_operations', SHARD);
  }

  unsupportedOperation(): void {
    if (this.has('metrics-unsupported-operations')) this.add('scylla_alternator_unsupported_operations', SHARD);
  }

  /** An operation started (executor::<op> counts it on entry, whatever it answers). */
  operation(op: string): void {
    if (this.has('metrics-operation')) this.add('scylla_alternator_operation', { op, ...SHARD });
  }

  /** The operation reached its table (or index view); the caller knows when ScyllaDB counts it (TABLE_COUNTED_OPERATIONS). */
  tableOperation(op: string, table: string): void {
    if (!TABLE_COUNTED_OPERATIONS.has(op) || !this.has('metrics-table-series') || !this.has('metrics-table-operation')) return;
    this.add('scylla_alternator_table_operation', { op, ...tableLabels(table) }, op === 'PutItem' && this.o.tableOperationCountedTwice ? 2 : 1);
  }

  /** BatchWriteItem's write requests on one table (per_table_stats batch_write_item_batch_total); BatchGetItem has none. */
  tableBatchWriteItems(table: string, n: number): void {
    if (this.has('metrics-table-series') && this.has('metrics-table-batch-item-count')) this.add('scylla_alternator_table_batch_item_count', { op: 'BatchWriteItem', ...tableLabels(table) }, n);
  }

  /** A batch's size on the global series: BatchWriteItem's write requests, BatchGetItem's distinct partitions. */
  batchItems(op: 'BatchWriteItem' | 'BatchGetItem', n: number): void {
    if (this.has('metrics-batch-item-count')) this.add('scylla_alternator_batch_item_count', { op, ...SHARD }, n);
  }

  /** A successful operation's latency, globally and on each of its tables where ScyllaDB times it there. */
  latency(op: string, seconds: number, tables: readonly string[]): void {
    if (!LATENCY_OPERATIONS.has(op) || !this.has('metrics-op-latency')) return;
    this.add('scylla_alternator_op_latency_count', { op }, 1, 'histogram');
    this.add('scylla_alternator_op_latency_sum', { op }, seconds * 1e6, 'histogram');
    const perTable = this.has('metrics-table-series') && (SINGLE_ITEM_LATENCY.has(op) ? this.has('metrics-table-op-latency') : BATCHES.has(op) && this.has('metrics-table-batch-latency'));
    if (!perTable) return;
    for (const table of tables) {
      this.add('scylla_alternator_table_op_latency_count', { op, ...tableLabels(table) }, 1, 'histogram');
      this.add('scylla_alternator_table_op_latency_sum', { op, ...tableLabels(table) }, seconds * 1e6, 'histogram');
    }
  }

  authenticationFailure(): void {
    if (this.has('metrics-auth-failures')) this.add('scylla_alternator_authentication_failures', SHARD);
  }

  authorizationFailure(): void {
    if (this.has('metrics-auth-failures')) this.add('scylla_alternator_authorization_failures', SHARD);
  }

  /** Read units (rcu_total = half units / 2) of GetItem or BatchGetItem on one table, globally and on the table. */
  readUnits(table: string, halfUnits: number): void {
    if (!this.has('metrics-rcu')) return;
    this.add('scylla_alternator_rcu_total', SHARD, halfUnits / 2);
    if (this.has('metrics-table-series')) this.add('scylla_alternator_table_rcu_total', tableLabels(table), halfUnits / 2);
  }

  /** Write units (wcu_total{op}) of a PutItem, or of BatchWriteItem's puts where the version counts them. */
  writeUnits(from: 'PutItem' | 'BatchWriteItem', table: string, itemBytes: number): void {
    if (!this.has('metrics-wcu') || (from === 'BatchWriteItem' && !this.has('metrics-batch-write-wcu'))) return;
    // wcu_consumed_capacity_counter::get_units: 1 KB blocks (an empty item is 1 unit in a batch).
    const units = Math.max(1, Math.ceil(itemBytes / 1024));
    this.add('scylla_alternator_wcu_total', { op: 'PutItem', ...SHARD }, units);
    if (this.has('metrics-table-series')) this.add('scylla_alternator_table_wcu_total', { op: 'PutItem', ...tableLabels(table) }, units);
  }

  /** The Prometheus text exposition, as ScyllaDB serves it (series appear once non-zero: set_skip_when_empty). */
  render(): string {
    emulates('metrics-exposition');
    const byName = new Map<string, Series[]>();
    for (const s of this.series.values()) byName.set(s.name, [...(byName.get(s.name) ?? []), s]);
    const lines: string[] = [];
    for (const [name, list] of [...byName].sort(([a], [b]) => a.localeCompare(b))) {
      const family = list[0]!.type === 'histogram' ? name.replace(/_(count|sum)$/, '') : name;
      lines.push(`# TYPE ${family} ${list[0]!.type}`);
      for (const s of list) lines.push(`${name}{${Object.entries(s.labels).map(([k, v]) => `${k}="${v}"`).join(',')}} ${s.value}`);
    }
    return lines.join('\n') + '\n';
  }

  /** Serves GET /metrics on a loopback port, as ScyllaDB's Prometheus listener does (plain HTTP). */
  async listen(): Promise<number> {
    this.server = http.createServer((req, res) => {
      const ok = req.method === 'GET' && req.url === '/metrics';
      const body = ok ? this.render() : 'Not found\n';
      res.writeHead(ok ? 200 : 404, { 'content-type': 'text/plain; version=0.0.4', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
    this.port = await listenOnLoopback(this.server);
    return this.port;
  }

  async stop(): Promise<void> {
    if (this.server) await closeServer(this.server);
    this.server = undefined;
  }

  private add(name: string, labels: Labels, by = 1, type: Series['type'] = 'counter'): void {
    let key = name;
    for (const k in labels) key += `\u0000${k}=${labels[k]}`;
    const s = this.series.get(key) ?? { name, type, labels, value: 0 };
    s.value += by;
    this.series.set(key, s);
  }
}

/** An item's size as consumed capacity counts it: attribute names plus value bytes (strings UTF-8, binaries decoded). */
export function itemBytes(item: Record<string, unknown> | undefined): number {
  if (!item) return 0;
  let n = 0;
  for (const [name, value] of Object.entries(item)) n += Buffer.byteLength(name) + valueBytes(value);
  return n;
}

function valueBytes(v: unknown): number {
  if (!v || typeof v !== 'object') return 0;
  const [type, x] = Object.entries(v)[0] ?? [];
  switch (type) {
    case 'S':
    case 'N':
      return Buffer.byteLength(String(x));
    case 'B':
      return Buffer.from(String(x), 'base64').length;
    case 'SS':
    case 'NS':
      return (x as string[]).reduce((a, s) => a + Buffer.byteLength(s), 0);
    case 'BS':
      return (x as string[]).reduce((a, s) => a + Buffer.from(s, 'base64').length, 0);
    case 'L':
      return (x as unknown[]).reduce<number>((a, e) => a + valueBytes(e), 0);
    case 'M':
      return itemBytes(x as Record<string, unknown>);
    default:
      return 1;
  }
}
