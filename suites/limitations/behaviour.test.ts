// Documented Alternator limitations in behaviour a client can observe: provisioned throughput accepted but not
// enforced, index projections ignored, Alternator's own error type for a body
// that is not JSON, its larger BatchWriteItem limit, and Streams unavailable on tablets. Three outcomes each:
// reproduced (pass), lifted (reported; fails with --fail-on-lifted), anything else (fail).
import { describe, it, beforeAll } from 'vitest';
import { useTable, useSharedTable, tableName, limitation, requireFeature, requireDifference, differenceApplies, differenceReference, DynamoError, eventually, deadline, WaitDeadlineError } from '../../harness/suite-kit/index.ts';
import { parseErrorBody } from '../../harness/client/dynamo-client.ts';
import { putRequests, allPages, itemsOf } from '../../harness/suite-kit/items.ts';
import { S, N } from '../../harness/suite-kit/values.ts';

const THROTTLED = new Set(['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded']);

/** The error of a promise, or undefined when it succeeded; non-DynamoDB errors are rethrown. */
async function errorOf(p: Promise<unknown>): Promise<DynamoError | undefined> {
  try {
    await p;
    return undefined;
  } catch (e) {
    if (e instanceof DynamoError) return e;
    throw e;
  }
}

describe('limitations: provisioned throughput', () => {
  const ID = 'alternator-provisioned-throughput-ignored';
  // 1 read and 1 write unit per second: DynamoDB throttles a burst far above that. Its own table: the limitation is
  // about the billing mode a table is created with.
  const t = useTable('lim_provisioned', { hash: ['pk', 'S'] }, { BillingMode: 'PROVISIONED', ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } });

  /** n requests, 20 at a time; the DynamoDB errors they met. */
  async function burst(n: number, one: (i: number) => Promise<unknown>) {
    const errors: DynamoError[] = [];
    for (let i = 0; i < n; i += 20) {
      const batch = await Promise.all(Array.from({ length: Math.min(20, n - i) }, (_, j) => errorOf(one(i + j))));
      errors.push(...batch.filter((e): e is DynamoError => e !== undefined));
    }
    return errors;
  }

  it('a table created PROVISIONED with 1 WCU takes 200 writes of 2 KB at once without throttling', async (ctx) => {
    requireDifference(ctx, ID);
    await t.ready();
    const errors = await burst(200, (i) => t.client.call('PutItem', { TableName: t.name, Item: { pk: S(`w${i}`), v: S('x'.repeat(2048)) } }));
    limitation(ctx, differenceReference(ID), {
      reproduced: errors.length === 0,
      lifted: errors.length > 0 && errors.every((e) => THROTTLED.has(e.type)),
      observed: errors.length ? `${errors.length} of 200 writes refused (${[...new Set(errors.map((e) => e.type))].join(', ')})` : '200 writes at once on a 1 WCU table, none throttled',
    });
  });

  it('a table created PROVISIONED with 1 RCU takes 200 consistent reads at once without throttling', async (ctx) => {
    requireDifference(ctx, ID);
    await t.ready();
    const errors = await burst(200, (i) => t.client.call('GetItem', { TableName: t.name, Key: { pk: S(`w${i % 50}`) }, ConsistentRead: true }));
    limitation(ctx, differenceReference(ID), {
      reproduced: errors.length === 0,
      lifted: errors.length > 0 && errors.every((e) => THROTTLED.has(e.type)),
      observed: errors.length ? `${errors.length} of 200 reads refused (${[...new Set(errors.map((e) => e.type))].join(', ')})` : '200 consistent reads at once on a 1 RCU table, none throttled',
    });
  });
});

describe('limitations: index projections', () => {
  const ID = 'alternator-index-projection-all';
  // Its own table: the limitation is about the index projections CreateTable is given.
  const t = useTable(
    'lim_projection',
    { hash: ['pk', 'S'], range: ['sk', 'S'] },
    {
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
        { AttributeName: 'g', AttributeType: 'S' },
        { AttributeName: 'l', AttributeType: 'S' },
      ],
      GlobalSecondaryIndexes: [{ IndexName: 'keys_only', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' } }],
      LocalSecondaryIndexes: [
        {
          IndexName: 'include_x',
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            { AttributeName: 'l', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['x'] },
        },
      ],
    },
  );
  beforeAll(async () => {
    if (!differenceApplies(ID)) return;
    await t.ready();
    await t.client.call('PutItem', { TableName: t.name, Item: { pk: S('p'), sk: S('s'), g: S('G'), l: S('L'), x: S('x'), secret: S('not projected') } });
  });

  it('a KEYS_ONLY GSI answers non-key attributes too', async (ctx) => {
    requireDifference(ctx, ID);
    // An item that never shows in the index is an observation too ("never appeared"), not an error of the case.
    const items: any[] = await eventually(
      'the item in the KEYS_ONLY GSI',
      async () => {
        const found = (await t.client.call<any>('Query', { TableName: t.name, IndexName: 'keys_only', KeyConditionExpression: 'g = :g', ExpressionAttributeValues: { ':g': S('G') } })).Items;
        if (!found.length) throw new Error('not in the index yet');
        return found;
      },
      deadline.indexRead(),
    ).catch((e) => {
      if (e instanceof WaitDeadlineError) return [];
      throw e;
    });
    const item = items[0];
    limitation(ctx, differenceReference(ID), {
      reproduced: item?.secret !== undefined,
      lifted: item !== undefined && item.secret === undefined && item.x === undefined,
      observed: item ? `KEYS_ONLY index item has attributes ${Object.keys(item).sort().join(', ')}` : 'the item never appeared in the GSI',
    });
  });

  it('an INCLUDE LSI answers attributes it does not include', async (ctx) => {
    requireDifference(ctx, ID);
    const r = await t.client.call<any>('Query', { TableName: t.name, IndexName: 'include_x', ConsistentRead: true, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': S('p') } });
    const item = r.Items[0];
    limitation(ctx, differenceReference(ID), {
      reproduced: item?.secret !== undefined,
      lifted: item !== undefined && item.secret === undefined && item.x !== undefined,
      observed: item ? `INCLUDE(x) index item has attributes ${Object.keys(item).sort().join(', ')}` : 'the item is not in the LSI',
    });
  });

  it('DescribeTable reports ProjectionType ALL whatever was asked', async (ctx) => {
    requireDifference(ctx, ID);
    const d = (await t.client.call<any>('DescribeTable', { TableName: t.name })).Table;
    const gsi = d.GlobalSecondaryIndexes?.[0]?.Projection;
    const lsi = d.LocalSecondaryIndexes?.[0]?.Projection;
    limitation(ctx, differenceReference(ID), {
      reproduced: gsi?.ProjectionType === 'ALL' && lsi?.ProjectionType === 'ALL',
      lifted: gsi?.ProjectionType === 'KEYS_ONLY' && lsi?.ProjectionType === 'INCLUDE',
      observed: `GSI projection ${JSON.stringify(gsi)}, LSI projection ${JSON.stringify(lsi)}`,
    });
  });
});

describe('limitations: protocol', () => {
  // The run's shared table of this key schema: the BatchWriteItem case writes and counts only keys under its prefix.
  const t = useSharedTable('lim_protocol', { hash: ['pk', 'S'] });
  beforeAll(() => t.ready());

  it('a body that is not JSON is answered ValidationException, not SerializationException', async (ctx) => {
    const ID = 'alternator-bad-json-validation';
    requireDifference(ctx, ID);
    const r = await t.client.raw('PutItem', {}, { body: '{"TableName": ' });
    const e = r.status === 200 ? undefined : parseErrorBody(r.status, r.text);
    limitation(ctx, differenceReference(ID), {
      reproduced: r.status === 400 && e?.type === 'ValidationException',
      lifted: r.status === 400 && e?.type === 'SerializationException',
      observed: e ? `HTTP ${r.status} ${e.type}: ${e.serverMessage}` : `HTTP ${r.status}`,
    });
  });

  it('BatchWriteItem takes 100 writes in one request (DynamoDB stops at 25)', async (ctx) => {
    const ID = 'alternator-batch-write-limit-100';
    requireDifference(ctx, ID);
    requireFeature(ctx, 'batch-write-over-25');
    const items = Array.from({ length: 100 }, (_, i) => ({ pk: S(t.key(`bw${String(i).padStart(3, '0')}`)), n: N(i) }));
    const e = await errorOf(t.client.call('BatchWriteItem', { RequestItems: { [t.name]: putRequests(items) } }));
    const landed = e ? 0 : itemsOf(await allPages(t.client, 'Scan', { TableName: t.name, ConsistentRead: true, FilterExpression: 'begins_with(pk, :p)', ExpressionAttributeValues: { ':p': S(t.key('bw')) } })).length;
    limitation(ctx, differenceReference(ID), {
      reproduced: e === undefined && landed === 100,
      lifted: e?.type === 'ValidationException',
      observed: e ? `${e.type}: ${e.serverMessage}` : `100 writes in one BatchWriteItem accepted, ${landed} landed`,
    });
  });

  it('a table with Streams cannot use tablets', async (ctx) => {
    const ID = 'alternator-streams-need-vnodes';
    requireDifference(ctx, ID);
    requireFeature(ctx, 'streams');
    // A name of its own (deleted at once if created), never one under the shared tables' mark.
    const name = tableName('lim_protocol_st');
    // The tag that asks for tablets: system:initial_tablets from 2025.4, experimental:initial_tablets before
    // (alternator/executor.cc create_keyspace_metadata at each tag); "0" lets ScyllaDB choose the tablet count.
    const tabletsTag = differenceApplies('alternator-tablets-by-default') ? 'system:initial_tablets' : 'experimental:initial_tablets';
    const e = await errorOf(
      t.client.call('CreateTable', {
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
        Tags: [{ Key: tabletsTag, Value: '0' }],
      }),
    );
    if (!e) await t.client.call('DeleteTable', { TableName: name }).catch(() => undefined);
    limitation(ctx, differenceReference(ID), {
      reproduced: e?.type === 'ValidationException' && /Streams not yet supported on a table using tablets/i.test(e.serverMessage),
      lifted: e === undefined,
      observed: e ? `${e.type}: ${e.serverMessage}` : 'a tablets table with a stream was created',
    });
  });
});
