// ProjectionExpression on GetItem: top-level attributes, nested map members, list elements, names through
// ExpressionAttributeNames, paths that do not exist, and the projections refused with ValidationException.
// Reference areas: scylladb test/alternator test_projection_expression.py.
import { describe, it, expect, beforeAll } from 'vitest';
import { useSharedTable, expectError, offers, requireFeature } from '../../harness/suite-kit/index.ts';
import { titled } from '../../harness/suite-kit/cases.ts';
import { S, N, L, M, type AV } from '../../harness/suite-kit/values.ts';

/** The projected item's attributes; its key is the file's own (useSharedTable). */
const ATTRIBUTES: AV = {
  a: S('top'),
  b: N(2),
  c: { BOOL: false },
  m: M({ x: N(1), y: S('why'), n: M({ deep: S('bottom'), other: N(0) }), arr: L(S('a0'), S('a1'), S('a2')) }),
  l: L(N(10), N(11), M({ k: S('in list'), j: N(5) }), L(S('nested0'), S('nested1'))),
  name: S('reserved'),
  'dotted.attr': S('has a dot'),
  'with space': S('has a space'),
};

describe('api projection expressions', () => {
  const t = useSharedTable('projection', { hash: ['pk', 'S'] });
  const K = (s: string) => S(t.key(s));
  const KEY = { pk: K('projected') };
  const ITEM: AV = { ...KEY, ...ATTRIBUTES };
  beforeAll(async () => {
    await t.ready();
    await t.client.call('PutItem', { TableName: t.name, Item: ITEM });
  });

  const project = async (expr: string, names?: AV, key: AV = KEY): Promise<AV | undefined> => {
    const r = await t.client.call<any>('GetItem', {
      TableName: t.name,
      Key: key,
      ConsistentRead: true,
      ProjectionExpression: expr,
      ...(names ? { ExpressionAttributeNames: names } : {}),
    });
    return r.Item;
  };

  it.for(titled([
    { name: 'one top-level attribute', expr: 'a', want: { a: S('top') } },
    { name: 'several top-level attributes', expr: 'a, b, c', want: { a: S('top'), b: N(2), c: { BOOL: false } } },
    { name: 'the key attribute only when asked', expr: 'pk, b', want: { pk: K('projected'), b: N(2) } },
    { name: 'a whole map', expr: 'm', want: { m: ITEM.m } },
    { name: 'a nested map member', expr: 'm.x', want: { m: M({ x: N(1) }) } },
    { name: 'two members of one map', expr: 'm.x, m.y', want: { m: M({ x: N(1), y: S('why') }) } },
    { name: 'a member two maps down', expr: 'm.n.deep', want: { m: M({ n: M({ deep: S('bottom') }) }) } },
    { name: 'a list element', expr: 'l[1]', want: { l: L(N(11)) } },
    { name: 'several list elements, in list order', expr: 'l[3], l[0]', want: { l: L(N(10), L(S('nested0'), S('nested1'))) } },
    { name: 'a map inside a list', expr: 'l[2].k', want: { l: L(M({ k: S('in list') })) } },
    { name: 'a list inside a list', expr: 'l[3][1]', want: { l: L(L(S('nested1'))) } },
    { name: 'a list inside a map', expr: 'm.arr[2]', want: { m: M({ arr: L(S('a2')) }) } },
    { name: 'top-level and nested paths together', expr: 'a, m.y, l[0]', want: { a: S('top'), m: M({ y: S('why') }), l: L(N(10)) } },
    { name: 'a missing attribute next to an existing one', expr: 'a, absent', want: { a: S('top') } },
    { name: 'a missing nested member next to an existing one', expr: 'm.absent, m.x', want: { m: M({ x: N(1) }) } },
    { name: 'a list index past the end next to a valid one', expr: 'l[9], l[0]', want: { l: L(N(10)) } },
  ], (r) => `${r.name} (${r.expr})`))('%s', async ([, { expr, want }]) => {
    expect(await project(expr)).toEqual(want);
  });

  it.for(titled([
    { name: 'a reserved word', expr: '#n', names: { '#n': 'name' }, want: { name: S('reserved') } },
    { name: 'a name containing a dot (one attribute, not a path)', expr: '#d', names: { '#d': 'dotted.attr' }, want: { 'dotted.attr': S('has a dot') } },
    { name: 'a name containing a space', expr: '#s', names: { '#s': 'with space' }, want: { 'with space': S('has a space') } },
    { name: 'a nested path made of placeholders', expr: '#m.#x', names: { '#m': 'm', '#x': 'x' }, want: { m: M({ x: N(1) }) } },
    { name: 'a placeholder used twice in one path', expr: '#m.#n.deep, #m.y', names: { '#m': 'm', '#n': 'n' }, want: { m: M({ n: M({ deep: S('bottom') }), y: S('why') }) } },
    { name: 'a placeholder then a list index', expr: '#l[1]', names: { '#l': 'l' }, want: { l: L(N(11)) } },
  ], (r) => `names through ExpressionAttributeNames: ${r.name}`))('%s', async ([, { expr, names, want }]) => {
    expect(await project(expr, names)).toEqual(want);
  });

  it('a dotted path does not reach an attribute whose name contains the dot', async () => {
    // `dotted.attr` without # is the path dotted → name, which does not exist.
    expect(await project('dotted.attr, a')).toEqual({ a: S('top') });
  });

  it('a projection on a missing item returns no Item', async () => {
    expect(await project('a', undefined, { pk: K('no-such-item') })).toBeUndefined();
  });

  it('a projection of only missing attributes on an existing item returns an empty Item', async () => {
    expect(await project('absent')).toEqual({});
  });

  it.for(titled([
    { name: 'overlapping paths (m and m.x)', expr: 'm, m.x' },
    { name: 'the same path twice', expr: 'a, a' },
    { name: 'conflicting paths (a map member and a list index of one attribute)', expr: 'm.x, m[0]' },
    { name: 'a syntax error', expr: 'a,, b' },
    { name: 'a negative list index', expr: 'l[-1]' },
    { name: 'an undefined # placeholder', expr: '#undefined' },
    { name: 'an empty expression', expr: '' },
  ], (r) => `${r.name} is refused with ValidationException`))('%s', async ([, { expr }]) => {
    await expectError(project(expr), 'ValidationException');
  });

  // DynamoDB refuses a reserved word used bare; Alternator's grammar accepts it (alternator/expressions.g).
  it('a reserved word without # (name): refused by DynamoDB, projected by Alternator', async (ctx) => {
    if (offers('reserved-words-refused')) return void (await expectError(project('name'), 'ValidationException', /reserved/i));
    requireFeature(ctx, 'reserved-words-bare');
    expect(await project('name')).toEqual({ name: S('reserved') });
  });

  it('ProjectionExpression together with AttributesToGet is refused with ValidationException', async () => {
    await expectError(
      t.client.call('GetItem', { TableName: t.name, Key: KEY, ProjectionExpression: 'a', AttributesToGet: ['a'] }),
      'ValidationException',
    );
  });
});
