// ReturnValuesOnConditionCheckFailure on PutItem, UpdateItem and DeleteItem: with ALL_OLD a failed condition returns
// the item as it is inside the ConditionalCheckFailedException (top-level "Item", DynamoDB JSON), with NONE it does
// not; nothing is returned when there is no item or the condition holds; other values are refused. Behaviour from
// scylladb test/alternator/test_returnvalues.py (each case names its test).
import { describe, it, expect, beforeAll } from 'vitest';
import { useSharedTable, expectError, requireFeature } from '../../harness/suite-kit/index.ts';
import { titled } from '../../harness/suite-kit/cases.ts';
import { S, type AV } from '../../harness/suite-kit/values.ts';

type Op = 'PutItem' | 'UpdateItem' | 'DeleteItem';
const OPS: Op[] = ['PutItem', 'UpdateItem', 'DeleteItem'];
const TEST: Record<Op, string> = {
  PutItem: 'test_put_item_returnvalues_on_condition_check_failure',
  UpdateItem: 'test_update_item_returnvalues_on_condition_check_failure',
  DeleteItem: 'test_delete_item_returnvalues_on_condition_check_failure',
};

describe('api ReturnValuesOnConditionCheckFailure', () => {
  const t = useSharedTable('rvccf', { hash: ['p', 'S'] });
  const K = (s: string) => S(t.key(s));
  beforeAll(() => t.ready());
  let seq = 0;

  /** The operation writing s = :new on item p, under the condition s = :expected. */
  function request(op: Op, p: string, expected: string, extra: AV = {}): AV {
    const condition = { ConditionExpression: 's = :expected', ExpressionAttributeValues: { ':expected': S(expected), ...(op === 'UpdateItem' ? { ':new': S('cow') } : {}) } };
    const base =
      op === 'PutItem'
        ? { Item: { p: K(p), s: S('cow') } }
        : op === 'UpdateItem'
          ? { Key: { p: K(p) }, UpdateExpression: 'SET s = :new' }
          : { Key: { p: K(p) } };
    return { TableName: t.name, ...base, ...condition, ...extra };
  }

  /** Sends a request that must fail its condition; returns the error body as sent. */
  async function refused(op: Op, body: AV): Promise<AV> {
    const r = await t.client.raw(op, body);
    const parsed = JSON.parse(r.text || '{}');
    expect([r.status, String(parsed.__type).split('#').pop()]).toEqual([400, 'ConditionalCheckFailedException']);
    return parsed;
  }
  const current = async (p: string) => (await t.client.call<any>('GetItem', { TableName: t.name, Key: { p: K(p) }, ConsistentRead: true })).Item;

  it.for(titled(OPS, (op) => `${op}: a failed condition with ALL_OLD returns the whole current item and changes nothing (${TEST[op]})`))('%s', async ([, op], ctx) => {
    requireFeature(ctx, 'return-values-on-condition-check-failure');
    const p = `fail-${op}-${++seq}`;
    const item = { p: K(p), s: S('cat'), other: { L: [S('x'), { N: '1' }] } };
    await t.client.call('PutItem', { TableName: t.name, Item: item });
    const e = await refused(op, request(op, p, 'dog', { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' }));
    expect(e.Item).toEqual(item);
    expect(await current(p)).toEqual(item);
  });

  it.for(titled(OPS, (op) => `${op}: a failed condition with NONE returns no item (${TEST[op]})`))('%s', async ([, op], ctx) => {
    requireFeature(ctx, 'return-values-on-condition-check-failure');
    const p = `none-${op}-${++seq}`;
    await t.client.call('PutItem', { TableName: t.name, Item: { p: K(p), s: S('cat') } });
    expect(await refused(op, request(op, p, 'dog', { ReturnValuesOnConditionCheckFailure: 'NONE' }))).not.toHaveProperty('Item');
  });

  it.for(titled(OPS, (op) => `${op}: a failed condition on a missing item with ALL_OLD returns no item (${TEST[op]})`))('%s', async ([, op], ctx) => {
    requireFeature(ctx, 'return-values-on-condition-check-failure');
    expect(await refused(op, request(op, `missing-${op}-${++seq}`, 'dog', { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' }))).not.toHaveProperty('Item');
  });

  it.for(titled(OPS, (op) => `${op}: a condition that holds with ALL_OLD returns neither Item nor Attributes (${TEST[op]})`))('%s', async ([, op], ctx) => {
    requireFeature(ctx, 'return-values-on-condition-check-failure');
    const p = `holds-${op}-${++seq}`;
    await t.client.call('PutItem', { TableName: t.name, Item: { p: K(p), s: S('dog') } });
    const r = await t.client.call<AV>(op, request(op, p, 'dog', { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' }));
    expect(r).not.toHaveProperty('Item');
    expect(r).not.toHaveProperty('Attributes');
  });

  it('a failed legacy Expected condition with ALL_OLD returns the item too (test_returnvalues.py; executor.cc verify_expected beside the condition)', async (ctx) => {
    requireFeature(ctx, 'return-values-on-condition-check-failure');
    const p = `expected-${++seq}`;
    const item = { p: K(p), s: S('cat') };
    await t.client.call('PutItem', { TableName: t.name, Item: item });
    const e = await refused('PutItem', { TableName: t.name, Item: { p: K(p), s: S('cow') }, Expected: { s: { Value: S('dog') } }, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' });
    expect(e.Item).toEqual(item);
  });

  const invalid = OPS.flatMap((op) => ['DUMMY', 'UPDATED_OLD', 'ALL_NEW', 'UPDATED_NEW', 'all_old'].map((value) => ({ op, value })));
  it.for(titled(invalid, (r) => `${r.op}: ReturnValuesOnConditionCheckFailure ${r.value} is a ValidationException (test_validation_of_returnvalues_on_condition_check_failure)`))(
    '%s',
    async ([, r], ctx) => {
      requireFeature(ctx, 'return-values-on-condition-check-failure');
      const p = `invalid-${++seq}`;
      await t.client.call('PutItem', { TableName: t.name, Item: { p: K(p), s: S('dog') } });
      // The condition holds: only the parameter can make the request fail.
      await expectError(t.client.call(r.op, request(r.op, p, 'dog', { ReturnValuesOnConditionCheckFailure: r.value })), 'ValidationException');
    },
  );
});
