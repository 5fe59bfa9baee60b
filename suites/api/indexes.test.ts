// Secondary indexes: GSIs and LSIs created with the table, queried (conditions, order, paging), projections,
// index contents following item changes, and a GSI added later with UpdateTable where the target supports it.
// Areas of scylladb test/alternator test_gsi.py, test_lsi.py, test_gsi_updatetable.py.
import { describe, it, expect, beforeAll } from 'vitest';
import { useTable, expectError, requireFeature, deleteTableQuietly, eventually, deadline } from '../../harness/suite-kit/index.ts';
import { batchWriteAll, putRequests, allPages, itemsOf, exactlyOnce, type Item } from '../../harness/suite-kit/items.ts';
import { S, N } from '../../harness/suite-kit/values.ts';

const gsi = (name: string, hash: string, range: string | undefined, projection: Record<string, unknown>) => ({
  IndexName: name,
  KeySchema: [{ AttributeName: hash, KeyType: 'HASH' }, ...(range ? [{ AttributeName: range, KeyType: 'RANGE' }] : [])],
  Projection: projection,
});

/** GSI reads are eventually consistent: poll until the index shows what was written (test_gsi.py assert_index_query). */
const indexed = <T>(what: string, check: () => Promise<T>) => eventually(what, check, deadline.indexRead());

describe('api indexes', () => {
  const t = useTable(
    'indexes',
    { hash: ['pk', 'S'], range: ['sk', 'N'] },
    {
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'N' },
        { AttributeName: 'g', AttributeType: 'S' },
        { AttributeName: 'gs', AttributeType: 'N' },
        { AttributeName: 'l', AttributeType: 'S' },
      ],
      GlobalSecondaryIndexes: [
        gsi('by_g', 'g', 'gs', { ProjectionType: 'ALL' }),
        gsi('by_g_keys', 'g', undefined, { ProjectionType: 'KEYS_ONLY' }),
        gsi('by_g_incl', 'g', undefined, { ProjectionType: 'INCLUDE', NonKeyAttributes: ['x'] }),
      ],
      LocalSecondaryIndexes: [
        gsi('by_l', 'pk', 'l', { ProjectionType: 'ALL' }),
        gsi('by_l_keys', 'pk', 'l', { ProjectionType: 'KEYS_ONLY' }),
      ],
    },
  );

  // Group "G1": 12 items over 4 base partitions, gs = 0..11; group "G2": 3 items; 4 items have no "g" (sparse).
  const g1 = Array.from({ length: 12 }, (_, i) => ({ pk: S(`p${i % 4}`), sk: N(i), g: S('G1'), gs: N(i), l: S(`l${String(11 - i).padStart(2, '0')}`), x: S(`x${i}`), y: S(`y${i}`) }));
  const g2 = Array.from({ length: 3 }, (_, i) => ({ pk: S('q'), sk: N(100 + i), g: S('G2'), gs: N(i), x: S('x'), y: S('y') }));
  const noG = Array.from({ length: 4 }, (_, i) => ({ pk: S('p0'), sk: N(200 + i), y: S('only y') }));

  beforeAll(async () => {
    await t.ready();
    await batchWriteAll(t.client, t.name, putRequests([...g1, ...g2, ...noG]));
  });

  const q = (index: string, cond: string, values: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    t.client.call<any>('Query', { TableName: t.name, IndexName: index, KeyConditionExpression: cond, ExpressionAttributeValues: values, ...extra });
  const lq = (cond: string, values: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    q('by_l', cond, values, { ConsistentRead: true, ...extra });
  const gsVals = (items: Item[] | undefined) => (items ?? []).map((i) => Number(i.gs.N));
  const describeTable = async () => (await t.client.call<any>('DescribeTable', { TableName: t.name })).Table;

  describe('created with the table', () => {
    it('DescribeTable lists every GSI with its key schema', async () => {
      const d = await describeTable();
      const byName = Object.fromEntries((d.GlobalSecondaryIndexes ?? []).map((x: any) => [x.IndexName, x]));
      expect(Object.keys(byName).sort()).toEqual(['by_g', 'by_g_incl', 'by_g_keys']);
      expect(byName.by_g.KeySchema).toEqual([
        { AttributeName: 'g', KeyType: 'HASH' },
        { AttributeName: 'gs', KeyType: 'RANGE' },
      ]);
      expect(byName.by_g_keys.KeySchema).toEqual([{ AttributeName: 'g', KeyType: 'HASH' }]);
    });

    it('DescribeTable lists every LSI with its key schema', async () => {
      const d = await describeTable();
      const byName = Object.fromEntries((d.LocalSecondaryIndexes ?? []).map((x: any) => [x.IndexName, x]));
      expect(Object.keys(byName).sort()).toEqual(['by_l', 'by_l_keys']);
      expect(byName.by_l.KeySchema).toEqual([
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'l', KeyType: 'RANGE' },
      ]);
    });

    it('GSIs created with the table are ACTIVE', async () => {
      const d = await describeTable();
      expect(d.GlobalSecondaryIndexes.map((x: any) => x.IndexStatus)).toEqual(['ACTIVE', 'ACTIVE', 'ACTIVE']);
    });

    it('DescribeTable reports each index projection as requested', async (ctx) => {
      requireFeature(ctx, 'index-projection');
      const d = await describeTable();
      const p = Object.fromEntries(d.GlobalSecondaryIndexes.map((x: any) => [x.IndexName, x.Projection]));
      expect(p.by_g_keys).toEqual({ ProjectionType: 'KEYS_ONLY' });
      expect(p.by_g_incl).toEqual({ ProjectionType: 'INCLUDE', NonKeyAttributes: ['x'] });
    });
  });

  describe('GSI queries', () => {
    it('a GSI query gathers items from several base partitions, ordered by the index range key', async () => {
      const r = await indexed('the 12 G1 items in by_g, ordered by gs', async () => {
        const r = await q('by_g', 'g = :g', { ':g': S('G1') });
        expect(gsVals(r.Items)).toEqual(Array.from({ length: 12 }, (_, i) => i));
        return r;
      });
      exactlyOnce(r.Items, g1, ['pk', 'sk']);
    });

    it('a GSI range condition', async () => {
      await indexed('by_g answers gs 3 to 5 for G1', async () => expect(gsVals((await q('by_g', 'g = :g AND gs BETWEEN :a AND :b', { ':g': S('G1'), ':a': N(3), ':b': N(5) })).Items)).toEqual([3, 4, 5]));
    });

    it('ScanIndexForward=false on a GSI', async () => {
      await indexed('by_g answers G2 in descending order', async () => expect(gsVals((await q('by_g', 'g = :g', { ':g': S('G2') }, { ScanIndexForward: false })).Items)).toEqual([2, 1, 0]));
    });

    it('GSI pages with Limit 5: every item exactly once; LastEvaluatedKey holds base and index keys', async () => {
      await indexed('by_g pages hold every G1 item once', async () => {
        const pages = await allPages(t.client, 'Query', {
          TableName: t.name,
          IndexName: 'by_g',
          KeyConditionExpression: 'g = :g',
          ExpressionAttributeValues: { ':g': S('G1') },
          Limit: 5,
        });
        exactlyOnce(itemsOf(pages), g1, ['pk', 'sk']);
        expect(Object.keys(pages[0]!.LastEvaluatedKey ?? {}).sort()).toEqual(['g', 'gs', 'pk', 'sk']);
      });
    });

    it('items without the index key attribute are not in the GSI (sparse index)', async () => {
      const got = await indexed('every indexed item in the by_g scan', async () => {
        const items = itemsOf(await allPages(t.client, 'Scan', { TableName: t.name, IndexName: 'by_g' }));
        expect(items).toHaveLength(g1.length + g2.length);
        return items;
      });
      expect(got.every((i) => i.g !== undefined)).toBe(true);
    });

    it('Select COUNT on a GSI', async () => {
      await indexed('by_g counts 3 G2 items', async () => expect((await q('by_g', 'g = :g', { ':g': S('G2') }, { Select: 'COUNT' })).Count).toBe(3));
    });

    it('ConsistentRead on a GSI is a ValidationException', async () => {
      await expectError(q('by_g', 'g = :g', { ':g': S('G1') }, { ConsistentRead: true }), 'ValidationException');
    });

    it('a key condition on the base key instead of the index key is a ValidationException', async () => {
      await expectError(q('by_g', 'pk = :p', { ':p': S('p0') }), 'ValidationException');
    });

    it('an unknown index is a ValidationException', async () => {
      await expectError(q('no_such_index', 'g = :g', { ':g': S('G1') }), 'ValidationException');
    });

    it('writing a GSI key attribute of the wrong type is a ValidationException', async () => {
      await expectError(t.client.call('PutItem', { TableName: t.name, Item: { pk: S('bad'), sk: N(1), g: N(5) } }), 'ValidationException');
    });
  });

  describe('projections', () => {
    it('ALL: index items carry every attribute', async () => {
      await indexed('G1 item 7 in by_g', async () => expect((await q('by_g', 'g = :g AND gs = :s', { ':g': S('G1'), ':s': N(7) })).Items).toEqual([g1[7]]));
    });

    it('KEYS_ONLY: index items carry the table and index keys', async () => {
      await indexed('the 3 G2 items in by_g_keys', async () => {
        const items = (await q('by_g_keys', 'g = :g', { ':g': S('G2') })).Items as Item[];
        expect(items).toHaveLength(3);
        for (const i of items) expect(i).toMatchObject({ pk: S('q'), g: S('G2') });
        expect(items.map((i) => i.sk.N).sort()).toEqual(['100', '101', '102']);
      });
    });

    it('KEYS_ONLY: index items carry nothing but keys', async (ctx) => {
      requireFeature(ctx, 'index-projection');
      await indexed('the 3 G2 items in by_g_keys with keys only', async () => {
        const items = (await q('by_g_keys', 'g = :g', { ':g': S('G2') })).Items as Item[];
        expect(items.map((i) => Object.keys(i).sort().join())).toEqual(['g,pk,sk', 'g,pk,sk', 'g,pk,sk']);
      });
    });

    it('INCLUDE: index items carry the keys and the included attribute', async () => {
      await indexed('the 3 G2 items in by_g_incl', async () => {
        const items = (await q('by_g_incl', 'g = :g', { ':g': S('G2') })).Items as Item[];
        expect(items).toHaveLength(3);
        for (const i of items) expect(i).toMatchObject({ g: S('G2'), pk: S('q'), x: S('x') });
      });
    });

    it('INCLUDE: attributes not included are left out', async (ctx) => {
      requireFeature(ctx, 'index-projection');
      await indexed('the 3 G2 items in by_g_incl without other attributes', async () => {
        const items = (await q('by_g_incl', 'g = :g', { ':g': S('G2') })).Items as Item[];
        expect(items).toHaveLength(3);
        expect(items.every((i) => i.y === undefined && i.gs === undefined)).toBe(true);
      });
    });

    it('Select ALL_PROJECTED_ATTRIBUTES on an index', async () => {
      await indexed('G2 item 1 in by_g with its projected attributes', async () => {
        const r = await q('by_g', 'g = :g AND gs = :s', { ':g': S('G2'), ':s': N(1) }, { Select: 'ALL_PROJECTED_ATTRIBUTES' });
        expect(r.Items).toEqual([g2[1]]);
      });
    });

    it('LSI KEYS_ONLY: index items carry the table key and the LSI key', async () => {
      const r = await q('by_l_keys', 'pk = :p AND l = :l', { ':p': S('p1'), ':l': S('l10') }, { ConsistentRead: true });
      expect(r.Items).toHaveLength(1);
      expect(r.Items[0]).toMatchObject({ pk: S('p1'), sk: N(1), l: S('l10') });
    });
  });

  describe('LSI queries', () => {
    it('an LSI query returns the partition ordered by the LSI range key', async () => {
      const r = await lq('pk = :p', { ':p': S('p0') });
      // p0 holds sk 0, 4, 8 with l = l11, l07, l03: LSI order is by l, so 8, 4, 0; items without l are absent.
      expect(r.Items.map((i: Item) => Number(i.sk.N))).toEqual([8, 4, 0]);
    });

    it('an LSI range condition', async () => {
      const r = await lq('pk = :p AND l > :l', { ':p': S('p0'), ':l': S('l05') });
      expect(r.Items.map((i: Item) => i.l.S)).toEqual(['l07', 'l11']);
    });

    it('ConsistentRead on an LSI is allowed and sees a write at once', async () => {
      await t.client.call('PutItem', { TableName: t.name, Item: { pk: S('lsi-now'), sk: N(1), l: S('a') } });
      expect((await lq('pk = :p', { ':p': S('lsi-now') })).Items).toEqual([{ pk: S('lsi-now'), sk: N(1), l: S('a') }]);
    });

    it('an LSI whose hash key differs from the table hash key is refused at CreateTable', async () => {
      await expectError(
        t.client.call('CreateTable', {
          TableName: `${t.name}_badlsi`,
          BillingMode: 'PAY_PER_REQUEST',
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            { AttributeName: 'sk', KeyType: 'RANGE' },
          ],
          AttributeDefinitions: [
            { AttributeName: 'pk', AttributeType: 'S' },
            { AttributeName: 'sk', AttributeType: 'N' },
            { AttributeName: 'o', AttributeType: 'S' },
          ],
          LocalSecondaryIndexes: [gsi('bad', 'o', 'sk', { ProjectionType: 'ALL' })],
        }),
        'ValidationException',
      ).finally(() => deleteTableQuietly(t.client, `${t.name}_badlsi`));
    });

    it('a GSI key attribute missing from AttributeDefinitions is refused at CreateTable', async () => {
      await expectError(
        t.client.call('CreateTable', {
          TableName: `${t.name}_badgsi`,
          BillingMode: 'PAY_PER_REQUEST',
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          GlobalSecondaryIndexes: [gsi('bad', 'undefined_attr', undefined, { ProjectionType: 'ALL' })],
        }),
        'ValidationException',
      ).finally(() => deleteTableQuietly(t.client, `${t.name}_badgsi`));
    });
  });

  describe('index contents follow item changes', () => {
    it('changing the GSI key moves the item to the new key', async () => {
      await t.client.call('PutItem', { TableName: t.name, Item: { pk: S('mv'), sk: N(1), g: S('MOVE-A'), gs: N(1) } });
      await indexed('the item under MOVE-A in by_g', async () => expect((await q('by_g', 'g = :g', { ':g': S('MOVE-A') })).Count).toBe(1));
      await t.client.call('UpdateItem', { TableName: t.name, Key: { pk: S('mv'), sk: N(1) }, UpdateExpression: 'SET g = :g', ExpressionAttributeValues: { ':g': S('MOVE-B') } });
      await indexed('the item moved from MOVE-A to MOVE-B in by_g', async () => {
        expect((await q('by_g', 'g = :g', { ':g': S('MOVE-A') })).Count).toBe(0);
        expect((await q('by_g', 'g = :g', { ':g': S('MOVE-B') })).Items).toEqual([{ pk: S('mv'), sk: N(1), g: S('MOVE-B'), gs: N(1) }]);
      });
    });

    it('updating a non-key attribute shows in an ALL-projection GSI', async () => {
      await t.client.call('PutItem', { TableName: t.name, Item: { pk: S('up'), sk: N(1), g: S('UPD'), gs: N(1), v: S('old') } });
      await t.client.call('UpdateItem', { TableName: t.name, Key: { pk: S('up'), sk: N(1) }, UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': S('new') } });
      await indexed('the updated attribute in by_g', async () => expect((await q('by_g', 'g = :g', { ':g': S('UPD') })).Items).toEqual([{ pk: S('up'), sk: N(1), g: S('UPD'), gs: N(1), v: S('new') }]));
    });

    it('removing the GSI key attribute drops the item from the GSI', async () => {
      await t.client.call('PutItem', { TableName: t.name, Item: { pk: S('rm'), sk: N(1), g: S('RMK'), gs: N(1) } });
      await indexed('the item under RMK in by_g', async () => expect((await q('by_g', 'g = :g', { ':g': S('RMK') })).Count).toBe(1));
      await t.client.call('UpdateItem', { TableName: t.name, Key: { pk: S('rm'), sk: N(1) }, UpdateExpression: 'REMOVE g' });
      await indexed('the item gone from by_g once its key attribute is removed', async () => expect((await q('by_g', 'g = :g', { ':g': S('RMK') })).Count).toBe(0));
    });

    it('deleting the item removes it from the GSI', async () => {
      await t.client.call('PutItem', { TableName: t.name, Item: { pk: S('del'), sk: N(1), g: S('DEL'), gs: N(1) } });
      await indexed('the item under DEL in by_g', async () => expect((await q('by_g', 'g = :g', { ':g': S('DEL') })).Count).toBe(1));
      await t.client.call('DeleteItem', { TableName: t.name, Key: { pk: S('del'), sk: N(1) } });
      await indexed('the deleted item gone from by_g', async () => expect((await q('by_g', 'g = :g', { ':g': S('DEL') })).Count).toBe(0));
    });

    it('the LSI follows an update of its key and a delete', async () => {
      await t.client.call('PutItem', { TableName: t.name, Item: { pk: S('lsi-mv'), sk: N(1), l: S('a') } });
      await t.client.call('UpdateItem', { TableName: t.name, Key: { pk: S('lsi-mv'), sk: N(1) }, UpdateExpression: 'SET l = :l', ExpressionAttributeValues: { ':l': S('b') } });
      expect((await lq('pk = :p AND l = :l', { ':p': S('lsi-mv'), ':l': S('a') })).Count).toBe(0);
      expect((await lq('pk = :p AND l = :l', { ':p': S('lsi-mv'), ':l': S('b') })).Count).toBe(1);
      await t.client.call('DeleteItem', { TableName: t.name, Key: { pk: S('lsi-mv'), sk: N(1) } });
      expect((await lq('pk = :p', { ':p': S('lsi-mv') })).Count).toBe(0);
    });
  });

  describe('GSI added later', () => {
    // Created only when the target supports adding a GSI (useTable creates lazily and deletes what it created).
    const late = useTable('indexes_late', { hash: ['id', 'S'] });

    it('UpdateTable adds a GSI that is backfilled with existing items and queryable', async (ctx) => {
      requireFeature(ctx, 'gsi-update');
      await late.ready();
      await batchWriteAll(late.client, late.name, putRequests([{ id: S('a'), h: S('H') }, { id: S('b'), h: S('H') }, { id: S('c') }]));
      // On DynamoDB Local the suite-kit client sends a 500 again (difference dynamodb-local-concurrent-ddl-500).
      await late.client.call('UpdateTable', {
        TableName: late.name,
        AttributeDefinitions: [{ AttributeName: 'h', AttributeType: 'S' }],
        GlobalSecondaryIndexUpdates: [{ Create: gsi('late', 'h', undefined, { ProjectionType: 'ALL' }) }],
      });
      await eventually('the late GSI ACTIVE', async () => {
        const d = (await late.client.call<any>('DescribeTable', { TableName: late.name })).Table;
        expect(d.GlobalSecondaryIndexes?.[0]?.IndexStatus).toBe('ACTIVE');
      }, deadline.indexBuild());
      await indexed('the existing items backfilled into the late GSI', async () => {
        const r = await late.client.call<any>('Query', { TableName: late.name, IndexName: 'late', KeyConditionExpression: 'h = :h', ExpressionAttributeValues: { ':h': S('H') } });
        expect(r.Items.map((i: Item) => i.id.S).sort()).toEqual(['a', 'b']);
      });
    });
  });
});
