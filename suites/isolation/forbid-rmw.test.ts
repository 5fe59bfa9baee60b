// forbid_rmw: every write that needs a read before it is rejected with Alternator's ValidationException about
// read-modify-write; writes that need no read, reads and BatchWriteItem are unaffected. The request classes come from
// alternator/executor.cc (put_item_operation / delete_item_operation / update_item_operation ::needs_read_before_write,
// check_needs_read_before_write; the refusal in rmw_operation::execute, its message unchanged since 4.1.0) and
// test/alternator/test_write_isolation.py (since 2025.4.0), read at scylla-2026.2.4. Alternator checks forbid_rmw after
// validation, table lookup and permissions, and before the condition: a refused write changes nothing even when its
// condition holds. On a forbid_rmw variant the table is untagged, so the variant's own
// setting is what is tested; on any other variant the table carries the `system:write_isolation: forbid_rmw` tag.
import { describe, it, expect, beforeAll } from 'vitest';
import type { TestContext } from 'vitest';
import { endpoint, useTable, expectError, record, requireFeature } from '../../harness/suite-kit/index.ts';
import { effectiveWriteIsolation } from '../../harness/variant/model.ts';
import { S, N } from '../../harness/suite-kit/values.ts';

const TAG = 'system:write_isolation';
const RMW_REFUSED = /read-modify-write/i;

type Attr = Record<string, unknown>;

/** The item every case starts from: one attribute of each shape a read-modify-write can touch. */
const seed = (p: string): Record<string, Attr> => ({
  p: S(p),
  a: N(1),
  b: N(5),
  lst: { L: [N(1)] },
  nums: { NS: ['2', '4', '6'] },
  doc: { M: { x: S('y') } },
});

const names = { '#a': 'a' };
const expectedA1 = { a: { ComparisonOperator: 'EQ', AttributeValueList: [N(1)] } };

/** Requests that need the old item, by class: [title, operation, body for key p]. */
const REJECTED: Array<[string, string, (key: Record<string, Attr>, item: Record<string, Attr>) => Record<string, unknown>]> = [
  ['PutItem with a ConditionExpression', 'PutItem', (_k, item) => ({ Item: { ...item, a: N(2) }, ConditionExpression: '#a = :old', ExpressionAttributeNames: names, ExpressionAttributeValues: { ':old': N(1) } })],
  ['DeleteItem with a ConditionExpression', 'DeleteItem', (k) => ({ Key: k, ConditionExpression: '#a = :old', ExpressionAttributeNames: names, ExpressionAttributeValues: { ':old': N(1) } })],
  ['UpdateItem with a ConditionExpression', 'UpdateItem', (k) => ({ Key: k, UpdateExpression: 'SET #a = :new', ConditionExpression: '#a = :old', ExpressionAttributeNames: names, ExpressionAttributeValues: { ':old': N(1), ':new': N(2) } })],
  ['PutItem with legacy Expected', 'PutItem', (_k, item) => ({ Item: { ...item, a: N(2) }, Expected: expectedA1 })],
  ['DeleteItem with legacy Expected', 'DeleteItem', (k) => ({ Key: k, Expected: expectedA1 })],
  ['UpdateItem with legacy Expected', 'UpdateItem', (k) => ({ Key: k, AttributeUpdates: { a: { Value: N(2), Action: 'PUT' } }, Expected: expectedA1 })],
  ['PutItem with ReturnValues ALL_OLD', 'PutItem', (_k, item) => ({ Item: { ...item, a: N(2) }, ReturnValues: 'ALL_OLD' })],
  ['DeleteItem with ReturnValues ALL_OLD', 'DeleteItem', (k) => ({ Key: k, ReturnValues: 'ALL_OLD' })],
  ...(['ALL_OLD', 'UPDATED_OLD', 'ALL_NEW'] as const).map(
    (rv) =>
      [`UpdateItem with ReturnValues ${rv}`, 'UpdateItem', (k: Record<string, Attr>) => ({ Key: k, UpdateExpression: 'SET #a = :new', ExpressionAttributeNames: names, ExpressionAttributeValues: { ':new': N(2) }, ReturnValues: rv })] as [
        string,
        string,
        (key: Record<string, Attr>) => Record<string, unknown>,
      ],
  ),
  ['UpdateExpression SET reading the attribute it writes (a = a + :x)', 'UpdateItem', (k) => ({ Key: k, UpdateExpression: 'SET #a = #a + :x', ExpressionAttributeNames: names, ExpressionAttributeValues: { ':x': N(1) } })],
  ['UpdateExpression SET copying another attribute (a = b)', 'UpdateItem', (k) => ({ Key: k, UpdateExpression: 'SET #a = #b', ExpressionAttributeNames: { ...names, '#b': 'b' } })],
  ['UpdateExpression SET with if_not_exists(a, :v)', 'UpdateItem', (k) => ({ Key: k, UpdateExpression: 'SET #a = if_not_exists(#a, :v)', ExpressionAttributeNames: names, ExpressionAttributeValues: { ':v': N(9) } })],
  ['UpdateExpression SET with list_append(lst, :v)', 'UpdateItem', (k) => ({ Key: k, UpdateExpression: 'SET #l = list_append(#l, :v)', ExpressionAttributeNames: { '#l': 'lst' }, ExpressionAttributeValues: { ':v': { L: [N(2)] } } })],
  ['UpdateExpression SET on a nested document path (doc.z = :v)', 'UpdateItem', (k) => ({ Key: k, UpdateExpression: 'SET #d.#z = :v', ExpressionAttributeNames: { '#d': 'doc', '#z': 'z' }, ExpressionAttributeValues: { ':v': N(1) } })],
  ['UpdateExpression ADD', 'UpdateItem', (k) => ({ Key: k, UpdateExpression: 'ADD #a :x', ExpressionAttributeNames: names, ExpressionAttributeValues: { ':x': N(1) } })],
  ['UpdateExpression DELETE of set elements', 'UpdateItem', (k) => ({ Key: k, UpdateExpression: 'DELETE #s :v', ExpressionAttributeNames: { '#s': 'nums' }, ExpressionAttributeValues: { ':v': { NS: ['2'] } } })],
  ['legacy AttributeUpdates with Action ADD', 'UpdateItem', (k) => ({ Key: k, AttributeUpdates: { a: { Value: N(1), Action: 'ADD' } } })],
];

describe('isolation forbid_rmw', () => {
  const e = endpoint();
  const alternator = e.apiProfile === 'alternator';
  const fromVariant = effectiveWriteIsolation(e.promises) === 'forbid_rmw';
  const t = useTable('forbid', { hash: ['p', 'S'] }, fromVariant ? {} : { Tags: [{ Key: TAG, Value: 'forbid_rmw' }] }, { keepIsolation: true });
  let n = 0;

  beforeAll(async () => {
    if (alternator) await t.ready();
  });

  function gate(ctx: TestContext) {
    requireFeature(ctx, 'write-isolation');
  }

  /** A fresh item written without any read, for one case. */
  async function seeded(prefix: string) {
    const p = `${prefix}-${n++}`;
    const item = seed(p);
    await t.client.call('PutItem', { TableName: t.name, Item: item });
    return { key: { p: S(p) }, item };
  }

  const get = async (key: Record<string, Attr>) =>
    (await t.client.call<{ Item?: Record<string, Attr> }>('GetItem', { TableName: t.name, Key: key, ConsistentRead: true })).Item;

  it('the table under test is forbid_rmw (from the variant, or from its system:write_isolation tag)', async (ctx) => {
    gate(ctx);
    const arn = (await t.client.call<any>('DescribeTable', { TableName: t.name })).Table.TableArn as string;
    const tags = (await t.client.call<any>('ListTagsOfResource', { ResourceArn: arn })).Tags as Array<{ Key: string; Value: string }>;
    const tag = tags.find((x) => x.Key === TAG);
    record(ctx, fromVariant ? 'forbid_rmw from the variant (writeIsolation), table untagged' : `forbid_rmw from the table tag (variant: ${effectiveWriteIsolation(e.promises)})`);
    if (fromVariant) expect(tag).toBeUndefined();
    else expect(tag?.Value).toBe('forbid_rmw');
  });

  describe('writes that need a read before the write are rejected', () => {
    for (const [title, op, body] of REJECTED) {
      it(`${title} is rejected with ValidationException (read-modify-write), and the item is unchanged`, async (ctx) => {
        gate(ctx);
        const { key, item } = await seeded('rej');
        await expectError(t.client.call(op, { TableName: t.name, ...body(key, item) }), 'ValidationException', RMW_REFUSED);
        expect(await get(key)).toEqual(item);
      });
    }
  });

  describe('writes that need no read succeed', () => {
    it('PutItem without a condition', async (ctx) => {
      gate(ctx);
      const { key, item } = await seeded('ok');
      await t.client.call('PutItem', { TableName: t.name, Item: { ...item, a: N(2) } });
      expect((await get(key))?.a).toEqual(N(2));
    });

    it('PutItem with ReturnValues NONE', async (ctx) => {
      gate(ctx);
      const { key, item } = await seeded('ok');
      const r = await t.client.call<any>('PutItem', { TableName: t.name, Item: { ...item, a: N(3) }, ReturnValues: 'NONE' });
      expect(r.Attributes).toBeUndefined();
      expect((await get(key))?.a).toEqual(N(3));
    });

    it('DeleteItem without a condition', async (ctx) => {
      gate(ctx);
      const { key } = await seeded('ok');
      await t.client.call('DeleteItem', { TableName: t.name, Key: key });
      expect(await get(key)).toBeUndefined();
    });

    it('DeleteItem with ReturnValues NONE', async (ctx) => {
      gate(ctx);
      const { key } = await seeded('ok');
      await t.client.call('DeleteItem', { TableName: t.name, Key: key, ReturnValues: 'NONE' });
      expect(await get(key)).toBeUndefined();
    });

    it('UpdateExpression SET a = :v', async (ctx) => {
      gate(ctx);
      const { key } = await seeded('ok');
      await t.client.call('UpdateItem', { TableName: t.name, Key: key, UpdateExpression: 'SET #a = :v', ExpressionAttributeNames: names, ExpressionAttributeValues: { ':v': N(7) } });
      expect((await get(key))?.a).toEqual(N(7));
    });

    it('UpdateExpression REMOVE a', async (ctx) => {
      gate(ctx);
      const { key } = await seeded('ok');
      await t.client.call('UpdateItem', { TableName: t.name, Key: key, UpdateExpression: 'REMOVE #a', ExpressionAttributeNames: names });
      expect((await get(key))?.a).toBeUndefined();
    });

    it('UpdateItem with ReturnValues UPDATED_NEW', async (ctx) => {
      gate(ctx);
      const { key } = await seeded('ok');
      const r = await t.client.call<any>('UpdateItem', {
        TableName: t.name,
        Key: key,
        UpdateExpression: 'SET #a = :v',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: { ':v': N(8) },
        ReturnValues: 'UPDATED_NEW',
      });
      expect(r.Attributes).toEqual({ a: N(8) });
    });

    it('legacy AttributeUpdates with Action PUT', async (ctx) => {
      gate(ctx);
      const { key } = await seeded('ok');
      await t.client.call('UpdateItem', { TableName: t.name, Key: key, AttributeUpdates: { a: { Value: N(4), Action: 'PUT' } } });
      expect((await get(key))?.a).toEqual(N(4));
    });

    it('legacy AttributeUpdates with Action DELETE (whole attribute)', async (ctx) => {
      gate(ctx);
      const { key } = await seeded('ok');
      await t.client.call('UpdateItem', { TableName: t.name, Key: key, AttributeUpdates: { a: { Action: 'DELETE' } } });
      expect((await get(key))?.a).toBeUndefined();
    });

    it('BatchWriteItem (puts and deletes) is never rejected', async (ctx) => {
      gate(ctx);
      const { key: gone } = await seeded('batch');
      const fresh = seed(`batch-${n++}`);
      const r = await t.client.call<any>('BatchWriteItem', {
        RequestItems: { [t.name]: [{ PutRequest: { Item: fresh } }, { DeleteRequest: { Key: gone } }] },
      });
      expect(r.UnprocessedItems?.[t.name] ?? []).toEqual([]);
      expect(await get({ p: fresh.p! })).toEqual(fresh);
      expect(await get(gone)).toBeUndefined();
    });
  });

  describe('reads are unaffected', () => {
    it('GetItem', async (ctx) => {
      gate(ctx);
      const { key, item } = await seeded('read');
      expect(await get(key)).toEqual(item);
    });

    it('Query', async (ctx) => {
      gate(ctx);
      const { key, item } = await seeded('read');
      const r = await t.client.call<any>('Query', { TableName: t.name, KeyConditionExpression: 'p = :p', ExpressionAttributeValues: { ':p': key.p }, ConsistentRead: true });
      expect(r.Items).toEqual([item]);
    });

    it('Scan', async (ctx) => {
      gate(ctx);
      const { item } = await seeded('read');
      const r = await t.client.call<any>('Scan', { TableName: t.name, ConsistentRead: true });
      expect(r.Items).toContainEqual(item);
    });

    it('BatchGetItem', async (ctx) => {
      gate(ctx);
      const { key, item } = await seeded('read');
      const r = await t.client.call<any>('BatchGetItem', { RequestItems: { [t.name]: { Keys: [key], ConsistentRead: true } } });
      expect(r.Responses[t.name]).toEqual([item]);
    });
  });
});
