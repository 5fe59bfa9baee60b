// The legacy Query parameters in breadth: QueryFilter with every ComparisonOperator over every attribute type,
// ConditionalOperator AND/OR, the refusals (key attributes, uncomparable types, arity, unknown or lower-case
// operators, QueryFilter beside ProjectionExpression), counts and paging; KeyConditions on number, string and binary
// sort keys (bytes compare unsigned, prefixes of U+00FF and 0xFF), and its refusals. Behaviour from scylladb
// test/alternator/test_query_filter.py and test_key_conditions.py (each case names its test). The fixture is
// test_query_filter.py's random_item made deterministic; expected results are computed from it.
import { describe, it, expect, beforeAll } from 'vitest';
import { useSharedTable, expectError, requireFeature } from '../../harness/suite-kit/index.ts';
import { allPages, itemsOf, batchWriteAll, putRequests, type Item } from '../../harness/suite-kit/items.ts';
import { canonical } from '../../harness/suite-kit/streams.ts';
import { titled } from '../../harness/suite-kit/cases.ts';
import { S, N, type AV } from '../../harness/suite-kit/values.ts';

/** mulberry32: a small seeded generator, so the fixture is the same on every run. */
function generator(seed: number) {
  let a = seed;
  return (n: number) => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
}

const bytesOf = (av: AV) => Buffer.from(av.B, 'base64');
const Bv = (bytes: number[] | Buffer) => ({ B: Buffer.from(bytes).toString('base64') });
const eq = (v: AV) => ({ AttributeValueList: [v], ComparisonOperator: 'EQ' });
const cond = (op: string, ...values: AV[]) => ({ AttributeValueList: values, ComparisonOperator: op });

/** test_query_filter.py random_item: every attribute type, and r of a varying type or absent (then j = i). */
function fixture(p: string): Item[] {
  const rnd = generator(16);
  const word = () => Array.from({ length: 7 + rnd(9) }, () => 'abcdefgh'[rnd(8)]).join('');
  const bytes = () => Bv(Array.from({ length: 7 + rnd(9) }, () => rnd(256)));
  const distinct = <T>(make: () => T) => [...new Set(Array.from({ length: 1 + rnd(3) }, make))];
  return Array.from({ length: 20 }, (_, c) => {
    const i = 1 + rnd(40);
    const item: Item = {
      p: S(p),
      c: N(c),
      s: S(word()),
      b: bytes(),
      i: N(i),
      l: { L: Array.from({ length: 1 + rnd(3) }, () => N(1 + rnd(40))) },
      m: { M: Object.fromEntries(Array.from({ length: 1 + rnd(3) }, () => [word(), N(1 + rnd(40))])) },
      ns: { NS: distinct(() => String(1 + rnd(40))) },
      ss: { SS: distinct(word) },
      bool: { BOOL: rnd(2) === 1 },
    };
    const t = c === 0 ? 1 + rnd(4) : rnd(5);
    if (t === 1) item.r = N(1 + rnd(40));
    if (t === 2) item.r = S(word());
    if (t === 3) item.r = bytes();
    if (t === 4) item.r = { L: [N(1 + rnd(40)), N(1 + rnd(40))] };
    if (t === 0) item.j = N(i);
    return item;
  });
}

/** DynamoDB's order within one type: numbers by value, strings by code unit (ASCII here), binaries as unsigned bytes. */
function compare(a: AV, b: AV): number | undefined {
  if (a.N !== undefined && b.N !== undefined) return Number(a.N) - Number(b.N);
  if (a.S !== undefined && b.S !== undefined) return a.S < b.S ? -1 : a.S > b.S ? 1 : 0;
  if (a.B !== undefined && b.B !== undefined) return Buffer.compare(bytesOf(a), bytesOf(b));
  return undefined;
}
const same = (a: AV | undefined, b: AV) => a !== undefined && canonical(a) === canonical(b);
const cs = (items: Item[]) => items.map((i) => Number(i.c.N));

describe('api legacy QueryFilter and KeyConditions', () => {
  const t = useSharedTable('lq_filter', { hash: ['p', 'S'], range: ['c', 'N'] });
  /** This file's partitions, in every shared table it uses (t's key prefix is unique to this file). */
  const P = (s: string) => S(t.key(s));
  const items = fixture(t.key('fixture'));
  beforeAll(async () => {
    await t.ready();
    await batchWriteAll(t.client, t.name, putRequests([...items, { p: P('elsewhere'), c: N(123), a: S('other partition') }]));
  });

  const query = async (extra: AV) => itemsOf(await allPages(t.client, 'Query', { TableName: t.name, KeyConditions: { p: eq(P('fixture')) }, ...extra }));
  const filter = (QueryFilter: AV, extra: AV = {}) => query({ QueryFilter, ...extra });
  /** Runs a QueryFilter and compares the sort keys it returns with the items `keep` selects. */
  async function expectFilter(QueryFilter: AV, keep: (i: Item) => boolean, extra: AV = {}) {
    expect(cs(await filter(QueryFilter, extra))).toEqual(cs(items.filter(keep)));
  }
  const refused = (QueryFilter: AV, extra: AV = {}) => expectError(filter(QueryFilter, extra), 'ValidationException');
  const second = items[2]!;
  const seventh = items[7]!;

  describe('QueryFilter operators', () => {
    const all = ['i', 's', 'b', 'l', 'm', 'ns', 'bool'];
    /** Lists, maps and booleans compared for equality (local-legacy-document-equality-refused). */
    const documentEquality = (a: string, ctx: Parameters<typeof requireFeature>[0]) => {
      if (['l', 'm', 'bool'].includes(a)) requireFeature(ctx, 'legacy-document-equality');
    };
    it.for(titled(all, (a) => `EQ on ${a} keeps the items equal to a value (test_query_filter_eq)`))('%s', async ([, a], ctx) => {
      documentEquality(a, ctx);
      await expectFilter({ [a]: eq(second[a]) }, (i) => same(i[a], second[a]));
    });
    it.for(titled(all, (a) => `NE on ${a} keeps the others (test_query_filter_ne)`))('%s', async ([, a], ctx) => {
      documentEquality(a, ctx);
      await expectFilter({ [a]: cond('NE', second[a]) }, (i) => !same(i[a], second[a]));
    });

    it('EQ and NE on an attribute some items lack or hold with another type (test_query_filter_r_eq, test_query_filter_r_ne)', async () => {
      const r = items.find((i) => i.r?.N !== undefined)!.r;
      await expectFilter({ r: eq(r) }, (i) => same(i.r, r));
      await expectFilter({ r: cond('NE', r) }, (i) => !same(i.r, r));
    });

    const ordered: Array<[string, (x: number) => boolean]> = [
      ['LT', (x) => x < 0],
      ['LE', (x) => x <= 0],
      ['GT', (x) => x > 0],
      ['GE', (x) => x >= 0],
    ];
    const rows = ordered.flatMap(([op, test]) => ['i', 's', 'b'].map((a) => ({ op, a, test })));
    it.for(titled(rows, (r) => `${r.op} on ${r.a} compares by ${{ i: 'number', s: 'string', b: 'unsigned bytes' }[r.a]} (test_query_filter_${r.op.toLowerCase()})`))('%s', async ([, r]) => {
      await expectFilter({ [r.a]: cond(r.op, seventh[r.a]) }, (i) => r.test(compare(i[r.a], seventh[r.a])!));
    });

    it.for(titled(['LT', 'LE', 'GT', 'GE'], (op) => `${op} with a list, map, number set or boolean operand is a ValidationException (test_query_filter_uncomparable_types)`))('%s', async ([, op]) => {
      for (const a of ['l', 'm', 'ns', 'bool']) await refused({ [a]: cond(op, second[a]) });
    });

    it.for(titled(['i', 's', 'b'], (a) => `BETWEEN on ${a} is inclusive (test_query_filter_between)`))('%s', async ([, a]) => {
      const [lo, hi] = [items[3]![a], items[11]![a]].sort((x, y) => compare(x, y)!);
      await expectFilter({ [a]: cond('BETWEEN', lo, hi) }, (i) => compare(i[a], lo)! >= 0 && compare(i[a], hi)! <= 0);
    });

    it('BETWEEN refusals: a lower bound above the upper, bounds of two types, uncomparable types, other than two values (test_query_filter_num_between_reverse, _between_different_types, _between_uncomparable_types, _between_needs_two)', async () => {
      await refused({ i: cond('BETWEEN', N(20), N(10)) });
      await refused({ i: cond('BETWEEN', S('a'), N(3)) });
      await refused({ l: cond('BETWEEN', second.l, second.l) });
      for (const values of [[], [N(1)], [N(1), N(2), N(3)]]) await refused({ i: cond('BETWEEN', ...values) });
    });

    it.for(titled(['i', 's', 'b'], (a) => `IN on ${a} keeps the items equal to one of three values (test_query_filter_in)`))('%s', async ([, a]) => {
      const values = [items[1]![a], items[5]![a], items[9]![a]];
      await expectFilter({ [a]: cond('IN', ...values) }, (i) => values.some((v) => same(i[a], v)));
    });

    it('IN refusals: no value, values of two types (test_query_filter_in_empty, test_query_filter_in_different_types)', async () => {
      await refused({ i: cond('IN') });
      await refused({ i: cond('IN', S('a'), N(3)) });
    });

    it('BEGINS_WITH on a string and on bytes; on a number, list, map, set or boolean it is a ValidationException (test_query_filter_begins)', async () => {
      const sp = second.s.S.slice(0, 2);
      await expectFilter({ s: cond('BEGINS_WITH', S(sp)) }, (i) => i.s.S.startsWith(sp));
      const bp = bytesOf(second.b).subarray(0, 2);
      await expectFilter({ b: cond('BEGINS_WITH', Bv(bp)) }, (i) => bytesOf(i.b).subarray(0, 2).equals(bp));
      for (const a of ['i', 'l', 'm', 'ns', 'bool']) await refused({ [a]: cond('BEGINS_WITH', second[a]) });
    });

    const members = [
      { a: 'ns', value: () => N(second.ns.NS[0]), has: (i: Item, v: AV) => i.ns.NS.includes(v.N) },
      { a: 'ss', value: () => S(second.ss.SS[0]), has: (i: Item, v: AV) => i.ss.SS.includes(v.S) },
      { a: 'l', value: () => second.l.L[0], has: (i: Item, v: AV) => i.l.L.some((x: AV) => same(x, v)) },
      { a: 's', value: () => S(second.s.S.slice(2, 4)), has: (i: Item, v: AV) => i.s.S.includes(v.S) },
      { a: 'b', value: () => Bv(bytesOf(second.b).subarray(2, 4)), has: (i: Item, v: AV) => bytesOf(i.b).includes(bytesOf(v)) },
    ];
    const containsRows = ['CONTAINS', 'NOT_CONTAINS'].flatMap((op) => members.map((m) => ({ op, ...m })));
    it.for(titled(containsRows, (r) => `${r.op} ${['s', 'b'].includes(r.a) ? 'a part of' : 'an element of'} ${r.a} (test_query_filter_contains_${['s', 'b'].includes(r.a) ? 'substring' : 'member'})`))('%s', async ([, r]) => {
      const v = r.value();
      await expectFilter({ [r.a]: cond(r.op, v) }, (i) => (r.op === 'CONTAINS') === r.has(i, v));
    });

    it('NULL keeps the items without the attribute, NOT_NULL those with it (test_query_filter_null)', async () => {
      await expectFilter({ r: cond('NULL') }, (i) => i.r === undefined);
      await expectFilter({ r: cond('NOT_NULL') }, (i) => i.r !== undefined);
    });

    it('a ComparisonOperator in lower case or unknown is a ValidationException (test_query_filter_case_sensitive, test_query_filter_unknown_operator)', async () => {
      await refused({ i: cond('eq', N(3)) });
      await refused({ i: cond('DOG', N(3)) });
    });

    it('a filter no item passes returns none; an empty QueryFilter filters nothing (test_query_filter_empty_results, test_query_filter_empty)', async () => {
      expect(await filter({ non_existent: eq(N(3)) })).toEqual([]);
      const got = await filter({});
      expect(got.map(canonical)).toEqual(items.map(canonical));
    });
  });

  describe('several conditions', () => {
    it('two conditions are ANDed by default and with ConditionalOperator AND (test_query_filter_and)', async () => {
      const keep = (i: Item) => same(i.i, second.i) && same(i.s, second.s);
      await expectFilter({ i: eq(second.i), s: eq(second.s) }, keep);
      await expectFilter({ i: eq(second.i), s: eq(second.s) }, keep, { ConditionalOperator: 'AND' });
    });

    it('ConditionalOperator OR keeps the items passing either (test_query_filter_or)', async (ctx) => {
      requireFeature(ctx, 'legacy-conditional-or');
      const third = items[3]!;
      await expectFilter({ i: eq(second.i), s: eq(third.s) }, (i) => same(i.i, second.i) || same(i.s, third.s), { ConditionalOperator: 'OR' });
    });

    it.for(['DOG', 'and'])('ConditionalOperator %s is a ValidationException (test_query_filter_invalid_conditional_operator)', async (op, ctx) => {
      requireFeature(ctx, 'legacy-operator-validation');
      await refused({ i: eq(N(1)), s: eq(S('a')) }, { ConditionalOperator: op });
    });
  });

  describe('QueryFilter refusals and counts', () => {
    // test_query_filter_counts and _paging filter on a boolean (about half the items); a number does the same here.
    const median = N([...items.map((i) => Number(i.i.N))].sort((a, b) => a - b)[9]!);
    const lowerHalf = (i: Item) => Number(i.i.N) <= Number(median.N);
    it('QueryFilter on the hash key, with or without KeyConditions on it, is a ValidationException (test_query_filter_partition_key_1, _2)', async () => {
      await expectError(t.client.call('Query', { TableName: t.name, QueryFilter: { p: eq(P('fixture')) } }), 'ValidationException');
      await refused({ p: eq(P('fixture')) });
    });

    it('QueryFilter on the sort key, alone or beside another attribute, is a ValidationException (test_query_filter_sort_key, _sort_key_2)', async () => {
      await refused({ c: eq(N(3)) });
      await refused({ c: eq(N(3)), i: eq(N(3)) });
    });

    it('ScannedCount counts the partition, Count the items kept (test_query_filter_counts)', async () => {
      const pages = await allPages(t.client, 'Query', { TableName: t.name, KeyConditions: { p: eq(P('fixture')) }, QueryFilter: { i: cond('LE', median) } });
      const sum = (f: (p: { Count: number; ScannedCount: number }) => number) => pages.reduce((n, p) => n + f(p), 0);
      expect([sum((p) => p.ScannedCount), sum((p) => p.Count)]).toEqual([20, items.filter(lowerHalf).length]);
    });

    it('Limit 1 with a filter: pages of at most one scanned item, every kept item once (test_query_filter_paging)', async () => {
      const pages = await allPages(t.client, 'Query', { TableName: t.name, KeyConditions: { p: eq(P('fixture')) }, QueryFilter: { i: cond('LE', median) }, Limit: 1 });
      for (const page of pages) expect(page.ScannedCount).toBeLessThanOrEqual(1);
      expect(cs(itemsOf(pages))).toEqual(cs(items.filter(lowerHalf)));
      expect([20, 21]).toContain(pages.length);
    });
  });

  describe('QueryFilter with projections', () => {
    const pair = useSharedTable('lq_pair', { hash: ['p', 'S'], range: ['c', 'S'] });
    beforeAll(async () => {
      await pair.ready();
      await batchWriteAll(pair.client, pair.name, putRequests([{ p: P('pair'), c: S('hi'), x: S('dog'), y: S('cat') }, { p: P('pair'), c: S('yo'), x: S('mouse'), y: S('horse') }]));
    });
    const q = (extra: AV) => pair.client.call<any>('Query', { TableName: pair.name, KeyConditions: { p: eq(P('pair')) }, QueryFilter: { x: eq(S('mouse')) }, ...extra });

    it('with AttributesToGet, the filter sees every attribute and the answer only those asked (test_query_filter_and_attributes_to_get, scylladb#6951)', async () => {
      expect((await q({ AttributesToGet: ['y'] })).Items).toEqual([{ y: S('horse') }]);
    });

    it('with Select COUNT: Count 1, ScannedCount 2, no items (test_query_filter_and_select_count)', async () => {
      const r = await q({ Select: 'COUNT' });
      expect([r.Count, r.ScannedCount, r.Items]).toEqual([1, 2, undefined]);
    });

    it('QueryFilter beside ProjectionExpression is a ValidationException (test_query_filter_and_projection_expression)', async () => {
      await expectError(q({ ProjectionExpression: 'y' }), 'ValidationException');
    });
  });

  describe('KeyConditions', () => {
    // test_key_conditions.py: one partition of 12 items per sort-key type, beside another partition.
    const tn = t;
    const ts = useSharedTable('lq_str', { hash: ['p', 'S'], range: ['c', 'S'] });
    const tb = useSharedTable('lq_bin', { hash: ['p', 'S'], range: ['c', 'B'] });
    const hs = useSharedTable('lq_hash_s', { hash: ['p', 'S'] });
    const hb = useSharedTable('lq_hash_b', { hash: ['p', 'B'] });
    const pad = (i: number) => String(i).padStart(3, '0');
    const nItems = Array.from({ length: 12 }, (_, i) => ({ p: P('sorted'), c: N(i), a: S(`a${i}`) }));
    const sItems = Array.from({ length: 12 }, (_, i) => ({ p: P('sorted'), c: S(pad(i)), a: S(`a${i}`) }));
    const bItems = Array.from({ length: 12 }, (_, i) => ({ p: P('sorted'), c: Bv(Buffer.from(pad(i))), a: S(`a${i}`) }));
    beforeAll(async () => {
      await Promise.all([ts.ready(), tb.ready(), hs.ready(), hb.ready()]);
      await batchWriteAll(tn.client, tn.name, putRequests([...nItems, { p: P('unsorted'), c: N(123) }]));
      await batchWriteAll(ts.client, ts.name, putRequests([...sItems, { p: P('unsorted'), c: S('123') }, ...['ÿÿÿ', 'cÿbÿ', 'cÿbÿÿabg'].map((c) => ({ p: P('ff'), c: S(c) }))]));
      await batchWriteAll(
        tb.client,
        tb.name,
        putRequests([...bItems, { p: P('unsorted'), c: Bv(Buffer.from('123')) }, ...[[1, 2, 3], [255, 3, 4], [255, 255, 255]].map((c) => ({ p: P('ff'), c: Bv(c) })), ...[126, 127, 128].map((c) => ({ p: P('unsigned'), c: Bv([c]) }))]),
      );
    });

    const kq = async (table: { client: typeof t.client; name: string }, conditions: AV) => itemsOf(await allPages(table.client, 'Query', { TableName: table.name, KeyConditions: conditions }));
    const sorted = (c: AV) => ({ p: eq(P('sorted')), c });

    const sortRows = [
      { name: 'EQ', op: 'EQ', args: (v: (i: number) => AV) => [v(3)], keep: (i: number) => i === 3 },
      { name: 'LT', op: 'LT', args: (v: (i: number) => AV) => [v(5)], keep: (i: number) => i < 5 },
      { name: 'LE', op: 'LE', args: (v: (i: number) => AV) => [v(5)], keep: (i: number) => i <= 5 },
      { name: 'GT', op: 'GT', args: (v: (i: number) => AV) => [v(5)], keep: (i: number) => i > 5 },
      { name: 'GE', op: 'GE', args: (v: (i: number) => AV) => [v(5)], keep: (i: number) => i >= 5 },
      { name: 'BETWEEN', op: 'BETWEEN', args: (v: (i: number) => AV) => [v(4), v(7)], keep: (i: number) => i >= 4 && i <= 7 },
    ];
    const types = [
      { type: 'num', table: () => tn, value: (i: number) => N(i), items: nItems },
      { type: 'str', table: () => ts, value: (i: number) => S(pad(i)), items: sItems },
      { type: 'bytes', table: () => tb, value: (i: number) => Bv(Buffer.from(pad(i))), items: bItems },
    ];
    it.for(titled(types.flatMap((ty) => sortRows.map((r) => ({ ...ty, ...r }))), (r) => `${r.name} on a ${r.type} sort key (test_key_conditions_${r.type}_${r.name.toLowerCase()})`))('%s', async ([, r]) => {
      const got = await kq(r.table(), sorted(cond(r.op, ...r.args(r.value))));
      expect(got.map((i) => i.a.S)).toEqual(r.items.filter((_, i) => r.keep(i)).map((i) => i.a.S));
    });

    it('BEGINS_WITH on a string and a binary sort key; on a number sort key it is a ValidationException (test_key_conditions_str_begins_with, _bytes_begins_with, _num_begins)', async () => {
      expect((await kq(ts, sorted(cond('BEGINS_WITH', S('00'))))).map((i) => i.a.S)).toEqual(sItems.slice(0, 10).map((i) => i.a.S));
      expect((await kq(tb, sorted(cond('BEGINS_WITH', Bv(Buffer.from('00')))))).map((i) => i.a.S)).toEqual(bItems.slice(0, 10).map((i) => i.a.S));
      await expectError(kq(tn, sorted(cond('BEGINS_WITH', N(1)))), 'ValidationException');
    });

    it("BEGINS_WITH a prefix of U+00FF characters or of byte 0xFF (test_begins_with_more_str, test_key_conditions_bytes_begins_with_ff)", async () => {
      const strs = async (prefix: string) => (await kq(ts, { p: eq(P('ff')), c: cond('BEGINS_WITH', S(prefix)) })).map((i) => i.c.S).sort();
      expect(await strs('ÿÿ')).toEqual(['ÿÿÿ']);
      expect(await strs('cÿbÿ')).toEqual(['cÿbÿ', 'cÿbÿÿabg']);
      const bins = (await kq(tb, { p: eq(P('ff')), c: cond('BEGINS_WITH', Bv([255])) })).map((i) => [...bytesOf(i.c)]);
      expect(bins).toEqual([
        [255, 3, 4],
        [255, 255, 255],
      ]);
    });

    it('binary sort keys compare as unsigned bytes: 128 after 127 (test_key_conditions_unsigned_bytes)', async () => {
      const got = async (c: AV) => (await kq(tb, { p: eq(P('unsigned')), c })).map((i) => bytesOf(i.c)[0]);
      expect(await got(cond('LT', Bv([127])))).toEqual([126]);
      expect(await got(cond('LE', Bv([127])))).toEqual([126, 127]);
      expect(await got(cond('GT', Bv([127])))).toEqual([128]);
      expect(await got(cond('GE', Bv([127])))).toEqual([127, 128]);
      expect(await got(cond('BETWEEN', Bv([127]), Bv([128])))).toEqual([127, 128]);
    });

    it('a hash-only table is queried by EQ on its string or binary key (test_key_conditions_hash_only_s, _hash_only_b)', async () => {
      const si = { p: P('only'), val: S('hello') };
      const bi = { p: Bv(Buffer.from(t.key('only'))), val: S('hello') };
      await hs.client.call('PutItem', { TableName: hs.name, Item: si });
      await hb.client.call('PutItem', { TableName: hb.name, Item: bi });
      expect(await kq(hs, { p: eq(si.p) })).toEqual([si]);
      expect(await kq(hb, { p: eq(bi.p) })).toEqual([bi]);
    });

    const partitionRefusals: Array<[string, AV]> = [
      ...['LE', 'LT', 'GE', 'GT', 'BEGINS_WITH', 'IN', 'CONTAINS', 'NOT_CONTAINS', 'NE'].map((op): [string, AV] => [op, { p: cond(op, P('sorted')) }]),
      ['BETWEEN', { p: cond('BETWEEN', P('sorted'), P('sorted')) }],
      ['NULL', { p: cond('NULL') }],
      ['NOT_NULL', { p: cond('NOT_NULL') }],
      ['DOG', { p: cond('DOG', P('sorted')) }],
      ['eq', { p: cond('eq', P('sorted')) }],
      ['EQ without a value', { p: cond('EQ') }],
      ['EQ with two values', { p: cond('EQ', P('sorted'), P('sorted')) }],
    ];
    it.for(titled(partitionRefusals, ([name]) => `${name} on the hash key is a ValidationException (test_key_conditions_partition_only_eq, _comparison_operator_case, _partition_one)`))('%s', async ([, [, c]]) => {
      await expectError(kq(tn, c), 'ValidationException');
    });

    const sortRefusals: Array<[string, AV]> = [
      ...['IN', 'CONTAINS', 'NOT_CONTAINS', 'NE'].map((op): [string, AV] => [op, cond(op, N(3))]),
      ['NULL', cond('NULL')],
      ['NOT_NULL', cond('NOT_NULL')],
      ['DOG', cond('DOG', N(3))],
    ];
    it.for(titled(sortRefusals, ([name]) => `${name} on the sort key is a ValidationException (test_key_conditions_sort_unsupported)`))('%s', async ([, [name, c]], ctx) => {
      if (name === 'NE') requireFeature(ctx, 'legacy-operator-validation');
      await expectError(kq(tn, sorted(c)), 'ValidationException');
    });

    it('no condition on the hash key, a condition on a non-key attribute, or a key value of the wrong type is a ValidationException (test_key_conditions_partition_missing, _non_key, _wrong_type)', async () => {
      await expectError(kq(tn, { c: eq(N(3)) }), 'ValidationException');
      await expectError(kq(tn, { p: eq(P('sorted')), a: eq(N(5)) }), 'ValidationException');
      await expectError(kq(tn, { p: eq(P('sorted')), c: eq(N(3)), a: eq(N(5)) }), 'ValidationException');
      await expectError(kq(ts, { p: eq(N(3)) }), 'ValidationException');
      await expectError(kq(ts, { p: eq(P('sorted')), c: eq(N(3)) }), 'ValidationException');
    });
  });
});
