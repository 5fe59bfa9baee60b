// Query: every sort-key condition, order, Limit, Select, pagination (every item exactly once) and the legacy
// KeyConditions / QueryFilter parameters. Areas of scylladb test/alternator test_query.py,
// test_key_condition_expression.py, test_key_conditions.py, test_query_filter.py.
import { describe, it, expect, beforeAll } from 'vitest';
import { useSharedTable, expectError, requireFeature } from '../../harness/suite-kit/index.ts';
import { batchWriteAll, putRequests, allPages, itemsOf, exactlyOnce, type Item } from '../../harness/suite-kit/items.ts';
import { S, N } from '../../harness/suite-kit/values.ts';

const nums = (items: Item[] | undefined) => (items ?? []).map((i) => Number(i.sk.N));
const strs = (items: Item[] | undefined) => (items ?? []).map((i) => i.sk.S as string);
const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

describe('api query', () => {
  // Number sort key: partition "p" holds sk 1..20 (numeric order differs from text order: 9 < 10),
  // partition "big" holds 95 items for paging, partition "other" must never leak into "p".
  const tn = useSharedTable('query_n', { hash: ['pk', 'S'], range: ['sk', 'N'] });
  // String sort key for begins_with.
  const ts = useSharedTable('query_s', { hash: ['pk', 'S'], range: ['sk', 'S'] });
  /** This file's partitions, in both shared tables (tn's key prefix is unique to this file). */
  const P = (s: string) => S(tn.key(s));
  const STRING_KEYS = ['a', 'ab', 'abc', 'abd', 'b', 'ba', 'c', 'd1', 'd2'];
  const bigItems = range(0, 94).map((i) => ({ pk: P('big'), sk: N(i), v: S(`v${i}`) }));

  beforeAll(async () => {
    await Promise.all([tn.ready(), ts.ready()]);
    const pItems = range(1, 20).map((i) => ({ pk: P('p'), sk: N(i), v: N(i * 10), tag: S(i % 2 ? 'odd' : 'even') }));
    const other = range(1, 3).map((i) => ({ pk: P('other'), sk: N(i) }));
    await batchWriteAll(tn.client, tn.name, putRequests([...pItems, ...other, ...bigItems]));
    await batchWriteAll(ts.client, ts.name, putRequests(STRING_KEYS.map((k) => ({ pk: P('p'), sk: S(k), len: N(k.length) }))));
  });

  const qn = (extra: Record<string, unknown>, values: Record<string, unknown> = {}) =>
    tn.client.call<any>('Query', {
      TableName: tn.name,
      ConsistentRead: true,
      KeyConditionExpression: 'pk = :p',
      ...extra,
      ExpressionAttributeValues: { ':p': P('p'), ...values },
    });
  const qs = (cond: string, values: Record<string, unknown>) =>
    ts.client.call<any>('Query', {
      TableName: ts.name,
      ConsistentRead: true,
      KeyConditionExpression: `pk = :p AND ${cond}`,
      ExpressionAttributeValues: { ':p': P('p'), ...values },
    });

  describe('sort-key conditions', () => {
    it('hash key alone returns the whole partition in ascending numeric order', async () => {
      const r = await qn({});
      expect(nums(r.Items)).toEqual(range(1, 20));
      expect(r.Count).toBe(20);
    });

    it('sk = :v returns exactly that item', async () => {
      const r = await qn({ KeyConditionExpression: 'pk = :p AND sk = :v' }, { ':v': N(7) });
      expect(r.Items).toEqual([{ pk: P('p'), sk: N(7), v: N(70), tag: S('odd') }]);
    });

    it('sk < :v', async () => {
      expect(nums((await qn({ KeyConditionExpression: 'pk = :p AND sk < :v' }, { ':v': N(5) })).Items)).toEqual([1, 2, 3, 4]);
    });

    it('sk <= :v', async () => {
      expect(nums((await qn({ KeyConditionExpression: 'pk = :p AND sk <= :v' }, { ':v': N(5) })).Items)).toEqual([1, 2, 3, 4, 5]);
    });

    it('sk > :v (numeric, not text, comparison)', async () => {
      expect(nums((await qn({ KeyConditionExpression: 'pk = :p AND sk > :v' }, { ':v': N(9) })).Items)).toEqual(range(10, 20));
    });

    it('sk >= :v', async () => {
      expect(nums((await qn({ KeyConditionExpression: 'pk = :p AND sk >= :v' }, { ':v': N(18) })).Items)).toEqual([18, 19, 20]);
    });

    it('sk BETWEEN :a AND :b includes both bounds', async () => {
      const r = await qn({ KeyConditionExpression: 'pk = :p AND sk BETWEEN :a AND :b' }, { ':a': N(4), ':b': N(8) });
      expect(nums(r.Items)).toEqual([4, 5, 6, 7, 8]);
    });

    it('sk BETWEEN with equal bounds returns one item', async () => {
      const r = await qn({ KeyConditionExpression: 'pk = :p AND sk BETWEEN :a AND :a' }, { ':a': N(11) });
      expect(nums(r.Items)).toEqual([11]);
    });

    it('begins_with(sk, :prefix) on a string sort key', async () => {
      expect(strs((await qs('begins_with(sk, :x)', { ':x': S('ab') })).Items)).toEqual(['ab', 'abc', 'abd']);
    });

    it('begins_with matching nothing returns no items', async () => {
      const r = await qs('begins_with(sk, :x)', { ':x': S('zz') });
      expect(r.Items).toEqual([]);
      expect(r.Count).toBe(0);
    });

    it('string sort keys compare byte-wise (sk > "b" excludes "b", includes "ba")', async () => {
      expect(strs((await qs('sk > :x', { ':x': S('b') })).Items)).toEqual(['ba', 'c', 'd1', 'd2']);
    });

    it('string BETWEEN', async () => {
      expect(strs((await qs('sk BETWEEN :a AND :b', { ':a': S('abc'), ':b': S('b') })).Items)).toEqual(['abc', 'abd', 'b']);
    });

    it('begins_with on a number sort key is a ValidationException', async () => {
      await expectError(qn({ KeyConditionExpression: 'pk = :p AND begins_with(sk, :v)' }, { ':v': N(1) }), 'ValidationException');
    });

    it('key attribute names through ExpressionAttributeNames', async () => {
      const r = await tn.client.call<any>('Query', {
        TableName: tn.name,
        ConsistentRead: true,
        KeyConditionExpression: '#h = :p AND #r < :v',
        ExpressionAttributeNames: { '#h': 'pk', '#r': 'sk' },
        ExpressionAttributeValues: { ':p': P('p'), ':v': N(3) },
      });
      expect(nums(r.Items)).toEqual([1, 2]);
    });

    it('a partition with no items returns Count 0 and no LastEvaluatedKey', async () => {
      const r = await qn({}, { ':p': P('nobody-here') });
      expect(r.Items).toEqual([]);
      expect(r.Count).toBe(0);
      expect(r.LastEvaluatedKey).toBeUndefined();
    });
  });

  describe('invalid key conditions', () => {
    it('a condition without the hash key is a ValidationException', async () => {
      await expectError(qn({ KeyConditionExpression: 'sk = :v' }, { ':v': N(1) }), 'ValidationException');
    });

    it('an inequality on the hash key is a ValidationException', async () => {
      await expectError(qn({ KeyConditionExpression: 'pk > :p' }), 'ValidationException');
    });

    it('a non-key attribute in the key condition is a ValidationException', async () => {
      await expectError(qn({ KeyConditionExpression: 'pk = :p AND v = :v' }, { ':v': N(10) }), 'ValidationException');
    });

    it('OR in a key condition is a ValidationException', async () => {
      await expectError(qn({ KeyConditionExpression: 'pk = :p OR sk = :v' }, { ':v': N(1) }), 'ValidationException');
    });

    it('KeyConditions and KeyConditionExpression together are a ValidationException', async () => {
      await expectError(
        qn({ KeyConditions: { pk: { AttributeValueList: [P('p')], ComparisonOperator: 'EQ' } } }),
        'ValidationException',
      );
    });

    it('a missing table is a ResourceNotFoundException', async () => {
      await expectError(
        tn.client.call('Query', { TableName: `${tn.name}_nope`, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': P('p') } }),
        'ResourceNotFoundException',
      );
    });
  });

  describe('order and Limit', () => {
    it('ScanIndexForward=false returns the partition in descending order', async () => {
      expect(nums((await qn({ ScanIndexForward: false })).Items)).toEqual(range(1, 20).reverse());
    });

    it('ScanIndexForward=false with a range condition and Limit returns the highest matching items', async () => {
      const r = await qn({ KeyConditionExpression: 'pk = :p AND sk < :v', ScanIndexForward: false, Limit: 3 }, { ':v': N(15) });
      expect(nums(r.Items)).toEqual([14, 13, 12]);
    });

    it('ScanIndexForward=true is the default order', async () => {
      expect(nums((await qn({ ScanIndexForward: true })).Items)).toEqual(nums((await qn({})).Items));
    });

    it('Limit returns that many items and a LastEvaluatedKey', async () => {
      const r = await qn({ Limit: 5 });
      expect(nums(r.Items)).toEqual([1, 2, 3, 4, 5]);
      expect(r.Count).toBe(5);
      expect(r.LastEvaluatedKey).toEqual({ pk: P('p'), sk: N(5) });
    });

    it('Limit 0 is a ValidationException', async () => {
      await expectError(qn({ Limit: 0 }), 'ValidationException');
    });

    it('ExclusiveStartKey resumes right after the given key', async () => {
      const r = await qn({ ExclusiveStartKey: { pk: P('p'), sk: N(17) } });
      expect(nums(r.Items)).toEqual([18, 19, 20]);
    });

    it('ExclusiveStartKey with ScanIndexForward=false resumes below the given key', async () => {
      const r = await qn({ ExclusiveStartKey: { pk: P('p'), sk: N(4) }, ScanIndexForward: false });
      expect(nums(r.Items)).toEqual([3, 2, 1]);
    });
  });

  describe('pagination', () => {
    const big = (extra: Record<string, unknown>) => ({
      TableName: tn.name,
      ConsistentRead: true,
      KeyConditionExpression: 'pk = :p',
      ExpressionAttributeValues: { ':p': P('big') },
      ...extra,
    });

    it('Limit 10 over 95 items: every item exactly once, in order, over 10 pages', async () => {
      const pages = await allPages(tn.client, 'Query', big({ Limit: 10 }));
      const items = itemsOf(pages);
      exactlyOnce(items, bigItems, ['pk', 'sk']);
      expect(nums(items)).toEqual(range(0, 94));
      expect(pages.length).toBeGreaterThanOrEqual(10);
      expect(pages.slice(0, 9).every((p) => p.Items?.length === 10)).toBe(true);
    });

    it('descending pages with Limit 7: every item exactly once, in descending order', async () => {
      const items = itemsOf(await allPages(tn.client, 'Query', big({ Limit: 7, ScanIndexForward: false })));
      exactlyOnce(items, bigItems, ['pk', 'sk']);
      expect(nums(items)).toEqual(range(0, 94).reverse());
    });

    it('page size 1: every item exactly once', async () => {
      const items = itemsOf(await allPages(tn.client, 'Query', big({ Limit: 1 })));
      exactlyOnce(items, bigItems, ['pk', 'sk']);
    });

    it('LastEvaluatedKey holds exactly the key attributes of the last item returned', async () => {
      const r = await tn.client.call<any>('Query', big({ Limit: 4 }));
      expect(Object.keys(r.LastEvaluatedKey).sort()).toEqual(['pk', 'sk']);
      expect(r.LastEvaluatedKey).toEqual({ pk: r.Items[3].pk, sk: r.Items[3].sk });
    });

    it('paging with a range condition stays inside the range', async () => {
      const items = itemsOf(
        await allPages(tn.client, 'Query', big({ Limit: 6, KeyConditionExpression: 'pk = :p AND sk BETWEEN :a AND :b', ExpressionAttributeValues: { ':p': P('big'), ':a': N(30), ':b': N(59) } })),
      );
      expect(nums(items)).toEqual(range(30, 59));
    });
  });

  describe('Select', () => {
    it('Select COUNT returns the Count and no Items', async () => {
      const r = await qn({ Select: 'COUNT' });
      expect(r.Count).toBe(20);
      expect(r.Items).toBeUndefined();
    });

    it('Select COUNT with a range condition counts only matching items', async () => {
      const r = await qn({ Select: 'COUNT', KeyConditionExpression: 'pk = :p AND sk > :v' }, { ':v': N(15) });
      expect(r.Count).toBe(5);
    });

    it('Select COUNT over pages: the Counts add up to the partition size', async () => {
      const pages = await allPages(tn.client, 'Query', {
        TableName: tn.name,
        ConsistentRead: true,
        KeyConditionExpression: 'pk = :p',
        ExpressionAttributeValues: { ':p': P('big') },
        Select: 'COUNT',
        Limit: 20,
      });
      expect(pages.reduce((n, p) => n + p.Count, 0)).toBe(95);
      expect(pages.every((p) => p.Items === undefined)).toBe(true);
    });

    it('Select ALL_ATTRIBUTES returns whole items', async () => {
      const r = await qn({ Select: 'ALL_ATTRIBUTES', KeyConditionExpression: 'pk = :p AND sk = :v' }, { ':v': N(2) });
      expect(r.Items).toEqual([{ pk: P('p'), sk: N(2), v: N(20), tag: S('even') }]);
    });

    it('Select SPECIFIC_ATTRIBUTES with a ProjectionExpression returns only those attributes', async () => {
      const r = await qn({ Select: 'SPECIFIC_ATTRIBUTES', ProjectionExpression: 'v', KeyConditionExpression: 'pk = :p AND sk <= :v' }, { ':v': N(2) });
      expect(r.Items).toEqual([{ v: N(10) }, { v: N(20) }]);
    });

    it('Select SPECIFIC_ATTRIBUTES without a projection is a ValidationException', async () => {
      await expectError(qn({ Select: 'SPECIFIC_ATTRIBUTES' }), 'ValidationException');
    });

    it('Select COUNT with a ProjectionExpression is a ValidationException', async () => {
      await expectError(qn({ Select: 'COUNT', ProjectionExpression: 'v' }), 'ValidationException');
    });

    it('Select ALL_PROJECTED_ATTRIBUTES on the base table is a ValidationException', async () => {
      await expectError(qn({ Select: 'ALL_PROJECTED_ATTRIBUTES' }), 'ValidationException');
    });

    it('an unknown Select value is a ValidationException', async () => {
      await expectError(qn({ Select: 'EVERYTHING' }), 'ValidationException');
    });
  });

  describe('legacy KeyConditions and QueryFilter', () => {
    const legacy = (KeyConditions: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
      tn.client.call<any>('Query', { TableName: tn.name, ConsistentRead: true, KeyConditions, ...extra });
    const eqP = { pk: { AttributeValueList: [P('p')], ComparisonOperator: 'EQ' } };

    it('KeyConditions EQ on the hash key and GT on the sort key', async () => {
      const r = await legacy({ ...eqP, sk: { AttributeValueList: [N(17)], ComparisonOperator: 'GT' } });
      expect(nums(r.Items)).toEqual([18, 19, 20]);
    });

    it('KeyConditions BETWEEN', async () => {
      const r = await legacy({ ...eqP, sk: { AttributeValueList: [N(2), N(4)], ComparisonOperator: 'BETWEEN' } });
      expect(nums(r.Items)).toEqual([2, 3, 4]);
    });

    it('KeyConditions LE', async () => {
      const r = await legacy({ ...eqP, sk: { AttributeValueList: [N(2)], ComparisonOperator: 'LE' } });
      expect(nums(r.Items)).toEqual([1, 2]);
    });

    it('KeyConditions BEGINS_WITH on a string sort key', async () => {
      const r = await ts.client.call<any>('Query', {
        TableName: ts.name,
        ConsistentRead: true,
        KeyConditions: { ...eqP, sk: { AttributeValueList: [S('d')], ComparisonOperator: 'BEGINS_WITH' } },
      });
      expect(strs(r.Items)).toEqual(['d1', 'd2']);
    });

    it('KeyConditions with a non-key operator (CONTAINS) is a ValidationException', async () => {
      await expectError(legacy({ ...eqP, sk: { AttributeValueList: [N(2)], ComparisonOperator: 'CONTAINS' } }), 'ValidationException');
    });

    it('QueryFilter keeps only matching items and reports ScannedCount before filtering', async () => {
      const r = await legacy(eqP, { QueryFilter: { tag: { AttributeValueList: [S('odd')], ComparisonOperator: 'EQ' } } });
      expect(nums(r.Items)).toEqual([1, 3, 5, 7, 9, 11, 13, 15, 17, 19]);
      expect(r.Count).toBe(10);
      expect(r.ScannedCount).toBe(20);
    });

    it('QueryFilter with two conditions and ConditionalOperator OR', async (ctx) => {
      requireFeature(ctx, 'legacy-conditional-or');
      const r = await legacy(eqP, {
        QueryFilter: { v: { AttributeValueList: [N(30)], ComparisonOperator: 'LE' }, tag: { AttributeValueList: [S('even')], ComparisonOperator: 'EQ' } },
        ConditionalOperator: 'OR',
      });
      expect(nums(r.Items)).toEqual([1, 2, 3, 4, 6, 8, 10, 12, 14, 16, 18, 20]);
    });
  });
});
