// Table lifecycle: CreateTable for every key shape and type, billing modes, name and definition validation,
// the shape of DescribeTable, ListTables paging over many pages, DeleteTable, and the ResourceInUse /
// ResourceNotFound errors. Reference areas: scylladb test/alternator test_table.py, test_describe_table.py,
// test_provisioned_throughput.py.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import {
  useSharedTable, expectError, requireFeature, tableName, tableDefinition, client, waitActive, createdTables, endpoint, waitTableGone, offers, differenceApplies, record,
  alternatorMessage, type KeyDef,
} from '../../harness/suite-kit/index.ts';
import { titled } from '../../harness/suite-kit/cases.ts';
import type { AV } from '../../harness/suite-kit/values.ts';

const SAMPLE: Record<'S' | 'N' | 'B', AV[]> = {
  S: [{ S: 'key-é-🚀' }, { S: 'another' }],
  N: [{ N: '12345678901234567890123456789012345678' }, { N: '-0.5' }],
  B: [{ B: Buffer.from([0, 1, 254, 255]).toString('base64') }, { B: 'AQ==' }],
};

describe('api tables', () => {
  const c = client();
  const created = createdTables(c);
  /** Creates a table the file removes afterwards, even when a test fails. */
  async function create(def: Record<string, unknown>): Promise<any> {
    const r = await c.call<any>('CreateTable', def);
    created.add(String(def.TableName));
    await waitActive(c, String(def.TableName));
    return r;
  }
  afterAll(async () => {
    await created.deleteAll();
    c.close();
  });

  // The file's own tables of the three key shapes no shared table of the run has, each created once, when a case
  // first needs it: the shape case checks its CreateTable answer, and the ListTables and ResourceInUse cases reuse
  // them (each case readies what it needs, so none depends on another's order or data). Three tables named with one
  // prefix are what the ListTables cases page over.
  const ownPrefix = `${tableName('shape')}_`;
  const ownTable = (suffix: string, key: KeyDef) => {
    let answer: Promise<any> | undefined;
    return { name: `${ownPrefix}${suffix}`, key, created: () => (answer ??= create(tableDefinition(`${ownPrefix}${suffix}`, key))) };
  };
  const own = {
    N: ownTable('N', { hash: ['h', 'N'] }),
    NB: ownTable('NB', { hash: ['h', 'N'], range: ['r', 'B'] }),
    BS: ownTable('BS', { hash: ['h', 'B'], range: ['r', 'S'] }),
  };

  describe('CreateTable for every key shape and type', () => {
    // The shapes the run's shared tables have (p S; p B; p S + c N) are checked on those, in keys of this file's own:
    // a table of that shape exists anyway, and one more would be a schema change for nothing. Their CreateTable answer
    // is the same answer the three other shapes check on tables of their own.
    type Shape = { name: string; key: KeyDef; shared?: ReturnType<typeof useSharedTable>; own?: ReturnType<typeof ownTable> };
    const shapes: Shape[] = [
      { name: 'hash key S', key: { hash: ['p', 'S'] }, shared: useSharedTable('shape_s', { hash: ['p', 'S'] }) },
      { name: 'hash key N', key: own.N.key, own: own.N },
      { name: 'hash key B', key: { hash: ['p', 'B'] }, shared: useSharedTable('shape_b', { hash: ['p', 'B'] }) },
      { name: 'hash S + range N', key: { hash: ['p', 'S'], range: ['c', 'N'] }, shared: useSharedTable('shape_sn', { hash: ['p', 'S'], range: ['c', 'N'] }) },
      { name: 'hash N + range B', key: own.NB.key, own: own.NB },
      { name: 'hash B + range S', key: own.BS.key, own: own.BS },
    ];
    it.for(titled(shapes, (r) => `${r.name}: created, described, and items keyed by it round trip`))('%s', async ([, { key, shared, own: mine }]) => {
      let name: string;
      /** On a shared table, the hash key value under the file's key prefix (S: prepended; B: its bytes prepended). */
      let hashValue = (v: AV): AV => v;
      if (shared) {
        await shared.ready();
        name = shared.name;
        const prefix = shared.keyPrefix;
        hashValue = (v) => ('S' in v ? { S: `${prefix}${v.S}` } : { B: Buffer.concat([Buffer.from(prefix), Buffer.from(v.B, 'base64')]).toString('base64') });
      } else {
        const r = await mine!.created();
        name = mine!.name;
        expect(r.TableDescription.TableName).toBe(name);
        expect(['CREATING', 'ACTIVE']).toContain(r.TableDescription.TableStatus);
      }
      const d = (await c.call<any>('DescribeTable', { TableName: name })).Table;
      expect(d.KeySchema).toEqual([
        { AttributeName: key.hash[0], KeyType: 'HASH' },
        ...(key.range ? [{ AttributeName: key.range[0], KeyType: 'RANGE' }] : []),
      ]);
      const defs = [key.hash, ...(key.range ? [key.range] : [])].map(([n, t]) => ({ AttributeName: n, AttributeType: t }));
      expect(sortByName(d.AttributeDefinitions)).toEqual(sortByName(defs));
      for (let i = 0; i < 2; i++) {
        const k: AV = { [key.hash[0]]: hashValue(SAMPLE[key.hash[1]][i]!) };
        if (key.range) k[key.range[0]] = SAMPLE[key.range[1]][1 - i]!;
        const item = { ...k, v: { N: String(i) } };
        await c.call('PutItem', { TableName: name, Item: item });
        expect((await c.call<any>('GetItem', { TableName: name, Key: k, ConsistentRead: true })).Item).toEqual(item);
      }
    });

    // Alternator keeps them in hidden tags since 2025.1 (alternator/executor.cc fill_table_description). Its own
    // table: the case is about the billing mode a table is created with.
    it('BillingMode PROVISIONED with ProvisionedThroughput is accepted and described back', async (ctx) => {
      requireFeature(ctx, 'provisioned-throughput-kept');
      const name = tableName('provisioned');
      await create(tableDefinition(name, { hash: ['h', 'S'] }, { BillingMode: 'PROVISIONED', ProvisionedThroughput: { ReadCapacityUnits: 2, WriteCapacityUnits: 3 } }));
      const d = (await c.call<any>('DescribeTable', { TableName: name })).Table;
      if (d.BillingModeSummary) expect(d.BillingModeSummary.BillingMode).toBe('PROVISIONED');
      expect(d.ProvisionedThroughput).toMatchObject({ ReadCapacityUnits: 2, WriteCapacityUnits: 3 });
      await c.call('PutItem', { TableName: name, Item: { h: { S: 'x' } } });
    });

    it.for(titled([
      { name: 'only WriteCapacityUnits', pt: { WriteCapacityUnits: 1 } },
      { name: 'only ReadCapacityUnits', pt: { ReadCapacityUnits: 5 } },
    ], (r) => `BillingMode PROVISIONED with ${r.name} is refused with ValidationException`))('%s', async ([, { pt }], ctx) => {
      requireFeature(ctx, 'provisioned-throughput-kept');
      await expectError(
        c.call('CreateTable', tableDefinition(tableName('halfpt'), { hash: ['h', 'S'] }, { BillingMode: 'PROVISIONED', ProvisionedThroughput: pt })),
        'ValidationException',
      );
    });

    // DynamoDB allows 255 characters; Alternator 192 from 2025.4 and 222 before (alternator/executor_util.cc
    // validate_table_name, max_table_name_length; test/alternator/test_table.py test_create_and_delete_table_192).
    const longest = () => (offers('table-name-255') ? 255 : differenceApplies('alternator-table-name-192') ? 192 : 222);
    const nameOf = (length: number) => {
      const base = tableName('long');
      return base + 'x'.repeat(length - base.length);
    };

    // Its own table (and the Mixed.Case one below): these cases are about the names CreateTable accepts.
    it('a name of the longest length the endpoint allows (255 on DynamoDB, 192 or 222 on Alternator) is accepted', async (ctx) => {
      const name = nameOf(longest());
      record(ctx, `longest table name: ${name.length} characters`);
      await create(tableDefinition(name, { hash: ['h', 'S'] }));
      expect((await c.call<any>('DescribeTable', { TableName: name })).Table.TableName).toBe(name);
    });

    it('a name one character longer than that is refused with ValidationException', async () => {
      const name = nameOf(longest() + 1);
      // If it were created anyway, it is removed with the file's other tables.
      await expectError(create(tableDefinition(name, { hash: ['h', 'S'] })), 'ValidationException', new RegExp(`${longest()}|length|long`, 'i'));
    });

    it('a name using every allowed character class (letters, digits, _ . -) is accepted', async () => {
      const name = tableName('Mixed.Case-09_ok');
      await create(tableDefinition(name, { hash: ['h', 'S'] }));
      expect((await c.call<any>('DescribeTable', { TableName: name })).Table.TableName).toBe(name);
    });
  });

  describe('CreateTable validation', () => {
    it.for(titled([
      { name: 'empty', table: () => '' },
      { name: 'too short (2 characters)', table: () => 'ab' },
      { name: 'too long (256 characters)', table: () => tableName('x') + 'y'.repeat(256) },
      { name: 'containing a space', table: () => tableName('sp') + ' x' },
      { name: 'containing $', table: () => tableName('dl') + '$' },
      { name: 'containing /', table: () => tableName('sl') + '/x' },
      { name: 'containing :', table: () => tableName('co') + ':x' },
      { name: 'containing a non-ASCII letter', table: () => tableName('na') + 'é' },
    ], (r) => `a table name ${r.name} is refused with ValidationException`))('%s', async ([, { table }]) => {
      await expectError(c.call('CreateTable', tableDefinition(table(), { hash: ['h', 'S'] })), 'ValidationException');
    });

    const base = (over: AV) => ({
      TableName: tableName('baddef'),
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'h', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'h', AttributeType: 'S' }],
      ...over,
    });
    it.for(titled([
      { name: 'the key attribute has no definition', over: { AttributeDefinitions: [{ AttributeName: 'other', AttributeType: 'S' }] } },
      { name: 'the range key attribute has no definition', over: { KeySchema: [{ AttributeName: 'h', KeyType: 'HASH' }, { AttributeName: 'r', KeyType: 'RANGE' }] } },
      // test_table.py test_create_table_duplicate_attribute_name matches 'uplicate.*<name>': executor.cc
      // validate_attribute_definitions "Duplicate AttributeName=h in AttributeDefinitions" (from 6.0.0, #13870).
      { name: 'an attribute is defined twice', over: { AttributeDefinitions: [{ AttributeName: 'h', AttributeType: 'S' }, { AttributeName: 'h', AttributeType: 'N' }] }, message: /uplicate.*\bh\b/ },
      { name: 'a definition is not used by any key', over: { AttributeDefinitions: [{ AttributeName: 'h', AttributeType: 'S' }, { AttributeName: 'x', AttributeType: 'S' }] } },
      // test_table.py test_forbidden_key_types matches the type in single quotes: executor.cc parse_key_type
      // "Invalid key type 'BOOL', can only be S, B or N." (every release from 4.0.0).
      { name: 'the key type is BOOL', over: { AttributeDefinitions: [{ AttributeName: 'h', AttributeType: 'BOOL' }] }, message: /'BOOL'/ },
      { name: 'the key type is SS', over: { AttributeDefinitions: [{ AttributeName: 'h', AttributeType: 'SS' }] }, message: /'SS'/ },
      { name: 'the key type is lower case', over: { AttributeDefinitions: [{ AttributeName: 'h', AttributeType: 's' }] } },
      { name: 'the KeyType is unknown', over: { KeySchema: [{ AttributeName: 'h', KeyType: 'PRIMARY' }] } },
      { name: 'there are two HASH keys', over: {
        KeySchema: [{ AttributeName: 'h', KeyType: 'HASH' }, { AttributeName: 'g', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'h', AttributeType: 'S' }, { AttributeName: 'g', AttributeType: 'S' }],
      } },
      { name: 'there is only a RANGE key', over: { KeySchema: [{ AttributeName: 'h', KeyType: 'RANGE' }] } },
      { name: 'the KeySchema is empty', over: { KeySchema: [] } },
      { name: 'the KeySchema is missing', over: { KeySchema: undefined } },
    ] as Array<{ name: string; over: AV; message?: RegExp }>, (r) => `a definition where ${r.name} is refused with ValidationException`))('%s', async ([, { over, message }]) => {
      await expectError(c.call('CreateTable', base(over)), 'ValidationException', message && alternatorMessage(message));
    });
  });

  describe('DescribeTable', () => {
    // Any table with this key schema will do: the run's shared one (nothing here depends on its items).
    const t = useSharedTable('describe', { hash: ['p', 'S'], range: ['c', 'N'] });
    let d: any;
    beforeAll(async () => {
      await t.ready();
      d = (await t.client.call<any>('DescribeTable', { TableName: t.name })).Table;
    });

    it('names the table and says ACTIVE', () => {
      expect(d.TableName).toBe(t.name);
      expect(d.TableStatus).toBe('ACTIVE');
    });

    it('returns the KeySchema, HASH first', () => {
      expect(d.KeySchema).toEqual([
        { AttributeName: 'p', KeyType: 'HASH' },
        { AttributeName: 'c', KeyType: 'RANGE' },
      ]);
    });

    it('returns the AttributeDefinitions (any order)', () => {
      expect(sortByName(d.AttributeDefinitions)).toEqual([
        { AttributeName: 'c', AttributeType: 'N' },
        { AttributeName: 'p', AttributeType: 'S' },
      ]);
    });

    it('has an ARN naming the table', () => {
      expect(String(d.TableArn)).toMatch(/^arn:/);
      expect(String(d.TableArn)).toContain(t.name);
    });

    it('has CreationDateTime in seconds since the epoch', () => {
      expect(typeof d.CreationDateTime).toBe('number');
      // Seconds, not milliseconds: after 2017 and before the year 5000.
      expect(d.CreationDateTime).toBeGreaterThan(1.5e9);
      expect(d.CreationDateTime).toBeLessThan(1e11);
    });

    it('reports BillingMode PAY_PER_REQUEST and zero provisioned throughput for an on-demand table', () => {
      expect(d.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
      expect(d.ProvisionedThroughput).toMatchObject({ ReadCapacityUnits: 0, WriteCapacityUnits: 0, NumberOfDecreasesToday: 0 });
    });

    it('has a TableId that is a UUID', (ctx) => {
      requireFeature(ctx, 'table-id-uuid');
      expect(d.TableId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    });

    it('has no StreamSpecification and no RestoreSummary on a plain table', () => {
      expect(d).not.toHaveProperty('StreamSpecification');
      expect(d).not.toHaveProperty('RestoreSummary');
    });
  });

  describe('ListTables', () => {
    // The file's three own shape tables, no more created for these cases: three are enough to cross page boundaries
    // at Limit 1 and 2, and ListTables pages through every table of the endpoint, the other files' and the run's shared
    // tables included, so boundaries also fall among theirs (test_table.py test_list_tables_paginated pages over the
    // session's shared tables).
    const prefix = ownPrefix;
    const names = Object.values(own).map((t) => t.name);
    beforeAll(async () => {
      for (const t of Object.values(own)) await t.created();
    });

    /** Every page of ListTables with a limit, with the names of this file's prefix. */
    async function pages(limit?: number) {
      const out: Array<{ names: string[]; last?: string }> = [];
      let start: string | undefined;
      for (let i = 0; i < 10_000; i++) {
        const r = await c.call<any>('ListTables', { ...(limit ? { Limit: limit } : {}), ...(start ? { ExclusiveStartTableName: start } : {}) });
        out.push({ names: r.TableNames, last: r.LastEvaluatedTableName });
        start = r.LastEvaluatedTableName;
        if (!start) return out;
      }
      throw new Error('ListTables never stopped returning LastEvaluatedTableName');
    }
    const mine = (all: string[]) => all.filter((n) => n.startsWith(prefix));

    it('Limit 2 pages through every table exactly once', async () => {
      const ps = await pages(2);
      const seen = mine(ps.flatMap((p) => p.names));
      expect([...seen].sort()).toEqual([...names].sort());
      // At least 3 tables listed 2 at a time: at least 2 pages.
      expect(ps.length).toBeGreaterThanOrEqual(2);
    });

    it('no page is longer than Limit', async () => {
      const ps = await pages(2);
      for (const p of ps) expect(p.names.length).toBeLessThanOrEqual(2);
    });

    it('LastEvaluatedTableName is the last name of its page', async () => {
      const ps = await pages(2);
      const continued = ps.filter((x) => x.last);
      // At least 3 tables listed 2 at a time: at least 1 page says where the next one starts.
      expect(continued.length).toBeGreaterThanOrEqual(1);
      for (const p of continued) expect(p.names[p.names.length - 1]).toBe(p.last);
    });

    it('Limit 1 returns one table and a LastEvaluatedTableName', async () => {
      const r = await c.call<any>('ListTables', { Limit: 1 });
      expect(r.TableNames).toHaveLength(1);
      expect(r.LastEvaluatedTableName).toBe(r.TableNames[0]);
    });

    it('ExclusiveStartTableName continues after the given table', async () => {
      const first = await c.call<any>('ListTables', { Limit: 1 });
      const next = await c.call<any>('ListTables', { Limit: 100, ExclusiveStartTableName: first.LastEvaluatedTableName });
      expect(next.TableNames).not.toContain(first.LastEvaluatedTableName);
    });

    it('without Limit every table of the prefix is listed exactly once', async () => {
      const seen = mine((await pages()).flatMap((p) => p.names));
      expect([...seen].sort()).toEqual([...names].sort());
    });

    it('Limit above 100 is refused with ValidationException', async () => {
      await expectError(c.call('ListTables', { Limit: 101 }), 'ValidationException');
    });
  });

  describe('DeleteTable and table errors', () => {
    // Their own tables: these cases delete and re-create what they create.
    it('DeleteTable answers with the table description and the table is gone', async () => {
      const name = tableName('del');
      await create(tableDefinition(name, { hash: ['h', 'S'] }));
      await c.call('PutItem', { TableName: name, Item: { h: { S: 'x' } } });
      const r = await c.call<any>('DeleteTable', { TableName: name });
      expect(r.TableDescription.TableName).toBe(name);
      await waitTableGone(c, name);
      await expectError(c.call('DescribeTable', { TableName: name }), 'ResourceNotFoundException');
    });

    it('a re-created table with the same name starts empty', async () => {
      const name = tableName('recreate');
      await create(tableDefinition(name, { hash: ['h', 'S'] }));
      await c.call('PutItem', { TableName: name, Item: { h: { S: 'old' } } });
      await c.call('DeleteTable', { TableName: name });
      await waitTableGone(c, name);
      await create(tableDefinition(name, { hash: ['h', 'S'] }));
      const r = await c.call<any>('GetItem', { TableName: name, Key: { h: { S: 'old' } }, ConsistentRead: true });
      expect(r).not.toHaveProperty('Item');
    });

    // On one of the file's own tables, never a shared one: an endpoint that wrongly accepted this CreateTable could
    // replace the table, and other files' items with it.
    it('CreateTable of an existing table is refused with ResourceInUseException', async () => {
      await own.BS.created();
      await expectError(c.call('CreateTable', tableDefinition(own.BS.name, own.BS.key)), 'ResourceInUseException');
    });

    const missing = () => `${endpoint().tablePrefix}missing_table_${Math.random().toString(36).slice(2, 8)}`;
    it.for(titled([
      { op: 'DescribeTable', body: {} },
      { op: 'DeleteTable', body: {} },
      { op: 'GetItem', body: { Key: { h: { S: 'x' } } } },
      { op: 'PutItem', body: { Item: { h: { S: 'x' } } } },
      { op: 'UpdateItem', body: { Key: { h: { S: 'x' } }, UpdateExpression: 'SET a = :v', ExpressionAttributeValues: { ':v': { N: '1' } } } },
      { op: 'DeleteItem', body: { Key: { h: { S: 'x' } } } },
    ], (r) => `${r.op} on a missing table fails with ResourceNotFoundException`))('%s', async ([, { op, body }]) => {
      await expectError(c.call(op, { TableName: missing(), ...body }), 'ResourceNotFoundException');
    });
  });

});

function sortByName<T extends { AttributeName: string }>(defs: T[]): T[] {
  return [...defs].sort((a, b) => a.AttributeName.localeCompare(b.AttributeName));
}
