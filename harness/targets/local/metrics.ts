// The Prometheus metrics a ScyllaDB node exports for Alternator (port 9180, /metrics), reproduced by the local front
// door for the operations it serves, with ScyllaDB's names and labels (alternator/stats.cc
// register_metrics_with_optional_table at scylla-2026.2.4): global series per shard (one shard here) and per-table
// series labelled ks="alternator_<table>", cf="<table>". Only what the front door can count honestly is exported:
// operations, all requests, unsupported operations, batch sizes, authentication and authorization failures, latency
// counts, and read/write units from item sizes (names plus value bytes, exact for string and binary attributes).
import http from 'node:http';
import { closeServer, listenOnLoopback } from './loopback.ts';

type Labels = Record<string, string>;

interface Series {
  name: string;
  type: 'counter' | 'histogram';
  labels: Labels;
  value: number;
}

/** Operations with a latency histogram (stats.cc OPERATION_LATENCY), measured on successful requests only. */
const LATENCY_OPERATIONS = new Set(['PutItem', 'GetItem', 'DeleteItem', 'UpdateItem', 'BatchWriteItem', 'BatchGetItem', 'GetRecords']);
/** CreateTable and DeleteTable are counted globally only (stats.cc: "not applicable to a per-table metrics"). */
const GLOBAL_ONLY_OPERATIONS = new Set(['CreateTable', 'DeleteTable']);
const SHARD = { shard: '0' };

const tableLabels = (table: string): Labels => ({ cf: table, ks: `alternator_${table}` });

export class AlternatorMetrics {
  private readonly series = new Map<string, Series>();
  private server?: http.Server;
  port = 0;

  /** server::handle_api_request: every request to the API, before anything else is checked. */
  request(): void {
    this.add('scylla_alternator_total_operations', SHARD);
  }

  unsupportedOperation(): void {
    this.add('scylla_alternator_unsupported_operations', SHARD);
  }

  /** An operation started (executor::<op> counts it on entry, whatever it answers). */
  operation(op: string): void {
    this.add('scylla_alternator_operation', { op, ...SHARD });
  }

  /** The operation reached its table (counted after the permission check, so a refused request is not counted there). */
  tableOperation(op: string, table: string): void {
    if (!GLOBAL_ONLY_OPERATIONS.has(op)) this.add('scylla_alternator_table_operation', { op, ...tableLabels(table) });
  }

  /** Items of a batch, in total and per table (batch_item_count). */
  batchItems(op: 'BatchWriteItem' | 'BatchGetItem', perTable: Record<string, number>): void {
    for (const [table, n] of Object.entries(perTable)) {
      this.add('scylla_alternator_batch_item_count', { op, ...SHARD }, n);
      this.add('scylla_alternator_table_batch_item_count', { op, ...tableLabels(table) }, n);
    }
  }

  /** A successful operation's latency (op_latency histograms: only their count and sum are exported here). */
  latency(op: string, seconds: number, table?: string): void {
    if (!LATENCY_OPERATIONS.has(op)) return;
    this.add('scylla_alternator_op_latency_count', { op }, 1, 'histogram');
    this.add('scylla_alternator_op_latency_sum', { op }, seconds * 1e6, 'histogram');
    if (table) {
      this.add('scylla_alternator_table_op_latency_count', { op, ...tableLabels(table) }, 1, 'histogram');
      this.add('scylla_alternator_table_op_latency_sum', { op, ...tableLabels(table) }, seconds * 1e6, 'histogram');
    }
  }

  authenticationFailure(): void {
    this.add('scylla_alternator_authentication_failures', SHARD);
  }

  authorizationFailure(): void {
    this.add('scylla_alternator_authorization_failures', SHARD);
  }

  /** Read units (rcu_total): 4 KB blocks, half a unit for an eventually consistent read (consumed_capacity.cc). */
  readUnits(table: string, itemBytes: number, consistent: boolean): void {
    const units = (Math.ceil(itemBytes / 4096) * (consistent ? 2 : 1)) / 2;
    this.add('scylla_alternator_rcu_total', SHARD, units);
    this.add('scylla_alternator_table_rcu_total', tableLabels(table), units);
  }

  /** Write units (wcu_total{op}): 1 KB blocks; BatchWriteItem's puts count as PutItem. */
  writeUnits(op: 'PutItem' | 'DeleteItem' | 'UpdateItem', table: string, itemBytes: number): void {
    const units = Math.ceil(itemBytes / 1024);
    this.add('scylla_alternator_wcu_total', { op, ...SHARD }, units);
    this.add('scylla_alternator_table_wcu_total', { op, ...tableLabels(table) }, units);
  }

  /** The Prometheus text exposition, as ScyllaDB serves it (series appear once non-zero: set_skip_when_empty). */
  render(): string {
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
