// GSIs added to and deleted from a live table with UpdateTable (GlobalSecondaryIndexUpdates), where the deployment
// offers it (requireFeature 'gsi-update'): backfill of existing items, IndexStatus, reads of a deleted index, types
// enforced while an index (or an LSI on the same attribute) exists, and the request's validation. Behaviour from
// scylladb test/alternator/test_gsi_updatetable.py (each case names its test).
import { describe, it, expect } from 'vitest';
import { useTable, expectError, requireFeature, requireDifference, tableName, client, deleteTableQuietly, waitActive, eventually, deadline, alternatorMessage, type DynamoClient, type Feature } from '../../harness/suite-kit/index.ts';
import { batchWriteAll, putRequests, allPages, itemsOf, exactlyOnce, type Item } from '../../harness/suite-kit/items.ts';
import { S, N, type AV } from '../../harness/suite-kit/values.ts';

/** A case's timeout: one GSI build (minutes on AWS, seconds elsewhere: harness/suite-kit/deadlines.ts indexBuild) and a minute for the rest. */
const SLOW = deadline.indexBuild().ms + 60_000;

const attr = (name: string, type: 'S' | 'N' | 'B' = 'S') => ({ AttributeName: name, AttributeType: type });
const keySchema = (hash: string, range?: string) => [{ AttributeName: hash, KeyType: 'HASH' }, ...(range ? [{ AttributeName: range, KeyType: 'RANGE' }] : [])];
const create = (name: string, hash: string, range?: string) => ({ Create: { IndexName: name, KeySchema: keySchema(hash, range), Projection: { ProjectionType: 'ALL' } } });

/** A table made for one case and removed after it. */
async function withTable(hint: string, def: AV, body: (c: DynamoClient, name: string) => Promise<void>) {
  const c = client();
  const name = tableName(hint);
  try {
    await c.call('CreateTable', { TableName: name, BillingMode: 'PAY_PER_REQUEST', ...def });
    await waitActive(c, name);
    await body(c, name);
  } finally {
    await deleteTableQuietly(c, name);
    c.close();
  }
}

const hashOnly = { KeySchema: keySchema('p'), AttributeDefinitions: [attr('p')] };
const hashRange = { KeySchema: keySchema('p', 'c'), AttributeDefinitions: [attr('p'), attr('c')] };

/** Until the table and the GSI are ACTIVE; an ACTIVE index must not say Backfilling (util.py wait_for_gsi). */
async function waitGsi(c: DynamoClient, table: string, index: string) {
  await eventually(
    `GSI ${index} of ${table} ACTIVE and backfilled`,
    async () => {
      const d = (await c.call<any>('DescribeTable', { TableName: table })).Table;
      expect(d.TableStatus).toBe('ACTIVE');
      const g = (d.GlobalSecondaryIndexes ?? []).filter((x: any) => x.IndexName === index);
      expect(g).toHaveLength(1);
      expect(g[0].IndexStatus).toBe('ACTIVE');
      expect(g[0].Backfilling).not.toBe(true);
    },
    deadline.indexBuild(),
  );
}

async function waitGsiGone(c: DynamoClient, table: string, index: string) {
  await eventually(
    `GSI ${index} of ${table} gone`,
    async () => {
      const d = (await c.call<any>('DescribeTable', { TableName: table })).Table;
      expect(d.TableStatus).toBe('ACTIVE');
      expect((d.GlobalSecondaryIndexes ?? []).map((x: any) => x.IndexName)).not.toContain(index);
    },
    deadline.indexBuild(),
  );
}

const addGsi = (c: DynamoClient, table: string, defs: AV[], index: AV) => c.call('UpdateTable', { TableName: table, AttributeDefinitions: defs, GlobalSecondaryIndexUpdates: [index] });
const deleteGsi = (c: DynamoClient, table: string, index: string) => c.call('UpdateTable', { TableName: table, GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: index } }] });
const scanIndex = async (c: DynamoClient, table: string, index: string) => itemsOf(await allPages(c, 'Scan', { TableName: table, IndexName: index }));
/** Query an index by EQ on its hash key with the legacy KeyConditions, as the upstream tests do. */
const queryIndex = async (c: DynamoClient, table: string, index: string, key: string, value: AV) =>
  itemsOf(await allPages(c, 'Query', { TableName: table, IndexName: index, KeyConditions: { [key]: { AttributeValueList: [value], ComparisonOperator: 'EQ' } } }));
const fill = (c: DynamoClient, table: string, items: Item[]) => batchWriteAll(c, table, putRequests(items));

describe('api GSI added and deleted by UpdateTable', () => {
  // The items test_gsi_backfill starts from: 10 with x a string, 10 without x, 10 with x a number.
  const right = Array.from({ length: 10 }, (_, i) => ({ p: S(`r${i}`), x: S(`x${i}`), y: S(`y${i}`) }));
  const missing = Array.from({ length: 10 }, (_, i) => ({ p: S(`m${i}`), y: S(`y${i}`) }));
  const wrong = Array.from({ length: 10 }, (_, i) => ({ p: S(`w${i}`), x: N(i) }));

  it('a new GSI is backfilled with existing items and answers queries; then a wrong key type is refused, a missing key is not, and the name cannot be added again (test_gsi_backfill)', async (ctx) => {
    requireFeature(ctx, 'gsi-update');
    await withTable('gsiu_backfill', hashOnly, async (c, t) => {
      await fill(c, t, [...right, ...missing, ...wrong]);
      await addGsi(c, t, [attr('x')], create('hello', 'x'));
      await waitGsi(c, t, 'hello');
      const indexed = (await scanIndex(c, t, 'hello')).filter((i) => i.x.S !== undefined);
      exactlyOnce(indexed, right, ['p']);
      expect(await queryIndex(c, t, 'hello', 'x', S('x3'))).toEqual([right[3]]);
      await c.call('PutItem', { TableName: t, Item: { p: S('new'), y: S('y') } });
      expect((await c.call<any>('GetItem', { TableName: t, Key: { p: S('new') }, ConsistentRead: true })).Item).toEqual({ p: S('new'), y: S('y') });
      await expectError(c.call('PutItem', { TableName: t, Item: { p: S('bad'), x: N(3) } }), 'ValidationException', /mismatch/i);
      await expectError(addGsi(c, t, [attr('y')], create('hello', 'y')), 'ValidationException', /already exists/i);
    });
  }, SLOW);

  it('a backfill silently skips items whose key attribute is missing or of another type (test_gsi_backfill)', async (ctx) => {
    requireFeature(ctx, 'gsi-update');
    requireFeature(ctx, 'gsi-backfill-skips-unindexable');
    await withTable('gsiu_backfill_skip', hashOnly, async (c, t) => {
      await fill(c, t, [...right, ...missing, ...wrong]);
      await addGsi(c, t, [attr('x')], create('hello', 'x'));
      await waitGsi(c, t, 'hello');
      exactlyOnce(await scanIndex(c, t, 'hello'), right, ['p']);
    });
  }, SLOW);

  it('a GSI on an LSI key backfills every item; a GSI named like the LSI, or a Create without AttributeDefinitions, is a ValidationException (test_gsi_backfill_with_lsi)', async (ctx) => {
    requireFeature(ctx, 'gsi-update');
    const def = {
      KeySchema: keySchema('p', 'c'),
      AttributeDefinitions: [attr('p'), attr('c'), attr('x')],
      LocalSecondaryIndexes: [{ IndexName: 'lsi', KeySchema: keySchema('p', 'x'), Projection: { ProjectionType: 'ALL' } }],
    };
    await withTable('gsiu_lsi', def, async (c, t) => {
      const items = Array.from({ length: 10 }, (_, i) => ({ p: S(`p${i}`), c: S(`c${i}`), x: S(`x${i}`), y: S(`y${i}`) }));
      await fill(c, t, items);
      await addGsi(c, t, [attr('x')], create('gsi', 'x'));
      await waitGsi(c, t, 'gsi');
      exactlyOnce(await scanIndex(c, t, 'gsi'), items, ['p', 'c']);
      await expectError(addGsi(c, t, [attr('y')], create('lsi', 'y')), 'ValidationException', /already exists/i);
      // test_gsi_backfill_with_lsi matches 'AttributeDefinitions': executor.cc executor::update_table "GlobalSecondaryIndexUpdates Create needs AttributeDefinitions".
      await expectError(c.call('UpdateTable', { TableName: t, GlobalSecondaryIndexUpdates: [create('gsi2', 'x')] }), 'ValidationException', alternatorMessage(/AttributeDefinitions/));
    });
  }, SLOW);

  it("a GSI on the table's sort key backfills every item (test_gsi_backfill_with_real_column)", async (ctx) => {
    requireFeature(ctx, 'gsi-update');
    await withTable('gsiu_sortkey', hashRange, async (c, t) => {
      const items = Array.from({ length: 10 }, (_, i) => ({ p: S(`p${i}`), c: S(`c${i}`), x: S(`x${i}`) }));
      await fill(c, t, items);
      await addGsi(c, t, [attr('c')], create('gsi', 'c'));
      await waitGsi(c, t, 'gsi');
      exactlyOnce(await scanIndex(c, t, 'gsi'), items, ['p', 'c']);
    });
  }, SLOW);

  it('a deleted GSI is a ValidationException naming it when queried, the table still serves, and its key type is no longer enforced (test_gsi_delete)', async (ctx) => {
    requireFeature(ctx, 'gsi-update');
    const def = { KeySchema: keySchema('p'), AttributeDefinitions: [attr('p'), attr('x')], GlobalSecondaryIndexes: [create('hello', 'x').Create] };
    await withTable('gsiu_delete', def, async (c, t) => {
      const items = Array.from({ length: 10 }, (_, i) => ({ p: S(`p${i}`), x: S(`x${i}`) }));
      await fill(c, t, items);
      await eventually('item x3 in GSI hello', async () => expect(await queryIndex(c, t, 'hello', 'x', S('x3'))).toEqual([items[3]]), deadline.indexRead());
      await deleteGsi(c, t, 'hello');
      await waitGsiGone(c, t, 'hello');
      await expectError(queryIndex(c, t, 'hello', 'x', S('x3')), 'ValidationException', /hello/);
      expect((await c.call<any>('GetItem', { TableName: t, Key: { p: S('p3') }, ConsistentRead: true })).Item).toEqual(items[3]);
      await c.call('PutItem', { TableName: t, Item: { p: S('n'), x: N(7) } });
      expect((await c.call<any>('GetItem', { TableName: t, Key: { p: S('n') }, ConsistentRead: true })).Item).toEqual({ p: S('n'), x: N(7) });
    });
  }, SLOW);

  it('deleting a GSI whose key is also an LSI key keeps the type enforced; deleting it again is a ResourceNotFoundException, deleting the LSI that way is refused (test_gsi_delete_with_lsi)', async (ctx) => {
    requireFeature(ctx, 'gsi-update');
    const def = {
      KeySchema: keySchema('p', 'c'),
      AttributeDefinitions: [attr('p'), attr('c'), attr('x')],
      LocalSecondaryIndexes: [{ IndexName: 'lsi', KeySchema: keySchema('p', 'x'), Projection: { ProjectionType: 'ALL' } }],
      GlobalSecondaryIndexes: [create('gsi', 'x').Create],
    };
    await withTable('gsiu_delete_lsi', def, async (c, t) => {
      await waitGsi(c, t, 'gsi');
      const items = Array.from({ length: 10 }, (_, i) => ({ p: S(`p${i}`), c: S(`c${i}`), x: S(`x${i}`) }));
      await fill(c, t, items);
      await eventually('item x3 in GSI gsi', async () => expect(await queryIndex(c, t, 'gsi', 'x', S('x3'))).toEqual([items[3]]), deadline.indexRead());
      await expectError(addGsi(c, t, [attr('x')], create('gsi', 'x')), 'ValidationException', /already exists/i);
      await deleteGsi(c, t, 'gsi');
      await waitGsiGone(c, t, 'gsi');
      await expectError(queryIndex(c, t, 'gsi', 'x', S('x3')), 'ValidationException', /gsi/);
      await expectError(c.call('PutItem', { TableName: t, Item: { p: S('n'), c: S('n'), x: N(7) } }), 'ValidationException');
      await expectError(deleteGsi(c, t, 'gsi'), 'ResourceNotFoundException');
      // Alternator: ResourceNotFoundException; DynamoDB: ValidationException (the upstream test accepts both).
      const e = await deleteGsi(c, t, 'lsi').then(
        () => undefined,
        (x: { type?: string }) => x,
      );
      expect(['ResourceNotFoundException', 'ValidationException']).toContain(e?.type);
    });
  }, SLOW);

  it('two GSIs added one after the other both answer; after one is deleted the other still does, and the name can be used again (test_gsi_creates_and_deletes)', async (ctx) => {
    requireFeature(ctx, 'gsi-update');
    await withTable('gsiu_recreate', hashOnly, async (c, t) => {
      const items = Array.from({ length: 10 }, (_, i) => ({ p: S(`p${i}`), x: S(`x${i}`), y: S(`y${i}`) }));
      await fill(c, t, items);
      await addGsi(c, t, [attr('x')], create('gsi1', 'x'));
      await waitGsi(c, t, 'gsi1');
      await addGsi(c, t, [attr('y')], create('gsi2', 'y'));
      await waitGsi(c, t, 'gsi2');
      expect(await queryIndex(c, t, 'gsi1', 'x', S('x3'))).toEqual([items[3]]);
      expect(await queryIndex(c, t, 'gsi2', 'y', S('y3'))).toEqual([items[3]]);
      await deleteGsi(c, t, 'gsi1');
      await waitGsiGone(c, t, 'gsi1');
      await expectError(queryIndex(c, t, 'gsi1', 'x', S('x3')), 'ValidationException', /gsi1/);
      expect(await queryIndex(c, t, 'gsi2', 'y', S('y3'))).toEqual([items[3]]);
      await addGsi(c, t, [attr('x')], create('gsi1', 'x'));
      await waitGsi(c, t, 'gsi1');
      expect(await queryIndex(c, t, 'gsi1', 'x', S('x3'))).toEqual([items[3]]);
    });
  }, SLOW);

  it('a backfill skips an item whose key attribute is too long for a key (66,500 bytes) and completes (test_gsi_backfill_oversized_key)', async (ctx) => {
    requireFeature(ctx, 'gsi-update');
    requireFeature(ctx, 'gsi-backfill-skips-unindexable');
    await withTable('gsiu_oversized', hashRange, async (c, t) => {
      const small = { p: S('p1'), c: S('c'), x: S('hello') };
      await fill(c, t, [small, { p: S('p2'), c: S('c'), x: S('a'.repeat(66_500)) }]);
      await addGsi(c, t, [attr('x')], create('index1', 'x'));
      await waitGsi(c, t, 'index1');
      await addGsi(c, t, [attr('x'), attr('c')], create('index2', 'c', 'x'));
      await waitGsi(c, t, 'index2');
      expect(await scanIndex(c, t, 'index1')).toEqual([small]);
      expect(await scanIndex(c, t, 'index2')).toEqual([small]);
    });
  }, SLOW);

  describe('refused updates', () => {
    // One table for every refusal (none changes it), with a GSI on xyz as test_gsi_updatetable.py's table1 and index1.
    // Where test_gsi_updatetable.py matches the message, so do these on Alternator (alternatorMessage): ScyllaDB's
    // alternator/executor.cc executor::update_table (the refusals) and check_attribute_definitions_conflicts
    // ("redefined"), the same text in every release checked from 2025.1.0 (the first with GSI UpdateTable, feature
    // gsi-update) to 2026.2.4.
    const shared = useTable('gsiu_refused', { hash: ['p', 'S'] }, { AttributeDefinitions: [attr('p'), attr('xyz')], GlobalSecondaryIndexes: [create('index1', 'xyz').Create] });
    const refusal = (request: () => AV, type: string, o: { message?: RegExp; feature?: Feature } = {}) => async (ctx: Parameters<typeof requireFeature>[0]) => {
      requireFeature(ctx, 'gsi-update');
      if (o.feature) requireFeature(ctx, o.feature);
      await shared.ready();
      await expectError(shared.client.call('UpdateTable', { TableName: shared.name, ...request() }), type, o.message && alternatorMessage(o.message));
    };

    it(
      'a new GSI redefining the type of an existing key attribute is a ValidationException (test_gsi_key_type_conflict_on_update, scylladb#13870)',
      refusal(() => ({ AttributeDefinitions: [attr('xyz', 'N')], GlobalSecondaryIndexUpdates: [create('index2', 'xyz')] }), 'ValidationException', { message: /redefined/ }),
    );
    it('UpdateTable with nothing to update is a ValidationException (test_updatetable_empty)', refusal(() => ({}), 'ValidationException', { message: /UpdateTable/ }));
    it('UpdateTable with an empty GlobalSecondaryIndexUpdates is a ValidationException (test_updatetable_empty)', refusal(() => ({ GlobalSecondaryIndexUpdates: [] }), 'ValidationException', { message: /UpdateTable/ }));
    it('an empty entry in GlobalSecondaryIndexUpdates is a ValidationException (test_gsi_updatetable_errors)', refusal(() => ({ GlobalSecondaryIndexUpdates: [{}] }), 'ValidationException', { message: /GlobalSecondaryIndexUpdate/ }));
    it(
      'an unknown operation in GlobalSecondaryIndexUpdates is a ValidationException (test_gsi_updatetable_errors)',
      refusal(() => ({ AttributeDefinitions: [attr('x', 'N')], GlobalSecondaryIndexUpdates: [{ Dog: create('ind', 'x').Create }] }), 'ValidationException', { message: /GlobalSecondaryIndexUpdate/ }),
    );
    it(
      'Create and Delete in one entry is a ValidationException (test_gsi_updatetable_errors)',
      refusal(() => ({ AttributeDefinitions: [attr('x', 'N')], GlobalSecondaryIndexUpdates: [{ ...create('ind', 'x'), Delete: { IndexName: 'index1' } }] }), 'ValidationException', { feature: 'gsi-update-entry-validated', message: /one/ }),
    );
    it(
      'two Creates in one UpdateTable are a LimitExceededException (test_gsi_updatetable_errors)',
      refusal(() => ({ AttributeDefinitions: [attr('x', 'N')], GlobalSecondaryIndexUpdates: [create('ind1', 'x'), create('ind2', 'x')] }), 'LimitExceededException'),
    );
    it(
      'two Deletes in one UpdateTable are a LimitExceededException (test_gsi_updatetable_errors)',
      refusal(() => ({ GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'index1' } }, { Delete: { IndexName: 'ind2' } }] }), 'LimitExceededException'),
    );
    it(
      'a Create and a Delete in one UpdateTable are a LimitExceededException (test_gsi_updatetable_errors)',
      refusal(() => ({ AttributeDefinitions: [attr('x', 'N')], GlobalSecondaryIndexUpdates: [create('ind1', 'x'), { Delete: { IndexName: 'index1' } }] }), 'LimitExceededException'),
    );
    it('deleting a GSI the table does not have is a ResourceNotFoundException (test_updatetable_delete_missing_gsi)', refusal(() => ({ GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'nonexistent' } }] }), 'ResourceNotFoundException'));
    it(
      'a GSI name of 256 characters is a ValidationException (test_gsi_updatetable_very_long_name_256)',
      refusal(() => ({ AttributeDefinitions: [attr('q')], GlobalSecondaryIndexUpdates: [create('n'.repeat(256), 'q')] }), 'ValidationException'),
    );
  });

  describe('name length', () => {
    it('a GSI name of 255 characters can be added and deleted (test_gsi_updatetable_very_long_name_255)', async (ctx) => {
      requireFeature(ctx, 'gsi-update');
      requireFeature(ctx, 'index-name-255');
      await withTable('gsiu_255', hashOnly, async (c, t) => {
        const name = 'n'.repeat(255);
        await addGsi(c, t, [attr('p')], create(name, 'p'));
        await waitGsi(c, t, name);
        await deleteGsi(c, t, name);
        await waitGsiGone(c, t, name);
      });
    }, SLOW);

    it("Alternator: a GSI name may take the table name's length up to 222 characters with ':' between, one more is a ValidationException (test_gsi_updatetable_very_long_name_222)", async (ctx) => {
      requireFeature(ctx, 'gsi-update');
      requireDifference(ctx, 'alternator-index-name-total-length');
      await withTable('gsiu_222', hashOnly, async (c, t) => {
        const longest = 'n'.repeat(222 - t.length - 1);
        await addGsi(c, t, [attr('p')], create(longest, 'p'));
        await waitGsi(c, t, longest);
        await deleteGsi(c, t, longest);
        await waitGsiGone(c, t, longest);
        await expectError(addGsi(c, t, [attr('p')], create(`${longest}n`, 'p')), 'ValidationException', /total length/);
      });
    }, SLOW);
  });
});
