// UpdateExpression: SET (values, copies, arithmetic, if_not_exists, list_append both ways, list indexes,
// nested map paths), REMOVE (attributes, nested paths, list elements), ADD (numbers and sets), DELETE (set
// elements), several actions at once, and the invalid expressions refused with ValidationException.
// Every case starts from the same fresh item and compares the whole item afterwards.
// Reference areas: scylladb test/alternator test_update_expression.py, test_nested.py.
import { describe, it, expect, beforeAll } from 'vitest';
import { useSharedTable, expectError } from '../../harness/suite-kit/index.ts';
import { titled } from '../../harness/suite-kit/cases.ts';
import { S, N, L, type AV } from '../../harness/suite-kit/values.ts';

/** The attributes every case starts from (the key is added per case). */
const BASE: AV = {
  n: N(10),
  s: S('text'),
  l: L(N(0), N(1), N(2)),
  m: { M: { x: N(1), nest: { M: { y: S('deep') } }, arr: L(S('a'), S('b')) } },
  ss: { SS: ['a', 'b'] },
  ns: { NS: ['1', '2'] },
  bs: { BS: ['AQ==', 'Ag=='] },
  t: { BOOL: true },
};

const sortSets = (item: AV | undefined): AV | undefined => {
  if (!item) return item;
  const out: AV = {};
  for (const [k, v] of Object.entries(item)) {
    const [type, val] = Object.entries(v as AV)[0]!;
    out[k] = ['SS', 'NS', 'BS'].includes(type) ? { [type]: [...(val as string[])].sort() } : v;
  }
  return out;
};

describe('api update expressions', () => {
  const t = useSharedTable('updates', { hash: ['pk', 'S'] });
  beforeAll(() => t.ready());
  let seq = 0;

  /** Writes BASE under a fresh key, applies the update, returns the key and the item afterwards. */
  async function apply(expr: string, values?: AV, names?: AV, start: AV = BASE) {
    const key = { pk: S(t.key(`u-${++seq}`)) };
    await t.client.call('PutItem', { TableName: t.name, Item: { ...key, ...start } });
    await t.client.call('UpdateItem', {
      TableName: t.name,
      Key: key,
      UpdateExpression: expr,
      ...(values ? { ExpressionAttributeValues: values } : {}),
      ...(names ? { ExpressionAttributeNames: names } : {}),
    });
    const r = await t.client.call<any>('GetItem', { TableName: t.name, Key: key, ConsistentRead: true });
    const { pk: _pk, ...rest } = r.Item ?? {};
    return rest as AV;
  }
  /** BASE with some attributes replaced (undefined removes). */
  const expected = (changes: AV): AV => {
    const out: AV = { ...BASE };
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined) delete out[k];
      else out[k] = v;
    }
    return out;
  };
  const mWith = (changes: AV): AV => {
    const nest: AV = { ...BASE.m.M };
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined) delete nest[k];
      else nest[k] = v;
    }
    return { M: nest };
  };

  interface Row {
    name: string;
    expr: string;
    values?: AV;
    names?: AV;
    after: AV;
  }
  const rows = (rs: Row[]) => rs;
  const run = async ({ expr, values, names, after }: Row) => {
    expect(sortSets(await apply(expr, values, names))).toEqual(sortSets(expected(after)));
  };

  describe('SET', () => {
    it.for(titled(
      rows([
        { name: 'a new attribute', expr: 'SET fresh = :v', values: { ':v': S('new') }, after: { fresh: S('new') } },
        { name: 'an existing attribute, overwriting it', expr: 'SET s = :v', values: { ':v': S('changed') }, after: { s: S('changed') } },
        { name: 'an attribute to a different type', expr: 'SET n = :v', values: { ':v': L(S('now a list')) }, after: { n: L(S('now a list')) } },
        { name: 'several attributes at once', expr: 'SET a1 = :v, a2 = :w', values: { ':v': N(1), ':w': N(2) }, after: { a1: N(1), a2: N(2) } },
        { name: 'an attribute named through #', expr: 'SET #k = :v', values: { ':v': S('x') }, names: { '#k': 'size' }, after: { size: S('x') } },
        { name: 'an attribute whose name has a dot, through #', expr: 'SET #k = :v', values: { ':v': S('x') }, names: { '#k': 'a.b' }, after: { 'a.b': S('x') } },
        { name: 'a copy of another attribute', expr: 'SET dup1 = s', after: { dup1: S('text') } },
        { name: 'a copy of a nested value', expr: 'SET dup1 = m.nest.y', after: { dup1: S('deep') } },
        { name: 'a nested map member', expr: 'SET m.x = :v', values: { ':v': N(99) }, after: { m: mWith({ x: N(99) }) } },
        { name: 'a new member in a nested map', expr: 'SET m.added = :v', values: { ':v': S('z') }, after: { m: mWith({ added: S('z') }) } },
        { name: 'a member two maps down', expr: 'SET m.nest.y = :v', values: { ':v': S('deeper') }, after: { m: mWith({ nest: { M: { y: S('deeper') } } }) } },
        { name: 'a list element by index', expr: 'SET l[1] = :v', values: { ':v': S('one') }, after: { l: L(N(0), S('one'), N(2)) } },
        { name: 'a list element past the end (appends)', expr: 'SET l[10] = :v', values: { ':v': N(3) }, after: { l: L(N(0), N(1), N(2), N(3)) } },
        { name: 'a list element inside a map', expr: 'SET m.arr[0] = :v', values: { ':v': S('A') }, after: { m: mWith({ arr: L(S('A'), S('b')) }) } },
        { name: 'two list elements at once', expr: 'SET l[0] = :v, l[2] = :w', values: { ':v': S('zero'), ':w': S('two') }, after: { l: L(S('zero'), N(1), S('two')) } },
      ]),
    (r) => `SET ${r.name}`))('%s', async ([, row]) => run(row));
  });

  describe('arithmetic', () => {
    it.for(titled(
      rows([
        { name: 'n + value', expr: 'SET n = n + :v', values: { ':v': N(5) }, after: { n: N(15) } },
        { name: 'n - value', expr: 'SET n = n - :v', values: { ':v': N(3) }, after: { n: N(7) } },
        { name: 'value - n, going negative', expr: 'SET n = :v - n', values: { ':v': N(3) }, after: { n: N(-7) } },
        { name: 'value + value into a new attribute', expr: 'SET r = :a + :b', values: { ':a': N('0.1'), ':b': N('0.2') }, after: { r: N('0.3') } },
        { name: 'attribute + attribute', expr: 'SET r = n + m.x', after: { r: N(11) } },
        { name: 'a list element + value', expr: 'SET l[2] = l[2] + :v', values: { ':v': N(40) }, after: { l: L(N(0), N(1), N(42)) } },
        { name: 'large numbers exactly', expr: 'SET r = :a + :b', values: { ':a': N('99999999999999999999999999999999999998'), ':b': N(1) }, after: { r: N('99999999999999999999999999999999999999') } },
      ]),
    (r) => `SET ${r.name}`))('%s', async ([, row]) => run(row));
  });

  describe('if_not_exists and list_append', () => {
    it.for(titled(
      rows([
        { name: 'if_not_exists keeps an existing value', expr: 'SET n = if_not_exists(n, :v)', values: { ':v': N(0) }, after: {} },
        { name: 'if_not_exists sets a missing value', expr: 'SET c = if_not_exists(c, :v)', values: { ':v': N(0) }, after: { c: N(0) } },
        { name: 'if_not_exists as a counter start', expr: 'SET c = if_not_exists(c, :zero) + :one', values: { ':zero': N(0), ':one': N(1) }, after: { c: N(1) } },
        { name: 'if_not_exists on a nested path', expr: 'SET m.x = if_not_exists(m.x, :v)', values: { ':v': N(7) }, after: {} },
        { name: 'list_append(l, :v) appends', expr: 'SET l = list_append(l, :v)', values: { ':v': L(N(3), N(4)) }, after: { l: L(N(0), N(1), N(2), N(3), N(4)) } },
        { name: 'list_append(:v, l) prepends', expr: 'SET l = list_append(:v, l)', values: { ':v': L(N(-1)) }, after: { l: L(N(-1), N(0), N(1), N(2)) } },
        { name: 'list_append of an empty list changes nothing', expr: 'SET l = list_append(l, :v)', values: { ':v': L() }, after: {} },
        { name: 'list_append into a new attribute from two values', expr: 'SET nl = list_append(:a, :b)', values: { ':a': L(S('x')), ':b': L(S('y')) }, after: { nl: L(S('x'), S('y')) } },
        { name: 'list_append onto a missing list through if_not_exists', expr: 'SET nl = list_append(if_not_exists(nl, :empty), :v)', values: { ':empty': L(), ':v': L(N(1)) }, after: { nl: L(N(1)) } },
        { name: 'list_append on a nested list', expr: 'SET m.arr = list_append(m.arr, :v)', values: { ':v': L(S('c')) }, after: { m: mWith({ arr: L(S('a'), S('b'), S('c')) }) } },
      ]),
    (r) => `${r.name}`))('%s', async ([, row]) => run(row));
  });

  describe('REMOVE', () => {
    it.for(titled(
      rows([
        { name: 'an attribute', expr: 'REMOVE s', after: { s: undefined } },
        { name: 'several attributes', expr: 'REMOVE s, n, t', after: { s: undefined, n: undefined, t: undefined } },
        { name: 'a missing attribute (nothing happens)', expr: 'REMOVE nothing_here', after: {} },
        { name: 'a nested map member', expr: 'REMOVE m.x', after: { m: mWith({ x: undefined }) } },
        { name: 'a member two maps down', expr: 'REMOVE m.nest.y', after: { m: mWith({ nest: { M: {} } }) } },
        { name: 'the first list element (the rest shift down)', expr: 'REMOVE l[0]', after: { l: L(N(1), N(2)) } },
        { name: 'a middle list element', expr: 'REMOVE l[1]', after: { l: L(N(0), N(2)) } },
        { name: 'the last list element', expr: 'REMOVE l[2]', after: { l: L(N(0), N(1)) } },
        { name: 'a list element past the end (nothing happens)', expr: 'REMOVE l[7]', after: {} },
        { name: 'a list element inside a map', expr: 'REMOVE m.arr[0]', after: { m: mWith({ arr: L(S('b')) }) } },
      ]),
    (r) => `REMOVE ${r.name}`))('%s', async ([, row]) => run(row));
  });

  describe('ADD and DELETE', () => {
    it.for(titled(
      rows([
        { name: 'ADD a number to a number', expr: 'ADD n :v', values: { ':v': N(5) }, after: { n: N(15) } },
        { name: 'ADD a negative number', expr: 'ADD n :v', values: { ':v': N(-11) }, after: { n: N(-1) } },
        { name: 'ADD a number to a missing attribute (starts at 0)', expr: 'ADD c :v', values: { ':v': N(3) }, after: { c: N(3) } },
        { name: 'ADD to a nested number', expr: 'ADD m.x :v', values: { ':v': N(1) }, after: { m: mWith({ x: N(2) }) } },
        { name: 'ADD elements to a string set', expr: 'ADD ss :v', values: { ':v': { SS: ['b', 'c'] } }, after: { ss: { SS: ['a', 'b', 'c'] } } },
        { name: 'ADD elements to a number set', expr: 'ADD ns :v', values: { ':v': { NS: ['3'] } }, after: { ns: { NS: ['1', '2', '3'] } } },
        { name: 'ADD elements to a binary set', expr: 'ADD bs :v', values: { ':v': { BS: ['Aw=='] } }, after: { bs: { BS: ['AQ==', 'Ag==', 'Aw=='] } } },
        { name: 'ADD a set to a missing attribute (creates it)', expr: 'ADD nss :v', values: { ':v': { SS: ['q'] } }, after: { nss: { SS: ['q'] } } },
        { name: 'ADD several at once', expr: 'ADD n :one, ss :s', values: { ':one': N(1), ':s': { SS: ['z'] } }, after: { n: N(11), ss: { SS: ['a', 'b', 'z'] } } },
        { name: 'DELETE elements from a string set', expr: 'DELETE ss :v', values: { ':v': { SS: ['a'] } }, after: { ss: { SS: ['b'] } } },
        { name: 'DELETE elements from a number set', expr: 'DELETE ns :v', values: { ':v': { NS: ['2'] } }, after: { ns: { NS: ['1'] } } },
        { name: 'DELETE elements from a binary set', expr: 'DELETE bs :v', values: { ':v': { BS: ['AQ=='] } }, after: { bs: { BS: ['Ag=='] } } },
        { name: 'DELETE every element removes the attribute', expr: 'DELETE ss :v', values: { ':v': { SS: ['a', 'b'] } }, after: { ss: undefined } },
        { name: 'DELETE an element the set does not have (nothing happens)', expr: 'DELETE ss :v', values: { ':v': { SS: ['nope'] } }, after: {} },
        { name: 'DELETE from a missing attribute (nothing happens)', expr: 'DELETE nothing_here :v', values: { ':v': { SS: ['a'] } }, after: {} },
      ]),
    (r) => `${r.name}`))('%s', async ([, row]) => run(row));
  });

  describe('several actions in one expression', () => {
    it.for(titled(
      rows([
        {
          name: 'SET, REMOVE, ADD and DELETE together',
          expr: 'SET s = :s REMOVE t ADD n :one DELETE ss :a',
          values: { ':s': S('all'), ':one': N(1), ':a': { SS: ['a'] } },
          after: { s: S('all'), t: undefined, n: N(11), ss: { SS: ['b'] } },
        },
        {
          name: 'clauses in another order',
          expr: 'DELETE ss :a ADD n :one REMOVE t SET s = :s',
          values: { ':s': S('all'), ':one': N(1), ':a': { SS: ['a'] } },
          after: { s: S('all'), t: undefined, n: N(11), ss: { SS: ['b'] } },
        },
        { name: 'SET reads the values from before the update', expr: 'SET a1 = n, n = :v', values: { ':v': N(0) }, after: { a1: N(10), n: N(0) } },
        { name: 'keywords in lower case', expr: 'set s = :s remove t', values: { ':s': S('lower') }, after: { s: S('lower'), t: undefined } },
      ]),
    (r) => `${r.name}`))('%s', async ([, row]) => run(row));
  });

  describe('invalid update expressions', () => {
    it.for(titled([
      { name: 'overlapping paths (a and a.b)', expr: 'SET m = :v, m.x = :v', values: { ':v': N(1) } },
      { name: 'the same path twice', expr: 'SET s = :v REMOVE s', values: { ':v': N(1) } },
      { name: 'the same path twice in SET', expr: 'SET s = :v, s = :w', values: { ':v': N(1), ':w': N(2) } },
      { name: 'a list element and its list', expr: 'SET l[0] = :v REMOVE l', values: { ':v': N(1) } },
      { name: 'ADD to a string attribute', expr: 'ADD s :v', values: { ':v': N(1) } },
      { name: 'ADD a string value', expr: 'ADD n :v', values: { ':v': S('1') } },
      { name: 'ADD a list value', expr: 'ADD l :v', values: { ':v': L(N(1)) } },
      { name: 'ADD a number set to a string set', expr: 'ADD ss :v', values: { ':v': { NS: ['1'] } } },
      { name: 'DELETE with a number value', expr: 'DELETE n :v', values: { ':v': N(1) } },
      { name: 'DELETE number-set elements from a string set', expr: 'DELETE ss :v', values: { ':v': { NS: ['1'] } } },
      { name: 'arithmetic on a string attribute', expr: 'SET n = s + :v', values: { ':v': N(1) } },
      { name: 'arithmetic on a missing attribute', expr: 'SET n = nothing_here + :v', values: { ':v': N(1) } },
      { name: 'list_append with a non-list value', expr: 'SET l = list_append(l, :v)', values: { ':v': N(1) } },
      { name: 'a nested path under a missing map', expr: 'SET nothing_here.x = :v', values: { ':v': N(1) } },
      { name: 'a nested path under a non-map', expr: 'SET s.x = :v', values: { ':v': N(1) } },
      { name: 'a list index on a non-list', expr: 'SET s[0] = :v', values: { ':v': N(1) } },
      { name: 'the SET clause twice', expr: 'SET s = :v SET n = :v', values: { ':v': N(1) } },
      { name: 'a syntax error', expr: 'SET s = ', values: undefined },
      { name: 'an unknown clause', expr: 'UPSERT s = :v', values: { ':v': N(1) } },
      { name: 'an unknown function', expr: 'SET s = no_such_fn(:v)', values: { ':v': N(1) } },
      { name: 'if_not_exists with a value as its first argument', expr: 'SET s = if_not_exists(:v, s)', values: { ':v': N(1) } },
      { name: 'an empty expression', expr: '', values: undefined },
    ], (r) => `${r.name} is refused with ValidationException and changes nothing`))('%s', async ([, { expr, values }]) => {
      const key = { pk: S(t.key(`bad-${++seq}`)) };
      await t.client.call('PutItem', { TableName: t.name, Item: { ...key, ...BASE } });
      await expectError(
        t.client.call('UpdateItem', { TableName: t.name, Key: key, UpdateExpression: expr, ...(values ? { ExpressionAttributeValues: values } : {}) }),
        'ValidationException',
      );
      const r = await t.client.call<any>('GetItem', { TableName: t.name, Key: key, ConsistentRead: true });
      expect(sortSets(r.Item)).toEqual(sortSets({ ...key, ...BASE }));
    });
  });
});
