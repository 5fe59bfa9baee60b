// ReturnConsumedCapacity: read units in 4 KB blocks (half for an eventually consistent read), write units in 1 KB
// blocks, counted over attribute names and values, the larger of old and new item when the old one is read; batches
// answer one entry per table. Behaviour from scylladb test/alternator/test_returnconsumedcapacity.py (each case names
// its test); Alternator's departures (no TableName on single items, nothing for Query and Scan, INDEXES and NONE
// refused) are the documented difference alternator-consumed-capacity-limited.
import { describe, it, expect, beforeAll } from 'vitest';
import { useSharedTable, expectError, requireFeature, requireDifference } from '../../harness/suite-kit/index.ts';
import { S, type AV } from '../../harness/suite-kit/values.ts';

const KB = 1024;
const TOTAL = { ReturnConsumedCapacity: 'TOTAL' };

describe('api ReturnConsumedCapacity', () => {
  // test_table (p, c strings) and test_table_s (p string) of the upstream suite, the run's shared tables of these key
  // schemas: every key is under the handle's prefix, and the Scan cases read only those (a filter on the prefix; they
  // check that a Scan answers its units or none, not how many items it read).
  const t = useSharedTable('rcc', { hash: ['p', 'S'], range: ['c', 'S'] });
  const s = useSharedTable('rcc_s', { hash: ['p', 'S'] });
  const sMine = { FilterExpression: 'begins_with(p, :mine)', ExpressionAttributeValues: { ':mine': S(s.keyPrefix) } };
  beforeAll(() => Promise.all([t.ready(), s.ready()]));
  let seq = 0;
  const key = () => ({ p: S(t.key(`p${++seq}`)), c: S(`c${seq}`) });
  /** An item of exactly `bytes` (attribute names plus values) with the given key, padded in attribute "another". */
  function sized(k: { p: { S: string }; c: { S: string } }, bytes: number): AV {
    const fixed = k.p.S.length + k.c.S.length + 'val'.length + 'pcattanother'.length;
    return { ...k, att: S('val'), another: S('a'.repeat(bytes - fixed)) };
  }
  const units = (r: AV) => r.ConsumedCapacity?.CapacityUnits;
  const getItem = (k: AV, extra: AV = {}) => t.client.call<AV>('GetItem', { TableName: t.name, Key: k, ...TOTAL, ...extra });
  const putItem = (item: AV, extra: AV = {}) => t.client.call<AV>('PutItem', { TableName: t.name, Item: item, ...TOTAL, ...extra });

  describe('single items', () => {
    it('GetItem of a small item: 1 unit consistent, 0.5 eventually consistent (test_simple_get_item)', async (ctx) => {
      requireFeature(ctx, 'consumed-capacity');
      const k = key();
      await putItem({ ...k, att: S('x') });
      expect(units(await getItem(k, { ConsistentRead: true }))).toBe(1);
      expect(units(await getItem(k, { ConsistentRead: false }))).toBe(0.5);
    });

    it('GetItem of a missing item: 1 unit consistent, 0.5 eventually consistent (test_missing_get_item)', async (ctx) => {
      requireFeature(ctx, 'consumed-capacity');
      const k = key();
      expect(units(await getItem(k, { ConsistentRead: true }))).toBe(1);
      expect(units(await getItem(k, { ConsistentRead: false }))).toBe(0.5);
    });

    it('GetItem counts 4 KB blocks of the whole item, whatever ProjectionExpression returns, names included (test_long_get)', async (ctx) => {
      requireFeature(ctx, 'consumed-capacity');
      const k = key();
      await putItem(sized(k, 4 * KB));
      expect(units(await getItem(k, { ConsistentRead: true }))).toBe(1);
      await putItem(sized(k, 4 * KB + 1));
      expect(units(await getItem(k, { ConsistentRead: true }))).toBe(2);
      expect(units(await getItem(k, { ConsistentRead: true, ProjectionExpression: 'p, c, att' }))).toBe(2);
      expect(units(await getItem(k, { ConsistentRead: false, ProjectionExpression: 'p, c, att' }))).toBe(1);
      const named = key();
      await putItem({ ...named, att: S('val'), ['a'.repeat(4 * KB)]: S('v') });
      expect(units(await getItem(named, { ConsistentRead: true }))).toBe(2);
    });

    it('PutItem counts 1 KB blocks, names included (test_simple_put_item, test_long_put)', async (ctx) => {
      requireFeature(ctx, 'consumed-capacity');
      expect(units(await putItem({ ...key(), att: S('x') }))).toBe(1);
      const k = key();
      expect(units(await putItem(sized(k, KB)))).toBe(1);
      expect(units(await putItem(sized(k, KB + 1)))).toBe(2);
      expect(units(await putItem({ ...key(), att: S('val'), ['a'.repeat(KB)]: S('v') }))).toBe(2);
    });

    it('PutItem with ReturnValues ALL_OLD over a larger item counts the larger (test_short_after_long_put)', async (ctx) => {
      requireFeature(ctx, 'consumed-capacity');
      const k = key();
      expect(units(await putItem({ ...k, att: S('val'), another: S('a'.repeat(2 * KB)) }))).toBe(3);
      expect(units(await putItem({ ...k, att: S('val'), another: S('a') }, { ReturnValues: 'ALL_OLD' }))).toBe(3);
    });

    it('DeleteItem: 1 unit for a small or missing item, the old item\'s size with ReturnValues ALL_OLD (test_simple_delete_item, test_delete_missing_item, test_long_delete)', async (ctx) => {
      requireFeature(ctx, 'consumed-capacity');
      const del = (k: AV, extra: AV = {}) => t.client.call<AV>('DeleteItem', { TableName: t.name, Key: k, ...TOTAL, ...extra });
      const small = key();
      await putItem({ ...small, att: S('x') });
      expect(units(await del(small))).toBe(1);
      expect(units(await del(key()))).toBe(1);
      const long = key();
      await putItem(sized(long, 2 * KB + 1));
      expect(units(await del(long, { ReturnValues: 'ALL_OLD' }))).toBe(3);
    });

    it('UpdateItem: 1 unit for a small or missing item, the new size when it grows, the old one with ALL_OLD when it shrinks (test_simple_update_item, test_simple_update_missing_item, test_update_item_long_attr, test_long_update)', async (ctx) => {
      requireFeature(ctx, 'consumed-capacity');
      const update = (k: AV, attribute: string, value: string, extra: AV = {}) =>
        t.client.call<AV>('UpdateItem', { TableName: t.name, Key: k, UpdateExpression: `SET ${attribute} = :v`, ExpressionAttributeValues: { ':v': S(value) }, ...TOTAL, ...extra });
      const k = key();
      await putItem({ ...k, att: S('x') });
      expect(units(await update(k, 'att', 'y'))).toBe(1);
      expect(units(await update(key(), 'att', 'y'))).toBe(1);
      const grow = key();
      await putItem({ ...grow, att: S('x') });
      expect(units(await update(grow, 'att', 'a'.repeat(2 * KB + 1 - grow.p.S.length - grow.c.S.length - 'pcatt'.length)))).toBe(3);
      const shrink = key();
      await putItem(sized(shrink, 2 * KB + 1));
      expect(units(await update(shrink, 'another', 'a', { ReturnValues: 'ALL_OLD' }))).toBe(3);
    });

    it('a single-item answer names the table (DynamoDB)', async (ctx) => {
      requireFeature(ctx, 'consumed-capacity');
      requireFeature(ctx, 'consumed-capacity-table-name');
      expect((await getItem(key(), { ConsistentRead: true })).ConsumedCapacity).toEqual({ TableName: t.name, CapacityUnits: 1 });
    });

    it('Alternator: a single-item answer carries CapacityUnits alone (consumed_capacity.cc add_consumed_capacity_to_response_if_needed)', async (ctx) => {
      requireFeature(ctx, 'consumed-capacity');
      requireDifference(ctx, 'alternator-consumed-capacity-limited');
      expect((await getItem(key(), { ConsistentRead: true })).ConsumedCapacity).toEqual({ CapacityUnits: 1 });
    });

    it('without ReturnConsumedCapacity, or an unknown value refused: no ConsumedCapacity (test_invalid_consumed_capacity_type)', async (ctx) => {
      requireFeature(ctx, 'consumed-capacity');
      expect(await t.client.call<AV>('GetItem', { TableName: t.name, Key: key() })).not.toHaveProperty('ConsumedCapacity');
      await expectError(getItem(key(), { ReturnConsumedCapacity: 'DUMMY' }), 'ValidationException');
    });

    it('NONE asks for nothing: no ConsumedCapacity (DynamoDB)', async (ctx) => {
      requireFeature(ctx, 'consumed-capacity');
      requireFeature(ctx, 'consumed-capacity-none');
      expect(await getItem(key(), { ReturnConsumedCapacity: 'NONE' })).not.toHaveProperty('ConsumedCapacity');
    });

    it('INDEXES answers the table\'s units beside the total (DynamoDB; test_return_consumed_capacity_indexes_no_indexes)', async (ctx) => {
      requireFeature(ctx, 'consumed-capacity');
      requireFeature(ctx, 'consumed-capacity-indexes');
      const r = await getItem(key(), { ReturnConsumedCapacity: 'INDEXES', ConsistentRead: true });
      expect([r.ConsumedCapacity.CapacityUnits, r.ConsumedCapacity.Table]).toEqual([1, { CapacityUnits: 1 }]);
    });

    it.for(['NONE', 'INDEXES'])('Alternator: ReturnConsumedCapacity %s is a ValidationException (consumed_capacity_counter::should_add_capacity, scylladb#29138)', async (value, ctx) => {
      requireFeature(ctx, 'consumed-capacity');
      requireDifference(ctx, 'alternator-consumed-capacity-limited');
      await expectError(getItem(key(), { ReturnConsumedCapacity: value }), 'ValidationException');
    });
  });

  describe('Query and Scan', () => {
    it('a Query answers its units: 1 consistent, 0.5 eventually consistent for one small item (DynamoDB; test_query_consumed_capacity)', async (ctx) => {
      requireFeature(ctx, 'consumed-capacity-query-scan');
      const k = key();
      await putItem({ ...k, att: S('x') });
      const q = (consistent: boolean) =>
        t.client.call<AV>('Query', { TableName: t.name, KeyConditionExpression: 'p = :p', ExpressionAttributeValues: { ':p': k.p }, ConsistentRead: consistent, ...TOTAL });
      expect(units(await q(true))).toBe(1);
      expect(units(await q(false))).toBe(0.5);
    });

    it('a Scan answers ConsumedCapacity (DynamoDB; test_scan_consumed_capacity)', async (ctx) => {
      requireFeature(ctx, 'consumed-capacity-query-scan');
      await s.client.call('PutItem', { TableName: s.name, Item: { p: S(s.key(`scanned${++seq}`)) } });
      expect(units(await s.client.call<AV>('Scan', { TableName: s.name, ...sMine, ...TOTAL }))).toBeGreaterThan(0);
    });

    it('Alternator: Query and Scan answer no ConsumedCapacity (scylladb#5027)', async (ctx) => {
      requireDifference(ctx, 'alternator-consumed-capacity-limited');
      expect(await t.client.call<AV>('Query', { TableName: t.name, KeyConditionExpression: 'p = :p', ExpressionAttributeValues: { ':p': S(t.key('none')) }, ...TOTAL })).not.toHaveProperty('ConsumedCapacity');
      expect(await s.client.call<AV>('Scan', { TableName: s.name, ...sMine, ...TOTAL })).not.toHaveProperty('ConsumedCapacity');
    });
  });

  describe('batches', () => {
    const batchGet = (items: AV) => t.client.call<AV>('BatchGetItem', { RequestItems: items, ...TOTAL });
    const byTable = (r: AV) => Object.fromEntries((r.ConsumedCapacity as Array<{ TableName: string; CapacityUnits: number }>).map((x) => [x.TableName, x.CapacityUnits]));

    it('BatchGetItem answers one entry per table: consistent reads of small items 1 unit each, eventually consistent 0.5 (test_simple_batch_get_items, test_multi_table_batch_get_items)', async (ctx) => {
      requireFeature(ctx, 'consumed-capacity-batch');
      const tk = [key(), key(), key()];
      for (const k of tk) await putItem(k);
      const sk = Array.from({ length: 5 }, (_, i) => ({ p: S(s.key(`s${++seq}-${i}`)) }));
      for (const k of sk) await s.client.call('PutItem', { TableName: s.name, Item: k });
      const r = await batchGet({ [s.name]: { Keys: sk, ConsistentRead: true }, [t.name]: { Keys: tk, ConsistentRead: false } });
      expect(r.ConsumedCapacity).toHaveLength(2);
      expect(byTable(r)).toEqual({ [s.name]: 5, [t.name]: 1.5 });
      expect(byTable(await batchGet({ [t.name]: { Keys: tk.slice(0, 2), ConsistentRead: true } }))).toEqual({ [t.name]: 2 });
    });

    it('BatchGetItem counts each item\'s 4 KB blocks: 64 KB and 16 KB items are 17 and 5 units (test_batch_get_items_large)', async (ctx) => {
      requireFeature(ctx, 'consumed-capacity-batch');
      requireFeature(ctx, 'consumed-capacity-batch-get-exact');
      const big = key();
      const medium = key();
      await putItem({ ...big, a: S('a'.repeat(64 * KB)) });
      await putItem({ ...medium, a: S('a'.repeat(16 * KB)) });
      expect(byTable(await batchGet({ [t.name]: { Keys: [big, medium], ConsistentRead: true } }))).toEqual({ [t.name]: 22 });
    });

    it('BatchWriteItem answers one entry per table: 1 unit per started KB of each put, 1 per delete of a small item (test_simple_batch_write_item, test_multi_table_batch_write_item)', async (ctx) => {
      requireFeature(ctx, 'consumed-capacity-batch');
      const gone = key();
      await putItem(gone);
      const sPuts = [...Array.from({ length: 3 }, () => ({ p: S(s.key(`w${++seq}`)), a: S('hi') })), { p: S(s.key(`w${++seq}`)), a: S('a'.repeat(KB)) }];
      const r = await t.client.call<AV>('BatchWriteItem', {
        RequestItems: {
          [s.name]: sPuts.map((Item) => ({ PutRequest: { Item } })),
          [t.name]: [{ PutRequest: { Item: key() } }, { DeleteRequest: { Key: gone } }],
        },
        ...TOTAL,
      });
      expect(byTable(r)).toEqual({ [s.name]: 5, [t.name]: 2 });
      expect(r.ConsumedCapacity).toHaveLength(2);
    });
  });
});
