// GSI and LSI breadth: S, B and N index keys, wrong types, empty and NULL keys through every write path (PutItem,
// UpdateItem, BatchWriteItem, all or nothing), sparse indexes, a GSI keyed on the table's own key columns, two
// regular attributes as GSI keys kept right through updates, paging with a hand-built ExclusiveStartKey, index names
// at their limits, LSI reads with filters and projections, and what DescribeTable says. Behaviour from scylladb
// test/alternator/test_gsi.py and test_lsi.py (each case names its test). GSIs are eventually consistent: reads of
// them poll.
import { describe, it, expect, beforeAll } from 'vitest';
import { useTable, expectError, requireFeature, requireDifference, tableName, deleteTableQuietly, waitActive, eventually, deadline, type DynamoClient } from '../../harness/suite-kit/index.ts';
import { allPages, itemsOf, exactlyOnce, batchWriteAll, putRequests, type Item } from '../../harness/suite-kit/items.ts';
import { titled } from '../../harness/suite-kit/cases.ts';
import { S, N, type AV } from '../../harness/suite-kit/values.ts';

const attr = (name: string, type: 'S' | 'N' | 'B' = 'S') => ({ AttributeName: name, AttributeType: type });
const keySchema = (hash: string, range?: string) => [{ AttributeName: hash, KeyType: 'HASH' }, ...(range ? [{ AttributeName: range, KeyType: 'RANGE' }] : [])];
const index = (name: string, hash: string, range?: string) => ({ IndexName: name, KeySchema: keySchema(hash, range), Projection: { ProjectionType: 'ALL' } });
const B = (text: string) => ({ B: Buffer.from(text).toString('base64') });
const eq = (v: AV) => ({ AttributeValueList: [v], ComparisonOperator: 'EQ' });

type T = { client: DynamoClient; name: string };
const get = async (t: T, key: AV) => (await t.client.call<any>('GetItem', { TableName: t.name, Key: key, ConsistentRead: true })).Item as Item | undefined;
const put = (t: T, item: AV) => t.client.call('PutItem', { TableName: t.name, Item: item });
const batchPut = (t: T, items: AV[]) => t.client.call('BatchWriteItem', { RequestItems: { [t.name]: items.map((Item) => ({ PutRequest: { Item } })) } });
/** Query an index with the legacy KeyConditions (as the upstream tests do), every page. */
const queryIndex = async (t: T, indexName: string, conditions: AV, extra: AV = {}) =>
  itemsOf(await allPages(t.client, 'Query', { TableName: t.name, IndexName: indexName, KeyConditions: conditions, ...extra }));
/** Polls until an index query returns exactly these items (GSIs are eventually consistent; test_gsi.py assert_index_query). */
const expectIndexQuery = (t: T, indexName: string, conditions: AV, expected: Item[], keys: string[]) =>
  eventually(`index ${indexName} answers exactly ${expected.length} item(s)`, async () => exactlyOnce(await queryIndex(t, indexName, conditions), expected, keys), deadline.indexRead());

/** A CreateTable that must be refused; a table created by mistake is removed (one client for all: no handshake each). */
async function expectCreateRefused(c: DynamoClient, def: AV, hint = 'ix_refused') {
  const name = tableName(hint);
  const created = await c.call('CreateTable', { TableName: name, BillingMode: 'PAY_PER_REQUEST', ...def }).then(
    () => true,
    (e: unknown) => e,
  );
  if (created === true) {
    await deleteTableQuietly(c, name);
    throw new Error(`CreateTable ${name} succeeded; expected ValidationException`);
  }
  await expectError(Promise.reject(created), 'ValidationException');
}

/** A CreateTable that must succeed; the table is removed. */
async function expectCreated(c: DynamoClient, hint: string, def: (name: string) => AV) {
  const name = tableName(hint);
  try {
    await c.call('CreateTable', { TableName: name, BillingMode: 'PAY_PER_REQUEST', ...def(name) });
    await waitActive(c, name);
  } finally {
    await deleteTableQuietly(c, name);
  }
}

/** test_table_gsi_3's index (two regular attributes a and r), on the hash-key table. */
const GSI3 = 'hello_ar';
/** test_table_gsi_5's index (p and x), on the table whose LSI is "hello". */
const GSI5 = 'hello_px';
/** A GSI name starting with '.' and a second GSI on the same attribute (test_gsi_non_scylla_name, test_gsi_duplicate_with_different_name). */
const DOT_NAMED = ['.alternator_test', 'index2'];
/** Alternator: TableName + ':' + GSI name, or + '!:' + LSI name, at most 222 characters (executor_util.cc view_name). */
const longGsiName = (table: string) => 'g'.repeat(222 - table.length - 1);
const longLsiName = (table: string) => 'l'.repeat(222 - table.length - 2);

describe('api indexes breadth', () => {
  // Three tables, not eight (issue 23: every CreateTable is a schema change on a real cluster): the cases query and
  // write indexes, none counts a table's indexes or scans a whole table, so the upstream fixtures that share a key
  // schema become indexes of one table, each case on partitions of its own. Kept apart: the table whose GSI is keyed
  // on its own key columns (its cases scan the whole index and describe "the one GSI").
  //
  // Hash key p: test_gsi.py test_table_gsi_6 (an S, a B and an N attribute, each a GSI hash key alone and a range key
  // under p), test_table_gsi_2 (a regular attribute x as hash key, index "hello"), test_table_gsi_3 (two regular
  // attributes as hash and range key: a and r, where upstream's b is r here, b being gsi_6's B attribute), and the
  // two GSIs on x under names test_gsi_non_scylla_name and test_gsi_duplicate_with_different_name create.
  const hashTable = useTable(
    'ix_hash',
    { hash: ['p', 'S'] },
    {
      AttributeDefinitions: [attr('p'), attr('s'), attr('b', 'B'), attr('n', 'N'), attr('x'), attr('a'), attr('r')],
      GlobalSecondaryIndexes: [
        index('gsi_s', 's'),
        index('gsi_ss', 'p', 's'),
        index('gsi_b', 'b'),
        index('gsi_sb', 'p', 'b'),
        index('gsi_n', 'n'),
        index('gsi_sn', 'p', 'n'),
        index('hello', 'x'),
        index(GSI3, 'a', 'r'),
        ...DOT_NAMED.map((n) => index(n, 'x')),
      ],
    },
  );
  const keyTypes = hashTable;
  const gsi2 = hashTable;
  const gsi3 = hashTable;
  // test_table_gsi_1: the table's sort key c as the GSI hash key, its hash key p as the GSI range key.
  const gsi1 = useTable('ix_gsi1', { hash: ['p', 'S'], range: ['c', 'S'] }, { GlobalSecondaryIndexes: [index('hello', 'c', 'p')] });
  // Hash key p, sort key c: test_table_lsi_1 (b an S LSI key, "hello") and lsi_2 (a B LSI key) with b also a GSI key
  // (test_gsi_and_lsi_same_key), test_table_gsi_5 (the table's hash key with a regular attribute x as range key:
  // GSI5 here, "hello" being the LSI), and the LSI and GSI whose names reach the 222-character total with this
  // table's name (test_gsi_very_long_name_222, test_lsi_very_long_name_222; under DynamoDB's 255 elsewhere).
  const rangeTable = useTable('ix_range', { hash: ['p', 'S'], range: ['c', 'S'] }, (name) => ({
    AttributeDefinitions: [attr('p'), attr('c'), attr('b'), attr('bb', 'B'), attr('x')],
    LocalSecondaryIndexes: [index('hello', 'p', 'b'), index('hello_bb', 'p', 'bb'), index(longLsiName(name), 'p', 'x')],
    GlobalSecondaryIndexes: [index('gsi_b', 'b'), index(GSI5, 'p', 'x'), index(longGsiName(name), 'x')],
  }));
  const gsi5 = rangeTable;
  const lsi = rangeTable;
  beforeAll(() => Promise.all([hashTable, gsi1, rangeTable].map((t) => t.ready())));

  describe('key types and wrong types', () => {
    it('an item is found through GSIs keyed on an S, a B and an N attribute, as hash or as range key (test_gsi_6)', async () => {
      const item = { p: S('six'), s: S('str'), b: B('bin'), n: N(17), x: S('other') };
      await put(keyTypes, item);
      for (const [name, cond] of [
        ['gsi_s', { s: eq(item.s) }],
        ['gsi_ss', { p: eq(item.p), s: eq(item.s) }],
        ['gsi_b', { b: eq(item.b) }],
        ['gsi_sb', { p: eq(item.p), b: eq(item.b) }],
        ['gsi_n', { n: eq(item.n) }],
        ['gsi_sn', { p: eq(item.p), n: eq(item.n) }],
      ] as const)
        await expectIndexQuery(keyTypes, name, cond, [item], ['p']);
    });

    const wrong: Array<{ attr: 's' | 'b' | 'n'; name: string; value: AV }> = [
      { attr: 's', name: 'a number', value: N(3) },
      { attr: 's', name: 'a binary', value: B('hi') },
      { attr: 's', name: 'a boolean', value: { BOOL: true } },
      { attr: 's', name: 'a string set', value: { SS: ['hi', 'there'] } },
      { attr: 'b', name: 'a number', value: N(3) },
      { attr: 'b', name: 'a string', value: S('hi') },
      { attr: 'b', name: 'a boolean', value: { BOOL: true } },
      { attr: 'b', name: 'a string set', value: { SS: ['hi', 'there'] } },
      { attr: 'n', name: 'a binary', value: B('hi') },
      { attr: 'n', name: 'a string', value: S('hi') },
      { attr: 'n', name: 'a boolean', value: { BOOL: true } },
      { attr: 'n', name: 'a string set', value: { SS: ['hi', 'there'] } },
    ];
    it.for(titled(wrong, (r) => `${r.name} as the ${{ s: 'S', b: 'B', n: 'N' }[r.attr]} GSI key attribute is a ValidationException and writes nothing (test_gsi_6_write_${r.attr}_fail)`))('%s', async ([, r]) => {
      const key = { p: S(`wrong-${r.attr}-${r.name}`) };
      await expectError(put(keyTypes, { ...key, [r.attr]: r.value }), 'ValidationException');
      expect(await get(keyTypes, key)).toBeUndefined();
    });

    it.for(titled(['s', 'b'] as const, (a) => `an empty ${a === 's' ? 'string' : 'binary'} as a GSI key attribute is a ValidationException (test_gsi_6_write_${a}_fail)`))('%s', async ([, a], ctx) => {
      requireFeature(ctx, 'index-key-empty-refused');
      await expectError(put(keyTypes, { p: S(`empty-${a}`), [a]: a === 's' ? S('') : { B: '' } }), 'ValidationException');
    });

    it('a GSI key of another type through UpdateItem (AttributeUpdates or SET) is a ValidationException and leaves the item as it was (test_gsi_wrong_type_attribute_update)', async (ctx) => {
      requireFeature(ctx, 'gsi-key-type-checked-on-update');
      const item = { p: S('upd'), x: S('before') };
      await put(gsi2, item);
      await expectError(gsi2.client.call('UpdateItem', { TableName: gsi2.name, Key: { p: item.p }, AttributeUpdates: { x: { Value: N(3), Action: 'PUT' } } }), 'ValidationException');
      await expectError(gsi2.client.call('UpdateItem', { TableName: gsi2.name, Key: { p: item.p }, UpdateExpression: 'SET x = :v', ExpressionAttributeValues: { ':v': N(3) } }), 'ValidationException');
      expect(await get(gsi2, { p: item.p })).toEqual(item);
    });

    it('a map, or a path inside, as a GSI key through UpdateItem SET is a ValidationException and leaves the item as it was (test_gsi_wrong_type_attribute_update_nested)', async () => {
      const item = { p: S('upd-nested'), x: S('before') };
      await put(gsi2, item);
      await expectError(gsi2.client.call('UpdateItem', { TableName: gsi2.name, Key: { p: item.p }, UpdateExpression: 'SET x = :v', ExpressionAttributeValues: { ':v': { M: { a: N(3), b: N(4) } } } }), 'ValidationException');
      await expectError(gsi2.client.call('UpdateItem', { TableName: gsi2.name, Key: { p: item.p }, UpdateExpression: 'SET x.y = :v', ExpressionAttributeValues: { ':v': N(3) } }), 'ValidationException');
      expect(await get(gsi2, { p: item.p })).toEqual(item);
    });

    it('a wrong key type through PutItem or BatchWriteItem is a ValidationException and writes nothing (test_gsi_wrong_type_attribute_put, _batchwrite)', async () => {
      await expectError(put(gsi2, { p: S('wp'), x: N(3) }), 'ValidationException');
      await expectError(batchPut(gsi2, [{ p: S('wb'), x: N(3) }]), 'ValidationException');
      expect([await get(gsi2, { p: S('wp') }), await get(gsi2, { p: S('wb') })]).toEqual([undefined, undefined]);
    });

    it('a BatchWriteItem with one wrong key type among three writes none of them (test_gsi_wrong_type_attribute_batch)', async () => {
      const keys = ['b1', 'b2', 'b3'].map((p) => ({ p: S(p) }));
      await expectError(batchPut(gsi2, [{ ...keys[0], x: S('x') }, { ...keys[1], x: N(3) }, { ...keys[2], x: S('x') }]), 'ValidationException');
      for (const k of keys) expect(await get(gsi2, k)).toBeUndefined();
    });

    it('NULL as a GSI key attribute is a ValidationException through PutItem, UpdateItem and BatchWriteItem (test_gsi_null_value)', async () => {
      const key = { p: S('null') };
      await expectError(put(gsi2, { ...key, x: { NULL: true } }), 'ValidationException');
      await expectError(gsi2.client.call('UpdateItem', { TableName: gsi2.name, Key: key, AttributeUpdates: { x: { Value: { NULL: true }, Action: 'PUT' } } }), 'ValidationException');
      await expectError(batchPut(gsi2, [{ ...key, x: { NULL: true } }]), 'ValidationException');
      expect(await get(gsi2, key)).toBeUndefined();
    });

    it('NULL as either GSI key of two regular attributes is a ValidationException (test_gsi_null_value_with_range_key)', async () => {
      const key = { p: S('null2') };
      await expectError(put(gsi3, { ...key, a: { NULL: true }, r: S('b') }), 'ValidationException');
      await expectError(put(gsi3, { ...key, a: S('a'), r: { NULL: true } }), 'ValidationException');
      await expectError(gsi3.client.call('UpdateItem', { TableName: gsi3.name, Key: key, AttributeUpdates: { a: { Value: S('a'), Action: 'PUT' }, r: { Value: { NULL: true }, Action: 'PUT' } } }), 'ValidationException');
      await expectError(batchPut(gsi3, [{ ...key, a: { NULL: true }, r: S('b') }]), 'ValidationException');
    });

    it('an empty string as a GSI key is a ValidationException through PutItem, UpdateItem and BatchWriteItem, and a batch holding one writes nothing (test_gsi_empty_value, _in_bigger_batch_write)', async (ctx) => {
      requireFeature(ctx, 'index-key-empty-refused');
      const key = { p: S('empty') };
      await expectError(put(gsi2, { ...key, x: S('') }), 'ValidationException');
      await expectError(gsi2.client.call('UpdateItem', { TableName: gsi2.name, Key: key, AttributeUpdates: { x: { Value: S(''), Action: 'PUT' } } }), 'ValidationException');
      const keys = ['e1', 'e2', 'e3'].map((p) => ({ p: S(p) }));
      await expectError(batchPut(gsi2, [{ ...keys[0], x: S('x') }, { ...keys[1], x: S('') }, { ...keys[2], x: S('x') }]), 'ValidationException');
      for (const k of [key, ...keys]) expect(await get(gsi2, k)).toBeUndefined();
    });

    it('an empty string as either GSI key of two regular attributes is a ValidationException (test_gsi_empty_value_with_range_key)', async (ctx) => {
      requireFeature(ctx, 'index-key-empty-refused');
      const key = { p: S('empty2') };
      await expectError(put(gsi3, { ...key, a: S(''), r: S('b') }), 'ValidationException');
      await expectError(put(gsi3, { ...key, a: S('a'), r: S('') }), 'ValidationException');
      await expectError(batchPut(gsi3, [{ ...key, a: S('a'), r: S('') }]), 'ValidationException');
    });

    it('DynamoDB: a GSI hash key over 2048 bytes or range key over 1024 bytes is a ValidationException; at the limit it is accepted (test_gsi_limit_partition_key_len_2048, _sort_key_len_1024)', async (ctx) => {
      requireFeature(ctx, 'gsi-key-length-limits');
      await put(gsi2, { p: S('len2048'), x: S('a'.repeat(2048)) });
      await expectError(put(gsi2, { p: S('len2049'), x: S('a'.repeat(2049)) }), 'ValidationException');
      await put(gsi5, { p: S('len'), c: S('1024'), x: S('a'.repeat(1024)) });
      await expectError(put(gsi5, { p: S('len'), c: S('1025'), x: S('a'.repeat(1025)) }), 'ValidationException');
    });
  });

  describe('sparse indexes', () => {
    it.for(titled(['PutItem', 'UpdateItem', 'BatchWriteItem'] as const, (op) => `an item written by ${op} without the GSI key is in the table but not in the GSI (test_gsi_missing_attribute[${op}])`))(
      '%s',
      async ([, op]) => {
        const withX = { p: S(`sparse-${op}-1`), x: S(`sx-${op}`) };
        const without = { p: S(`sparse-${op}-2`) };
        if (op === 'PutItem') for (const i of [withX, without]) await put(gsi2, i);
        if (op === 'UpdateItem') {
          await gsi2.client.call('UpdateItem', { TableName: gsi2.name, Key: { p: withX.p }, AttributeUpdates: { x: { Value: withX.x, Action: 'PUT' } } });
          await gsi2.client.call('UpdateItem', { TableName: gsi2.name, Key: without, AttributeUpdates: {} });
        }
        if (op === 'BatchWriteItem') await batchPut(gsi2, [withX, without]);
        expect([await get(gsi2, { p: withX.p }), await get(gsi2, without)]).toEqual([withX, without]);
        await expectIndexQuery(gsi2, 'hello', { x: eq(withX.x) }, [withX], ['p']);
        const scanned = itemsOf(await allPages(gsi2.client, 'Scan', { TableName: gsi2.name, IndexName: 'hello' }));
        expect(scanned.some((i) => i.p.S === without.p.S)).toBe(false);
      },
    );
  });

  describe('a GSI keyed on the table key columns', () => {
    const items = [
      { p: S('a'), c: S('c1'), v: N(1) },
      { p: S('b'), c: S('c1'), v: N(2) },
      { p: S('b'), c: S('c2'), v: N(3) },
    ];
    beforeAll(() => batchWriteAll(gsi1.client, gsi1.name, putRequests(items)));

    it('a GSI on the sort key gathers its items across partitions; the table cannot be queried by that key alone (test_gsi_simple)', async () => {
      await expectIndexQuery(gsi1, 'hello', { c: eq(S('c1')) }, [items[0]!, items[1]!], ['p', 'c']);
      await expectError(gsi1.client.call('Query', { TableName: gsi1.name, KeyConditions: { c: eq(S('c1')) } }), 'ValidationException');
    });

    it('a Scan of the GSI holds the same items as a Scan of the table (test_gsi_same_key)', async () => {
      await eventually('a Scan of GSI hello holds every item once', async () => exactlyOnce(itemsOf(await allPages(gsi1.client, 'Scan', { TableName: gsi1.name, IndexName: 'hello' })), items, ['p', 'c']), deadline.indexRead());
    });

    it('DescribeTable: the one GSI with its name, key schema as created, projection ALL, ACTIVE, and IndexArn = TableArn + /index/<name> (test_gsi_describe, test_gsi_describe_indexstatus)', async () => {
      const d = (await gsi1.client.call<any>('DescribeTable', { TableName: gsi1.name })).Table;
      expect(d.GlobalSecondaryIndexes).toHaveLength(1);
      const g = d.GlobalSecondaryIndexes[0];
      expect([g.IndexName, g.KeySchema, g.Projection, g.IndexStatus]).toEqual(['hello', keySchema('c', 'p'), { ProjectionType: 'ALL' }, 'ACTIVE']);
      expect(g.IndexArn).toBe(`${d.TableArn}/index/hello`);
    });

    it('the backing tables of GSIs and LSIs are not listed by ListTables (test_gsi_list_tables)', async () => {
      const names: string[] = [];
      let start: string | undefined;
      do {
        const r = await gsi1.client.call<any>('ListTables', start ? { ExclusiveStartTableName: start } : {});
        names.push(...r.TableNames);
        start = r.LastEvaluatedTableName;
      } while (start);
      for (const t of [gsi1, lsi]) {
        expect(names).toContain(t.name);
        expect(names.filter((n) => n !== t.name && n.startsWith(t.name))).toEqual([]);
      }
    });
  });

  describe('index rows follow updates', () => {
    it('updating one of two regular GSI keys moves the row; setting keys to the values they have leaves one row (test_gsi_update_second_regular_base_column, test_11801, _variant1, _variant2, _variant4)', async () => {
      const item = { p: S('u1'), a: S('a1'), r: S('b1'), d: S('d1') };
      await put(gsi3, item);
      const at = (a: AV, r: AV) => ({ a: eq(a), r: eq(r) });
      await expectIndexQuery(gsi3, GSI3, at(item.a, item.r), [item], ['p']);
      await gsi3.client.call('UpdateItem', { TableName: gsi3.name, Key: { p: item.p }, AttributeUpdates: { r: { Value: item.r, Action: 'PUT' }, a: { Value: item.a, Action: 'PUT' } } });
      await expectIndexQuery(gsi3, GSI3, at(item.a, item.r), [item], ['p']);
      const d2 = { ...item, d: S('d2') };
      await gsi3.client.call('UpdateItem', { TableName: gsi3.name, Key: { p: item.p }, AttributeUpdates: { r: { Value: item.r, Action: 'PUT' }, d: { Value: d2.d, Action: 'PUT' } } });
      expect(await get(gsi3, { p: item.p })).toEqual(d2);
      await expectIndexQuery(gsi3, GSI3, at(item.a, item.r), [d2], ['p']);
      const moved = { ...d2, r: S('b2') };
      await gsi3.client.call('UpdateItem', { TableName: gsi3.name, Key: { p: item.p }, AttributeUpdates: { r: { Value: moved.r, Action: 'PUT' } } });
      await expectIndexQuery(gsi3, GSI3, at(item.a, moved.r), [moved], ['p']);
      await expectIndexQuery(gsi3, GSI3, at(item.a, item.r), [], ['p']);
    });

    it('changing a GSI key and changing it back leaves the row under the first value only (test_17119, test_17119a)', async () => {
      const item = { p: S('u2'), a: S('a2'), r: S('b1') };
      await put(gsi3, item);
      await gsi3.client.call('UpdateItem', { TableName: gsi3.name, Key: { p: item.p }, AttributeUpdates: { r: { Value: S('b2'), Action: 'PUT' } } });
      await gsi3.client.call('UpdateItem', { TableName: gsi3.name, Key: { p: item.p }, AttributeUpdates: { r: { Value: item.r, Action: 'PUT' } } });
      expect(await get(gsi3, { p: item.p })).toEqual(item);
      await expectIndexQuery(gsi3, GSI3, { a: eq(item.a), r: eq(S('b2')) }, [], ['p']);
      await expectIndexQuery(gsi3, GSI3, { a: eq(item.a), r: eq(item.r) }, [item], ['p']);
      const one = { p: S('u3'), x: S('x1'), z: S('z') };
      await put(gsi2, one);
      await gsi2.client.call('UpdateItem', { TableName: gsi2.name, Key: { p: one.p }, AttributeUpdates: { x: { Value: S('x2'), Action: 'PUT' } } });
      await gsi2.client.call('UpdateItem', { TableName: gsi2.name, Key: { p: one.p }, AttributeUpdates: { x: { Value: one.x, Action: 'PUT' } } });
      await expectIndexQuery(gsi2, 'hello', { x: eq(S('x2')) }, [], ['p']);
      await expectIndexQuery(gsi2, 'hello', { x: eq(one.x) }, [one], ['p']);
    });

    it('rewriting a GSI range key with its own value keeps the one row (test_11801_variant3)', async () => {
      const item = { p: S('u4'), c: S('c'), x: S('x'), d: S('d') };
      await put(gsi5, item);
      await gsi5.client.call('UpdateItem', { TableName: gsi5.name, Key: { p: item.p, c: item.c }, AttributeUpdates: { x: { Value: item.x, Action: 'PUT' } } });
      expect(await get(gsi5, { p: item.p, c: item.c })).toEqual(item);
      await expectIndexQuery(gsi5, GSI5, { p: eq(item.p), x: eq(item.x) }, [item], ['p', 'c']);
    });
  });

  describe('GSI paging', () => {
    // test_gsi_query_paging: 23 items of one partition, x = c mod 3, so index ties are common.
    const items = Array.from({ length: 23 }, (_, i) => ({ p: S('paged'), c: S(String(i)), x: S(String(i % 3)) }));
    beforeAll(() => batchWriteAll(gsi5.client, gsi5.name, putRequests(items)));

    it.for(titled([1, 2, 17, 100], (l) => `Limit ${l}: no page holds more, and following LastEvaluatedKey gives every item once (test_gsi_query_paging)`))('%s', async ([, limit]) => {
      await eventually(
        `GSI ${GSI5} pages of ${limit} hold every item once`,
        async () => {
          const pages = await allPages(gsi5.client, 'Query', { TableName: gsi5.name, IndexName: GSI5, KeyConditions: { p: eq(S('paged')) }, Limit: limit });
          for (const page of pages) expect(page.Items!.length).toBeLessThanOrEqual(limit);
          exactlyOnce(itemsOf(pages), items, ['p', 'c']);
        },
        deadline.indexRead(),
      );
    });

    it('a hand-built ExclusiveStartKey of table and index keys resumes right after that item (test_gsi_query_exclusivestartkey)', async () => {
      await eventually(
        `GSI ${GSI5} resumes after a hand-built ExclusiveStartKey`,
        async () => {
          const all = await queryIndex(gsi5, GSI5, { p: eq(S('paged')) });
          exactlyOnce(all, items, ['p', 'c']);
          const at = all.findIndex((i) => i.c.S === '7');
          const rest = await queryIndex(gsi5, GSI5, { p: eq(S('paged')) }, { ExclusiveStartKey: { p: S('paged'), x: S('1'), c: S('7') } });
          expect(rest).toEqual(all.slice(at + 1));
        },
        deadline.indexRead(),
      );
    });

    it.for(
      titled(
        [
          { missing: 'c', key: { p: S('dog'), x: S('cat') } },
          { missing: 'x', key: { p: S('dog'), c: S('cat') } },
          { missing: 'p', key: { x: S('dog'), c: S('cat') } },
        ],
        (r) => `an ExclusiveStartKey without ${r.missing} is a ValidationException (test_gsi_query_exclusivestartkey_missing_column)`,
      ),
    )('%s', async ([, r]) => {
      await expectError(gsi5.client.call('Query', { TableName: gsi5.name, IndexName: GSI5, KeyConditions: { p: eq(S('dog')) }, ExclusiveStartKey: r.key }), 'ValidationException');
    });
  });

  describe('reads', () => {
    it('a consistent Scan of a GSI is a ValidationException (test_gsi_strong_consistency)', async () => {
      await expectError(gsi2.client.call('Scan', { TableName: gsi2.name, IndexName: 'hello', ConsistentRead: true }), 'ValidationException');
    });

    it('a Scan of an unknown index is a ValidationException naming it (test_gsi_missing_index)', async () => {
      await expectError(gsi2.client.call('Scan', { TableName: gsi2.name, IndexName: 'wrong_index' }), 'ValidationException', /wrong_index/);
    });

    it('a Query or Scan of an index of a missing table is a ResourceNotFoundException (test_gsi_missing_table)', async () => {
      const missing = `${gsi2.name}_missing`;
      await expectError(gsi2.client.call('Query', { TableName: missing, IndexName: 'hello', KeyConditions: { x: eq(S('x')) } }), 'ResourceNotFoundException');
      await expectError(gsi2.client.call('Scan', { TableName: missing, IndexName: 'hello' }), 'ResourceNotFoundException');
    });

    it("DynamoDB: a key condition on the table's hash key beside a hash-only GSI's key is a ValidationException (test_faux_range_key_in_keyconditions, _in_keyconditionexpression)", async (ctx) => {
      requireFeature(ctx, 'gsi-faux-range-key-refused');
      const item = { p: S('faux'), x: S('fx') };
      await put(gsi2, item);
      await expectIndexQuery(gsi2, 'hello', { x: eq(item.x) }, [item], ['p']);
      await expectError(gsi2.client.call('Query', { TableName: gsi2.name, IndexName: 'hello', KeyConditions: { x: eq(item.x), p: eq(item.p) } }), 'ValidationException');
      await expectError(
        gsi2.client.call('Query', { TableName: gsi2.name, IndexName: 'hello', KeyConditionExpression: 'x = :x AND p = :p', ExpressionAttributeValues: { ':x': item.x, ':p': item.p } }),
        'ValidationException',
      );
    });
  });

  describe('LSIs', () => {
    const lq = (conditions: AV, extra: AV = {}) => queryIndex(lsi, 'hello', conditions, { ConsistentRead: true, ...extra });

    it('a Query with FilterExpression and ProjectionExpression on an LSI key or another attribute returns exactly the projected match (test_lsi_filter_expression_and_projection_expression, scylladb#6951)', async () => {
      await put(lsi, { p: S('fp'), c: S('hi'), b: S('dog'), y: S('cat') });
      await put(lsi, { p: S('fp'), c: S('yo'), b: S('mouse'), y: S('horse') });
      const q = (filter: string, projection: string, values: AV) =>
        lsi.client.call<any>('Query', { TableName: lsi.name, KeyConditionExpression: 'p = :p', FilterExpression: filter, ProjectionExpression: projection, ExpressionAttributeValues: { ':p': S('fp'), ...values } });
      expect((await q('b = :b', 'y', { ':b': S('mouse') })).Items).toEqual([{ y: S('horse') }]);
      expect((await q('y = :y', 'b', { ':y': S('cat') })).Items).toEqual([{ b: S('dog') }]);
    });

    it('an attribute that is an LSI and a GSI key finds the item through both (test_gsi_and_lsi_same_key)', async () => {
      const item = { p: S('both'), c: S('c'), b: S('lsi-and-gsi'), y: S('y') };
      await put(lsi, item);
      expect(await lq({ p: eq(item.p), b: eq(item.b) })).toEqual([item]);
      await expectIndexQuery(lsi, 'gsi_b', { b: eq(item.b) }, [item], ['p', 'c']);
    });

    it('a wrong LSI key type through PutItem, UpdateItem (also SET a map or a path) and BatchWriteItem is a ValidationException; a failed batch writes nothing (test_lsi_wrong_type_attribute_put, _update, _update_nested, _batchwrite, _batch)', async () => {
      const key = { p: S('lw'), c: S('c') };
      await expectError(put(lsi, { ...key, b: N(3) }), 'ValidationException');
      expect(await get(lsi, key)).toBeUndefined();
      await put(lsi, { ...key, b: S('ok') });
      await expectError(lsi.client.call('UpdateItem', { TableName: lsi.name, Key: key, AttributeUpdates: { b: { Value: N(3), Action: 'PUT' } } }), 'ValidationException');
      await expectError(lsi.client.call('UpdateItem', { TableName: lsi.name, Key: key, UpdateExpression: 'SET b = :v', ExpressionAttributeValues: { ':v': { M: { a: N(3) } } } }), 'ValidationException');
      await expectError(lsi.client.call('UpdateItem', { TableName: lsi.name, Key: key, UpdateExpression: 'SET b.y = :v', ExpressionAttributeValues: { ':v': N(3) } }), 'ValidationException');
      expect(await get(lsi, key)).toEqual({ ...key, b: S('ok') });
      const keys = ['l1', 'l2', 'l3'].map((p) => ({ p: S(p), c: S('c') }));
      await expectError(batchPut(lsi, [{ ...keys[0], b: S('x') }, { ...keys[1], b: N(3) }, { ...keys[2], b: S('x') }]), 'ValidationException');
      for (const k of keys) expect(await get(lsi, k)).toBeUndefined();
    });

    it('NULL as an LSI key is a ValidationException (test_lsi_null_index)', async () => {
      await expectError(put(lsi, { p: S('ln'), c: S('c'), b: { NULL: true } }), 'ValidationException');
    });

    it('an empty string or binary as an LSI key is a ValidationException (test_lsi_empty_value, test_lsi_empty_value_binary)', async (ctx) => {
      requireFeature(ctx, 'index-key-empty-refused');
      await expectError(put(lsi, { p: S('le'), c: S('c'), b: S('') }), 'ValidationException');
      await expectError(put(lsi, { p: S('le'), c: S('c'), bb: { B: '' } }), 'ValidationException');
    });

    it('an item without the LSI key is not in the LSI; a PutItem without it removes the item from the LSI (test_lsi_missing_attribute, test_lsi_put_overwrites_lsi_column)', async () => {
      const withB = { p: S('lm'), c: S('c1'), b: S('b') };
      await put(lsi, withB);
      await put(lsi, { p: S('lm'), c: S('c2') });
      expect(await lq({ p: eq(S('lm')) })).toEqual([withB]);
      await put(lsi, { p: withB.p, c: withB.c });
      expect(await lq({ p: eq(S('lm')), b: eq(withB.b) })).toEqual([]);
    });

    it('a B LSI key orders and finds items by their bytes (test_table_lsi_2)', async () => {
      const items = ['b', 'a', 'c'].map((x, i) => ({ p: S('lb'), c: S(`c${i}`), bb: B(x) }));
      for (const i of items) await put(lsi, i);
      const got = await queryIndex(lsi, 'hello_bb', { p: eq(S('lb')) }, { ConsistentRead: true });
      expect(got.map((i) => Buffer.from(i.bb.B, 'base64').toString())).toEqual(['a', 'b', 'c']);
      expect(await queryIndex(lsi, 'hello_bb', { p: eq(S('lb')), bb: eq(B('c')) }, { ConsistentRead: true })).toEqual([items[2]]);
    });

    it('DescribeTable: each LSI with its key schema, projection ALL and IndexArn = TableArn + /index/<name> (test_lsi_describe)', async () => {
      const d = (await lsi.client.call<any>('DescribeTable', { TableName: lsi.name })).Table;
      const byName = Object.fromEntries(d.LocalSecondaryIndexes.map((x: any) => [x.IndexName, x]));
      expect(Object.keys(byName).sort()).toEqual(['hello', 'hello_bb', longLsiName(lsi.name)].sort());
      expect([byName.hello.KeySchema, byName.hello.Projection, byName.hello.IndexArn]).toEqual([keySchema('p', 'b'), { ProjectionType: 'ALL' }, `${d.TableArn}/index/hello`]);
    });
  });

  describe('CreateTable validation', () => {
    const gsiTable = (idx: AV[], defs: AV[] = [attr('p'), attr('x')]) => ({ KeySchema: keySchema('p'), AttributeDefinitions: defs, GlobalSecondaryIndexes: idx });
    const lsiTable = (idx: AV[], defs: AV[] = [attr('p'), attr('c'), attr('x')]) => ({ KeySchema: keySchema('p', 'c'), AttributeDefinitions: defs, LocalSecondaryIndexes: idx });
    const refused: Array<{ name: string; test: string; def: AV }> = [
      { name: 'a GSI name of 1 character', test: 'test_gsi_unsupported_names', def: gsiTable([index('n', 'x')]) },
      { name: 'a GSI name of 2 characters', test: 'test_gsi_unsupported_names', def: gsiTable([index('nn', 'x')]) },
      { name: 'a GSI name of 256 characters', test: 'test_gsi_very_long_name_256', def: gsiTable([index('n'.repeat(256), 'x')]) },
      { name: "a GSI name with '@'", test: 'test_gsi_unsupported_names', def: gsiTable([index('nyh@test', 'x')]) },
      { name: 'an LSI name of 256 characters', test: 'test_lsi_very_long_name_256', def: lsiTable([index('n'.repeat(256), 'p', 'x')]) },
      { name: 'two GSIs of one name', test: 'test_gsi_same_name_forbidden', def: gsiTable([index('index1', 'x'), index('index1', 'y')], [attr('p'), attr('x'), attr('y')]) },
      { name: 'a GSI and an LSI of one name', test: 'test_lsi_and_gsi_same_name', def: { ...lsiTable([index('samename', 'p', 'x')]), GlobalSecondaryIndexes: [index('samename', 'p', 'x')] } },
      { name: 'an attribute defined as S and as N', test: 'test_gsi_key_type_conflict_on_create', def: gsiTable([index('index1', 'xyz')], [attr('p'), attr('xyz'), { AttributeName: 'xyz', AttributeType: 'N' }]) },
      { name: 'a GSI key attribute missing from AttributeDefinitions', test: 'test_gsi_missing_attribute_definition', def: gsiTable([index('index1', 'x')], [attr('p')]) },
      ...['BOOL', 'NULL', 'M', 'L', 'SS', 'NS', 'BS', 'junk'].map((type) => ({
        name: `a GSI key of type ${type}`,
        test: 'test_gsi_invalid_key_types',
        def: gsiTable([index('gsi', 'x')], [attr('p'), { AttributeName: 'x', AttributeType: type }]),
      })),
      { name: 'an LSI whose hash key is not the table hash key', test: 'test_lsi_wrong_different_hash', def: lsiTable([index('hello', 'x', 'p')]) },
      { name: 'an LSI whose sort key is its hash key', test: 'test_lsi_wrong_bad_range', def: lsiTable([index('hello', 'p', 'p')]) },
      { name: 'an LSI without a sort key', test: 'test_lsi_wrong_bad_range', def: lsiTable([index('hello', 'p')]) },
      { name: 'an LSI on a table without a sort key', test: 'test_lsi_wrong_no_sort_key', def: { KeySchema: keySchema('p'), AttributeDefinitions: [attr('p'), attr('c')], LocalSecondaryIndexes: [index('hello', 'p', 'c')] } },
    ];
    it.for(titled(refused, (r) => `CreateTable with ${r.name} is a ValidationException (${r.test})`))('%s', async ([, r]) => {
      await expectCreateRefused(gsi2.client, r.def);
    });

    it("a GSI name starting with '.' and two GSIs on one attribute under two names are accepted (test_gsi_non_scylla_name, test_gsi_duplicate_with_different_name)", async () => {
      // The hash-key table was created with them (beforeAll): each is there, on x, and ACTIVE.
      const d = (await gsi2.client.call<any>('DescribeTable', { TableName: gsi2.name })).Table;
      const named = DOT_NAMED.map((n) => d.GlobalSecondaryIndexes.find((g: any) => g.IndexName === n));
      expect(named.map((g) => [g?.KeySchema, g?.IndexStatus])).toEqual(DOT_NAMED.map(() => [keySchema('x'), 'ACTIVE']));
    });

    it('DynamoDB: GSI and LSI names of 255 characters are accepted whatever the table name (test_gsi_very_long_name_255, test_lsi_very_long_name_255)', async (ctx) => {
      requireFeature(ctx, 'index-name-255');
      await expectCreated(gsi2.client, 'ix_255', () => ({ ...lsiTable([index('l'.repeat(255), 'p', 'x')]), GlobalSecondaryIndexes: [index('g'.repeat(255), 'x')] }));
    });

    it("Alternator: TableName, ':' and a GSI name, or '!:' and an LSI name, may total 222 characters; one more is a ValidationException (test_gsi_very_long_name_222, test_lsi_very_long_name_222)", async (ctx) => {
      requireDifference(ctx, 'alternator-index-name-total-length');
      // The sort-key table was created with an LSI and a GSI at the total of 222 (beforeAll): both are there.
      const d = (await lsi.client.call<any>('DescribeTable', { TableName: lsi.name })).Table;
      expect([d.LocalSecondaryIndexes.some((x: any) => x.IndexName === longLsiName(lsi.name)), d.GlobalSecondaryIndexes.some((x: any) => x.IndexName === longGsiName(lsi.name))]).toEqual([true, true]);
      expect([lsi.name.length + 2 + longLsiName(lsi.name).length, lsi.name.length + 1 + longGsiName(lsi.name).length]).toEqual([222, 222]);
      const c = gsi2.client;
      const name = tableName('ix_223');
      try {
        for (const def of [gsiTable([index('g'.repeat(222 - name.length), 'x')]), lsiTable([index('l'.repeat(222 - name.length - 1), 'p', 'x')])])
          await expectError(c.call('CreateTable', { TableName: name, BillingMode: 'PAY_PER_REQUEST', ...def }), 'ValidationException', /total length/);
      } finally {
        await deleteTableQuietly(c, name);
      }
    });
  });
});
