// TTL expiry observed: items whose TTL attribute has passed disappear from the table and its indexes, others stay,
// and Streams report the deletion as a service REMOVE. Behaviour from scylladb test/alternator/test_ttl.py (each case
// names its test). Alternator expires items in a background scan every alternator_ttl_period_in_seconds (24 h by
// default), so the cases run only where the endpoint declares a short period (ttlScanPeriodSeconds; the local target
// emulates the scan, see harness/targets/local/ttl-expiry.ts) or the implementation expires promptly (DynamoDB Local).
// They poll; none waits a fixed time.
import { describe, it, expect } from 'vitest';
import { useTable, requireFeature, offers, endpoint, record, eventually, deadline, plus, type DynamoClient, streamsClient } from '../../harness/suite-kit/index.ts';
import { ttlPollMs } from '../../harness/suite-kit/deadlines.ts';
import { StreamCursor, activeStreamArn, recordsOf, streamTableTags } from '../../harness/suite-kit/streams.ts';
import { S, N, type AV } from '../../harness/suite-kit/values.ts';

const pollMs = () => ttlPollMs(endpoint());
const nowS = () => Math.floor(Date.now() / 1000);

/** Notes where this project's own code did the expiring, so a pass is not read as ScyllaDB's. */
function noteEmulation(ctx: Parameters<typeof record>[0]) {
  const e = endpoint();
  if (e.emulatedBy) record(ctx, `expired by an emulated scan every ${e.ttlScanPeriodSeconds} s (${e.emulatedBy})`);
}

const enableTtl = (c: DynamoClient, table: string, attribute: string) =>
  c.call<any>('UpdateTimeToLive', { TableName: table, TimeToLiveSpecification: { AttributeName: attribute, Enabled: true } });
const exists = async (c: DynamoClient, table: string, key: AV) => (await c.call<any>('GetItem', { TableName: table, Key: key, ConsistentRead: true })).Item !== undefined;

/** Waits until every `gone` key is gone, then checks every `stays` key is still there. */
async function expectExpiry(c: DynamoClient, table: string, gone: AV[], stays: AV[]) {
  await eventually(
    `${gone.length} expired item(s) gone from ${table}`,
    async () => {
      for (const k of gone) expect(await exists(c, table, k), `${JSON.stringify(k)} should have expired`).toBe(false);
    },
    deadline.ttlExpiry(),
    { stepMs: pollMs() },
  );
  for (const k of stays) expect(await exists(c, table, k), `${JSON.stringify(k)} should not expire`).toBe(true);
}

/**
 * Readies a table and enables TTL on it once, however many cases need it (they run concurrently): `before` runs
 * between the two (items written before TTL is enabled). The answer is kept for the case that checks it.
 */
function ttlEnabledOnce(t: { name: string; client: DynamoClient; ready(): Promise<void> }, attribute: string, before: () => Promise<unknown> = async () => undefined) {
  let enabled: Promise<any> | undefined;
  return () => (enabled ??= t.ready().then(before).then(() => enableTtl(t.client, t.name, attribute)));
}

// The cases mostly wait for the scan: they run concurrently. Five tables, not seven (issue 23: every CreateTable is a
// schema change on a real cluster): a table has one TTL attribute, so one table per attribute the cases expire by;
// cases of one attribute share its table where they can, each on partitions of its own.
describe.concurrent('api ttl expiry', () => {
  // TTL attribute `expiration` (a regular attribute): test_ttl_expiration (hash-key table upstream; what it checks
  // depends on the attribute's values, not on the key schema) and test_ttl_expiration_with_rangekey.
  const byExpiration = useTable('ttlx_expiration', { hash: ['p', 'S'], range: ['c', 'S'] });
  // test_ttl_expiration writes one item before TTL is enabled: the table's set-up writes it, in that case's partition.
  const EXPIRATION_CASE = 'values';
  const beforeEnabling = { p: S(EXPIRATION_CASE), c: S('before-enabling') };
  const expirationEnabled = ttlEnabledOnce(byExpiration, 'expiration', () =>
    byExpiration.client.call('PutItem', { TableName: byExpiration.name, Item: { ...beforeEnabling, expiration: N(nowS() - 60) } }),
  );
  const hashOnly = byExpiration;
  const withRange = byExpiration;
  // test_ttl_expiration_gsi_lsi keeps a table of its own: with its GSI on the table above (the other cases' items
  // lacking the GSI key g), DynamoDB Local 1.25.1 expired none of the three cases' items in two minutes (observed).
  const indexed = useTable(
    'ttlx_indexes',
    { hash: ['p', 'S'], range: ['c', 'S'] },
    {
      AttributeDefinitions: [
        { AttributeName: 'p', AttributeType: 'S' },
        { AttributeName: 'c', AttributeType: 'S' },
        { AttributeName: 'l', AttributeType: 'S' },
        { AttributeName: 'g', AttributeType: 'S' },
      ],
      LocalSecondaryIndexes: [{ IndexName: 'lsi', KeySchema: [{ AttributeName: 'p', KeyType: 'HASH' }, { AttributeName: 'l', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } }],
      GlobalSecondaryIndexes: [{ IndexName: 'gsi', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
    },
  );
  const indexedEnabled = ttlEnabledOnce(indexed, 'expiration');
  const hashKeyAttr = useTable('ttlx_hashkey', { hash: ['p', 'N'] });
  const hashKeyEnabled = ttlEnabledOnce(hashKeyAttr, 'p');
  // The sort key c as TTL attribute; also the table whose tags test_ttl_tag_is_invisible lists (no harness tag on it).
  const rangeKeyAttr = useTable('ttlx_rangekey', { hash: ['p', 'S'], range: ['c', 'N'] }, {}, { keepIsolation: true });
  const rangeKeyEnabled = ttlEnabledOnce(rangeKeyAttr, 'c');
  const lsiKeyAttr = useTable(
    'ttlx_lsikey',
    { hash: ['p', 'S'], range: ['c', 'S'] },
    {
      AttributeDefinitions: [
        { AttributeName: 'p', AttributeType: 'S' },
        { AttributeName: 'c', AttributeType: 'S' },
        { AttributeName: 'l', AttributeType: 'N' },
      ],
      LocalSecondaryIndexes: [{ IndexName: 'lsi', KeySchema: [{ AttributeName: 'p', KeyType: 'HASH' }, { AttributeName: 'l', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } }],
    },
  );
  const lsiKeyEnabled = ttlEnabledOnce(lsiKeyAttr, 'l');

  it('expired numbers (also 1234567e1 and fractional forms, also written before TTL was enabled) go; no attribute, a string, a date over 5 years past or in the future stay (test_ttl_expiration)', async (ctx) => {
    requireFeature(ctx, 'ttl');
    requireFeature(ctx, 'ttl-expiry');
    const t = hashOnly;
    const put = (c: string, expiration?: AV) => t.client.call('PutItem', { TableName: t.name, Item: { p: S(EXPIRATION_CASE), c: S(c), ...(expiration ? { expiration } : {}) } });
    expect((await expirationEnabled()).TimeToLiveSpecification).toEqual({ AttributeName: 'expiration', Enabled: true });
    const now = nowS();
    await put('no-attribute');
    await put('past', N(now - 60));
    await put('over-5-years-ago', N(162777600));
    await put('soon', N(now + 1));
    await put('far-future', N(now + 3600));
    await put('string', S(String(now - 60)));
    await put('exponent', N(`${Math.floor((now - 60) / 10)}e1`));
    await put('fraction', N(`${now - 60}.1234`));
    const key = (c: string) => ({ p: S(EXPIRATION_CASE), c: S(c) });
    await expectExpiry(
      t.client,
      t.name,
      ['before-enabling', 'past', 'soon', 'exponent', 'fraction'].map(key),
      ['no-attribute', 'over-5-years-ago', 'far-future', 'string'].map(key),
    );
    noteEmulation(ctx);
  });

  it('an expired item goes from a table with a sort key; one without the attribute stays (test_ttl_expiration_with_rangekey)', async (ctx) => {
    requireFeature(ctx, 'ttl');
    requireFeature(ctx, 'ttl-expiry');
    const t = withRange;
    await expirationEnabled();
    await t.client.call('PutItem', { TableName: t.name, Item: { p: S('rangekey'), c: S('gone'), expiration: N(nowS() - 60) } });
    await t.client.call('PutItem', { TableName: t.name, Item: { p: S('rangekey'), c: S('stays') } });
    await expectExpiry(t.client, t.name, [{ p: S('rangekey'), c: S('gone') }], [{ p: S('rangekey'), c: S('stays') }]);
    noteEmulation(ctx);
  });

  it('the TTL attribute may be the hash key (test_ttl_expiration_hash)', async (ctx) => {
    requireFeature(ctx, 'ttl');
    requireFeature(ctx, 'ttl-expiry');
    const t = hashKeyAttr;
    await hashKeyEnabled();
    const past = { p: N(nowS() - 60) };
    const future = { p: N(nowS() + 3600) };
    for (const k of [past, future]) await t.client.call('PutItem', { TableName: t.name, Item: k });
    await expectExpiry(t.client, t.name, [past], [future]);
    noteEmulation(ctx);
  });

  it('the TTL attribute may be the sort key (test_ttl_expiration_range)', async (ctx) => {
    requireFeature(ctx, 'ttl');
    requireFeature(ctx, 'ttl-expiry');
    const t = rangeKeyAttr;
    await rangeKeyEnabled();
    const past = { p: S('p'), c: N(nowS() - 60) };
    const future = { p: S('p'), c: N(nowS() + 3600) };
    for (const k of [past, future]) await t.client.call('PutItem', { TableName: t.name, Item: k });
    await expectExpiry(t.client, t.name, [past], [future]);
    noteEmulation(ctx);
  });

  it('the TTL attribute may be an LSI sort key (test_ttl_expiration_lsi_key)', async (ctx) => {
    requireFeature(ctx, 'ttl');
    requireFeature(ctx, 'ttl-expiry');
    const t = lsiKeyAttr;
    await lsiKeyEnabled();
    const gone = { p: S('p'), c: S('gone') };
    await t.client.call('PutItem', { TableName: t.name, Item: { ...gone, l: N(nowS() - 60) } });
    await expectExpiry(t.client, t.name, [gone], []);
    noteEmulation(ctx);
  });

  it('an item that expires leaves the base table, its GSI and its LSI (test_ttl_expiration_gsi_lsi)', async (ctx) => {
    requireFeature(ctx, 'ttl');
    requireFeature(ctx, 'ttl-expiry');
    const t = indexed;
    await indexedEnabled();
    const k = { p: S('indexed'), c: S('c') };
    const base = { ...k, l: S('l'), g: S('g') };
    const viaGsi = async () => (await t.client.call<any>('Query', { TableName: t.name, IndexName: 'gsi', KeyConditionExpression: 'g = :g', ExpressionAttributeValues: { ':g': S('g') } })).Items;
    const viaLsi = async () =>
      (await t.client.call<any>('Query', { TableName: t.name, IndexName: 'lsi', ConsistentRead: true, KeyConditionExpression: 'p = :p AND l = :l', ExpressionAttributeValues: { ':p': k.p, ':l': S('l') } })).Items;
    await t.client.call('PutItem', { TableName: t.name, Item: base });
    await eventually(
      'the item in the table, its GSI and its LSI',
      async () => {
        expect(await exists(t.client, t.name, k)).toBe(true);
        expect(await viaGsi()).toEqual([base]);
        expect(await viaLsi()).toEqual([base]);
      },
      deadline.indexRead(),
    );
    await t.client.call('PutItem', { TableName: t.name, Item: { ...base, expiration: N(nowS() - 60) } });
    await eventually(
      'the expired item gone from the table, its GSI and its LSI',
      async () => {
        expect(await exists(t.client, t.name, k)).toBe(false);
        expect(await viaGsi()).toEqual([]);
        expect(await viaLsi()).toEqual([]);
      },
      deadline.ttlExpiry(),
      { stepMs: pollMs() },
    );
    noteEmulation(ctx);
  });

  describe('with a stream', () => {
    const streamed = useTable(
      'ttlx_stream',
      { hash: ['p', 'S'], range: ['c', 'S'] },
      { StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' }, ...(streamTableTags().length ? { Tags: streamTableTags() } : {}) },
    );

    it('an expiry is a REMOVE record by the service (userIdentity Service, dynamodb.amazonaws.com) with the whole item as OldImage; a user write carries no userIdentity (test_ttl_expiration_streams, scylladb#11523)', async (ctx) => {
      requireFeature(ctx, 'ttl');
      requireFeature(ctx, 'ttl-expiry');
      requireFeature(ctx, 'streams');
      const t = streamed;
      await t.ready();
      await enableTtl(t.client, t.name, 'expiration');
      const streams = streamsClient();
      ctx.onTestFinished(() => streams.close());
      const arn = (await activeStreamArn(streams, t.name)).arn;
      const k = { p: S('p'), c: S('c') };
      const item = { ...k, animal: S('dog'), expiration: N(nowS() - 60) };
      await t.client.call('PutItem', { TableName: t.name, Item: item });
      const cursor = await StreamCursor.open(streams, arn, 'TRIM_HORIZON');
      const mine = await cursor.until(
        (rs) => {
          const got = recordsOf(rs, k);
          if (!got.some((r) => r.eventName === 'REMOVE')) throw new Error(`no REMOVE record yet (${got.length} record(s))`);
          return got;
        },
        plus(deadline.ttlExpiry(), deadline.streamRecords()),
        'a REMOVE record of the expiry',
      );
      const remove = mine.find((r) => r.eventName === 'REMOVE')!;
      // Before 2026.1.0 an expiry looks like a user's delete (difference alternator-ttl-expiry-no-user-identity).
      expect(remove.userIdentity).toEqual(offers('stream-ttl-user-identity') ? { Type: 'Service', PrincipalId: 'dynamodb.amazonaws.com' } : undefined);
      expect(remove.dynamodb.Keys).toEqual(k);
      expect(remove.dynamodb.OldImage).toEqual(item);
      expect(mine.filter((r) => r.eventName !== 'REMOVE').every((r) => r.userIdentity === undefined)).toBe(true);
      expect(await exists(t.client, t.name, k)).toBe(false);
    });
  });

  describe('configuration', () => {
    // The sort-key table: created without tags (no harness tag either), its TTL enabled on c.
    const tagged = rangeKeyAttr;

    it('enabling TTL adds no tag: ListTagsOfResource shows no system:ttl_attribute (test_ttl_tag_is_invisible, scylladb#24098)', async (ctx) => {
      requireFeature(ctx, 'ttl');
      requireFeature(ctx, 'tags');
      requireFeature(ctx, 'ttl-tag-invisible');
      await rangeKeyEnabled();
      await eventually(
        'DescribeTimeToLive ENABLED',
        async () => expect((await tagged.client.call<any>('DescribeTimeToLive', { TableName: tagged.name })).TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'c' }),
        deadline.tableMetadata(),
      );
      const arn = (await tagged.client.call<any>('DescribeTable', { TableName: tagged.name })).Table.TableArn;
      expect((await tagged.client.call<any>('ListTagsOfResource', { ResourceArn: arn })).Tags).toEqual([]);
    });
  });
});
