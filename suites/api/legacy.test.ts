// The legacy (pre-expression) parameters Alternator supports on single-item operations: Expected (with
// Value / Exists and with every ComparisonOperator, ConditionalOperator AND/OR), AttributesToGet and
// AttributeUpdates (PUT, DELETE, ADD). KeyConditions, QueryFilter and ScanFilter belong to the query/scan suites.
// Reference areas: scylladb test/alternator test_expected.py, test_item.py (AttributesToGet, AttributeUpdates).
import { describe, it, expect, beforeAll } from 'vitest';
import { useSharedTable, expectError } from '../../harness/suite-kit/index.ts';
import { titled } from '../../harness/suite-kit/cases.ts';
import { S, N, type AV } from '../../harness/suite-kit/values.ts';

/** The fixture's attributes; its key is the file's own (useSharedTable). */
const FIXTURE_ATTRIBUTES: AV = {
  a: N(5),
  s: S('hello'),
  ss: { SS: ['x', 'y'] },
  l: { L: [N(1), N(2)] },
};

describe('api legacy parameters', () => {
  const t = useSharedTable('legacy', { hash: ['pk', 'S'] });
  const K = (s: string) => S(t.key(s));
  const FIXTURE: AV = { pk: K('legacy'), ...FIXTURE_ATTRIBUTES };
  beforeAll(async () => {
    await t.ready();
    await t.client.call('PutItem', { TableName: t.name, Item: FIXTURE });
  });
  let seq = 0;
  const call = (op: string, body: AV) => t.client.call<any>(op, { TableName: t.name, ...body });
  const get = async (key: AV, extra: AV = {}) => (await call('GetItem', { Key: key, ConsistentRead: true, ...extra })).Item;

  describe('Expected', () => {
    /** Re-writes the fixture unchanged under the Expected conditions. */
    async function check(expected: AV, holds: boolean, extra: AV = {}) {
      const p = call('PutItem', { Item: FIXTURE, Expected: expected, ...extra });
      if (holds) await p;
      else await expectError(p, 'ConditionalCheckFailedException');
    }
    const rows = (rs: Array<{ name: string; expected: AV; holds: boolean; extra?: AV }>) =>
      rs.map((r) => ({ ...r, verdict: r.holds ? 'holds' : 'fails' }));

    it.for(titled(
      rows([
        { name: 'Value equal', expected: { a: { Value: N(5) } }, holds: true },
        { name: 'Value different', expected: { a: { Value: N(6) } }, holds: false },
        { name: 'Value on a missing attribute', expected: { absent: { Value: N(5) } }, holds: false },
        { name: 'Exists true with an equal Value', expected: { a: { Exists: true, Value: N(5) } }, holds: true },
        { name: 'Exists false on a missing attribute', expected: { absent: { Exists: false } }, holds: true },
        { name: 'Exists false on a present attribute', expected: { a: { Exists: false } }, holds: false },
        { name: 'EQ', expected: { a: { ComparisonOperator: 'EQ', AttributeValueList: [N(5)] } }, holds: true },
        { name: 'EQ with another type', expected: { a: { ComparisonOperator: 'EQ', AttributeValueList: [S('5')] } }, holds: false },
        { name: 'NE', expected: { a: { ComparisonOperator: 'NE', AttributeValueList: [N(5)] } }, holds: false },
        { name: 'NE on a missing attribute', expected: { absent: { ComparisonOperator: 'NE', AttributeValueList: [N(5)] } }, holds: true },
        { name: 'LT', expected: { a: { ComparisonOperator: 'LT', AttributeValueList: [N(6)] } }, holds: true },
        { name: 'LT at the value', expected: { a: { ComparisonOperator: 'LT', AttributeValueList: [N(5)] } }, holds: false },
        { name: 'LE', expected: { a: { ComparisonOperator: 'LE', AttributeValueList: [N(5)] } }, holds: true },
        { name: 'GT', expected: { a: { ComparisonOperator: 'GT', AttributeValueList: [N(5)] } }, holds: false },
        { name: 'GE', expected: { a: { ComparisonOperator: 'GE', AttributeValueList: [N(5)] } }, holds: true },
        { name: 'GT on strings', expected: { s: { ComparisonOperator: 'GT', AttributeValueList: [S('hell')] } }, holds: true },
        { name: 'BETWEEN', expected: { a: { ComparisonOperator: 'BETWEEN', AttributeValueList: [N(1), N(5)] } }, holds: true },
        { name: 'BETWEEN outside', expected: { a: { ComparisonOperator: 'BETWEEN', AttributeValueList: [N(6), N(9)] } }, holds: false },
        { name: 'IN', expected: { a: { ComparisonOperator: 'IN', AttributeValueList: [N(1), N(5)] } }, holds: true },
        { name: 'IN without the value', expected: { a: { ComparisonOperator: 'IN', AttributeValueList: [N(1), N(2)] } }, holds: false },
        { name: 'NULL on a missing attribute', expected: { absent: { ComparisonOperator: 'NULL' } }, holds: true },
        { name: 'NULL on a present attribute', expected: { a: { ComparisonOperator: 'NULL' } }, holds: false },
        { name: 'NOT_NULL', expected: { a: { ComparisonOperator: 'NOT_NULL' } }, holds: true },
        { name: 'BEGINS_WITH', expected: { s: { ComparisonOperator: 'BEGINS_WITH', AttributeValueList: [S('hel')] } }, holds: true },
        { name: 'BEGINS_WITH not a prefix', expected: { s: { ComparisonOperator: 'BEGINS_WITH', AttributeValueList: [S('elo')] } }, holds: false },
        { name: 'CONTAINS a substring', expected: { s: { ComparisonOperator: 'CONTAINS', AttributeValueList: [S('ell')] } }, holds: true },
        { name: 'CONTAINS a set element', expected: { ss: { ComparisonOperator: 'CONTAINS', AttributeValueList: [S('y')] } }, holds: true },
        { name: 'CONTAINS a list element', expected: { l: { ComparisonOperator: 'CONTAINS', AttributeValueList: [N(2)] } }, holds: true },
        { name: 'NOT_CONTAINS', expected: { ss: { ComparisonOperator: 'NOT_CONTAINS', AttributeValueList: [S('z')] } }, holds: true },
        { name: 'NOT_CONTAINS a present element', expected: { ss: { ComparisonOperator: 'NOT_CONTAINS', AttributeValueList: [S('x')] } }, holds: false },
        { name: 'two conditions, AND by default, one false', expected: { a: { Value: N(5) }, s: { Value: S('nope') } }, holds: false },
        { name: 'two conditions with ConditionalOperator AND, both true', expected: { a: { Value: N(5) }, s: { Value: S('hello') } }, holds: true, extra: { ConditionalOperator: 'AND' } },
        { name: 'two conditions with ConditionalOperator OR, one true', expected: { a: { Value: N(5) }, s: { Value: S('nope') } }, holds: true, extra: { ConditionalOperator: 'OR' } },
        { name: 'two conditions with ConditionalOperator OR, none true', expected: { a: { Value: N(6) }, s: { Value: S('nope') } }, holds: false, extra: { ConditionalOperator: 'OR' } },
      ]),
    (r) => `Expected ${r.name} ${r.verdict}`))('%s', async ([, { expected, holds, extra }]) => check(expected, holds, extra));

    it.for(titled([
      { name: 'Exists true without a Value', expected: { a: { Exists: true } } },
      { name: 'EQ with two values', expected: { a: { ComparisonOperator: 'EQ', AttributeValueList: [N(1), N(2)] } } },
      { name: 'BETWEEN with one value', expected: { a: { ComparisonOperator: 'BETWEEN', AttributeValueList: [N(1)] } } },
      { name: 'an unknown ComparisonOperator', expected: { a: { ComparisonOperator: 'LIKE', AttributeValueList: [N(1)] } } },
      { name: 'NULL with a value', expected: { a: { ComparisonOperator: 'NULL', AttributeValueList: [N(1)] } } },
    ], (r) => `Expected with ${r.name} is refused with ValidationException`))('%s', async ([, { expected }]) => {
      await expectError(call('PutItem', { Item: FIXTURE, Expected: expected }), 'ValidationException');
    });

    it('Expected together with ConditionExpression is refused with ValidationException', async () => {
      await expectError(
        call('PutItem', { Item: FIXTURE, Expected: { a: { Value: N(5) } }, ConditionExpression: 'attribute_exists(a)' }),
        'ValidationException',
      );
    });

    it('Expected on UpdateItem: a false one fails and does not update', async () => {
      await expectError(
        call('UpdateItem', { Key: { pk: FIXTURE.pk }, Expected: { a: { Value: N(0) } }, AttributeUpdates: { a: { Action: 'PUT', Value: N(0) } } }),
        'ConditionalCheckFailedException',
      );
      expect(await get({ pk: FIXTURE.pk })).toEqual(FIXTURE);
    });

    it('Expected on DeleteItem: a false one fails and does not delete', async () => {
      await expectError(call('DeleteItem', { Key: { pk: FIXTURE.pk }, Expected: { a: { Value: N(0) } } }), 'ConditionalCheckFailedException');
      expect(await get({ pk: FIXTURE.pk })).toEqual(FIXTURE);
    });

    it('Expected on DeleteItem: a true one deletes', async () => {
      const key = { pk: K(`legacy-del-${++seq}`) };
      await call('PutItem', { Item: { ...key, v: N(1) } });
      await call('DeleteItem', { Key: key, Expected: { v: { Value: N(1) } } });
      expect(await get(key)).toBeUndefined();
    });
  });

  describe('AttributesToGet', () => {
    it('returns only the listed attributes', async () => {
      expect(await get({ pk: FIXTURE.pk }, { AttributesToGet: ['a', 's'] })).toEqual({ a: N(5), s: S('hello') });
    });

    it('leaves out listed attributes the item does not have', async () => {
      expect(await get({ pk: FIXTURE.pk }, { AttributesToGet: ['a', 'absent'] })).toEqual({ a: N(5) });
    });

    it('treats a dotted name as one attribute name, not a path', async () => {
      const key = { pk: K(`legacy-dot-${++seq}`) };
      await call('PutItem', { Item: { ...key, 'x.y': S('dotted'), x: { M: { y: S('nested') } } } });
      expect(await get(key, { AttributesToGet: ['x.y'] })).toEqual({ 'x.y': S('dotted') });
    });

    it('a duplicated name is refused with ValidationException', async () => {
      await expectError(get({ pk: FIXTURE.pk }, { AttributesToGet: ['a', 'a'] }), 'ValidationException');
    });
  });

  describe('AttributeUpdates', () => {
    async function apply(start: AV, updates: AV) {
      const key = { pk: K(`legacy-upd-${++seq}`) };
      await call('PutItem', { Item: { ...key, ...start } });
      await call('UpdateItem', { Key: key, AttributeUpdates: updates });
      const { pk: _pk, ...rest } = (await get(key)) ?? {};
      return rest;
    }
    const sorted = (v: AV) => Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x.SS ? { SS: [...x.SS].sort() } : x.NS ? { NS: [...x.NS].sort() } : x]));

    it.for(titled([
      { name: 'PUT sets a new attribute', start: {}, updates: { a: { Action: 'PUT', Value: S('x') } }, after: { a: S('x') } },
      { name: 'PUT replaces an attribute', start: { a: N(1) }, updates: { a: { Action: 'PUT', Value: S('x') } }, after: { a: S('x') } },
      { name: 'PUT is the default Action', start: { a: N(1) }, updates: { a: { Value: N(2) } }, after: { a: N(2) } },
      { name: 'DELETE without a value removes the attribute', start: { a: N(1), b: N(2) }, updates: { a: { Action: 'DELETE' } }, after: { b: N(2) } },
      { name: 'DELETE with a set removes those elements', start: { ss: { SS: ['a', 'b', 'c'] } }, updates: { ss: { Action: 'DELETE', Value: { SS: ['b'] } } }, after: { ss: { SS: ['a', 'c'] } } },
      { name: 'ADD to a number', start: { n: N(10) }, updates: { n: { Action: 'ADD', Value: N(-3) } }, after: { n: N(7) } },
      { name: 'ADD a number to a missing attribute', start: {}, updates: { n: { Action: 'ADD', Value: N(3) } }, after: { n: N(3) } },
      { name: 'ADD elements to a set', start: { ns: { NS: ['1'] } }, updates: { ns: { Action: 'ADD', Value: { NS: ['2', '1'] } } }, after: { ns: { NS: ['1', '2'] } } },
      { name: 'ADD a set to a missing attribute', start: {}, updates: { ss: { Action: 'ADD', Value: { SS: ['q'] } } }, after: { ss: { SS: ['q'] } } },
      { name: 'several attributes at once', start: { a: N(1), b: N(2) }, updates: { a: { Action: 'DELETE' }, b: { Action: 'ADD', Value: N(1) }, c: { Action: 'PUT', Value: { BOOL: true } } }, after: { b: N(3), c: { BOOL: true } } },
    ], (r) => `${r.name}`))('%s', async ([, { start, updates, after }]) => {
      expect(sorted(await apply(start, updates))).toEqual(sorted(after));
    });

    it.for(titled([
      { name: 'ADD to a string attribute', start: { s: S('x') }, updates: { s: { Action: 'ADD', Value: N(1) } } },
      { name: 'PUT without a Value', start: {}, updates: { a: { Action: 'PUT' } } },
      { name: 'an unknown Action', start: {}, updates: { a: { Action: 'APPEND', Value: N(1) } } },
      { name: 'updating a key attribute', start: {}, updates: { pk: { Action: 'PUT', Value: S('other') } } },
    ], (r) => `${r.name} is refused with ValidationException`))('%s', async ([, { start, updates }]) => {
      await expectError(apply(start, updates), 'ValidationException');
    });

    it('AttributeUpdates together with UpdateExpression is refused with ValidationException', async () => {
      await expectError(
        call('UpdateItem', { Key: { pk: K('legacy-mix') }, AttributeUpdates: { a: { Action: 'PUT', Value: N(1) } }, UpdateExpression: 'SET b = :v', ExpressionAttributeValues: { ':v': N(1) } }),
        'ValidationException',
      );
    });
  });
});
