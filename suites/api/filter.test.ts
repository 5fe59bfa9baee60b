// FilterExpression semantics on Query and Scan: every comparator and function, boolean logic, nested paths,
// and the difference between Count (after filtering) and ScannedCount (read before filtering), including Limit
// applying before the filter. Areas of scylladb test/alternator test_filter_expression.py, test_query_filter.py.
import { describe, it, expect, beforeAll } from 'vitest';
import { useTable, expectError } from '../../harness/suite-kit/index.ts';
import { batchWriteAll, putRequests, allPages, itemsOf, type Item } from '../../harness/suite-kit/items.ts';
import { S, N } from '../../harness/suite-kit/values.ts';

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
const sks = (items: Item[] | undefined) => (items ?? []).map((i) => Number(i.sk.N));

describe('api filter', () => {
  // Its own table: the Scan case counts every item the table holds (ScannedCount 20, before the filter).
  const t = useTable('filter', { hash: ['pk', 'S'], range: ['sk', 'N'] });
  // Partition "f": sk 1..20. n = sk; s = "str<sk>"; flag = sk even; every third item has "maybe";
  // sk 5 has nul = NULL; sets, lists and maps for functions and nested paths.
  const items: Item[] = range(1, 20).map((i) => ({
    pk: S('f'),
    sk: N(i),
    n: N(i),
    s: S(`str${i}`),
    flag: { BOOL: i % 2 === 0 },
    ...(i % 3 === 0 ? { maybe: S('here') } : {}),
    ...(i === 5 ? { nul: { NULL: true } } : {}),
    set: { SS: [`e${i % 4}`, 'common'] },
    list: { L: [N(i), S(`l${i}`)] },
    map: { M: { a: { M: { b: N(i * 2) } }, word: S(i < 10 ? 'small' : 'large') } },
  }));

  beforeAll(async () => {
    await t.ready();
    await batchWriteAll(t.client, t.name, putRequests(items));
  });

  const query = (filter: string, values: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) =>
    t.client.call<any>('Query', {
      TableName: t.name,
      ConsistentRead: true,
      KeyConditionExpression: 'pk = :p',
      FilterExpression: filter,
      ExpressionAttributeValues: { ':p': S('f'), ...values },
      ...extra,
    });
  const matching = async (filter: string, values: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) =>
    sks((await query(filter, values, extra)).Items);

  describe('Count and ScannedCount', () => {
    it('Count is the number of items returned, ScannedCount the number read before filtering', async () => {
      const r = await query('n > :x', { ':x': N(15) });
      expect(sks(r.Items)).toEqual([16, 17, 18, 19, 20]);
      expect(r.Count).toBe(5);
      expect(r.ScannedCount).toBe(20);
    });

    it('Limit applies before the filter: ScannedCount is the Limit, Count what survived', async () => {
      const r = await query('flag = :t', { ':t': { BOOL: true } }, { Limit: 6 });
      expect(r.ScannedCount).toBe(6);
      expect(sks(r.Items)).toEqual([2, 4, 6]);
      expect(r.Count).toBe(3);
      expect(r.LastEvaluatedKey).toEqual({ pk: S('f'), sk: N(6) });
    });

    it('a page may be empty yet carry a LastEvaluatedKey', async () => {
      const r = await query('n > :x', { ':x': N(18) }, { Limit: 5 });
      expect(r.Items).toEqual([]);
      expect(r.Count).toBe(0);
      expect(r.ScannedCount).toBe(5);
      expect(r.LastEvaluatedKey).toBeDefined();
    });

    it('paging with a filter returns exactly the matching items across pages', async () => {
      const pages = await allPages(t.client, 'Query', {
        TableName: t.name,
        ConsistentRead: true,
        KeyConditionExpression: 'pk = :p',
        FilterExpression: 'attribute_exists(maybe)',
        ExpressionAttributeValues: { ':p': S('f') },
        Limit: 4,
      });
      expect(sks(itemsOf(pages))).toEqual([3, 6, 9, 12, 15, 18]);
      expect(pages.reduce((n, p) => n + p.ScannedCount, 0)).toBe(20);
      expect(pages.reduce((n, p) => n + p.Count, 0)).toBe(6);
    });

    it('Select COUNT with a filter: Count after filtering, ScannedCount before', async () => {
      const r = await query('n <= :x', { ':x': N(4) }, { Select: 'COUNT' });
      expect(r.Count).toBe(4);
      expect(r.ScannedCount).toBe(20);
      expect(r.Items).toBeUndefined();
    });

    it('Scan: Count is after the filter, ScannedCount before it', async () => {
      const pages = await allPages(t.client, 'Scan', {
        TableName: t.name,
        ConsistentRead: true,
        FilterExpression: '#m.word = :w',
        ExpressionAttributeNames: { '#m': 'map' },
        ExpressionAttributeValues: { ':w': S('small') },
      });
      expect(pages.reduce((n, p) => n + p.Count, 0)).toBe(9);
      expect(pages.reduce((n, p) => n + p.ScannedCount, 0)).toBe(20);
    });
  });

  describe('comparators', () => {
    it('= on a string', async () => expect(await matching('s = :v', { ':v': S('str7') })).toEqual([7]));
    it('<> on a number', async () => expect(await matching('n <> :v', { ':v': N(1) })).toEqual(range(2, 20)));
    it('< on a number', async () => expect(await matching('n < :v', { ':v': N(3) })).toEqual([1, 2]));
    it('<= on a number', async () => expect(await matching('n <= :v', { ':v': N(3) })).toEqual([1, 2, 3]));
    it('> on a string compares byte-wise', async () => expect(await matching('s > :v', { ':v': S('str8') })).toEqual([9]));
    it('>= on a number', async () => expect(await matching('n >= :v', { ':v': N(19) })).toEqual([19, 20]));
    it('BETWEEN is inclusive', async () => expect(await matching('n BETWEEN :a AND :b', { ':a': N(10), ':b': N(12) })).toEqual([10, 11, 12]));
    it('IN with several values', async () => expect(await matching('n IN (:a, :b, :c)', { ':a': N(2), ':b': N(13), ':c': N(99) })).toEqual([2, 13]));
    it('= on a boolean', async () => expect(await matching('flag = :f', { ':f': { BOOL: false } })).toEqual(range(1, 20).filter((i) => i % 2)));

    it('comparing values of different types matches nothing (and is not an error)', async () => {
      expect(await matching('n = :v', { ':v': S('1') })).toEqual([]);
    });

    it('a comparison with a missing attribute is false', async () => {
      expect(await matching('nothing_here = :v', { ':v': S('x') })).toEqual([]);
    });
  });

  describe('logic and functions', () => {
    it('AND', async () => expect(await matching('n > :a AND flag = :t', { ':a': N(15), ':t': { BOOL: true } })).toEqual([16, 18, 20]));
    it('OR', async () => expect(await matching('n = :a OR n = :b', { ':a': N(4), ':b': N(17) })).toEqual([4, 17]));
    it('NOT', async () => expect(await matching('NOT n > :a', { ':a': N(2) })).toEqual([1, 2]));

    it('AND binds tighter than OR; parentheses change it', async () => {
      const v = { ':a': N(1), ':b': N(3), ':t': { BOOL: true } };
      expect(await matching('n = :a OR n > :b AND flag = :t', { ...v, ':b': N(17) })).toEqual([1, 18, 20]);
      expect(await matching('(n = :a OR n > :b) AND flag = :t', { ...v, ':b': N(17) })).toEqual([18, 20]);
    });

    it('attribute_exists', async () => expect(await matching('attribute_exists(maybe)')).toEqual([3, 6, 9, 12, 15, 18]));
    it('attribute_not_exists', async () => expect((await matching('attribute_not_exists(maybe)')).length).toBe(14));
    it('attribute_type NULL', async () => expect(await matching('attribute_type(nul, :t)', { ':t': S('NULL') })).toEqual([5]));
    it('attribute_type SS', async () => expect((await matching('attribute_type(#s, :t)', { ':t': S('SS') }, { ExpressionAttributeNames: { '#s': 'set' } })).length).toBe(20));
    it('begins_with', async () => expect(await matching('begins_with(s, :x)', { ':x': S('str1') })).toEqual([1, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]));
    it('contains on a string', async () => expect(await matching('contains(s, :x)', { ':x': S('r2') })).toEqual([2, 20]));
    it('contains on a string set', async () => expect(await matching('contains(#s, :x)', { ':x': S('e3') }, { ExpressionAttributeNames: { '#s': 'set' } })).toEqual([3, 7, 11, 15, 19]));
    it('contains on a list', async () => expect(await matching('contains(#l, :x)', { ':x': S('l4') }, { ExpressionAttributeNames: { '#l': 'list' } })).toEqual([4]));
    it('size of a string', async () => expect(await matching('size(s) = :n', { ':n': N(5) })).toEqual(range(10, 20)));
    it('size of a set', async () => expect((await matching('size(#s) = :n', { ':n': N(2) }, { ExpressionAttributeNames: { '#s': 'set' } })).length).toBe(20));

    it('nested map path', async () => expect(await matching('#m.a.b >= :x', { ':x': N(36) }, { ExpressionAttributeNames: { '#m': 'map' } })).toEqual([18, 19, 20]));
    it('list index', async () => expect(await matching('#l[0] < :x', { ':x': N(3) }, { ExpressionAttributeNames: { '#l': 'list' } })).toEqual([1, 2]));

    it('a filter on an attribute left out of the projection still filters', async () => {
      const r = await query('n = :x', { ':x': N(8) }, { ProjectionExpression: 's' });
      expect(r.Items).toEqual([{ s: S('str8') }]);
    });
  });

  describe('invalid filters', () => {
    it('a syntax error is a ValidationException', async () => {
      await expectError(query('n = = :x', { ':x': N(1) }), 'ValidationException');
    });

    it('an update-only function (if_not_exists) in a filter is a ValidationException', async () => {
      await expectError(query('if_not_exists(n, :x) = :x', { ':x': N(1) }), 'ValidationException');
    });

    it('an empty FilterExpression is a ValidationException', async () => {
      await expectError(query(''), 'ValidationException');
    });

    it('an undefined :value is a ValidationException', async () => {
      await expectError(query('n = :nope'), 'ValidationException');
    });
  });
});
