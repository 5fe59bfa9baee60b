// Reading DynamoDB Streams in suites, as ScyllaDB's test_streams.py does: every shard (Alternator has many, one per
// vnode and CPU or per tablet), iterators taken before the writes, records polled until the expected ones arrive.
// Events of one item are ordered (they land on one shard); events of different items are not.
import { DynamoError, type DynamoClient } from '../client/dynamo-client.ts';
import { eventually, type Deadline } from './timing.ts';
import { differenceApplies, endpoint, offers } from './index.ts';
import { streamRecords, streamStatus } from './deadlines.ts';

export type StreamViewType = 'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES';
type AV = Record<string, any>;

/** A record as GetRecords returns it (DynamoDB JSON). */
export interface StreamRecord {
  eventID?: string;
  eventName?: string;
  eventVersion?: string;
  eventSource?: string;
  awsRegion?: string;
  userIdentity?: { Type?: string; PrincipalId?: string };
  dynamodb: {
    Keys: AV;
    NewImage?: AV;
    OldImage?: AV;
    SequenceNumber: string;
    StreamViewType?: string;
    ApproximateCreationDateTime?: number;
    SizeBytes?: number;
  };
}

export interface Shard {
  ShardId: string;
  ParentShardId?: string;
  SequenceNumberRange: { StartingSequenceNumber: string; EndingSequenceNumber?: string };
}

/**
 * Tags a table with a stream needs: Alternator Streams need vnodes while tablets lack them (6.0 to 2026.1,
 * scylladb/scylladb#23838), and from 2025.4 new tables use tablets unless tagged system:initial_tablets=none
 * (test_streams.py does the same). The tag is only valid from 2025.4 (refused as internal before) and means
 * nothing to DynamoDB.
 */
export function streamTableTags(): Array<{ Key: string; Value: string }> {
  return differenceApplies('alternator-streams-need-vnodes') && differenceApplies('alternator-tablets-by-default') ? [{ Key: 'system:initial_tablets', Value: 'none' }] : [];
}

/** The table's current stream ARN once ListStreams lists it and DescribeStream says it is usable. */
export async function activeStreamArn(c: DynamoClient, table: string, deadline: Deadline = streamStatus(endpoint())): Promise<{ arn: string; label: string }> {
  return eventually(
    `the stream of table ${table} listed and ENABLED`,
    async () => {
      const streams = (await c.call<{ Streams: Array<{ StreamArn: string; StreamLabel: string }> }>('ListStreams', { TableName: table })).Streams;
      for (const s of streams) {
        const d = (await c.call<any>('DescribeStream', { StreamArn: s.StreamArn })).StreamDescription;
        if (d.StreamStatus === undefined || d.StreamStatus === 'ENABLED') return { arn: s.StreamArn, label: s.StreamLabel };
      }
      throw new Error(`table ${table} has no ENABLED stream yet (${streams.length} listed)`);
    },
    deadline,
    { stepMs: 500 },
  );
}

/** Every shard of a stream, following LastEvaluatedShardId; `limit` pages the listing. */
export async function listShards(c: DynamoClient, arn: string, limit?: number): Promise<Shard[]> {
  const shards: Shard[] = [];
  let start: string | undefined;
  for (let pages = 0; ; pages++) {
    if (pages > 10_000) throw new Error('DescribeStream did not stop paging');
    const d = (await c.call<any>('DescribeStream', { StreamArn: arn, ...(limit ? { Limit: limit } : {}), ...(start ? { ExclusiveStartShardId: start } : {}) })).StreamDescription;
    shards.push(...d.Shards);
    start = d.LastEvaluatedShardId;
    if (!start) return shards;
  }
}

/** One iterator per shard, polled together; records accumulate in arrival order, and by shard. */
export class StreamCursor {
  readonly records: StreamRecord[] = [];
  readonly byShard = new Map<string, StreamRecord[]>();
  private constructor(
    private readonly c: DynamoClient,
    private readonly arn: string,
    /** Open iterators by shard; a shard whose answer has no NextShardIterator is closed and dropped. */
    private readonly iterators: Map<string, string>,
    /** dynamodb-local-empty-shard-iterator-trimmed: reopen such a shard from TRIM_HORIZON (everything in it is new). */
    private readonly reopenTrimmedEmptyShards: boolean,
  ) {}

  /**
   * Iterators on every shard: LATEST (taken before writing), TRIM_HORIZON (everything kept), or AT_SHARD_START
   * (AT_SEQUENCE_NUMBER of each shard's StartingSequenceNumber).
   */
  static async open(c: DynamoClient, arn: string, type: 'LATEST' | 'TRIM_HORIZON' | 'AT_SHARD_START'): Promise<StreamCursor> {
    const iterators = new Map<string, string>();
    for (const s of await listShards(c, arn)) {
      const how =
        type === 'AT_SHARD_START' ? { ShardIteratorType: 'AT_SEQUENCE_NUMBER', SequenceNumber: s.SequenceNumberRange.StartingSequenceNumber } : { ShardIteratorType: type };
      iterators.set(s.ShardId, (await c.call<any>('GetShardIterator', { StreamArn: arn, ShardId: s.ShardId, ...how })).ShardIterator);
    }
    return new StreamCursor(c, arn, iterators, !offers('stream-empty-shard-iterators'));
  }

  /** The iterator the next read of a shard uses (undefined once the shard is closed). */
  iteratorOf(shardId: string): string | undefined {
    return this.iterators.get(shardId);
  }

  /** One GetRecords on every open shard; returns what arrived, by shard. */
  async poll(): Promise<Array<{ shardId: string; records: StreamRecord[] }>> {
    const got: Array<{ shardId: string; records: StreamRecord[] }> = [];
    for (const [shardId, it] of [...this.iterators]) {
      const r = await this.read(shardId, it);
      if (r.NextShardIterator) this.iterators.set(shardId, r.NextShardIterator);
      else this.iterators.delete(shardId);
      if (r.Records.length) {
        got.push({ shardId, records: r.Records });
        this.records.push(...r.Records);
        this.byShard.set(shardId, [...(this.byShard.get(shardId) ?? []), ...r.Records]);
      }
    }
    return got;
  }

  private async read(shardId: string, it: string): Promise<{ Records: StreamRecord[]; NextShardIterator?: string }> {
    try {
      return await this.c.call('GetRecords', { ShardIterator: it });
    } catch (e) {
      if (!(e instanceof DynamoError && e.type === 'TrimmedDataAccessException' && this.reopenTrimmedEmptyShards && !this.byShard.has(shardId))) throw e;
      const fresh = (await this.c.call<any>('GetShardIterator', { StreamArn: this.arn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' })).ShardIterator;
      return this.c.call('GetRecords', { ShardIterator: fresh });
    }
  }

  /**
   * Polls until `check` accepts the records gathered so far (it throws while they are incomplete or wrong); `what`
   * names the records awaited in the message of a wait that runs out.
   */
  async until<T>(check: (records: StreamRecord[]) => T, deadline: Deadline = streamRecords(endpoint()), what = 'the expected stream records'): Promise<T> {
    return eventually(
      `${what} read from stream ${this.arn}`,
      async () => {
        await this.poll();
        return check(this.records);
      },
      deadline,
      { stepMs: 500 },
    );
  }
}

/** The records of one item (its full key, in DynamoDB JSON), in stream order. */
export function recordsOf(records: StreamRecord[], key: AV): StreamRecord[] {
  const want = canonical(key);
  return records.filter((r) => canonical(r.dynamodb.Keys) === want);
}

/** An expected event: its type and the item before and after (undefined = no such image). */
export interface ExpectedEvent {
  type: 'INSERT' | 'MODIFY' | 'REMOVE';
  old?: AV;
  new?: AV;
}

/**
 * Checks one item's records against the expected events, as test_streams.py compare_events does: the type, the view
 * type and each image the view type carries (and no image it does not). Throws "incomplete" while records are
 * missing (so `until` polls on) and on any difference; `exact` also refuses records beyond the expected ones.
 */
export function expectEvents(got: StreamRecord[], expected: ExpectedEvent[], view: StreamViewType, o: { checkTypes?: boolean } = {}): void {
  const checkTypes = o.checkTypes ?? true;
  if (got.length > expected.length) throw new Error(`expected ${expected.length} record(s), got ${got.length}: ${JSON.stringify(got.map(brief))}`);
  got.forEach((r, i) => {
    const e = expected[i]!;
    const at = `record ${i + 1} (${JSON.stringify(brief(r))})`;
    if (checkTypes && r.eventName !== e.type) throw new Error(`${at}: expected ${e.type}`);
    if (r.dynamodb.StreamViewType !== view) throw new Error(`${at}: StreamViewType should be ${view}`);
    const wantOld = view === 'OLD_IMAGE' || view === 'NEW_AND_OLD_IMAGES' ? e.old : undefined;
    const wantNew = view === 'NEW_IMAGE' || view === 'NEW_AND_OLD_IMAGES' ? e.new : undefined;
    if (canonical(r.dynamodb.OldImage) !== canonical(wantOld)) throw new Error(`${at}: OldImage should be ${JSON.stringify(wantOld)}`);
    if (canonical(r.dynamodb.NewImage) !== canonical(wantNew)) throw new Error(`${at}: NewImage should be ${JSON.stringify(wantNew)}`);
  });
  if (got.length < expected.length) throw new Error(`incomplete: ${got.length} of ${expected.length} record(s) so far`);
}

function brief(r: StreamRecord) {
  return { eventName: r.eventName, Keys: r.dynamodb.Keys, OldImage: r.dynamodb.OldImage, NewImage: r.dynamodb.NewImage };
}

/** JSON with object keys sorted at every level and sets sorted, so equal items compare equal. */
export function canonical(v: unknown): string {
  return JSON.stringify(sortDeep(v));
}

function sortDeep(v: unknown, parentKey = ''): unknown {
  if (Array.isArray(v)) {
    const items = v.map((x) => sortDeep(x));
    return ['SS', 'NS', 'BS'].includes(parentKey) ? [...items].sort() : items;
  }
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortDeep((v as AV)[k], k)]));
  return v;
}
