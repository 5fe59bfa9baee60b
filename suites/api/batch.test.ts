// BatchWriteItem and BatchGetItem: their limits (25 writes, 100 keys), mixed puts and deletes, duplicate keys,
// several tables, and Unprocessed* retried until nothing is dropped (every item verified to have landed).
// Areas of scylladb test/alternator test_batch.py.
import { describe, it, expect, beforeAll } from 'vitest';
import { useSharedTable, expectError, requireFeature, requireDifference, offers } from '../../harness/suite-kit/index.ts';
import { batchWriteAll, batchGetAll, putRequests, deleteRequests, allPages, itemsOf, exactlyOnce, sameItem, type Item } from '../../harness/suite-kit/items.ts';
import { S, N } from '../../harness/suite-kit/values.ts';

const KEY = ['pk', 'sk'];
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('api batch', () => {
  const t = useSharedTable('batch', { hash: ['pk', 'S'], range: ['sk', 'N'] });
  const u = useSharedTable('batch_b', { hash: ['id', 'S'] });
  /** Keys of this file's own, in the shared tables. */
  const P = (s: string) => S(t.key(s));
  const U = (s: string) => S(u.key(s));
  beforeAll(() => Promise.all([t.ready(), u.ready()]));

  const c = () => t.client;
  const write = (requestItems: Record<string, unknown>) => c().call<any>('BatchWriteItem', { RequestItems: requestItems });
  const get = (requestItems: Record<string, unknown>) => c().call<any>('BatchGetItem', { RequestItems: requestItems });
  const partition = async (pk: string) =>
    itemsOf(
      await allPages(c(), 'Query', {
        TableName: t.name,
        ConsistentRead: true,
        KeyConditionExpression: 'pk = :p',
        ExpressionAttributeValues: { ':p': P(pk) },
      }),
    );
  const itemsIn = (pk: string, n: number, extra: (i: number) => Item = () => ({})) => range(n).map((i) => ({ pk: P(pk), sk: N(i), ...extra(i) }));

  describe('BatchWriteItem', () => {
    it('25 puts in one batch: every item lands', async () => {
      const items = itemsIn('w25', 25, (i) => ({ v: S(`v${i}`) }));
      const r = await write({ [t.name]: putRequests(items) });
      expect(r.UnprocessedItems ?? {}).toEqual({});
      const got = await partition('w25');
      exactlyOnce(got, items, KEY);
      expect(got).toEqual(items);
    });

    it('26 requests in one batch are a ValidationException and nothing is written (DynamoDB limit 25)', async (ctx) => {
      requireFeature(ctx, 'batch-write-limit-25');
      await expectError(write({ [t.name]: putRequests(itemsIn('w26', 26)) }), 'ValidationException');
      expect(await partition('w26')).toEqual([]);
    });

    it('26 requests split over two tables are a ValidationException (the limit is per request)', async (ctx) => {
      requireFeature(ctx, 'batch-write-limit-25');
      const r = write({ [t.name]: putRequests(itemsIn('w26b', 13)), [u.name]: putRequests(range(13).map((i) => ({ id: U(`w26b-${i}`) }))) });
      await expectError(r, 'ValidationException');
    });

    // Above DynamoDB's 25 and Alternator's 100 (alternator/executor.cc executor::batch_write_item, since 2025.2).
    it('105 requests in one batch are a ValidationException and nothing is written (above every limit)', async (ctx) => {
      requireFeature(ctx, 'batch-write-limit-enforced');
      await expectError(write({ [t.name]: putRequests(itemsIn('w105', 105)) }), 'ValidationException');
      expect(await partition('w105')).toEqual([]);
    });

    it('105 deletes in one batch are a ValidationException', async (ctx) => {
      requireFeature(ctx, 'batch-write-limit-enforced');
      await expectError(write({ [t.name]: deleteRequests(itemsIn('w105d', 105)) }), 'ValidationException');
    });

    it('a batch with one invalid item (key of the wrong type) is refused whole: nothing is written', async () => {
      const items = [{ pk: P('inv'), sk: N(1) }, { pk: N(3), sk: N(2) }, { pk: P('inv'), sk: N(3) }];
      await expectError(write({ [t.name]: putRequests(items) }), 'ValidationException');
      expect(await partition('inv')).toEqual([]);
    });

    it('puts and deletes mixed in one batch', async () => {
      await write({ [t.name]: putRequests(itemsIn('mix', 6)) });
      await write({
        [t.name]: [...deleteRequests([{ pk: P('mix'), sk: N(1) }, { pk: P('mix'), sk: N(3) }]), ...putRequests([{ pk: P('mix'), sk: N(10) }])],
      });
      expect((await partition('mix')).map((i) => Number(i.sk.N))).toEqual([0, 2, 4, 5, 10]);
    });

    it('deleting an item that does not exist is not an error', async () => {
      const r = await write({ [t.name]: deleteRequests([{ pk: P('ghost'), sk: N(1) }]) });
      expect(r.UnprocessedItems ?? {}).toEqual({});
    });

    it('a put in a batch replaces the whole item', async () => {
      await write({ [t.name]: putRequests([{ pk: P('rep'), sk: N(1), a: S('a'), b: S('b') }]) });
      await write({ [t.name]: putRequests([{ pk: P('rep'), sk: N(1), c: S('c') }]) });
      expect(await partition('rep')).toEqual([{ pk: P('rep'), sk: N(1), c: S('c') }]);
    });

    it('two puts of the same key in one batch are a ValidationException and nothing is written', async () => {
      const dup = [{ pk: P('dup'), sk: N(1), v: S('first') }, { pk: P('dup'), sk: N(1), v: S('second') }, { pk: P('dup'), sk: N(2) }];
      await expectError(write({ [t.name]: putRequests(dup) }), 'ValidationException', /duplicate/i);
      expect(await partition('dup')).toEqual([]);
    });

    it('a put and a delete of the same key in one batch are a ValidationException', async () => {
      await expectError(
        write({ [t.name]: [...putRequests([{ pk: P('dup2'), sk: N(1) }]), ...deleteRequests([{ pk: P('dup2'), sk: N(1) }])] }),
        'ValidationException',
        /duplicate/i,
      );
    });

    it('one batch writes to two tables', async () => {
      await write({ [t.name]: putRequests(itemsIn('two', 2)), [u.name]: putRequests([{ id: U('two-a') }, { id: U('two-b') }]) });
      expect(await partition('two')).toHaveLength(2);
      const g = await u.client.call<any>('GetItem', { TableName: u.name, Key: { id: U('two-b') }, ConsistentRead: true });
      expect(g.Item).toEqual({ id: U('two-b') });
    });

    it('a batch to a missing table is a ResourceNotFoundException', async () => {
      await expectError(write({ [`${t.name}_nope`]: putRequests([{ pk: P('x'), sk: N(1) }]) }), 'ResourceNotFoundException');
    });

    it('an empty RequestItems is a ValidationException', async (ctx) => {
      requireFeature(ctx, 'batch-write-empty-refused');
      await expectError(write({}), 'ValidationException');
    });

    it('an item without its sort key is a ValidationException', async () => {
      await expectError(write({ [t.name]: putRequests([{ pk: P('nokey') }]) }), 'ValidationException');
    });

    // DynamoDB refuses items over 400 KB; Alternator stores them (difference alternator-no-item-size-limit).
    it('an item over 400 KB in a batch: refused by DynamoDB, stored by Alternator', async (ctx) => {
      const huge = { pk: P('huge'), sk: N(1), v: S('x'.repeat(401 * 1024)) };
      if (offers('item-size-limit-400kb')) return void (await expectError(write({ [t.name]: putRequests([huge]) }), 'ValidationException'));
      requireDifference(ctx, 'alternator-no-item-size-limit');
      const r = await write({ [t.name]: putRequests([huge]) });
      expect(r.UnprocessedItems ?? {}).toEqual({});
      expect(await partition('huge')).toEqual([huge]);
    });

    it('300 items written 25 at a time, retrying UnprocessedItems: every item landed exactly once', async () => {
      const items = itemsIn('many', 300, (i) => ({ payload: S('p'.repeat(100 + (i % 50))) }));
      await batchWriteAll(c(), t.name, putRequests(items));
      const got = await partition('many');
      exactlyOnce(got, items, KEY);
      expect(got).toEqual(items);
    });

    it('deleting 300 items in batches leaves none', async () => {
      const items = itemsIn('gone', 300);
      await batchWriteAll(c(), t.name, putRequests(items));
      await batchWriteAll(c(), t.name, deleteRequests(items.map(({ pk, sk }) => ({ pk, sk }))));
      expect(await partition('gone')).toEqual([]);
    });
  });

  describe('BatchGetItem', () => {
    const stock = itemsIn('get', 120, (i) => ({ v: N(i), w: S(`w${i}`) }));
    beforeAll(() => batchWriteAll(t.client, t.name, putRequests(stock)));
    const keys = (from: number, n: number) => range(n).map((i) => ({ pk: P('get'), sk: N(from + i) }));

    it('a table whose keys are all missing still gets an empty Responses list', async () => {
      const r = await get({ [t.name]: { Keys: [{ pk: P('get'), sk: N(5000) }], ConsistentRead: true } });
      expect(r.Responses[t.name]).toEqual([]);
      expect(r.UnprocessedKeys ?? {}).toEqual({});
    });

    it('returns every requested item that exists and ignores missing keys', async () => {
      const r = await get({ [t.name]: { Keys: [...keys(0, 5), { pk: P('get'), sk: N(999) }], ConsistentRead: true } });
      exactlyOnce(r.Responses[t.name], stock.slice(0, 5), KEY);
    });

    it('100 keys in one request are accepted and answered (after Unprocessed retries)', async () => {
      const { items } = await batchGetAll(c(), t.name, keys(0, 100));
      exactlyOnce(items, stock.slice(0, 100), KEY);
    });

    // DynamoDB refuses more than 100 keys; Alternator reads them all (alternator/executor_read.cc executor::batch_get_item).
    it('101 keys in one request: refused by DynamoDB, all answered by Alternator', async (ctx) => {
      if (offers('batch-get-limit-100')) return void (await expectError(get({ [t.name]: { Keys: keys(0, 101) } }), 'ValidationException'));
      requireDifference(ctx, 'alternator-batch-get-no-key-limit');
      const r = await get({ [t.name]: { Keys: keys(0, 101), ConsistentRead: true } });
      expect(r.UnprocessedKeys ?? {}).toEqual({});
      exactlyOnce(r.Responses[t.name], stock.slice(0, 101), KEY);
    });

    it('duplicate keys in one request are a ValidationException', async () => {
      await expectError(get({ [t.name]: { Keys: [...keys(0, 2), ...keys(1, 1)] } }), 'ValidationException', /duplicate/i);
    });

    // DynamoDB refuses an empty Keys list; Alternator answers no Responses for that table (executor::batch_get_item).
    it('an empty Keys list: refused by DynamoDB, answered with no Responses by Alternator', async (ctx) => {
      if (offers('batch-get-empty-keys-refused')) return void (await expectError(get({ [t.name]: { Keys: [] } }), 'ValidationException'));
      requireDifference(ctx, 'alternator-batch-get-empty-keys-accepted');
      const r = await get({ [t.name]: { Keys: [] } });
      expect(r.Responses?.[t.name]).toBeUndefined();
      expect(r.UnprocessedKeys ?? {}).toEqual({});
    });

    it('ProjectionExpression returns only the named attributes', async () => {
      const r = await get({ [t.name]: { Keys: keys(7, 2), ProjectionExpression: 'w', ConsistentRead: true } });
      expect(r.Responses[t.name].map((i: Item) => i.w.S).sort()).toEqual(['w7', 'w8']);
      expect(r.Responses[t.name].every((i: Item) => Object.keys(i).join() === 'w')).toBe(true);
    });

    it('legacy AttributesToGet returns only the named attributes', async () => {
      const r = await get({ [t.name]: { Keys: keys(9, 1), AttributesToGet: ['v'], ConsistentRead: true } });
      expect(r.Responses[t.name]).toEqual([{ v: N(9) }]);
    });

    it('one request reads from two tables', async () => {
      await u.client.call('PutItem', { TableName: u.name, Item: { id: U('g2'), x: S('y') } });
      const r = await get({ [t.name]: { Keys: keys(0, 1), ConsistentRead: true }, [u.name]: { Keys: [{ id: U('g2') }], ConsistentRead: true } });
      expect(r.Responses[t.name]).toEqual([stock[0]]);
      expect(r.Responses[u.name]).toEqual([{ id: U('g2'), x: S('y') }]);
    });

    it('a missing table is a ResourceNotFoundException', async () => {
      await expectError(get({ [`${t.name}_nope`]: { Keys: keys(0, 1) } }), 'ResourceNotFoundException');
    });

    it('120 keys in requests of 100, retrying UnprocessedKeys: every item exactly once', async () => {
      const { items } = await batchGetAll(c(), t.name, keys(0, 120));
      exactlyOnce(items, stock, KEY);
      const byKey = new Map(items.map((i) => [i.sk.N, i]));
      expect(stock.filter((s) => !sameItem(byKey.get(s.sk.N), s))).toEqual([]);
    });
  });
});
