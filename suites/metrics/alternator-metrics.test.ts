// ScyllaDB's per-table Prometheus metrics for Alternator move as operations are made on a table, and only as ScyllaDB
// counts them (test/alternator/test_metrics.py; names and labels from alternator/stats.cc
// register_metrics_with_optional_table; which operation counts per table from the executor functions, scylla-2026.2.4;
// per-table series exist from 2025.3.0). Other suite files run beside this one on the same deployment, so every check
// here is an EXACT delta of this file's own table's series, which nothing else touches. The global series are checked
// in metrics/global-counters, which runs alone on its deployment.
import { describe, it, expect, beforeAll } from 'vitest';
import type { TestContext } from 'vitest';
import { endpoint, useTable, requireFeature, DynamoError, type DynamoClient } from '../../harness/suite-kit/index.ts';
import { nodeMetrics, type SeriesSelector } from '../../harness/suite-kit/metrics.ts';
import { S, N } from '../../harness/suite-kit/values.ts';

describe('alternator per-table metrics', () => {
  const e = endpoint();
  const metrics = nodeMetrics(e);
  const t = useTable('metrics', { hash: ['p', 'S'] });
  let c: DynamoClient;
  beforeAll(async () => {
    await t.ready();
    c = t.client;
  });

  /** The target exposes the nodes' metrics and the version has per-table series. */
  function requirePerTable(ctx: TestContext): void {
    metrics.require(ctx);
    requireFeature(ctx, 'per-table-metrics');
  }

  const table = () => ({ cf: t.name, ks: `alternator_${t.name}` });
  const onTable = (op: string): SeriesSelector => ['scylla_alternator_table_operation', { op, ...table() }];

  it("PutItem, GetItem, UpdateItem and DeleteItem are each counted once on the table's series (test_table_item_operations)", async (ctx) => {
    requirePerTable(ctx);
    const ops = ['PutItem', 'GetItem', 'UpdateItem', 'DeleteItem'];
    const grew = await metrics.growth(ops.map(onTable), async () => {
      await c.call('PutItem', { TableName: t.name, Item: { p: S('item-ops') } });
      await c.call('GetItem', { TableName: t.name, Key: { p: S('item-ops') } });
      await c.call('UpdateItem', { TableName: t.name, Key: { p: S('item-ops') }, UpdateExpression: 'SET a = :a', ExpressionAttributeValues: { ':a': N(1) } });
      await c.call('DeleteItem', { TableName: t.name, Key: { p: S('item-ops') } });
    });
    expect(grew).toEqual([1, 1, 1, 1]);
  });

  it("Query and Scan are each counted once on the table's series (test_table_scan_operations)", async (ctx) => {
    requirePerTable(ctx);
    const grew = await metrics.growth([onTable('Query'), onTable('Scan')], async () => {
      await c.call('Scan', { TableName: t.name, Limit: 1 });
      await c.call('Query', { TableName: t.name, Limit: 1, KeyConditionExpression: 'p = :p', ExpressionAttributeValues: { ':p': S('dog') } });
    });
    expect(grew).toEqual([1, 1]);
  });

  it("BatchWriteItem counts one operation and each of its items on the table (executor::batch_write_item, test_table_batch_write_item)", async (ctx) => {
    requirePerTable(ctx);
    const items: SeriesSelector = ['scylla_alternator_table_batch_item_count', { op: 'BatchWriteItem', ...table() }];
    const grew = await metrics.growth([onTable('BatchWriteItem'), items], () =>
      c.call('BatchWriteItem', { RequestItems: { [t.name]: [{ PutRequest: { Item: { p: S('bw1'), a: S('hi') } } }, { PutRequest: { Item: { p: S('bw2'), a: S('hi') } } }] } }),
    );
    expect(grew).toEqual([1, 2]);
  });

  it("BatchGetItem counts nothing on the table's operation and batch-size series: ScyllaDB counts it globally only (executor_read.cc executor::batch_get_item)", async (ctx) => {
    requirePerTable(ctx);
    const items: SeriesSelector = ['scylla_alternator_table_batch_item_count', { op: 'BatchGetItem', ...table() }];
    const grew = await metrics.growth([onTable('BatchGetItem'), items], () =>
      c.call('BatchGetItem', { RequestItems: { [t.name]: { Keys: [{ p: S('bg1') }, { p: S('bg2') }], ConsistentRead: true } } }),
    );
    expect(grew).toEqual([0, 0]);
  });

  it("DescribeTable and the tag operations count on the table; UpdateTable and the TTL operations do not (executor::describe_table, tag_resource, update_table, ttl.cc)", async (ctx) => {
    requirePerTable(ctx);
    const counted = ['DescribeTable', 'ListTagsOfResource', 'TagResource', 'UntagResource'];
    const notCounted = ['UpdateTable', 'DescribeTimeToLive', 'UpdateTimeToLive'];
    const arn = (await c.call<{ Table: { TableArn: string } }>('DescribeTable', { TableName: t.name })).Table.TableArn;
    const grew = await metrics.growth([...counted, ...notCounted].map(onTable), async () => {
      await c.call('DescribeTable', { TableName: t.name });
      await c.call('ListTagsOfResource', { ResourceArn: arn });
      await c.call('TagResource', { ResourceArn: arn, Tags: [{ Key: 'metrics', Value: 'dog' }] });
      await c.call('UntagResource', { ResourceArn: arn, TagKeys: ['metrics'] });
      // Some implementations refuse an UpdateTable that changes nothing; counted or not, it is not counted per table.
      await c.call('UpdateTable', { TableName: t.name, BillingMode: 'PAY_PER_REQUEST' }).catch((err: unknown) => {
        if (!(err instanceof DynamoError)) throw err;
      });
      await c.call('DescribeTimeToLive', { TableName: t.name });
      await c.call('UpdateTimeToLive', { TableName: t.name }).catch((err: unknown) => {
        if (!(err instanceof DynamoError) || err.type !== 'ValidationException') throw err;
      });
    });
    expect(Object.fromEntries([...counted, ...notCounted].map((op, i) => [op, grew[i]]))).toEqual({
      DescribeTable: 1,
      ListTagsOfResource: 1,
      TagResource: 1,
      UntagResource: 1,
      UpdateTable: 0,
      DescribeTimeToLive: 0,
      UpdateTimeToLive: 0,
    });
  });

  it("a successful PutItem and GetItem are timed once each on the table's latency histograms (test_item_latency_per_table)", async (ctx) => {
    requirePerTable(ctx);
    const latency = (op: string): SeriesSelector => ['scylla_alternator_table_op_latency_count', { op, ...table() }];
    const grew = await metrics.growth([latency('PutItem'), latency('GetItem')], async () => {
      await c.call('PutItem', { TableName: t.name, Item: { p: S('latency') } });
      await c.call('GetItem', { TableName: t.name, Key: { p: S('latency') } });
    });
    expect(grew).toEqual([1, 1]);
  });

  it("read and write units: a PutItem of 2 KB + 1 byte is 3 WCU and a consistent GetItem of 4 KB + 1 byte 2 RCU, on the table's series (test_wcu_per_table, test_rcu_per_table)", async (ctx) => {
    requirePerTable(ctx);
    const KB = 1024;
    const item = (p: string, size: number) => ({ p: S(p), att: S('v'), another: S('a'.repeat(size - p.length - 1 - 'pattanother'.length)) });
    const [wcu] = await metrics.growth([['scylla_alternator_table_wcu_total', { op: 'PutItem', ...table() }]], () => c.call('PutItem', { TableName: t.name, Item: item('wcu', 2 * KB + 1) }));
    expect(wcu).toBe(3);
    await c.call('PutItem', { TableName: t.name, Item: item('rcu', 4 * KB + 1) });
    const [rcu] = await metrics.growth([['scylla_alternator_table_rcu_total', table()]], () => c.call('GetItem', { TableName: t.name, Key: { p: S('rcu') }, ConsistentRead: true }));
    expect(rcu).toBe(2);
  });

  it("BatchGetItem's read units count on its table: two consistent reads of items under 4 KB are 2 RCU (executor::batch_get_item rcu_half_units_total)", async (ctx) => {
    requirePerTable(ctx);
    await c.call('BatchWriteItem', { RequestItems: { [t.name]: [{ PutRequest: { Item: { p: S('bg-rcu1') } } }, { PutRequest: { Item: { p: S('bg-rcu2') } } }] } });
    const [rcu] = await metrics.growth([['scylla_alternator_table_rcu_total', table()]], () =>
      c.call('BatchGetItem', { RequestItems: { [t.name]: { Keys: [{ p: S('bg-rcu1') }, { p: S('bg-rcu2') }], ConsistentRead: true } } }),
    );
    expect(rcu).toBe(2);
  });
});
