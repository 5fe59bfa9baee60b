// Streams, transactions and PartiQL, each run only where the target offers it (requireFeature): written to
// run against DynamoDB; on Alternator transactions and PartiQL are documented as unimplemented
// (suites/limitations reproduces that), and the local data plane has no Streams. Where the deployment answers
// TransactGetItems or ExecuteStatement after all (observeLiftedLimitations probes it before the tests), those cases
// run on Alternator too and count like any other. Areas of scylladb test/alternator test_streams.py and test_transact.py.
import { describe, it, expect, afterAll } from 'vitest';
import { useTable, expectError, requireFeature, eventually, deadline, streamsClient, offers, observeLiftedLimitations } from '../../harness/suite-kit/index.ts';
import { streamTableTags } from '../../harness/suite-kit/streams.ts';
import type { Item } from '../../harness/suite-kit/items.ts';
import { S, N } from '../../harness/suite-kit/values.ts';

const streamTags = () => (streamTableTags().length ? { Tags: streamTableTags() } : {});

observeLiftedLimitations('transactions', 'partiql');

describe('api streams', () => {
  // Created lazily, by the first test that needs it: never where Streams are missing.
  const t = useTable('streams', { hash: ['pk', 'S'] }, { StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' }, ...streamTags() });
  const ready = () => t.ready();
  // ListStreams, DescribeStream, GetShardIterator and GetRecords belong to the Streams API (its own target prefix and,
  // on AWS, its own endpoint).
  const streams = streamsClient();
  afterAll(() => streams.close());
  const streamArn = async () => (await t.client.call<any>('DescribeTable', { TableName: t.name })).Table.LatestStreamArn as string;

  /** Every record of every shard from TRIM_HORIZON, read until `until` holds or the time is up. */
  async function readUntil(until: (records: any[]) => boolean): Promise<any[]> {
    const arn = await streamArn();
    return eventually('the expected records in the stream', async () => {
      const records: any[] = [];
      let start: string | undefined;
      do {
        const d = await streams.call<any>('DescribeStream', { StreamArn: arn, ...(start ? { ExclusiveStartShardId: start } : {}) });
        for (const shard of d.StreamDescription.Shards) {
          let it = (await streams.call<any>('GetShardIterator', { StreamArn: arn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' })).ShardIterator;
          for (let i = 0; it && i < 20; i++) {
            const r = await streams.call<any>('GetRecords', { ShardIterator: it });
            records.push(...r.Records);
            if (r.Records.length === 0) break;
            it = r.NextShardIterator;
          }
        }
        start = d.StreamDescription.LastEvaluatedShardId;
      } while (start);
      if (!until(records)) throw new Error(`stream has ${records.length} record(s), not yet the expected ones`);
      return records;
    }, deadline.streamRecords(), { stepMs: 1000 });
  }

  it('DescribeTable shows the stream specification and a LatestStreamArn', async (ctx) => {
    requireFeature(ctx, 'streams');
    await ready();
    const d = (await t.client.call<any>('DescribeTable', { TableName: t.name })).Table;
    expect(d.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
    expect(typeof d.LatestStreamArn).toBe('string');
  });

  it('ListStreams lists the table stream', async (ctx) => {
    requireFeature(ctx, 'streams');
    await ready();
    const arn = await streamArn();
    const r = await streams.call<any>('ListStreams', { TableName: t.name });
    expect(r.Streams.map((s: any) => s.StreamArn)).toContain(arn);
  });

  it('DescribeStream answers ENABLED with at least one shard and the view type', async (ctx) => {
    requireFeature(ctx, 'streams');
    await ready();
    const d = (await streams.call<any>('DescribeStream', { StreamArn: await streamArn() })).StreamDescription;
    await eventually('DescribeStream ENABLED', async () => expect((await streams.call<any>('DescribeStream', { StreamArn: await streamArn() })).StreamDescription.StreamStatus).toBe('ENABLED'), deadline.streamStatus());
    expect(d.StreamViewType).toBe('NEW_AND_OLD_IMAGES');
    expect(d.Shards.length).toBeGreaterThan(0);
  });

  it('a put, an update and a delete appear in the stream with their images', async (ctx) => {
    requireFeature(ctx, 'streams');
    await ready();
    await t.client.call('PutItem', { TableName: t.name, Item: { pk: S('s1'), v: N(1) } });
    await t.client.call('UpdateItem', { TableName: t.name, Key: { pk: S('s1') }, UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': N(2) } });
    await t.client.call('DeleteItem', { TableName: t.name, Key: { pk: S('s1') } });
    const mine = (rs: any[]) => rs.filter((r) => r.dynamodb?.Keys?.pk?.S === 's1');
    const records = mine(
      await readUntil((rs) => {
        const m = mine(rs);
        return m.some((r) => r.dynamodb.NewImage?.v?.N === '2') && m.some((r) => r.eventName === 'REMOVE' && r.dynamodb.OldImage?.v?.N === '2');
      }),
    );
    expect(records.some((r) => r.dynamodb.NewImage?.v?.N === '1')).toBe(true);
    const update = records.find((r) => r.dynamodb.NewImage?.v?.N === '2');
    expect(update.dynamodb.OldImage).toEqual({ pk: S('s1'), v: N(1) });
  });

  it('GetRecords with a malformed iterator is a ValidationException', async (ctx) => {
    requireFeature(ctx, 'streams');
    await ready();
    await expectError(streams.call('GetRecords', { ShardIterator: 'not-an-iterator' }), 'ValidationException');
  });

  // test_streams.py test_describe_stream_nonexistent_table: the table name replaced inside a real ARN. (Appending to
  // the ARN is no test: from 2026.2 Alternator reads only the part up to "/stream/", so it names the same stream.)
  it('DescribeStream of an ARN naming a missing table is a ResourceNotFoundException', async (ctx) => {
    requireFeature(ctx, 'streams');
    requireFeature(ctx, 'stream-arn-names-table');
    await ready();
    const arn = await streamArn();
    const parts = arn.split(t.name);
    expect(parts.length, `the stream ARN ${arn} should contain the table name`).toBeGreaterThan(1);
    // Alternator's ARN names the table twice (keyspace and log table): each occurrence alone must not resolve.
    for (let i = 1; i < parts.length; i++) {
      const other = [parts.slice(0, i).join(t.name), parts.slice(i).join(t.name)].join(`${t.name}_missing`);
      await expectError(streams.call('DescribeStream', { StreamArn: other }), 'ResourceNotFoundException');
    }
  });

  it('UpdateTable can switch the stream off', async (ctx) => {
    requireFeature(ctx, 'streams');
    await ready();
    await t.client.call('UpdateTable', { TableName: t.name, StreamSpecification: { StreamEnabled: false } });
    await eventually('DescribeTable shows the stream disabled', async () => {
      const d = (await t.client.call<any>('DescribeTable', { TableName: t.name })).Table;
      expect(d.StreamSpecification?.StreamEnabled ?? false).toBe(false);
    }, deadline.streamStatus());
  });
});

describe('api transactions', () => {
  const t = useTable('transact', { hash: ['pk', 'S'] });
  const txWrite = (items: unknown[], extra: Record<string, unknown> = {}) => t.client.call<any>('TransactWriteItems', { TransactItems: items, ...extra });
  const get = async (pk: string) => (await t.client.call<any>('GetItem', { TableName: t.name, Key: { pk: S(pk) }, ConsistentRead: true })).Item as Item | undefined;

  it('TransactWriteItems writes every item', async (ctx) => {
    requireFeature(ctx, 'transactions');
    await t.ready();
    await txWrite([{ Put: { TableName: t.name, Item: { pk: S('t1'), v: N(1) } } }, { Put: { TableName: t.name, Item: { pk: S('t2'), v: N(2) } } }]);
    expect([await get('t1'), await get('t2')]).toEqual([{ pk: S('t1'), v: N(1) }, { pk: S('t2'), v: N(2) }]);
  });

  it('a failed ConditionCheck cancels the transaction: nothing is written', async (ctx) => {
    requireFeature(ctx, 'transactions');
    await t.ready();
    await expectError(
      txWrite([
        { Put: { TableName: t.name, Item: { pk: S('t3'), v: N(3) } } },
        { ConditionCheck: { TableName: t.name, Key: { pk: S('absent') }, ConditionExpression: 'attribute_exists(pk)' } },
      ]),
      'TransactionCanceledException',
    );
    expect(await get('t3')).toBeUndefined();
  });

  it('Update and Delete actions in one transaction', async (ctx) => {
    requireFeature(ctx, 'transactions');
    await t.ready();
    await t.client.call('PutItem', { TableName: t.name, Item: { pk: S('t4'), v: N(1) } });
    await t.client.call('PutItem', { TableName: t.name, Item: { pk: S('t5') } });
    await txWrite([
      { Update: { TableName: t.name, Key: { pk: S('t4') }, UpdateExpression: 'SET v = v + :one', ExpressionAttributeValues: { ':one': N(1) } } },
      { Delete: { TableName: t.name, Key: { pk: S('t5') } } },
    ]);
    expect([await get('t4'), await get('t5')]).toEqual([{ pk: S('t4'), v: N(2) }, undefined]);
  });

  it('two actions on the same item are a ValidationException', async (ctx) => {
    requireFeature(ctx, 'transactions');
    await t.ready();
    await expectError(txWrite([{ Put: { TableName: t.name, Item: { pk: S('t6') } } }, { Delete: { TableName: t.name, Key: { pk: S('t6') } } }]), 'ValidationException');
  });

  it('the same ClientRequestToken applies a transaction once', async (ctx) => {
    requireFeature(ctx, 'transactions');
    await t.ready();
    await t.client.call('PutItem', { TableName: t.name, Item: { pk: S('t7'), v: N(0) } });
    const inc = [{ Update: { TableName: t.name, Key: { pk: S('t7') }, UpdateExpression: 'SET v = v + :one', ExpressionAttributeValues: { ':one': N(1) } } }];
    const token = `tok-${Date.now()}`;
    await txWrite(inc, { ClientRequestToken: token });
    await txWrite(inc, { ClientRequestToken: token });
    expect(await get('t7')).toEqual({ pk: S('t7'), v: N(1) });
  });

  it('TransactGetItems reads several items at once', async (ctx) => {
    requireFeature(ctx, 'transactions');
    await t.ready();
    await t.client.call('PutItem', { TableName: t.name, Item: { pk: S('g1'), v: N(1) } });
    const r = await t.client.call<any>('TransactGetItems', {
      TransactItems: [{ Get: { TableName: t.name, Key: { pk: S('g1') } } }, { Get: { TableName: t.name, Key: { pk: S('g-missing') } } }],
    });
    expect(r.Responses[0].Item).toEqual({ pk: S('g1'), v: N(1) });
    expect(r.Responses[1].Item).toBeUndefined();
  });

  it('more than 100 actions are a ValidationException', async (ctx) => {
    requireFeature(ctx, 'transactions');
    await t.ready();
    await expectError(txWrite(Array.from({ length: 101 }, (_, i) => ({ Put: { TableName: t.name, Item: { pk: S(`many${i}`) } } }))), 'ValidationException');
  });
});

describe('api partiql', () => {
  const t = useTable('partiql', { hash: ['pk', 'S'] });
  const exec = (Statement: string, Parameters?: unknown[]) => t.client.call<any>('ExecuteStatement', { Statement, ...(Parameters ? { Parameters } : {}) });

  it('INSERT then SELECT by key', async (ctx) => {
    requireFeature(ctx, 'partiql');
    await t.ready();
    await exec(`INSERT INTO "${t.name}" VALUE {'pk': 'a', 'v': 1}`);
    expect((await exec(`SELECT * FROM "${t.name}" WHERE pk = ?`, [S('a')])).Items).toEqual([{ pk: S('a'), v: N(1) }]);
  });

  it('UPDATE ... SET changes an attribute', async (ctx) => {
    requireFeature(ctx, 'partiql');
    await t.ready();
    await exec(`INSERT INTO "${t.name}" VALUE {'pk': 'u', 'v': 1}`);
    await exec(`UPDATE "${t.name}" SET v = 5 WHERE pk = 'u'`);
    expect((await exec(`SELECT v FROM "${t.name}" WHERE pk = 'u'`)).Items).toEqual([{ v: N(5) }]);
  });

  it('DELETE removes the item', async (ctx) => {
    requireFeature(ctx, 'partiql');
    await t.ready();
    await exec(`INSERT INTO "${t.name}" VALUE {'pk': 'd'}`);
    await exec(`DELETE FROM "${t.name}" WHERE pk = 'd'`);
    expect((await exec(`SELECT * FROM "${t.name}" WHERE pk = 'd'`)).Items).toEqual([]);
  });

  it('INSERT of an existing key is a DuplicateItemException (DuplicateItem on DynamoDB Local, a documented difference)', async (ctx) => {
    requireFeature(ctx, 'partiql');
    await t.ready();
    await exec(`INSERT INTO "${t.name}" VALUE {'pk': 'dup'}`);
    // DynamoDB Local refuses it under another type name (difference dynamodb-local-partiql-duplicate-item).
    await expectError(exec(`INSERT INTO "${t.name}" VALUE {'pk': 'dup'}`), offers('partiql-duplicate-item-exception') ? 'DuplicateItemException' : 'DuplicateItem');
  });

  it('BatchExecuteStatement runs several statements', async (ctx) => {
    requireFeature(ctx, 'partiql');
    await t.ready();
    const r = await t.client.call<any>('BatchExecuteStatement', {
      Statements: [{ Statement: `INSERT INTO "${t.name}" VALUE {'pk': 'b1'}` }, { Statement: `INSERT INTO "${t.name}" VALUE {'pk': 'b2'}` }],
    });
    expect(r.Responses).toHaveLength(2);
    expect((await exec(`SELECT * FROM "${t.name}" WHERE pk = 'b2'`)).Items).toEqual([{ pk: S('b2') }]);
  });

  it('ExecuteTransaction applies all statements', async (ctx) => {
    requireFeature(ctx, 'partiql');
    requireFeature(ctx, 'transactions');
    await t.ready();
    await t.client.call('ExecuteTransaction', {
      TransactStatements: [{ Statement: `INSERT INTO "${t.name}" VALUE {'pk': 'x1'}` }, { Statement: `INSERT INTO "${t.name}" VALUE {'pk': 'x2'}` }],
    });
    expect((await exec(`SELECT * FROM "${t.name}" WHERE pk = 'x1'`)).Items).toHaveLength(1);
  });

  it('a statement with a syntax error is a ValidationException', async (ctx) => {
    requireFeature(ctx, 'partiql');
    await t.ready();
    await expectError(exec(`SELEKT * FROM "${t.name}"`), 'ValidationException');
  });
});
