// ScyllaDB's Prometheus metrics for Alternator move as operations are made (test/alternator/test_metrics.py; names
// and labels from alternator/stats.cc register_metrics_with_optional_table). Metrics are per node, and a request is
// counted on the node that coordinated it, so every member's endpoint is scraped and the series summed
// (endpoint.datacenters[].metricsUrls lists them all). Other suite files run at the same time against the same
// deployment: per-table series of this file's own table are checked EXACTLY, global series only for growth.
import { describe, it, expect, beforeAll } from 'vitest';
import http from 'node:http';
import type { TestContext } from 'vitest';
import { endpoint, useTable, client, requirePromise, requireFeature, tableName, tableDefinition, waitActive, deleteTableQuietly, DynamoError, type DynamoClient } from '../../harness/suite-kit/index.ts';
import { S, N } from '../../harness/suite-kit/values.ts';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function fetchText(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { timeout: 30_000 }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => (res.statusCode === 200 ? resolve(Buffer.concat(chunks).toString('utf8')) : reject(new Error(`${url}: HTTP ${res.statusCode}`))));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

/** Prometheus text exposition: `name{label="value",...} value` lines (comments and timestamps ignored). */
function parseMetrics(text: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!m) continue;
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!.replace(/\\(.)/g, '$1');
    out.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return out;
}

describe('alternator metrics', () => {
  const e = endpoint();
  const urls = e.datacenters[0]!.metricsUrls ?? [];
  const t = useTable('metrics', { hash: ['p', 'S'] });
  let c: DynamoClient;
  beforeAll(async () => {
    await t.ready();
    c = t.client;
  });

  function requireMetrics(ctx: TestContext): void {
    requirePromise(ctx, urls.length > 0, 'the target gives no access to ScyllaDB metrics (endpoint: --metrics-url per node; kind/kubeconfig: port 9180 of each member)');
  }

  /** Every node's samples. */
  const scrape = async () => (await Promise.all(urls.map(fetchText))).flatMap(parseMetrics);
  /** The sum of a metric over every node and shard whose labels include `labels` (absent series count as 0). */
  const sum = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
    samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((a, s) => a + s.value, 0);

  /** How much each [metric, labels] grew while `action` ran. */
  async function growth(metrics: Array<[string, Record<string, string>?]>, action: () => Promise<unknown>): Promise<number[]> {
    const before = await scrape();
    await action();
    const after = await scrape();
    return metrics.map(([n, l]) => sum(after, n, l) - sum(before, n, l));
  }

  const onTable = (op: string) => ['scylla_alternator_table_operation', { op, cf: t.name, ks: `alternator_${t.name}` }] as [string, Record<string, string>];
  const global = (op: string) => ['scylla_alternator_operation', { op }] as [string, Record<string, string>];

  it("PutItem, GetItem, UpdateItem and DeleteItem are each counted once on the table's series, and globally (test_item_operations, test_table_item_operations)", async (ctx) => {
    requireMetrics(ctx);
    const ops = ['PutItem', 'GetItem', 'UpdateItem', 'DeleteItem'];
    const grew = await growth([...ops.map(onTable), ...ops.map(global)], async () => {
      await c.call('PutItem', { TableName: t.name, Item: { p: S('item-ops') } });
      await c.call('GetItem', { TableName: t.name, Key: { p: S('item-ops') } });
      await c.call('UpdateItem', { TableName: t.name, Key: { p: S('item-ops') }, UpdateExpression: 'SET a = :a', ExpressionAttributeValues: { ':a': N(1) } });
      await c.call('DeleteItem', { TableName: t.name, Key: { p: S('item-ops') } });
    });
    expect(grew.slice(0, 4)).toEqual([1, 1, 1, 1]);
    for (const [i, g] of grew.slice(4).entries()) expect(g, ops[i]).toBeGreaterThanOrEqual(1);
  });

  it('Query and Scan are counted (test_scan_operations, test_table_scan_operations)', async (ctx) => {
    requireMetrics(ctx);
    const grew = await growth([onTable('Query'), onTable('Scan')], async () => {
      await c.call('Scan', { TableName: t.name, Limit: 1 });
      await c.call('Query', { TableName: t.name, Limit: 1, KeyConditionExpression: 'p = :p', ExpressionAttributeValues: { ':p': S('dog') } });
    });
    expect(grew).toEqual([1, 1]);
  });

  it('BatchWriteItem counts one operation per request and each of its items (test_table_batch_write_item, test_batch_write_item_count)', async (ctx) => {
    requireMetrics(ctx);
    const items = ['scylla_alternator_table_batch_item_count', { op: 'BatchWriteItem', cf: t.name }] as [string, Record<string, string>];
    const grew = await growth([onTable('BatchWriteItem'), items, ['scylla_alternator_batch_item_count', { op: 'BatchWriteItem' }]], () =>
      c.call('BatchWriteItem', { RequestItems: { [t.name]: [{ PutRequest: { Item: { p: S('bw1'), a: S('hi') } } }, { PutRequest: { Item: { p: S('bw2'), a: S('hi') } } }] } }),
    );
    expect(grew.slice(0, 2)).toEqual([1, 2]);
    expect(grew[2]).toBeGreaterThanOrEqual(2);
  });

  it('BatchGetItem counts one operation per request and each of its keys (test_batch_get_item, test_batch_get_item_count)', async (ctx) => {
    requireMetrics(ctx);
    const grew = await growth([onTable('BatchGetItem'), ['scylla_alternator_table_batch_item_count', { op: 'BatchGetItem', cf: t.name }]], () =>
      c.call('BatchGetItem', { RequestItems: { [t.name]: { Keys: [{ p: S('bg1') }, { p: S('bg2') }], ConsistentRead: true } } }),
    );
    expect(grew).toEqual([1, 2]);
  });

  it('CreateTable, DescribeTable, UpdateTable and DeleteTable are counted (test_table_operations)', async (ctx) => {
    requireMetrics(ctx);
    const name = tableName('metrics_tables');
    const ops = ['CreateTable', 'DescribeTable', 'UpdateTable', 'DeleteTable'];
    const grew = await growth(ops.map(global), async () => {
      try {
        await c.call('CreateTable', tableDefinition(name, { hash: ['p', 'S'] }));
        await waitActive(c, name);
        // Counted on entry, whatever the answer (some implementations refuse an UpdateTable that changes nothing).
        await c.call('UpdateTable', { TableName: name, BillingMode: 'PAY_PER_REQUEST' }).catch((err: unknown) => {
          if (!(err instanceof DynamoError)) throw err;
        });
      } finally {
        await deleteTableQuietly(c, name);
      }
    });
    for (const [i, g] of grew.entries()) expect(g, ops[i]).toBeGreaterThanOrEqual(1);
  });

  it('DescribeEndpoints, ListTables, the tag and the TTL operations are counted, refused ones too (test_describe_endpoints_operations, test_list_tables_operations, test_tag_operations, test_ttl_operations)', async (ctx) => {
    requireMetrics(ctx);
    const ops = ['DescribeEndpoints', 'ListTables', 'ListTagsOfResource', 'TagResource', 'UntagResource', 'DescribeTimeToLive', 'UpdateTimeToLive'];
    const grew = await growth(ops.map(global), async () => {
      await c.call('DescribeEndpoints', {});
      await c.call('ListTables', { Limit: 1 });
      const arn = (await c.call<{ Table: { TableArn: string } }>('DescribeTable', { TableName: t.name })).Table.TableArn;
      await c.call('ListTagsOfResource', { ResourceArn: arn });
      await c.call('TagResource', { ResourceArn: arn, Tags: [{ Key: 'metrics', Value: 'dog' }] });
      await c.call('UntagResource', { ResourceArn: arn, TagKeys: ['metrics'] });
      await c.call('DescribeTimeToLive', { TableName: t.name });
      // Refused (no TimeToLiveSpecification), and counted all the same.
      await c.call('UpdateTimeToLive', { TableName: t.name }).then(
        () => Promise.reject(new Error('UpdateTimeToLive without a specification succeeded')),
        (err: unknown) => {
          if (!(err instanceof DynamoError) || err.type !== 'ValidationException') throw err;
        },
      );
    });
    for (const [i, g] of grew.entries()) expect(g, ops[i]).toBeGreaterThanOrEqual(1);
  });

  it('an unknown operation counts as unsupported, and every request in the total (test_unsupported_operation, test_total_operations)', async (ctx) => {
    requireMetrics(ctx);
    const grew = await growth([['scylla_alternator_unsupported_operations'], ['scylla_alternator_total_operations']], async () => {
      const r = await c.raw('BoguousOperationName', {});
      expect(r.status).toBe(400);
    });
    expect(grew[0]).toBeGreaterThanOrEqual(1);
    expect(grew[1]).toBeGreaterThanOrEqual(1);
  });

  it("a successful PutItem and GetItem are timed on the table's latency histograms (test_item_latency_per_table)", async (ctx) => {
    requireMetrics(ctx);
    const latency = (op: string) => ['scylla_alternator_table_op_latency_count', { op, cf: t.name }] as [string, Record<string, string>];
    const grew = await growth([latency('PutItem'), latency('GetItem')], async () => {
      await c.call('PutItem', { TableName: t.name, Item: { p: S('latency') } });
      await c.call('GetItem', { TableName: t.name, Key: { p: S('latency') } });
    });
    expect(grew).toEqual([1, 1]);
  });

  it("read and write units: a PutItem of 2 KB + 1 byte is 3 WCU and a consistent GetItem of 4 KB + 1 byte 2 RCU, on the table's series (test_wcu_per_table, test_rcu_per_table)", async (ctx) => {
    requireMetrics(ctx);
    const KB = 1024;
    const item = (p: string, size: number) => ({ p: S(p), att: S('v'), another: S('a'.repeat(size - p.length - 1 - 'pattanother'.length)) });
    const [wcu] = await growth([['scylla_alternator_table_wcu_total', { op: 'PutItem', cf: t.name }]], () => c.call('PutItem', { TableName: t.name, Item: item('wcu', 2 * KB + 1) }));
    expect(wcu).toBe(3);
    await c.call('PutItem', { TableName: t.name, Item: item('rcu', 4 * KB + 1) });
    const [rcu] = await growth([['scylla_alternator_table_rcu_total', { cf: t.name }]], () => c.call('GetItem', { TableName: t.name, Key: { p: S('rcu') }, ConsistentRead: true }));
    expect(rcu).toBe(2);
  });

  it('a request refused for lack of permission counts as an authorization failure, a wrong secret as an authentication failure (test_authorization_failure, test_authentication_failure_2)', async (ctx) => {
    requireMetrics(ctx);
    requireFeature(ctx, 'rbac');
    requirePromise(ctx, e.promises.authorization === 'enforced', 'the variant disables authorization: nothing is refused');
    const reader = e.datacenters[0]!.extraRoles?.find((r) => r.login !== false && r.permissions?.includes('SELECT') && !r.permissions.includes('MODIFY'));
    requirePromise(ctx, reader !== undefined, 'the target names no role that holds SELECT without MODIFY');
    const asReader = client(0, { credentials: reader });
    try {
      const grew = await growth([['scylla_alternator_authorization_failures'], ['scylla_alternator_authentication_failures']], async () => {
        expect((await asReader.raw('PutItem', { TableName: t.name, Item: { p: S('denied') } })).status).toBe(400);
        expect((await c.raw('ListTables', {}, { sign: { accessKeyId: reader!.accessKeyId, secretAccessKey: 'wrong' } })).status).toBe(400);
      });
      expect(grew[0]).toBeGreaterThanOrEqual(1);
      expect(grew[1]).toBeGreaterThanOrEqual(1);
    } finally {
      asReader.close();
    }
  });
});
