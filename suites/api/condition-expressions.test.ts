// ConditionExpression: every comparator, BETWEEN, IN, AND/OR/NOT with their precedence and parentheses,
// attribute_exists / attribute_not_exists, attribute_type for each type, begins_with, contains, size;
// a false condition fails with ConditionalCheckFailedException and changes nothing.
// Reference areas: scylladb test/alternator test_condition_expression.py.
import { describe, it, expect, beforeAll } from 'vitest';
import { useSharedTable, expectError, requireFeature, type Feature } from '../../harness/suite-kit/index.ts';
import { titled, showValues } from '../../harness/suite-kit/cases.ts';
import { S, N, type AV } from '../../harness/suite-kit/values.ts';

/** The item every condition is evaluated against. */
const FIXTURE: AV = {
  pk: { S: 'fixture' },
  a: { N: '5' },
  s: { S: 'hello' },
  b: { B: Buffer.from('abc').toString('base64') },
  t: { BOOL: true },
  z: { NULL: true },
  ss: { SS: ['x', 'y'] },
  ns: { NS: ['1', '3'] },
  bs: { BS: [Buffer.from([1]).toString('base64'), Buffer.from([2]).toString('base64')] },
  l: { L: [{ N: '1' }, { N: '2' }, { S: 'three' }] },
  m: { M: { k: { S: 'v' }, n: { M: { deep: { N: '10' } } } } },
  name: { S: 'reserved word attribute' },
};

interface Row {
  expr: string;
  /** A feature the row needs (a named difference may take it away). */
  needs?: Feature;
  values?: AV;
  names?: AV;
  holds: boolean;
}

describe('api condition expressions', () => {
  const t = useSharedTable('conditions', { hash: ['pk', 'S'] });
  const K = (s: string) => S(t.key(s));
  const fixture: AV = { ...FIXTURE, pk: K('fixture') };
  beforeAll(async () => {
    await t.ready();
    await t.client.call('PutItem', { TableName: t.name, Item: fixture });
  });

  /**
   * Re-writes the fixture unchanged under the condition: a true condition succeeds (and the item stays the
   * same), a false one must fail with ConditionalCheckFailedException.
   */
  async function check({ expr, values, names, holds }: Row) {
    // Only the placeholders the expression uses: unused ones are a ValidationException of their own.
    const used = values && Object.fromEntries(Object.entries(values).filter(([k]) => new RegExp(`${k}\\b`).test(expr)));
    const p = t.client.call('PutItem', {
      TableName: t.name,
      Item: fixture,
      ConditionExpression: expr,
      ...(used && Object.keys(used).length ? { ExpressionAttributeValues: used } : {}),
      ...(names ? { ExpressionAttributeNames: names } : {}),
    });
    if (holds) await p;
    else await expectError(p, 'ConditionalCheckFailedException');
  }
  const cases = (rows: Row[]) => rows.map((r) => ({ ...r, verdict: r.holds ? 'holds' : 'fails' }));

  describe('comparators', () => {
    it.for(titled(
      cases([
        { expr: 'a = :v', values: { ':v': N(5) }, holds: true },
        { expr: 'a = :v', values: { ':v': N(6) }, holds: false },
        { expr: 'a <> :v', values: { ':v': N(6) }, holds: true },
        { expr: 'a <> :v', values: { ':v': N(5) }, holds: false },
        { expr: 'a < :v', values: { ':v': N(6) }, holds: true },
        { expr: 'a < :v', values: { ':v': N(5) }, holds: false },
        { expr: 'a <= :v', values: { ':v': N(5) }, holds: true },
        { expr: 'a <= :v', values: { ':v': N(4) }, holds: false },
        { expr: 'a > :v', values: { ':v': N(4) }, holds: true },
        { expr: 'a > :v', values: { ':v': N(5) }, holds: false },
        { expr: 'a >= :v', values: { ':v': N(5) }, holds: true },
        { expr: 'a >= :v', values: { ':v': N(6) }, holds: false },
        { expr: 'a > :v', values: { ':v': N('4.99999999999999999999999999999999') }, holds: true },
        { expr: 'a < :v', values: { ':v': N('5.00000000000000000000000000000001') }, holds: true },
        { expr: 's < :v', values: { ':v': S('help') }, holds: true },
        { expr: 's > :v', values: { ':v': S('hello world') }, holds: false },
        { expr: 'b = :v', values: { ':v': { B: Buffer.from('abc').toString('base64') } }, holds: true },
        { expr: 'b < :v', values: { ':v': { B: Buffer.from('abd').toString('base64') } }, holds: true },
        { expr: 'a = :v', values: { ':v': S('5') }, holds: false },
        { expr: 'a <> :v', values: { ':v': S('5') }, holds: true },
        { expr: 'a < :v', values: { ':v': S('6') }, holds: false },
        { expr: 'absent = :v', values: { ':v': N(5) }, holds: false },
        { expr: 'absent <> :v', values: { ':v': N(5) }, holds: true },
        { expr: 'm.n.deep = :v', values: { ':v': N(10) }, holds: true },
        { expr: 'l[1] = :v', values: { ':v': N(2) }, holds: true },
        { expr: 'l = :v', values: { ':v': { L: [N(1), N(2), S('three')] } }, holds: true, needs: 'document-equality' },
        { expr: 'l = :v', values: { ':v': { L: [N(2), N(1), S('three')] } }, holds: false },
        { expr: 'm = :v', values: { ':v': { M: { k: S('v'), n: { M: { deep: N(10) } } } } }, holds: true, needs: 'document-equality' },
        { expr: 'm = :v', values: { ':v': { M: { k: S('v') } } }, holds: false },
        { expr: 'ss = :v', values: { ':v': { SS: ['y', 'x'] } }, holds: true },
        { expr: 'a < m.n.deep', holds: true },
      ]),
    (r) => `${r.expr}${r.values ? ` with ${showValues(r.values)}` : ''} ${r.verdict}`))('%s', async ([, row], ctx) => {
      if (row.needs) requireFeature(ctx, row.needs);
      await check(row);
    });
  });

  describe('BETWEEN and IN', () => {
    it.for(titled(
      cases([
        { expr: 'a BETWEEN :lo AND :hi', values: { ':lo': N(1), ':hi': N(10) }, holds: true },
        { expr: 'a BETWEEN :lo AND :hi', values: { ':lo': N(5), ':hi': N(5) }, holds: true },
        { expr: 'a BETWEEN :lo AND :hi', values: { ':lo': N(6), ':hi': N(10) }, holds: false },
        { expr: 's BETWEEN :lo AND :hi', values: { ':lo': S('a'), ':hi': S('i') }, holds: true },
        { expr: 'a IN (:x, :y, :z)', values: { ':x': N(1), ':y': N(5), ':z': N(9) }, holds: true },
        { expr: 'a IN (:x, :y)', values: { ':x': N(1), ':y': N(2) }, holds: false },
        { expr: 's IN (:x)', values: { ':x': S('hello') }, holds: true },
        { expr: 'a IN (:x)', values: { ':x': S('5') }, holds: false },
      ]),
    (r) => `${r.expr}${r.values ? ` with ${showValues(r.values)}` : ''} ${r.verdict}`))('%s', async ([, row]) => check(row));

    it('BETWEEN with the lower bound above the upper bound is refused with ValidationException', async () => {
      await expectError(check({ expr: 'a BETWEEN :hi AND :lo', values: { ':lo': N(1), ':hi': N(10) }, holds: true }), 'ValidationException');
    });
  });

  describe('logical operators and precedence', () => {
    const v = { ':five': N(5), ':one': N(1), ':bad': S('nope') };
    it.for(titled(
      cases([
        { expr: 'a = :five AND s <> :bad', values: v, holds: true },
        { expr: 'a = :five AND s = :bad', values: v, holds: false },
        { expr: 'a = :one OR s <> :bad', values: v, holds: true },
        { expr: 'a = :one OR s = :bad', values: v, holds: false },
        { expr: 'NOT a = :one', values: { ':one': N(1) }, holds: true },
        { expr: 'NOT a = :five', values: { ':five': N(5) }, holds: false },
        // AND binds tighter than OR: true OR (false AND false).
        { expr: 'a = :five OR a = :one AND s = :bad', values: v, holds: true },
        // Parentheses override it: (true OR false) AND false.
        { expr: '(a = :five OR a = :one) AND s = :bad', values: v, holds: false },
        // NOT binds tighter than AND: (NOT false) AND false.
        { expr: 'NOT a = :one AND s = :bad', values: v, holds: false },
        { expr: 'NOT (a = :one AND s = :bad)', values: v, holds: true },
        { expr: '(a = :one) OR (a = :five)', values: v, holds: true },
      ]),
    (r) => `${r.expr} ${r.verdict}`))('%s', async ([, row]) => check(row));
  });

  describe('attribute_exists and attribute_not_exists', () => {
    it.for(titled(
      cases([
        { expr: 'attribute_exists(a)', holds: true },
        { expr: 'attribute_exists(absent)', holds: false },
        { expr: 'attribute_not_exists(absent)', holds: true },
        { expr: 'attribute_not_exists(a)', holds: false },
        { expr: 'attribute_exists(m.k)', holds: true },
        { expr: 'attribute_exists(m.absent)', holds: false },
        { expr: 'attribute_exists(m.n.deep)', holds: true },
        { expr: 'attribute_exists(l[2])', holds: true },
        { expr: 'attribute_exists(l[3])', holds: false },
        { expr: 'attribute_exists(z)', holds: true },
      ]),
    (r) => `${r.expr} ${r.verdict}`))('%s', async ([, row]) => check(row));

    it('attribute_not_exists on the key of a absent item holds (create-only put)', async () => {
      await t.client.call('PutItem', { TableName: t.name, Item: { pk: K('created-once') }, ConditionExpression: 'attribute_not_exists(pk)' });
      await expectError(
        t.client.call('PutItem', { TableName: t.name, Item: { pk: K('created-once') }, ConditionExpression: 'attribute_not_exists(pk)' }),
        'ConditionalCheckFailedException',
      );
    });

    it('attribute_exists on a missing item fails', async () => {
      await expectError(
        t.client.call('PutItem', { TableName: t.name, Item: { pk: K('never-there') }, ConditionExpression: 'attribute_exists(pk)' }),
        'ConditionalCheckFailedException',
      );
    });
  });

  describe('attribute_type', () => {
    it.for([
      ['s', 'S'], ['a', 'N'], ['b', 'B'], ['t', 'BOOL'], ['z', 'NULL'],
      ['ss', 'SS'], ['ns', 'NS'], ['bs', 'BS'], ['l', 'L'], ['m', 'M'],
    ])('attribute_type(%s, %s) holds', async ([path, type]) => {
      await check({ expr: `attribute_type(${path}, :t)`, values: { ':t': S(type!) }, holds: true });
    });

    it.for([
      ['a', 'S'], ['s', 'SS'], ['l', 'M'], ['absent', 'S'],
    ])('attribute_type(%s, %s) fails', async ([path, type]) => {
      await check({ expr: `attribute_type(${path}, :t)`, values: { ':t': S(type!) }, holds: false });
    });

    it('attribute_type with an unknown type name is refused with ValidationException', async () => {
      await expectError(check({ expr: 'attribute_type(a, :t)', values: { ':t': S('NUMBER') }, holds: true }), 'ValidationException');
    });
  });

  describe('begins_with, contains and size', () => {
    it.for(titled(
      cases([
        { expr: 'begins_with(s, :p)', values: { ':p': S('he') }, holds: true },
        { expr: 'begins_with(s, :p)', values: { ':p': S('hello') }, holds: true },
        { expr: 'begins_with(s, :p)', values: { ':p': S('lo') }, holds: false },
        { expr: 'begins_with(s, :p)', values: { ':p': S('HE') }, holds: false },
        { expr: 'begins_with(b, :p)', values: { ':p': { B: Buffer.from('ab').toString('base64') } }, holds: true },
        { expr: 'begins_with(a, :p)', values: { ':p': S('5') }, holds: false },
        { expr: 'begins_with(absent, :p)', values: { ':p': S('x') }, holds: false },
        { expr: 'contains(s, :p)', values: { ':p': S('ell') }, holds: true },
        { expr: 'contains(s, :p)', values: { ':p': S('xyz') }, holds: false },
        { expr: 'contains(ss, :p)', values: { ':p': S('x') }, holds: true },
        { expr: 'contains(ss, :p)', values: { ':p': S('z') }, holds: false },
        { expr: 'contains(ns, :p)', values: { ':p': N(3) }, holds: true },
        { expr: 'contains(bs, :p)', values: { ':p': { B: Buffer.from([2]).toString('base64') } }, holds: true },
        { expr: 'contains(l, :p)', values: { ':p': N(2) }, holds: true },
        { expr: 'contains(l, :p)', values: { ':p': S('three') }, holds: true },
        { expr: 'contains(l, :p)', values: { ':p': N(3) }, holds: false },
        { expr: 'size(s) = :n', values: { ':n': N(5) }, holds: true },
        { expr: 'size(s) > :n', values: { ':n': N(5) }, holds: false },
        { expr: 'size(b) = :n', values: { ':n': N(3) }, holds: true },
        { expr: 'size(ss) = :n', values: { ':n': N(2) }, holds: true },
        { expr: 'size(ns) = :n', values: { ':n': N(2) }, holds: true },
        { expr: 'size(l) = :n', values: { ':n': N(3) }, holds: true },
        { expr: 'size(m) = :n', values: { ':n': N(2) }, holds: true },
        { expr: 'size(m.n) = :n', values: { ':n': N(1) }, holds: true },
        { expr: 'size(l) BETWEEN :lo AND :hi', values: { ':lo': N(1), ':hi': N(3) }, holds: true },
      ]),
    (r) => `${r.expr}${r.values ? ` with ${showValues(r.values)}` : ''} ${r.verdict}`))('%s', async ([, row]) => check(row));
  });

  describe('names, failures and other operations', () => {
    it('a reserved word is usable through ExpressionAttributeNames', async () => {
      await check({ expr: '#n = :v', names: { '#n': 'name' }, values: { ':v': S('reserved word attribute') }, holds: true });
    });

    it('a failed condition leaves the item unchanged', async () => {
      await expectError(
        t.client.call('PutItem', { TableName: t.name, Item: { pk: K('fixture'), a: N(999) }, ConditionExpression: 'a = :v', ExpressionAttributeValues: { ':v': N(0) } }),
        'ConditionalCheckFailedException',
      );
      const r = await t.client.call<any>('GetItem', { TableName: t.name, Key: { pk: K('fixture') }, ConsistentRead: true });
      expect(r.Item).toEqual(fixture);
    });

    it('UpdateItem with a false condition fails and does not update', async () => {
      await t.client.call('PutItem', { TableName: t.name, Item: { pk: K('upd'), v: N(1) } });
      await expectError(
        t.client.call('UpdateItem', {
          TableName: t.name, Key: { pk: K('upd') }, UpdateExpression: 'SET v = :two', ConditionExpression: 'v = :zero',
          ExpressionAttributeValues: { ':two': N(2), ':zero': N(0) },
        }),
        'ConditionalCheckFailedException',
      );
      expect((await t.client.call<any>('GetItem', { TableName: t.name, Key: { pk: K('upd') }, ConsistentRead: true })).Item.v).toEqual(N(1));
    });

    it('UpdateItem with a true condition updates', async () => {
      await t.client.call('PutItem', { TableName: t.name, Item: { pk: K('upd2'), v: N(1) } });
      await t.client.call('UpdateItem', {
        TableName: t.name, Key: { pk: K('upd2') }, UpdateExpression: 'SET v = v + :one', ConditionExpression: 'v = :one',
        ExpressionAttributeValues: { ':one': N(1) },
      });
      expect((await t.client.call<any>('GetItem', { TableName: t.name, Key: { pk: K('upd2') }, ConsistentRead: true })).Item.v).toEqual(N(2));
    });

    it('DeleteItem with a false condition fails and does not delete', async () => {
      await t.client.call('PutItem', { TableName: t.name, Item: { pk: K('del'), v: N(1) } });
      await expectError(
        t.client.call('DeleteItem', { TableName: t.name, Key: { pk: K('del') }, ConditionExpression: 'v = :zero', ExpressionAttributeValues: { ':zero': N(0) } }),
        'ConditionalCheckFailedException',
      );
      expect((await t.client.call<any>('GetItem', { TableName: t.name, Key: { pk: K('del') }, ConsistentRead: true })).Item).toBeDefined();
    });

    it('DeleteItem with a true condition deletes', async () => {
      await t.client.call('PutItem', { TableName: t.name, Item: { pk: K('del2'), v: N(1) } });
      await t.client.call('DeleteItem', { TableName: t.name, Key: { pk: K('del2') }, ConditionExpression: 'v = :one', ExpressionAttributeValues: { ':one': N(1) } });
      expect((await t.client.call<any>('GetItem', { TableName: t.name, Key: { pk: K('del2') }, ConsistentRead: true })).Item).toBeUndefined();
    });

    it.for(titled([
      { name: 'a syntax error', expr: 'a = = :v', values: { ':v': N(1) } },
      { name: 'an unknown function', expr: 'no_such_function(a)' },
      { name: 'a function name in the wrong case', expr: 'ATTRIBUTE_EXISTS(a)' },
      { name: 'a comparison without a right operand', expr: 'a <', values: undefined },
      { name: 'size() used as a whole condition', expr: 'size(a)' },
      { name: 'an empty expression', expr: '' },
    ], (r) => `${r.name} is refused with ValidationException`))('%s', async ([, { expr, values }]) => {
      await expectError(check({ expr, values, holds: true }), 'ValidationException');
    });
  });
});
