// DynamoDB Streams in depth, where the deployment offers Streams (requireFeature): the stream's description and
// shards, every shard-iterator type, GetRecords paging and limits, the shape of records per view type and operation,
// enabling and disabling. Behaviour from scylladb test/alternator/test_streams.py (each case names its test); what
// Alternator does differently is a documented difference (harness/differences/alternator.ts). Events appear after
// alternator_streams_time_window_s on Alternator (10 s by default): cases poll, never wait a fixed time.
import { describe, it, expect, afterAll } from 'vitest';
import { useTable, expectError, requireFeature, offers, endpoint, tableName, client, deleteTableQuietly, waitActive, eventually, deadline, streamsClient, type DynamoClient } from '../../harness/suite-kit/index.ts';
import {
  StreamCursor,
  activeStreamArn,
  listShards,
  recordsOf,
  expectEvents,
  streamTableTags,
  type ExpectedEvent,
  type StreamRecord,
  type StreamViewType,
} from '../../harness/suite-kit/streams.ts';
import { titled } from '../../harness/suite-kit/cases.ts';
import { S, N, type AV } from '../../harness/suite-kit/values.ts';

const KEY = { hash: ['p', 'S'], range: ['c', 'S'] } as const;
const spec = (view: StreamViewType) => ({ StreamSpecification: { StreamEnabled: true, StreamViewType: view } });
const withStream = (view: StreamViewType, extra: Record<string, unknown> = {}) => {
  const tags = [...streamTableTags(), ...((extra.Tags as Array<{ Key: string; Value: string }> | undefined) ?? [])];
  return { ...spec(view), ...extra, ...(tags.length ? { Tags: tags } : {}) };
};
const key = (p: string, c: string) => ({ p: S(p), c: S(c) });
const item = (k: AV, attrs: AV = {}) => ({ ...k, ...attrs });

/** A table with a stream of one view type, created on first use; its stream ARN once the stream is usable. */
function streamTable(streams: DynamoClient, hint: string, view: StreamViewType, extra: Record<string, unknown> = {}, opts: { keepIsolation?: boolean } = {}) {
  const t = useTable(hint, { hash: [...KEY.hash], range: [...KEY.range] }, withStream(view, extra), opts);
  let arn: Promise<string> | undefined;
  return {
    ...t,
    view,
    arn(): Promise<string> {
      arn ??= t.ready().then(async () => (await activeStreamArn(streams, t.name)).arn);
      return arn;
    },
    async latest(): Promise<StreamCursor> {
      return StreamCursor.open(streams, await this.arn(), 'LATEST');
    },
  };
}

describe('api streams in depth', () => {
  // The Streams API (its own target prefix and, on AWS, its own endpoint: AWS_ENDPOINT_URL_DYNAMODB_STREAMS).
  const streams = streamsClient();
  afterAll(() => streams.close());
  const keysOnly = streamTable(streams, 'st_keys', 'KEYS_ONLY');
  const newImage = streamTable(streams, 'st_new', 'NEW_IMAGE');
  const oldImage = streamTable(streams, 'st_old', 'OLD_IMAGE', {
    AttributeDefinitions: [
      { AttributeName: 'p', AttributeType: 'S' },
      { AttributeName: 'c', AttributeType: 'S' },
      { AttributeName: 'k', AttributeType: 'S' },
    ],
    LocalSecondaryIndexes: [{ IndexName: 'by_k', KeySchema: [{ AttributeName: 'p', KeyType: 'HASH' }, { AttributeName: 'k', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } }],
  });
  const both = streamTable(streams, 'st_both', 'NEW_AND_OLD_IMAGES');
  // Written only by the TRIM_HORIZON and StartingSequenceNumber cases, which read the stream from its start.
  const fresh = streamTable(streams, 'st_fresh', 'KEYS_ONLY');
  const plain = useTable('st_plain', { hash: ['p', 'S'], range: ['c', 'S'] });

  const update = (t: { client: DynamoClient; name: string }, k: AV, expr: string, values?: AV) =>
    t.client.call('UpdateItem', { TableName: t.name, Key: k, UpdateExpression: expr, ...(values ? { ExpressionAttributeValues: values } : {}) });
  const put = (t: { client: DynamoClient; name: string }, item: AV) => t.client.call('PutItem', { TableName: t.name, Item: item });
  const del = (t: { client: DynamoClient; name: string }, k: AV) => t.client.call('DeleteItem', { TableName: t.name, Key: k });

  describe('description and shards', () => {
    it('DescribeStream answers the ARN, status, view type, table and shards with decimal sequence numbers (test_describe_stream)', async (ctx) => {
      requireFeature(ctx, 'streams');
      const arn = await keysOnly.arn();
      const d = (await streams.call<any>('DescribeStream', { StreamArn: arn })).StreamDescription;
      expect(d.StreamArn).toBe(arn);
      expect(d.StreamStatus).not.toBe('DISABLED');
      expect(d.StreamViewType).toBe('KEYS_ONLY');
      expect(d.TableName).toBe(keysOnly.name);
      expect(d.Shards.length).toBeGreaterThan(0);
      expect(d.Shards[0].ShardId).toEqual(expect.any(String));
      expect(d.Shards[0].SequenceNumberRange.StartingSequenceNumber).toMatch(/^\d+$/);
    });

    it('DescribeStream pages shards by Limit: unique, in lexical order, LastEvaluatedShardId the last one, none after the last (test_streams.py list_shards)', async (ctx) => {
      requireFeature(ctx, 'streams');
      const arn = await keysOnly.arn();
      const limit = 10;
      const ids: string[] = [];
      let start: string | undefined;
      do {
        const d = (await streams.call<any>('DescribeStream', { StreamArn: arn, Limit: limit, ...(start ? { ExclusiveStartShardId: start } : {}) })).StreamDescription;
        expect(d.Shards.length).toBeLessThanOrEqual(limit);
        ids.push(...d.Shards.map((s: any) => s.ShardId));
        start = d.LastEvaluatedShardId;
        if (start) expect(start).toBe(ids[ids.length - 1]);
      } while (start);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual([...ids].sort());
      const after = (await streams.call<any>('DescribeStream', { StreamArn: arn, ExclusiveStartShardId: ids[ids.length - 1] })).StreamDescription;
      expect(after.Shards).toEqual([]);
    });

    it('every shard id is at most 65 characters (test_get_shard_iterator)', async (ctx) => {
      requireFeature(ctx, 'streams');
      for (const s of await listShards(streams, await keysOnly.arn())) expect(s.ShardId.length).toBeLessThanOrEqual(65);
    });

    it('ShardFilter CHILD_SHARDS of a shard of a stream that never split lists no shard (test_stream_shard_filtering_simple_no_children)', async (ctx) => {
      requireFeature(ctx, 'streams');
      requireFeature(ctx, 'stream-shard-filter');
      const arn = await keysOnly.arn();
      const [shard] = await listShards(streams, arn);
      const d = (await streams.call<any>('DescribeStream', { StreamArn: arn, ShardFilter: { Type: 'CHILD_SHARDS', ShardId: shard!.ShardId } })).StreamDescription;
      expect([d.StreamArn, d.StreamViewType, d.TableName]).toEqual([arn, 'KEYS_ONLY', keysOnly.name]);
      expect(d.Shards ?? []).toEqual([]);
    });

    it.for(
      titled(
        [
          { name: 'an unknown Type', test: 'test_stream_shard_filtering_wrong_type', filter: (id: string) => ({ Type: 'foo', ShardId: id }) },
          { name: 'a malformed ShardId', test: 'test_stream_shard_filtering_wrong_shard_id', filter: () => ({ Type: 'CHILD_SHARDS', ShardId: 'qwerty' }) },
          { name: 'no Type', test: 'test_stream_shard_filtering_missing_type', filter: (id: string) => ({ ShardId: id }) },
          { name: 'no ShardId', test: 'test_stream_shard_filtering_missing_shard_id', filter: () => ({ Type: 'CHILD_SHARDS' }) },
        ],
        (r) => `ShardFilter with ${r.name} is a ValidationException (${r.test})`,
      ),
    )('%s', async ([, r], ctx) => {
      requireFeature(ctx, 'streams');
      requireFeature(ctx, 'stream-shard-filter');
      const arn = await keysOnly.arn();
      const [shard] = await listShards(streams, arn);
      await expectError(streams.call('DescribeStream', { StreamArn: arn, ShardFilter: r.filter(shard!.ShardId) }), 'ValidationException');
    });

    it('DescribeStream of a string that is not a stream ARN is a ValidationException (test_describe_nonexistent_stream)', async (ctx) => {
      requireFeature(ctx, 'streams');
      requireFeature(ctx, 'stream-arn-validated');
      await expectError(streams.call('DescribeStream', { StreamArn: 'sdfadfsdfnlfkajakfgjalksfgklasjklasdjfklasdfasdfgasf' }), 'ValidationException');
    });
  });

  describe('table-level stream metadata', () => {
    it('CreateTable, DescribeTable and a no-op UpdateTable carry the LatestStreamArn, LatestStreamLabel and StreamSpecification ListStreams agrees with (test_latest_stream_arn, test_latest_stream_label, test_stream_specification)', async (ctx) => {
      requireFeature(ctx, 'streams');
      const c = client();
      const name = tableName('st_meta');
      try {
        const created = (
          await c.call<any>('CreateTable', {
            TableName: name,
            BillingMode: 'PAY_PER_REQUEST',
            KeySchema: [{ AttributeName: 'p', KeyType: 'HASH' }, { AttributeName: 'c', KeyType: 'RANGE' }],
            AttributeDefinitions: [{ AttributeName: 'p', AttributeType: 'S' }, { AttributeName: 'c', AttributeType: 'S' }],
            ...withStream('KEYS_ONLY'),
          })
        ).TableDescription;
        const wanted = { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' };
        expect(created.StreamSpecification).toEqual(wanted);
        await waitActive(c, name);
        const { arn, label } = await activeStreamArn(streams, name);
        expect([created.LatestStreamArn, created.LatestStreamLabel]).toEqual([arn, label]);
        const described = (await c.call<any>('DescribeTable', { TableName: name })).Table;
        expect([described.LatestStreamArn, described.LatestStreamLabel, described.StreamSpecification]).toEqual([arn, label, wanted]);
        const updated = (await c.call<any>('UpdateTable', { TableName: name, BillingMode: 'PAY_PER_REQUEST' })).TableDescription;
        expect([updated.LatestStreamArn, updated.LatestStreamLabel, updated.StreamSpecification]).toEqual([arn, label, wanted]);
        await waitActive(c, name);
      } finally {
        await deleteTableQuietly(c, name);
        c.close();
      }
    });

    it('tagging the table leaves its one stream and its ARN unchanged (test_stream_arn_unchanging)', async (ctx) => {
      requireFeature(ctx, 'streams');
      requireFeature(ctx, 'tags');
      const arn = await keysOnly.arn();
      const tableArn = (await keysOnly.client.call<any>('DescribeTable', { TableName: keysOnly.name })).Table.TableArn;
      await keysOnly.client.call('TagResource', { ResourceArn: tableArn, Tags: [{ Key: 'animal', Value: 'dog' }] });
      const listed = (await streams.call<any>('ListStreams', { TableName: keysOnly.name })).Streams;
      expect(listed.map((s: any) => s.StreamArn)).toEqual([arn]);
    });

    it('the stream adds no table to ListTables (test_stream_list_tables)', async (ctx) => {
      requireFeature(ctx, 'streams');
      await keysOnly.arn();
      const names: string[] = [];
      let start: string | undefined;
      do {
        const r = await keysOnly.client.call<any>('ListTables', start ? { ExclusiveStartTableName: start } : {});
        names.push(...r.TableNames);
        start = r.LastEvaluatedTableName;
      } while (start);
      expect(names).toContain(keysOnly.name);
      expect(names.filter((n) => n !== keysOnly.name && n.includes(keysOnly.name))).toEqual([]);
    });
  });

  describe('enabling and disabling', () => {
    it('enabling a stream of another view type on a table that has one is a ValidationException (test_streams_change_type)', async (ctx) => {
      requireFeature(ctx, 'streams');
      await keysOnly.arn();
      await expectError(keysOnly.client.call('UpdateTable', { TableName: keysOnly.name, ...spec('OLD_IMAGE') }), 'ValidationException', /already/i);
    });

    it('enabling the same stream again is a ValidationException (test_streams_enable_on_enabled)', async (ctx) => {
      requireFeature(ctx, 'streams');
      await both.arn();
      await expectError(both.client.call('UpdateTable', { TableName: both.name, ...spec('NEW_AND_OLD_IMAGES') }), 'ValidationException', /already/i);
    });

    it('disabling the stream of a table that has none is a ValidationException (test_streams_disable_on_disabled)', async (ctx) => {
      requireFeature(ctx, 'streams');
      await plain.ready();
      await expectError(plain.client.call('UpdateTable', { TableName: plain.name, StreamSpecification: { StreamEnabled: false } }), 'ValidationException', /stream/i);
    });

    it('an unknown StreamViewType is a ValidationException (test_create_streams_wrong_type)', async (ctx) => {
      requireFeature(ctx, 'streams');
      await plain.ready();
      await expectError(plain.client.call('UpdateTable', { TableName: plain.name, StreamSpecification: { StreamEnabled: true, StreamViewType: 'Fisk' } }), 'ValidationException');
    });

    it('ListStreams of a table without a stream lists none (test_list_streams_empty)', async (ctx) => {
      requireFeature(ctx, 'streams');
      await plain.ready();
      expect((await streams.call<any>('ListStreams', { TableName: plain.name })).Streams).toEqual([]);
    });
  });

  describe('ListStreams paging', () => {
    it('Limit 0 is a ValidationException (test_list_streams_zero_limit)', async (ctx) => {
      requireFeature(ctx, 'streams');
      await expectError(streams.call('ListStreams', { Limit: 0 }), 'ValidationException');
    });

    it('pages of Limit 1 list every stream once, this run\'s among them (test_list_streams_paged)', async (ctx) => {
      requireFeature(ctx, 'streams');
      const mine = [await keysOnly.arn(), await both.arn()];
      const seen: string[] = [];
      let start: string | undefined;
      for (let pages = 0; ; pages++) {
        expect(pages, 'ListStreams kept paging').toBeLessThan(5000);
        const r = await streams.call<any>('ListStreams', { Limit: 1, ...(start ? { ExclusiveStartStreamArn: start } : {}) });
        expect(r.Streams.length).toBeLessThanOrEqual(1);
        seen.push(...r.Streams.map((s: any) => s.StreamArn));
        start = r.LastEvaluatedStreamArn;
        if (!start) break;
      }
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toEqual(expect.arrayContaining(mine));
    });

    it('LastEvaluatedStreamArn is the last StreamArn of its page, and a page that is not full has none (test_list_streams_paged_cookie, test_list_streams_unfull_last_page_no_cookie)', async (ctx) => {
      requireFeature(ctx, 'streams');
      requireFeature(ctx, 'list-streams-arn-cookie');
      // At least two streams exist (this file's), so a page of one has a cookie.
      await Promise.all([keysOnly.arn(), both.arn()]);
      const first = await streams.call<any>('ListStreams', { Limit: 1 });
      expect(first.Streams).toHaveLength(1);
      expect(first.LastEvaluatedStreamArn).toBe(first.Streams[0].StreamArn);
      // As upstream, this assumes fewer than 100 streams on the endpoint; a full page may carry a cookie.
      const all = await streams.call<any>('ListStreams', { Limit: 100 });
      if (all.Streams.length < 100) expect(all.LastEvaluatedStreamArn).toBeUndefined();
    });
  });

  describe('shard iterators', () => {
    type Row = { name: string; type: string; seq?: 'bogus' | 'valid'; shard?: 'unknown'; error: string; test: string };
    const rows: Row[] = [
      { name: 'AT_SEQUENCE_NUMBER without a SequenceNumber', type: 'AT_SEQUENCE_NUMBER', error: 'ValidationException', test: 'test_get_shard_iterator' },
      { name: 'AFTER_SEQUENCE_NUMBER without a SequenceNumber', type: 'AFTER_SEQUENCE_NUMBER', error: 'ValidationException', test: 'test_get_shard_iterator' },
      { name: 'TRIM_HORIZON with a SequenceNumber', type: 'TRIM_HORIZON', seq: 'valid', error: 'ValidationException', test: 'test_get_shard_iterator' },
      { name: 'LATEST with a SequenceNumber', type: 'LATEST', seq: 'valid', error: 'ValidationException', test: 'test_get_shard_iterator' },
      { name: 'an unknown ShardIteratorType', type: 'bulle', seq: 'valid', error: 'ValidationException', test: 'test_get_shard_iterator' },
      { name: 'a SequenceNumber that is not a number', type: 'LATEST', seq: 'bogus', error: 'ValidationException', test: 'test_get_shard_iterator' },
      { name: 'an unknown ShardId', type: 'LATEST', shard: 'unknown', error: 'ResourceNotFoundException', test: 'test_get_shard_iterator_for_nonexistent_shard' },
    ];
    it.for(titled(rows, (r) => `GetShardIterator with ${r.name} is a ${r.error} (${r.test})`))('%s', async ([, r], ctx) => {
      requireFeature(ctx, 'streams');
      const arn = await keysOnly.arn();
      const [shard] = await listShards(streams, arn);
      const shardId = r.shard === 'unknown' ? 'adfasdasdasdasdasdasdasdasdasasdasd' : shard!.ShardId;
      const seq = r.seq === 'valid' ? { SequenceNumber: shard!.SequenceNumberRange.StartingSequenceNumber } : r.seq === 'bogus' ? { SequenceNumber: 'sdfsafglldfngjdafnasdflgnaldklkafdsgklnasdlv' } : {};
      await expectError(streams.call('GetShardIterator', { StreamArn: arn, ShardId: shardId, ShardIteratorType: r.type, ...seq }), r.error);
    });

    it('GetShardIterator AT_ and AFTER_SEQUENCE_NUMBER of a shard\'s StartingSequenceNumber, TRIM_HORIZON and LATEST answer an iterator (test_get_shard_iterator)', async (ctx) => {
      requireFeature(ctx, 'streams');
      const arn = await keysOnly.arn();
      const [shard] = await listShards(streams, arn);
      const seq = shard!.SequenceNumberRange.StartingSequenceNumber;
      for (const [type, extra] of [['AT_SEQUENCE_NUMBER', { SequenceNumber: seq }], ['AFTER_SEQUENCE_NUMBER', { SequenceNumber: seq }], ['TRIM_HORIZON', {}], ['LATEST', {}]] as const)
        expect((await streams.call<any>('GetShardIterator', { StreamArn: arn, ShardId: shard!.ShardId, ShardIteratorType: type, ...extra })).ShardIterator, type).toEqual(expect.any(String));
    });

    it('GetShardIterator of a string that is not a stream ARN is a ValidationException (test_get_shard_iterator_for_nonexistent_stream)', async (ctx) => {
      requireFeature(ctx, 'streams');
      requireFeature(ctx, 'stream-arn-validated');
      const [shard] = await listShards(streams, await keysOnly.arn());
      await expectError(streams.call('GetShardIterator', { StreamArn: 'sdfadfsddafgdafsgjnadflkgnalngalsdfnlkasnlkasdfasdfasf', ShardId: shard!.ShardId, ShardIteratorType: 'LATEST' }), 'ValidationException');
    });

    it('GetRecords at LATEST of an idle shard answers an empty Records list and a next iterator (test_streams_no_records)', async (ctx) => {
      requireFeature(ctx, 'streams');
      const arn = await keysOnly.arn();
      const [shard] = await listShards(streams, arn, 1);
      const it = (await streams.call<any>('GetShardIterator', { StreamArn: arn, ShardId: shard!.ShardId, ShardIteratorType: 'LATEST' })).ShardIterator;
      const r = await streams.call<any>('GetRecords', { ShardIterator: it });
      expect(r.Records).toEqual([]);
      expect(r.NextShardIterator).toEqual(expect.any(String));
    });

    it('GetRecords Limit: 1000 is accepted, 0 and -1 are ValidationExceptions (test_get_records_too_high_limit)', async (ctx) => {
      requireFeature(ctx, 'streams');
      const arn = await keysOnly.arn();
      const [shard] = await listShards(streams, arn, 1);
      const it = (await streams.call<any>('GetShardIterator', { StreamArn: arn, ShardId: shard!.ShardId, ShardIteratorType: 'LATEST' })).ShardIterator;
      await streams.call('GetRecords', { ShardIterator: it, Limit: 1000 });
      await expectError(streams.call('GetRecords', { ShardIterator: it, Limit: 0 }), 'ValidationException');
      await expectError(streams.call('GetRecords', { ShardIterator: it, Limit: -1 }), 'ValidationException');
    });

    it('GetRecords Limit 1001 is a ValidationException (test_get_records_too_high_limit, scylladb#23534)', async (ctx) => {
      requireFeature(ctx, 'streams');
      requireFeature(ctx, 'get-records-limit-1000');
      const arn = await keysOnly.arn();
      const [shard] = await listShards(streams, arn, 1);
      const it = (await streams.call<any>('GetShardIterator', { StreamArn: arn, ShardId: shard!.ShardId, ShardIteratorType: 'LATEST' })).ShardIterator;
      await expectError(streams.call('GetRecords', { ShardIterator: it, Limit: 1001 }), 'ValidationException', /limit/i);
    });

    /** Writes after taking LATEST iterators, then finds the shard that got `count` records of the key. */
    async function shardWith(k: AV, count: number, writes: () => Promise<unknown>) {
      const arn = await keysOnly.arn();
      const cursor = await StreamCursor.open(streams, arn, 'LATEST');
      await writes();
      return cursor.until(() => {
        const hit = [...cursor.byShard].find(([, rs]) => recordsOf(rs, k).length >= count);
        if (!hit) throw new Error(`no shard has ${count} record(s) of ${JSON.stringify(k)} yet`);
        return { arn, cursor, shardId: hit[0], records: recordsOf(hit[1], k) };
      });
    }

    it('after the last record, GetRecords answers no more; a later change of the same item comes on the same shard (test_streams_last_result, test_streams_another_result)', async (ctx) => {
      requireFeature(ctx, 'streams');
      const k = key('last', 'one');
      const hit = await shardWith(k, 1, () => update(keysOnly, k, 'SET x = :v', { ':v': N(5) }));
      expect(hit.records).toHaveLength(1);
      const again = await streams.call<any>('GetRecords', { ShardIterator: hit.cursor.iteratorOf(hit.shardId) });
      expect(recordsOf(again.Records, k)).toEqual([]);
      await update(keysOnly, k, 'SET x = :v', { ':v': N(7) });
      let it = again.NextShardIterator;
      await eventually(
        'the later change on the same shard',
        async () => {
          const r = await streams.call<any>('GetRecords', { ShardIterator: it });
          it = r.NextShardIterator;
          expect(recordsOf(r.Records, k)).toHaveLength(1);
        },
        deadline.streamRecords(),
        { stepMs: 500 },
      );
    });

    it('AT_SEQUENCE_NUMBER of a record reads that record again (test_streams_at_sequence_number)', async (ctx) => {
      requireFeature(ctx, 'streams');
      const k = key('at', 'seq');
      const hit = await shardWith(k, 1, () => update(keysOnly, k, 'SET x = :v', { ':v': N(5) }));
      const seq = hit.records[0]!.dynamodb.SequenceNumber;
      expect(seq).toMatch(/^\d+$/);
      const it = (await streams.call<any>('GetShardIterator', { StreamArn: hit.arn, ShardId: hit.shardId, ShardIteratorType: 'AT_SEQUENCE_NUMBER', SequenceNumber: seq })).ShardIterator;
      const r = await streams.call<any>('GetRecords', { ShardIterator: it });
      expect(r.Records[0].dynamodb.Keys).toEqual(k);
      expect(r.Records[0].dynamodb.SequenceNumber).toBe(seq);
    });

    it('AFTER_SEQUENCE_NUMBER reads only what follows; sequence numbers grow as integers (test_streams_after_sequence_number)', async (ctx) => {
      requireFeature(ctx, 'streams');
      const k = key('after', 'seq');
      const hit = await shardWith(k, 2, async () => {
        await update(keysOnly, k, 'SET x = :v', { ':v': N(3) });
        await update(keysOnly, k, 'SET x = :v', { ':v': N(5) });
      });
      const [s1, s2] = hit.records.map((r) => r.dynamodb.SequenceNumber);
      expect(BigInt(s1!) < BigInt(s2!)).toBe(true);
      const it = (await streams.call<any>('GetShardIterator', { StreamArn: hit.arn, ShardId: hit.shardId, ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: s1 })).ShardIterator;
      const r = await streams.call<any>('GetRecords', { ShardIterator: it });
      expect(r.Records[0].dynamodb.SequenceNumber).toBe(s2);
      expect(recordsOf(r.Records, k).map((x: StreamRecord) => x.dynamodb.SequenceNumber)).toEqual([s2]);
    });

    it('TRIM_HORIZON of a new stream reads both earlier writes in order with their keys; so does AT_SEQUENCE_NUMBER of each shard\'s StartingSequenceNumber (test_streams_trim_horizon, test_streams_starting_sequence_number)', async (ctx) => {
      requireFeature(ctx, 'streams');
      const arn = await fresh.arn();
      const k = key('trim', 'horizon');
      await update(fresh, k, 'SET x = :v', { ':v': N(3) });
      await update(fresh, k, 'SET x = :v', { ':v': N(5) });
      const trim = await StreamCursor.open(streams, arn, 'TRIM_HORIZON');
      const seqs = await trim.until((rs) => {
        const mine = recordsOf(rs, k);
        if (mine.length < 2) throw new Error(`${mine.length} of 2 records so far`);
        expect(rs).toHaveLength(2);
        return mine.map((r) => r.dynamodb.SequenceNumber);
      });
      // Every shard read from its StartingSequenceNumber gives the same two records.
      for (const s of await listShards(streams, arn)) expect(s.SequenceNumberRange.StartingSequenceNumber).toMatch(/^\d+$/);
      const fromStart = await StreamCursor.open(streams, arn, 'AT_SHARD_START');
      const got = await fromStart.until((rs) => {
        if (recordsOf(rs, k).length < 2) throw new Error(`${recordsOf(rs, k).length} of 2 records so far`);
        return rs;
      });
      expect(got.map((r) => r.dynamodb.SequenceNumber)).toEqual(seqs);
    });
  });

  describe('records', () => {
    it('a record names its event, version, source, region, keys, view type, creation time and a decimal sequence number (test_streams.py compare_events)', async (ctx) => {
      requireFeature(ctx, 'streams');
      const cursor = await newImage.latest();
      const k = key('fields', 'one');
      await put(newImage, { ...k, x: N(1) });
      const [r] = await cursor.until((rs) => {
        const mine = recordsOf(rs, k);
        if (!mine.length) throw new Error('no record yet');
        return mine;
      });
      expect(r!.eventID).toEqual(expect.any(String));
      expect(['INSERT', 'MODIFY', 'REMOVE']).toContain(r!.eventName);
      if (offers('stream-record-version-region')) {
        expect(['1.0', '1.1']).toContain(r!.eventVersion);
        expect(r!.awsRegion).toEqual(expect.any(String));
      } else {
        // alternator-stream-record-no-version-region (5add43e15c added both in 2025.4.0).
        expect([r!.eventVersion, r!.awsRegion]).toEqual([undefined, undefined]);
      }
      expect(r!.dynamodb.Keys).toEqual(k);
      expect(r!.dynamodb.StreamViewType).toBe('NEW_IMAGE');
      expect(r!.dynamodb.ApproximateCreationDateTime).toEqual(expect.any(Number));
      expect(r!.dynamodb.SequenceNumber).toMatch(/^\d+$/);
      if (offers('stream-record-aws-fields')) {
        expect(r!.eventSource).toBe('aws:dynamodb');
        expect(r!.dynamodb.SizeBytes).toEqual(expect.any(Number));
      } else {
        // alternator-stream-record-fields (scylladb/scylladb#6931, alternator/streams.cc get_records).
        expect(r!.eventSource).toBe('scylladb:alternator');
        expect(r!.dynamodb.SizeBytes).toBeUndefined();
      }
    });

    /** Runs writes after taking LATEST iterators and checks the item's records against the expected events. */
    async function expectStream(t: ReturnType<typeof streamTable>, k: AV, writes: () => Promise<ExpectedEvent[]>, o: { checkTypes?: boolean } = {}) {
      const cursor = await t.latest();
      const expected = await writes();
      await cursor.until((rs) => expectEvents(recordsOf(rs, k), expected, t.view, o));
    }

    it('NEW_IMAGE: the whole item after each update, the key alone once every attribute is removed, none on REMOVE (test_streams_new_image)', async (ctx) => {
      requireFeature(ctx, 'streams');
      const k = key('new', 'image');
      await expectStream(newImage, k, async () => {
        await update(newImage, k, 'SET x = :v', { ':v': N(2) });
        await update(newImage, k, 'SET y = :v', { ':v': N(3) });
        await update(newImage, k, 'REMOVE x, y');
        await del(newImage, k);
        return [
          { type: 'INSERT', new: item(k, { x: N(2) }) },
          { type: 'MODIFY', old: item(k, { x: N(2) }), new: item(k, { x: N(2), y: N(3) }) },
          { type: 'MODIFY', old: item(k, { x: N(2), y: N(3) }), new: item(k) },
          { type: 'REMOVE', old: item(k) },
        ];
      });
    });

    it('OLD_IMAGE: no image for a new item, the whole earlier item after (test_streams_updateitem_old_image)', async (ctx) => {
      requireFeature(ctx, 'streams');
      const k = key('old', 'image');
      await expectStream(oldImage, k, async () => {
        await update(oldImage, k, 'SET x = :v', { ':v': N(2) });
        await update(oldImage, k, 'SET y = :v', { ':v': N(3) });
        return [
          { type: 'INSERT', new: item(k, { x: N(2) }) },
          { type: 'MODIFY', old: item(k, { x: N(2) }), new: item(k, { x: N(2), y: N(3) }) },
        ];
      });
    });

    it('OLD_IMAGE of an item that holds only its key is the key, not missing (test_streams_updateitem_old_image_empty_item)', async (ctx) => {
      requireFeature(ctx, 'streams');
      const k = key('old', 'empty');
      await expectStream(oldImage, k, async () => {
        await oldImage.client.call('UpdateItem', { TableName: oldImage.name, Key: k });
        await update(oldImage, k, 'SET y = :v', { ':v': N(3) });
        return [
          { type: 'INSERT', new: item(k) },
          { type: 'MODIFY', old: item(k), new: item(k, { y: N(3) }) },
        ];
      });
    });

    it('OLD_IMAGE holds an LSI key attribute, and no marker for one never set (test_streams_updateitem_old_image_lsi, _lsi_missing_column, scylladb#7030)', async (ctx) => {
      requireFeature(ctx, 'streams');
      const k1 = key('old', 'lsi');
      await expectStream(oldImage, k1, async () => {
        await update(oldImage, k1, 'SET x = :x, k = :k', { ':x': N(2), ':k': S('dog') });
        await update(oldImage, k1, 'SET y = :y', { ':y': N(3) });
        return [
          { type: 'INSERT', new: item(k1, { x: N(2), k: S('dog') }) },
          { type: 'MODIFY', old: item(k1, { x: N(2), k: S('dog') }) },
        ];
      });
      const k2 = key('old', 'lsi-missing');
      await expectStream(oldImage, k2, async () => {
        await update(oldImage, k2, 'SET x = :x', { ':x': N(2) });
        await update(oldImage, k2, 'SET y = :y', { ':y': N(3) });
        return [{ type: 'INSERT' }, { type: 'MODIFY', old: item(k2, { x: N(2) }) }];
      });
    });

    it('NEW_AND_OLD_IMAGES: both images of every update, the key alone when emptied, the last item on REMOVE (test_streams_new_and_old_images)', async (ctx) => {
      requireFeature(ctx, 'streams');
      const k = key('both', 'images');
      await expectStream(both, k, async () => {
        await update(both, k, 'SET x = :v', { ':v': N(2) });
        await update(both, k, 'SET y = :v', { ':v': N(3) });
        await update(both, k, 'REMOVE x, y');
        await update(both, k, 'SET z = :v', { ':v': N(4) });
        await del(both, k);
        return [
          { type: 'INSERT', new: item(k, { x: N(2) }) },
          { type: 'MODIFY', old: item(k, { x: N(2) }), new: item(k, { x: N(2), y: N(3) }) },
          { type: 'MODIFY', old: item(k, { x: N(2), y: N(3) }), new: item(k) },
          { type: 'MODIFY', old: item(k), new: item(k, { z: N(4) }) },
          { type: 'REMOVE', old: item(k, { z: N(4) }) },
        ];
      });
    });

    it('a PutItem over an item is one MODIFY with the replaced and the new item (test_streams_putitem_new_items_override_old, scylladb#6930)', async (ctx) => {
      requireFeature(ctx, 'streams');
      const k = key('put', 'override');
      await expectStream(both, k, async () => {
        await put(both, item(k, { a: N(1) }));
        await put(both, item(k, { b: N(2) }));
        await put(both, item(k, { a: N(3), b: N(4) }));
        await put(both, item(k));
        return [
          { type: 'INSERT', new: item(k, { a: N(1) }) },
          { type: 'MODIFY', old: item(k, { a: N(1) }), new: item(k, { b: N(2) }) },
          { type: 'MODIFY', old: item(k, { b: N(2) }), new: item(k, { a: N(3), b: N(4) }) },
          { type: 'MODIFY', old: item(k, { a: N(3), b: N(4) }), new: item(k) },
        ];
      });
    });

    it('KEYS_ONLY: records carry no image; a new item by PutItem or UpdateItem is an INSERT (test_streams_putitem_keys_only, test_streams_updateitem_keys_only)', async (ctx) => {
      requireFeature(ctx, 'streams');
      const k1 = key('keys', 'put');
      const k2 = key('keys', 'update');
      const cursor = await keysOnly.latest();
      await put(keysOnly, item(k1, { x: N(2) }));
      await update(keysOnly, k2, 'SET x = :v', { ':v': N(2) });
      // Event types of a KEYS_ONLY stream are exact only where alternator-streams-default-compatibility does not apply.
      const checkTypes = offers('streams-exact-event-types');
      await cursor.until((rs) => {
        expectEvents(recordsOf(rs, k1), [{ type: 'INSERT' }], 'KEYS_ONLY', { checkTypes });
        expectEvents(recordsOf(rs, k2), [{ type: 'INSERT' }], 'KEYS_ONLY', { checkTypes });
      });
    });

    // The bug showed under always_use_lwt, where every item of a batch gets one timestamp: that mode on Alternator.
    const batch = streamTable(streams, 'st_batch', 'NEW_AND_OLD_IMAGES', endpoint().apiProfile === 'alternator' ? { Tags: [{ Key: 'system:write_isolation', Value: 'always_use_lwt' }] } : {}, { keepIsolation: true });

    it('a BatchWriteItem of three new items of one partition gives three INSERT records with their own keys and images (test_streams_multiple_items_one_partition, scylladb#28439)', async (ctx) => {
      requireFeature(ctx, 'streams');
      requireFeature(ctx, 'streams-batch-one-partition');
      const t = batch;
      const cursor = await t.latest();
      const keys = ['1', '2', '3'].map((c) => key('batch', c));
      await t.client.call('BatchWriteItem', { RequestItems: { [t.name]: keys.map((k) => ({ PutRequest: { Item: item(k, { x: k.c }) } })) } });
      await cursor.until((rs) => {
        for (const k of keys) expectEvents(recordsOf(rs, k), [{ type: 'INSERT', new: item(k, { x: k.c }) }], 'NEW_AND_OLD_IMAGES');
      });
    });
  });

  describe('exact event types (alternator_streams_increased_compatibility on Alternator)', () => {
    /**
     * test_streams.py do_updates_1: identical writes, deletes of missing items and removals of missing attributes give
     * no event; INSERT and MODIFY are exact. A last real change to each item closes the sequence, so a spurious
     * event would arrive before it and be caught.
     */
    async function sequence(t: ReturnType<typeof streamTable>) {
      const p = `seq-${t.view}`;
      const k = key(p, 'c');
      const k1 = key(p, 'c1');
      const cursor = await t.latest();
      await put(t, item(k, { x: N(2) }));
      await put(t, item(k, { x: N(2) }));
      await put(t, item(k, { y: N(3) }));
      await del(t, k);
      await del(t, k);
      await update(t, k, 'SET b = :v', { ':v': N(4) });
      await update(t, k, 'SET x = :v', { ':v': N(5) });
      await t.client.call('BatchWriteItem', { RequestItems: { [t.name]: [{ PutRequest: { Item: item(k, { x: N(5) }) } }] } });
      await update(t, k, 'SET x = :v', { ':v': N(5) });
      await update(t, k, 'ADD x :zero', { ':zero': N(0) });
      await update(t, k, 'SET done = :v', { ':v': N(1) });
      await put(t, item(k1));
      await put(t, item(k1));
      await update(t, k1, 'REMOVE g');
      await update(t, k1, 'SET done = :v', { ':v': N(1) });
      const expected: ExpectedEvent[] = [
        { type: 'INSERT', new: item(k, { x: N(2) }) },
        { type: 'MODIFY', old: item(k, { x: N(2) }), new: item(k, { y: N(3) }) },
        { type: 'REMOVE', old: item(k, { y: N(3) }) },
        { type: 'INSERT', new: item(k, { b: N(4) }) },
        { type: 'MODIFY', old: item(k, { b: N(4) }), new: item(k, { b: N(4), x: N(5) }) },
        { type: 'MODIFY', old: item(k, { b: N(4), x: N(5) }), new: item(k, { x: N(5) }) },
        { type: 'MODIFY', old: item(k, { x: N(5) }), new: item(k, { x: N(5), done: N(1) }) },
      ];
      const expected1: ExpectedEvent[] = [
        { type: 'INSERT', new: item(k1) },
        { type: 'MODIFY', old: item(k1), new: item(k1, { done: N(1) }) },
      ];
      await cursor.until((rs) => {
        expectEvents(recordsOf(rs, k), expected, t.view);
        expectEvents(recordsOf(rs, k1), expected1, t.view);
      });
    }

    it.for(
      titled(
        [
          { view: 'KEYS_ONLY' as const, table: () => keysOnly, test: 'test_streams_1_keys_only' },
          { view: 'NEW_IMAGE' as const, table: () => newImage, test: 'test_streams_1_new_image' },
          { view: 'OLD_IMAGE' as const, table: () => oldImage, test: 'test_streams_1_old_image' },
          { view: 'NEW_AND_OLD_IMAGES' as const, table: () => both, test: 'test_streams_1_new_and_old_images' },
        ],
        (r) => `${r.view}: writes that change nothing give no event, INSERT and MODIFY are exact (${r.test}, test_streams_updateitem_identical)`,
      ),
    )('%s', async ([, r], ctx) => {
      requireFeature(ctx, 'streams');
      requireFeature(ctx, 'streams-exact-event-types');
      await sequence(r.table());
    });
  });

  describe('a disabled stream', () => {
    const closing = streamTable(streams, 'st_closing', 'KEYS_ONLY');

    it('stays listed and readable: DISABLED, every shard closed with an EndingSequenceNumber, the old record read from TRIM_HORIZON, then no next iterator (test_streams_closed_read, test_streams_disabled_stream)', async (ctx) => {
      requireFeature(ctx, 'streams');
      requireFeature(ctx, 'streams-disabled-readable');
      const arn = await closing.arn();
      const k = key('closed', 'read');
      await update(closing, k, 'SET x = :v', { ':v': N(1) });
      // The record must be in the stream before it is closed.
      const before = await StreamCursor.open(streams, arn, 'TRIM_HORIZON');
      await before.until((rs) => expect(recordsOf(rs, k)).toHaveLength(1));
      await closing.client.call('UpdateTable', { TableName: closing.name, StreamSpecification: { StreamEnabled: false } });
      await eventually('DescribeStream DISABLED', async () => expect((await streams.call<any>('DescribeStream', { StreamArn: arn })).StreamDescription.StreamStatus).toBe('DISABLED'), deadline.streamStatus(), { stepMs: 500 });
      expect((await streams.call<any>('ListStreams', { TableName: closing.name })).Streams.map((s: any) => s.StreamArn)).toContain(arn);
      const shards = await listShards(streams, arn);
      for (const s of shards) expect(s.SequenceNumberRange.EndingSequenceNumber).toMatch(/^\d+$/);
      const records: StreamRecord[] = [];
      for (const s of shards) {
        let it: string | undefined = (await streams.call<any>('GetShardIterator', { StreamArn: arn, ShardId: s.ShardId, ShardIteratorType: 'TRIM_HORIZON' })).ShardIterator;
        for (let i = 0; it && i < 20; i++) {
          const r: { Records: StreamRecord[]; NextShardIterator?: string } = await streams.call<any>('GetRecords', { ShardIterator: it });
          records.push(...r.Records);
          it = r.NextShardIterator;
        }
        expect(it, `shard ${s.ShardId} is closed: its end has no NextShardIterator`).toBeUndefined();
      }
      expect(recordsOf(records, k)).toHaveLength(1);
    });
  });

});
