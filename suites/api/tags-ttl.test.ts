// Tags (TagResource, UntagResource, ListTagsOfResource) and Time To Live configuration (UpdateTimeToLive,
// DescribeTimeToLive); expiry itself is suites/api/ttl-expiry. Areas of scylladb test/alternator test_tag.py and
// test_ttl.py.
import { describe, it, expect, beforeAll, beforeEach } from 'vitest';
import { useTable, expectError, requireFeature, tableName, client, deleteTableQuietly, DynamoError, eventually, deadline } from '../../harness/suite-kit/index.ts';

type Tag = { Key: string; Value: string };

// The harness itself may tag tables (system:write_isolation under forbid_rmw): only user tags are compared.
const userTags = (tags: Tag[]) => Object.fromEntries(tags.filter((t) => !t.Key.startsWith('system:')).map((t) => [t.Key, t.Value]));

// Two tables, not four (issue 23: every CreateTable is a schema change on a real cluster). Tags and TTL settings are
// kept apart per table: the table created without user tags is the one the tag cases change, and the one whose TTL
// stays DISABLED; the table created with tags is the one whose TTL the TTL cases enable and disable (ScyllaDB before
// 2025.x keeps the TTL attribute in a `system:` tag, which the tag cases do not compare).
const untaggedTable = useTable('tags', { hash: ['pk', 'S'] });
const taggedTable = useTable('tags_created', { hash: ['pk', 'S'] }, { Tags: [{ Key: 'team', Value: 'e2e' }, { Key: 'env', Value: 'test' }] });

describe('api tags', () => {
  beforeEach((ctx) => requireFeature(ctx, 'tags'));
  const t = untaggedTable;
  const created = taggedTable;
  let arn = '';
  beforeAll(async () => {
    await Promise.all([t.ready(), created.ready()]);
    arn = (await t.client.call<any>('DescribeTable', { TableName: t.name })).Table.TableArn;
  });

  const list = async (resourceArn = arn) => userTags((await t.client.call<{ Tags: Tag[] }>('ListTagsOfResource', { ResourceArn: resourceArn })).Tags);
  const tag = (tags: Tag[], resourceArn = arn) => t.client.call('TagResource', { ResourceArn: resourceArn, Tags: tags });
  const untag = (keys: string[]) => t.client.call('UntagResource', { ResourceArn: arn, TagKeys: keys });
  const expectTags = (want: Record<string, string>, resourceArn = arn) =>
    eventually(`ListTagsOfResource answers ${JSON.stringify(want)}`, async () => expect(await list(resourceArn)).toEqual(want), deadline.tableMetadata());

  // One table, so the tag tests run in order and each builds on the previous state.
  it('a new table has no user tags', async () => {
    expect(await list()).toEqual({});
  });

  it('TagResource adds tags that ListTagsOfResource returns', async () => {
    await tag([
      { Key: 'a', Value: '1' },
      { Key: 'b', Value: '2' },
      { Key: ' ', Value: '9' },
    ]);
    await expectTags({ a: '1', b: '2', ' ': '9' });
  });

  it('TagResource on an existing key overwrites its value', async () => {
    await tag([{ Key: 'a', Value: 'changed' }]);
    await expectTags({ a: 'changed', b: '2', ' ': '9' });
  });

  it('UntagResource removes only the named keys, and unknown keys are ignored', async () => {
    await untag(['b', 'never-there']);
    await expectTags({ a: 'changed', ' ': '9' });
  });

  it('TagResource and UntagResource answer an empty body', async () => {
    const r1 = await t.client.raw('TagResource', { ResourceArn: arn, Tags: [{ Key: 'empty', Value: 'body' }] });
    const r2 = await t.client.raw('UntagResource', { ResourceArn: arn, TagKeys: ['empty'] });
    expect([r1.status, r1.text, r2.status, r2.text]).toEqual([200, '', 200, '']);
  });

  it('tags given at CreateTable are listed', async () => {
    const a = (await created.client.call<any>('DescribeTable', { TableName: created.name })).Table.TableArn;
    await expectTags({ team: 'e2e', env: 'test' }, a);
  });

  it('an empty Tags list is a ValidationException', async () => {
    await expectError(tag([]), 'ValidationException');
  });

  it('TagResource without Tags is a ValidationException', async () => {
    await expectError(t.client.call('TagResource', { ResourceArn: arn }), 'ValidationException');
  });

  it('more than 50 tags on a table is a ValidationException', async () => {
    await expectError(tag(Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }))), 'ValidationException');
  });

  it('a tag key longer than 128 characters is a ValidationException', async () => {
    await expectError(tag([{ Key: 'k'.repeat(129), Value: 'v' }]), 'ValidationException');
  });

  // Alternator since 2025.4 (alternator/executor.cc get_table_from_arn); AccessDeniedException before.
  it('a well-formed ARN of a missing table is a ResourceNotFoundException', async (ctx) => {
    requireFeature(ctx, 'missing-arn-not-found');
    await expectError(tag([{ Key: 'x', Value: 'y' }], `${arn}x`), 'ResourceNotFoundException');
  });

  it('a ResourceArn that is not an ARN is refused (ValidationException, or AccessDeniedException on older DynamoDB)', async () => {
    const err = await tag([{ Key: 'x', Value: 'y' }], 'I_do_not_exist').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DynamoError);
    expect(['ValidationException', 'AccessDeniedException']).toContain((err as DynamoError).type);
    expect((err as DynamoError).status).toBe(400);
  });

  it('a tag with characters outside the allowed set is a ValidationException', async () => {
    await expectError(tag([{ Key: 'ok', Value: '#!%^$&' }]), 'ValidationException');
  });

  it('CreateTable with more than 50 tags is refused and leaves no table', async () => {
    const c = client();
    const name = tableName('tags_too_many');
    try {
      await expectError(
        c.call('CreateTable', {
          TableName: name,
          BillingMode: 'PAY_PER_REQUEST',
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          Tags: Array.from({ length: 100 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })),
        }),
        'ValidationException',
      );
      await expectError(c.call('DescribeTable', { TableName: name }), 'ResourceNotFoundException');
    } finally {
      await deleteTableQuietly(c, name);
      c.close();
    }
  });
});

describe('api ttl', () => {
  const t = taggedTable;
  const fresh = untaggedTable;
  beforeAll(() => Promise.all([t.ready(), fresh.ready()]));

  const describeTtl = async (name = t.name) => (await t.client.call<any>('DescribeTimeToLive', { TableName: name })).TimeToLiveDescription;
  const update = (Enabled: boolean, AttributeName = 'expires') =>
    t.client.call<any>('UpdateTimeToLive', { TableName: t.name, TimeToLiveSpecification: { AttributeName, Enabled } });

  it('DescribeTimeToLive of a new table is DISABLED', async (ctx) => {
    requireFeature(ctx, 'ttl');
    expect(await describeTtl(fresh.name)).toEqual({ TimeToLiveStatus: 'DISABLED' });
  });

  it('UpdateTimeToLive enabling answers the specification it applied', async (ctx) => {
    requireFeature(ctx, 'ttl');
    const r = await update(true);
    expect(r.TimeToLiveSpecification).toEqual({ AttributeName: 'expires', Enabled: true });
  });

  it('DescribeTimeToLive then shows ENABLED with the attribute name', async (ctx) => {
    requireFeature(ctx, 'ttl');
    // DynamoDB passes through ENABLING; Alternator switches at once.
    await eventually('DescribeTimeToLive ENABLED', async () => expect(await describeTtl()).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expires' }), deadline.tableMetadata(), { stepMs: 500 });
  });

  it('enabling again is a ValidationException', async (ctx) => {
    requireFeature(ctx, 'ttl');
    await expectError(update(true), 'ValidationException');
  });

  it('enabling with another attribute while enabled is a ValidationException', async (ctx) => {
    requireFeature(ctx, 'ttl');
    await expectError(update(true, 'other'), 'ValidationException');
  });

  it('disabling an enabled TTL turns it DISABLED', async (ctx) => {
    requireFeature(ctx, 'ttl');
    const r = await update(false);
    expect(r.TimeToLiveSpecification).toEqual({ AttributeName: 'expires', Enabled: false });
    await eventually('DescribeTimeToLive DISABLED', async () => expect((await describeTtl()).TimeToLiveStatus).toBe('DISABLED'), deadline.tableMetadata(), { stepMs: 500 });
  });

  it('disabling a disabled TTL is a ValidationException', async (ctx) => {
    requireFeature(ctx, 'ttl');
    await expectError(t.client.call('UpdateTimeToLive', { TableName: fresh.name, TimeToLiveSpecification: { AttributeName: 'expires', Enabled: false } }), 'ValidationException');
  });

  it('UpdateTimeToLive without a specification is a ValidationException', async (ctx) => {
    requireFeature(ctx, 'ttl');
    await expectError(t.client.call('UpdateTimeToLive', { TableName: fresh.name }), 'ValidationException');
  });

  it('TTL operations on a missing table are a ResourceNotFoundException', async (ctx) => {
    requireFeature(ctx, 'ttl');
    await expectError(t.client.call('DescribeTimeToLive', { TableName: `${t.name}_nope` }), 'ResourceNotFoundException');
    await expectError(
      t.client.call('UpdateTimeToLive', { TableName: `${t.name}_nope`, TimeToLiveSpecification: { AttributeName: 'x', Enabled: true } }),
      'ResourceNotFoundException',
    );
  });
});
