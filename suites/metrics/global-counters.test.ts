// @alternator-e2e runs-alone: the global series count every request to the node, so nothing else may run beside it.
// ScyllaDB's global (per node) Prometheus metrics for Alternator move by exactly what this file does
// (test/alternator/test_metrics.py; alternator/stats.cc register_metrics_with_optional_table; server.cc
// handle_api_request; the executor functions at scylla-2026.2.4). The run schedules this file after every other file
// and alone on its deployment (harness/run/projects.ts), so each check is an EXACT delta: one request, one count.
import { describe, it, expect, beforeAll } from 'vitest';
import { endpoint, useSharedTable, client, requirePromise, requireDeclared, requireFeature, tableName, tableDefinition, waitActive, deleteTableQuietly, DynamoError, type DynamoClient } from '../../harness/suite-kit/index.ts';
import { nodeMetrics, type SeriesSelector } from '../../harness/suite-kit/metrics.ts';
import { S, N } from '../../harness/suite-kit/values.ts';

describe('alternator global metrics (alone on the deployment)', () => {
  const e = endpoint();
  const metrics = nodeMetrics(e);
  // The deployment's shared hash-key table (issue 23: no table of its own to create): the global series count
  // requests, whatever their table; this file writes only its own keys there, and nothing else runs beside it.
  const t = useSharedTable('metrics_global', { hash: ['p', 'S'] });
  let c: DynamoClient;
  beforeAll(async () => {
    await t.ready();
    c = t.client;
  });

  const global = (op: string): SeriesSelector => ['scylla_alternator_operation', { op }];
  /** Each call in its own window: exactly one count of its operation, none of the others'. */
  async function eachCountedOnce(calls: Array<[string, () => Promise<unknown>]>): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const [op, call] of calls) out[op] = (await metrics.growth([global(op)], call))[0]!;
    return out;
  }
  const once = (ops: string[]) => Object.fromEntries(ops.map((op) => [op, 1]));

  it('PutItem, GetItem, UpdateItem and DeleteItem each count once, and every request once in the total (test_item_operations, test_total_operations)', async (ctx) => {
    metrics.require(ctx);
    const ops = ['PutItem', 'GetItem', 'UpdateItem', 'DeleteItem'];
    const grew = await metrics.growth([...ops.map(global), ['scylla_alternator_total_operations']], async () => {
      await c.call('PutItem', { TableName: t.name, Item: { p: S(t.key('item-ops')) } });
      await c.call('GetItem', { TableName: t.name, Key: { p: S(t.key('item-ops')) } });
      await c.call('UpdateItem', { TableName: t.name, Key: { p: S(t.key('item-ops')) }, UpdateExpression: 'SET a = :a', ExpressionAttributeValues: { ':a': N(1) } });
      await c.call('DeleteItem', { TableName: t.name, Key: { p: S(t.key('item-ops')) } });
    });
    expect(grew).toEqual([1, 1, 1, 1, 4]);
  });

  it('BatchWriteItem and BatchGetItem count one operation and their items: written items, read partitions (test_batch_write_item_count, test_batch_get_item_count)', async (ctx) => {
    metrics.require(ctx);
    requireFeature(ctx, 'batch-size-metrics');
    const items = (op: string): SeriesSelector => ['scylla_alternator_batch_item_count', { op }];
    const written = await metrics.growth([global('BatchWriteItem'), items('BatchWriteItem')], () =>
      c.call('BatchWriteItem', { RequestItems: { [t.name]: [{ PutRequest: { Item: { p: S(t.key('bw1')) } } }, { PutRequest: { Item: { p: S(t.key('bw2')) } } }, { PutRequest: { Item: { p: S(t.key('bw3')) } } }] } }),
    );
    expect(written).toEqual([1, 3]);
    const read = await metrics.growth([global('BatchGetItem'), items('BatchGetItem')], () =>
      c.call('BatchGetItem', { RequestItems: { [t.name]: { Keys: [{ p: S(t.key('bw1')) }, { p: S(t.key('bw2')) }], ConsistentRead: true } } }),
    );
    expect(read).toEqual([1, 2]);
  });

  it('Query and Scan each count once (test_scan_operations)', async (ctx) => {
    metrics.require(ctx);
    const grew = await eachCountedOnce([
      ['Scan', () => c.call('Scan', { TableName: t.name, Limit: 1 })],
      ['Query', () => c.call('Query', { TableName: t.name, Limit: 1, KeyConditionExpression: 'p = :p', ExpressionAttributeValues: { ':p': S(t.key('dog')) } })],
    ]);
    expect(grew).toEqual(once(['Scan', 'Query']));
  });

  it('CreateTable, DescribeTable, UpdateTable and DeleteTable each count once (test_table_operations)', async (ctx) => {
    metrics.require(ctx);
    const name = tableName('metrics_tables');
    try {
      const [created] = await metrics.growth([global('CreateTable')], () => c.call('CreateTable', tableDefinition(name, { hash: ['p', 'S'] })));
      await waitActive(c, name);
      const grew = await eachCountedOnce([
        ['DescribeTable', () => c.call('DescribeTable', { TableName: name })],
        // Counted on entry, whatever the answer (some implementations refuse an UpdateTable that changes nothing).
        ['UpdateTable', () => c.call('UpdateTable', { TableName: name, BillingMode: 'PAY_PER_REQUEST' }).catch((err: unknown) => {
          if (!(err instanceof DynamoError)) throw err;
        })],
        ['DeleteTable', () => c.call('DeleteTable', { TableName: name })],
      ]);
      expect({ CreateTable: created, ...grew }).toEqual(once(['CreateTable', 'DescribeTable', 'UpdateTable', 'DeleteTable']));
    } finally {
      await deleteTableQuietly(c, name);
    }
  });

  it('DescribeEndpoints, ListTables, the tag and the TTL operations each count once, a refused one too (test_describe_endpoints_operations, test_list_tables_operations, test_tag_operations, test_ttl_operations)', async (ctx) => {
    metrics.require(ctx);
    const arn = (await c.call<{ Table: { TableArn: string } }>('DescribeTable', { TableName: t.name })).Table.TableArn;
    const grew = await eachCountedOnce([
      ['DescribeEndpoints', () => c.call('DescribeEndpoints', {})],
      ['ListTables', () => c.call('ListTables', { Limit: 1 })],
      ['ListTagsOfResource', () => c.call('ListTagsOfResource', { ResourceArn: arn })],
      ['TagResource', () => c.call('TagResource', { ResourceArn: arn, Tags: [{ Key: 'metrics', Value: 'dog' }] })],
      ['UntagResource', () => c.call('UntagResource', { ResourceArn: arn, TagKeys: ['metrics'] })],
      ['DescribeTimeToLive', () => c.call('DescribeTimeToLive', { TableName: t.name })],
      // Refused (no TimeToLiveSpecification), and counted all the same.
      ['UpdateTimeToLive', () => c.call('UpdateTimeToLive', { TableName: t.name }).then(
        () => Promise.reject(new Error('UpdateTimeToLive without a specification succeeded')),
        (err: unknown) => {
          if (!(err instanceof DynamoError) || err.type !== 'ValidationException') throw err;
        },
      )],
    ]);
    expect(grew).toEqual(once(['DescribeEndpoints', 'ListTables', 'ListTagsOfResource', 'TagResource', 'UntagResource', 'DescribeTimeToLive', 'UpdateTimeToLive']));
  });

  it('an unknown operation counts once as unsupported and once in the total (test_unsupported_operation, test_total_operations)', async (ctx) => {
    metrics.require(ctx);
    const grew = await metrics.growth([['scylla_alternator_unsupported_operations'], ['scylla_alternator_total_operations']], async () => {
      const r = await c.raw('BoguousOperationName', {});
      expect(r.status).toBe(400);
    });
    expect(grew).toEqual([1, 1]);
  });

  it('a successful PutItem and GetItem are timed once each on the global latency histograms (test_item_latency)', async (ctx) => {
    metrics.require(ctx);
    const latency = (op: string): SeriesSelector => ['scylla_alternator_op_latency_count', { op }];
    const grew = await metrics.growth([latency('PutItem'), latency('GetItem')], async () => {
      await c.call('PutItem', { TableName: t.name, Item: { p: S(t.key('latency')) } });
      await c.call('GetItem', { TableName: t.name, Key: { p: S(t.key('latency')) } });
    });
    expect(grew).toEqual([1, 1]);
  });

  it('read and write units, globally: a PutItem of 2 KB + 1 byte is 3 WCU and a consistent GetItem of 4 KB + 1 byte 2 RCU (test_wcu_per_table, test_rcu_per_table)', async (ctx) => {
    metrics.require(ctx);
    requireFeature(ctx, 'capacity-unit-metrics');
    const KB = 1024;
    const item = (p: string, size: number) => ({ p: S(p), att: S('v'), another: S('a'.repeat(size - Buffer.byteLength(p) - 1 - 'pattanother'.length)) });
    const [wcu] = await metrics.growth([['scylla_alternator_wcu_total', { op: 'PutItem' }]], () => c.call('PutItem', { TableName: t.name, Item: item(t.key('wcu'), 2 * KB + 1) }));
    expect(wcu).toBe(3);
    await c.call('PutItem', { TableName: t.name, Item: item(t.key('rcu'), 4 * KB + 1) });
    const [rcu] = await metrics.growth([['scylla_alternator_rcu_total']], () => c.call('GetItem', { TableName: t.name, Key: { p: S(t.key('rcu')) }, ConsistentRead: true }));
    expect(rcu).toBe(2);
  });

  it('a request refused for lack of permission counts once as an authorization failure, a wrong secret once as an authentication failure (test_authorization_failure, test_authentication_failure_2)', async (ctx) => {
    metrics.require(ctx);
    requireFeature(ctx, 'rbac');
    requireFeature(ctx, 'auth-failure-metrics');
    requirePromise(ctx, e.promises.authorization === 'enforced', 'the variant disables authorization: nothing is refused');
    const reader = e.datacenters[0]!.extraRoles?.find((r) => r.login !== false && r.permissions?.includes('SELECT') && !r.permissions.includes('MODIFY'));
    requireDeclared(ctx, reader !== undefined, 'extraRoles', 'the target names no role that holds SELECT without MODIFY');
    const asReader = client(0, { credentials: reader });
    try {
      const [authz] = await metrics.growth([['scylla_alternator_authorization_failures']], async () => {
        expect((await asReader.raw('PutItem', { TableName: t.name, Item: { p: S(t.key('denied')) } })).status).toBe(400);
      });
      const [authn] = await metrics.growth([['scylla_alternator_authentication_failures']], async () => {
        expect((await c.raw('ListTables', {}, { sign: { accessKeyId: reader!.accessKeyId, secretAccessKey: 'wrong' } })).status).toBe(400);
      });
      expect([authz, authn]).toEqual([1, 1]);
    } finally {
      asReader.close();
    }
  });
});
