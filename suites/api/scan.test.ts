// Scan: Limit, pagination, parallel scan (Segment/TotalSegments: every item exactly once) and its validation,
// filters (FilterExpression and the legacy ScanFilter), Select and projections. Areas of scylladb
// test/alternator test_scan.py and test_filter_expression.py.
import { describe, it, expect, beforeAll } from 'vitest';
import { useTable, useSharedTable, expectError } from '../../harness/suite-kit/index.ts';
import { batchWriteAll, putRequests, allPages, itemsOf, exactlyOnce, type Item } from '../../harness/suite-kit/items.ts';
import { S, N } from '../../harness/suite-kit/values.ts';

const KEY = ['pk', 'sk'];

describe('api scan', () => {
  // Its own table: the cases count and page through every item of the table (Scan's own counts, parallel segments).
  const t = useTable('scan', { hash: ['pk', 'S'], range: ['sk', 'N'] });
  // The run's shared hash-only table: the one case on it pages at Limit 1 through the whole table and keeps only its
  // own keys (a filter on its number range), so every page boundary still falls on a hash-only key.
  const h = useSharedTable('scan_hash', { hash: ['pk', 'N'] });
  // 30 partitions × 4 sort keys; attributes for filters: colour cycles, n = index, some items lack "opt".
  const items: Item[] = [];
  for (let p = 0; p < 30; p++)
    for (let s = 0; s < 4; s++) {
      const i = p * 4 + s;
      items.push({
        pk: S(`part${String(p).padStart(2, '0')}`),
        sk: N(s),
        n: N(i),
        colour: S(['red', 'green', 'blue'][i % 3]!),
        ...(i % 5 === 0 ? {} : { opt: S(`o${i}`) }),
        tags: { SS: [`t${i % 4}`, 'all'] },
      });
    }
  const hashItems = Array.from({ length: 23 }, (_, i) => ({ pk: { N: h.numberKey(i) }, s: S(String(i)) }));

  beforeAll(async () => {
    await Promise.all([t.ready(), h.ready()]);
    await Promise.all([batchWriteAll(t.client, t.name, putRequests(items)), batchWriteAll(h.client, h.name, putRequests(hashItems))]);
  });

  const scanAll = (extra: Record<string, unknown> = {}) => allPages(t.client, 'Scan', { TableName: t.name, ConsistentRead: true, ...extra });
  const scan = (extra: Record<string, unknown> = {}) => t.client.call<any>('Scan', { TableName: t.name, ConsistentRead: true, ...extra });
  const filtered = (pred: (i: Item) => boolean) => items.filter(pred);

  describe('Limit and pagination', () => {
    it('a full scan (following every page) returns every item exactly once', async () => {
      exactlyOnce(itemsOf(await scanAll()), items, KEY);
    });

    it('Limit caps the page and sets LastEvaluatedKey', async () => {
      const r = await scan({ Limit: 5 });
      expect(r.Items).toHaveLength(5);
      expect(r.Count).toBe(5);
      expect(r.ScannedCount).toBe(5);
      expect(r.LastEvaluatedKey).toBeDefined();
    });

    it('Limit 7 over 120 items: every item exactly once, no page above the limit', async () => {
      const pages = await scanAll({ Limit: 7 });
      expect(pages.every((p) => (p.Items?.length ?? 0) <= 7)).toBe(true);
      expect(pages.length).toBeGreaterThanOrEqual(Math.ceil(items.length / 7));
      exactlyOnce(itemsOf(pages), items, KEY);
    });

    it('Limit 1 on a hash-only table: every item exactly once', async () => {
      const mine = { FilterExpression: 'pk BETWEEN :first AND :last', ExpressionAttributeValues: { ':first': hashItems[0]!.pk, ':last': hashItems.at(-1)!.pk } };
      const got = itemsOf(await allPages(h.client, 'Scan', { TableName: h.name, ConsistentRead: true, Limit: 1, ...mine }));
      exactlyOnce(got, hashItems, ['pk']);
    });

    it('LastEvaluatedKey holds exactly the key attributes', async () => {
      const r = await scan({ Limit: 3 });
      expect(Object.keys(r.LastEvaluatedKey).sort()).toEqual(KEY);
      expect(r.LastEvaluatedKey).toEqual({ pk: r.Items[2].pk, sk: r.Items[2].sk });
    });

    it('items of one partition come back in sort-key order', async () => {
      const got = itemsOf(await scanAll({ Limit: 9 }));
      const byPartition = new Map<string, number[]>();
      for (const i of got) byPartition.set(i.pk.S, [...(byPartition.get(i.pk.S) ?? []), Number(i.sk.N)]);
      for (const sks of byPartition.values()) expect(sks).toEqual([0, 1, 2, 3]);
    });

    it('an ExclusiveStartKey that does not match the key schema is a ValidationException', async () => {
      await expectError(scan({ ExclusiveStartKey: { pk: S('part00') } }), 'ValidationException');
    });

    it('a missing table is a ResourceNotFoundException', async () => {
      await expectError(t.client.call('Scan', { TableName: `${t.name}_nope` }), 'ResourceNotFoundException');
    });
  });

  describe('parallel scan', () => {
    const segments = async (total: number, extra: Record<string, unknown> = {}) => {
      const per = await Promise.all(Array.from({ length: total }, (_, s) => scanAll({ Segment: s, TotalSegments: total, ...extra })));
      return per.map(itemsOf);
    };

    it('TotalSegments 1: the one segment is the whole table', async () => {
      exactlyOnce((await segments(1)).flat(), items, KEY);
    });

    it('TotalSegments 2: every item in exactly one segment', async () => {
      exactlyOnce((await segments(2)).flat(), items, KEY);
    });

    it('TotalSegments 4 with Limit 3 paging inside each segment: every item exactly once', async () => {
      exactlyOnce((await segments(4, { Limit: 3 })).flat(), items, KEY);
    });

    it('TotalSegments 17 (more segments than some hold items): every item exactly once', async () => {
      exactlyOnce((await segments(17)).flat(), items, KEY);
    });

    it('parallel scan with a filter: the union of segments is the filtered table', async () => {
      const got = (await segments(3, { FilterExpression: 'colour = :c', ExpressionAttributeValues: { ':c': S('red') } })).flat();
      exactlyOnce(got, filtered((i) => i.colour.S === 'red'), KEY);
    });

    it('Segment equal to TotalSegments is a ValidationException', async () => {
      await expectError(scan({ Segment: 5, TotalSegments: 5 }), 'ValidationException', /[Ss]egment/);
    });

    it('Segment above TotalSegments is a ValidationException', async () => {
      await expectError(scan({ Segment: 9, TotalSegments: 5 }), 'ValidationException', /[Ss]egment/);
    });

    it('TotalSegments above 1000000 is a ValidationException', async () => {
      await expectError(scan({ Segment: 0, TotalSegments: 1_000_001 }), 'ValidationException', /[Ss]egment/);
    });

    it('TotalSegments 0 is a ValidationException', async () => {
      await expectError(scan({ Segment: 0, TotalSegments: 0 }), 'ValidationException');
    });

    it('a negative Segment is a ValidationException', async () => {
      await expectError(scan({ Segment: -1, TotalSegments: 2 }), 'ValidationException');
    });

    it('Segment without TotalSegments is a ValidationException', async () => {
      await expectError(scan({ Segment: 0 }), 'ValidationException', /[Ss]egment/);
    });

    it('TotalSegments without Segment is a ValidationException', async () => {
      await expectError(scan({ TotalSegments: 2 }), 'ValidationException', /[Ss]egment/);
    });
  });

  describe('filters, Select and projections', () => {
    it('FilterExpression keeps matching items; ScannedCount counts what was read', async () => {
      const pages = await scanAll({ FilterExpression: 'colour = :c', ExpressionAttributeValues: { ':c': S('green') } });
      exactlyOnce(itemsOf(pages), filtered((i) => i.colour.S === 'green'), KEY);
      expect(pages.reduce((n, p) => n + p.ScannedCount, 0)).toBe(items.length);
    });

    it('legacy ScanFilter EQ', async () => {
      const got = itemsOf(await scanAll({ ScanFilter: { colour: { AttributeValueList: [S('blue')], ComparisonOperator: 'EQ' } } }));
      exactlyOnce(got, filtered((i) => i.colour.S === 'blue'), KEY);
    });

    it('legacy ScanFilter with two conditions (AND by default)', async () => {
      const got = itemsOf(
        await scanAll({
          ScanFilter: {
            colour: { AttributeValueList: [S('red')], ComparisonOperator: 'EQ' },
            n: { AttributeValueList: [N(60)], ComparisonOperator: 'GE' },
          },
        }),
      );
      exactlyOnce(got, filtered((i) => i.colour.S === 'red' && Number(i.n.N) >= 60), KEY);
    });

    it('legacy ScanFilter BETWEEN on a number', async () => {
      const got = itemsOf(await scanAll({ ScanFilter: { n: { AttributeValueList: [N(10), N(19)], ComparisonOperator: 'BETWEEN' } } }));
      exactlyOnce(got, filtered((i) => Number(i.n.N) >= 10 && Number(i.n.N) <= 19), KEY);
    });

    it('legacy ScanFilter IN', async () => {
      const got = itemsOf(await scanAll({ ScanFilter: { n: { AttributeValueList: [N(1), N(50), N(999)], ComparisonOperator: 'IN' } } }));
      exactlyOnce(got, filtered((i) => ['1', '50'].includes(i.n.N)), KEY);
    });

    it('legacy ScanFilter NULL (attribute absent)', async () => {
      const got = itemsOf(await scanAll({ ScanFilter: { opt: { ComparisonOperator: 'NULL' } } }));
      exactlyOnce(got, filtered((i) => i.opt === undefined), KEY);
    });

    it('legacy ScanFilter NOT_NULL (attribute present)', async () => {
      const got = itemsOf(await scanAll({ ScanFilter: { opt: { ComparisonOperator: 'NOT_NULL' } } }));
      exactlyOnce(got, filtered((i) => i.opt !== undefined), KEY);
    });

    it('legacy ScanFilter CONTAINS on a string set', async () => {
      const got = itemsOf(await scanAll({ ScanFilter: { tags: { AttributeValueList: [S('t2')], ComparisonOperator: 'CONTAINS' } } }));
      exactlyOnce(got, filtered((i) => i.tags.SS.includes('t2')), KEY);
    });

    it('legacy ScanFilter BEGINS_WITH', async () => {
      const got = itemsOf(await scanAll({ ScanFilter: { pk: { AttributeValueList: [S('part2')], ComparisonOperator: 'BEGINS_WITH' } } }));
      exactlyOnce(got, filtered((i) => i.pk.S.startsWith('part2')), KEY);
    });

    it('ScanFilter and FilterExpression together are a ValidationException', async () => {
      await expectError(
        scan({
          ScanFilter: { colour: { AttributeValueList: [S('red')], ComparisonOperator: 'EQ' } },
          FilterExpression: 'colour = :c',
          ExpressionAttributeValues: { ':c': S('red') },
        }),
        'ValidationException',
      );
    });

    it('Select COUNT over all pages counts every item and returns no Items', async () => {
      const pages = await scanAll({ Select: 'COUNT', Limit: 50 });
      expect(pages.reduce((n, p) => n + p.Count, 0)).toBe(items.length);
      expect(pages.every((p) => p.Items === undefined)).toBe(true);
    });

    it('Select COUNT with a filter counts only matching items', async () => {
      const pages = await scanAll({ Select: 'COUNT', FilterExpression: 'colour = :c', ExpressionAttributeValues: { ':c': S('red') } });
      expect(pages.reduce((n, p) => n + p.Count, 0)).toBe(filtered((i) => i.colour.S === 'red').length);
    });

    it('ProjectionExpression returns only the named attributes', async () => {
      const got = itemsOf(await scanAll({ ProjectionExpression: 'pk, n' }));
      expect(got).toHaveLength(items.length);
      expect(got.every((i) => Object.keys(i).sort().join() === 'n,pk')).toBe(true);
    });

    it('AttributesToGet keeps items that have none of the attributes, as empty items', async () => {
      const got = itemsOf(await scanAll({ AttributesToGet: ['opt'] }));
      expect(got).toHaveLength(items.length);
      expect(got.filter((i) => Object.keys(i).length === 0)).toHaveLength(filtered((i) => i.opt === undefined).length);
    });

    it('Select SPECIFIC_ATTRIBUTES without a projection is a ValidationException', async () => {
      await expectError(scan({ Select: 'SPECIFIC_ATTRIBUTES' }), 'ValidationException');
    });
  });
});
