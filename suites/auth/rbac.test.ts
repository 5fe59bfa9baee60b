// Role-based access control over Alternator (CQL GRANT/REVOKE; test/alternator/test_cql_rbac.py): which permission
// each operation needs (SELECT to read, MODIFY to write, ALTER for table settings and tags, DROP, CREATE on ALL
// KEYSPACES; none for describing), per table, with the creator of a table auto-granted on it and every grant on a
// table revoked when it is dropped (alternator/executor_util.cc verify_permission, verify_create_permission;
// alternator/executor.cc create_table_on_shard0 grant_applicable_permissions, delete_table revoke_all), and a role
// WITH LOGIN = false refused at authentication (alternator/auth.cc get_key_from_roles). The roles come from the
// target (endpoint.datacenters[].extraRoles, permissions ON ALL KEYSPACES); a case whose role the target does not
// provide is "not applicable". Capability-gated: ScyllaDB versions before Alternator RBAC check nothing.
import { describe, it, expect, beforeAll } from 'vitest';
import type { TestContext } from 'vitest';
import {
  endpoint,
  client,
  useTable,
  tableName,
  tableDefinition,
  expectError,
  requireFeature,
  requirePromise,
  requireDeclared,
  deleteTableQuietly,
  waitActive,
  waitTableGone,
  eventually,
  deadline,
  differenceApplies,
  DynamoError,
  type DynamoClient,
  type Credentials,
} from '../../harness/suite-kit/index.ts';
import { S, N } from '../../harness/suite-kit/values.ts';

const DENIED = /denied/i;
/** Alternator's AccessDeniedException names the permission and the table (executor_util.cc authorization_error). */
const deniedFor = (permission: string) => new RegExp(`${permission} access on`);

/** A role of the target that holds exactly these permissions ON ALL KEYSPACES and may log in. */
function roleHolding(...permissions: string[]) {
  return endpoint().datacenters[0]!.extraRoles?.find(
    (r) => r.login !== false && r.permissions !== undefined && r.permissions.length === permissions.length && permissions.every((p) => r.permissions!.includes(p)),
  );
}

/** Gates every authorization case shares; returns a client for the role, closed by the caller. */
function clientAs(ctx: TestContext, role: Credentials | undefined, what: string): DynamoClient {
  requireFeature(ctx, 'rbac');
  requirePromise(ctx, endpoint().promises.authorization === 'enforced', 'the variant disables authorization, so no permission is checked');
  requireDeclared(ctx, role !== undefined, 'extraRoles', `the target names no ${what}`);
  return client(0, { credentials: role });
}

/** Refusal of a request, with what was asked shown on failure. */
async function refused(c: DynamoClient, op: string, body: unknown, permission: string): Promise<void> {
  await expectError(c.call(op, body), 'AccessDeniedException', differenceApplies('alternator-error-messages') ? deniedFor(permission) : DENIED).catch((e: Error) =>
    Promise.reject(new Error(`${op}: ${e.message}`)),
  );
}

// One table of the superuser's for every case that needs "a table" (issue 23: every CreateTable is a schema change on a
// real cluster), each case on keys of its own. The roles' permissions are granted ON ALL KEYSPACES, and Alternator
// checks a role's permission on the table's data resource, which inherits from its keyspace and from ALL KEYSPACES
// (alternator/executor.cc verify_permission → client_state::check_has_permission at scylla-2026.1.3; in
// alternator/executor_util.cc from 2026.2): what one role may do on this table does not depend on what another role
// did. The cases about creating and dropping tables (auto-grant, auto-revoke) create their own, as they must.
const fileTable = useTable('rbac', { hash: ['p', 'S'] });

describe('rbac: a read-only role', () => {
  const e = endpoint();
  const reader = e.datacenters[0]!.extraRoles?.find((r) => r.login !== false && r.permissions?.includes('SELECT') && !r.permissions.includes('MODIFY'));
  const t = fileTable;
  let asReader: DynamoClient | undefined;
  const seedKey = { p: { S: 'reader-seed' } };

  beforeAll(async () => {
    await t.ready();
    await t.client.call('PutItem', { TableName: t.name, Item: { ...seedKey, v: { S: 'original' } } });
    if (reader) asReader = client(0, { credentials: reader });
    return () => asReader?.close();
  });

  /** The reader's client, after the gates: RBAC offered, authorization enforced, a read-only role known. */
  function readerClient(ctx: TestContext): DynamoClient {
    requireFeature(ctx, 'rbac');
    requirePromise(ctx, e.promises.authorization === 'enforced', 'the variant disables authorization, so no permission is checked');
    requireDeclared(ctx, reader !== undefined, 'extraRoles', 'the target names no role that holds SELECT without MODIFY');
    return asReader!;
  }

  it('may GetItem', async (ctx) => {
    const r = await readerClient(ctx).call<any>('GetItem', { TableName: t.name, Key: seedKey, ConsistentRead: true });
    expect(r.Item).toEqual({ ...seedKey, v: { S: 'original' } });
  });

  it('may Query', async (ctx) => {
    const r = await readerClient(ctx).call<any>('Query', {
      TableName: t.name,
      KeyConditionExpression: 'p = :p',
      ExpressionAttributeValues: { ':p': seedKey.p },
      ConsistentRead: true,
    });
    expect(r.Count).toBe(1);
  });

  it('may Scan', async (ctx) => {
    const r = await readerClient(ctx).call<any>('Scan', { TableName: t.name, ConsistentRead: true });
    expect(r.Items).toContainEqual({ ...seedKey, v: { S: 'original' } });
  });

  it('is refused PutItem with AccessDeniedException, and the item is unchanged', async (ctx) => {
    const c = readerClient(ctx);
    await expectError(c.call('PutItem', { TableName: t.name, Item: { ...seedKey, v: { S: 'overwritten' } } }), 'AccessDeniedException', DENIED);
    const g = await t.client.call<any>('GetItem', { TableName: t.name, Key: seedKey, ConsistentRead: true });
    expect(g.Item?.v).toEqual({ S: 'original' });
  });

  it('is refused CreateTable with AccessDeniedException, and no table appears', async (ctx) => {
    const c = readerClient(ctx);
    const name = tableName('rbac_create');
    try {
      await expectError(c.call('CreateTable', tableDefinition(name, { hash: ['pk', 'S'] })), 'AccessDeniedException', DENIED);
      await expectError(t.client.call('DescribeTable', { TableName: name }), 'ResourceNotFoundException');
    } finally {
      await deleteTableQuietly(t.client, name).catch((err: unknown) => {
        if (!(err instanceof DynamoError)) throw err;
      });
    }
  });

  it('is refused DeleteTable with AccessDeniedException, and the table remains', async (ctx) => {
    const c = readerClient(ctx);
    await expectError(c.call('DeleteTable', { TableName: t.name }), 'AccessDeniedException', DENIED);
    const d = await t.client.call<any>('DescribeTable', { TableName: t.name });
    expect(d.Table.TableStatus).toBe('ACTIVE');
  });
});

describe('rbac: what each operation needs (test_cql_rbac.py)', () => {
  const t = fileTable;
  const seed = { p: S('seed') };
  let arn = '';
  beforeAll(async () => {
    await t.ready();
    await t.client.call('PutItem', { TableName: t.name, Item: { ...seed, v: N(1) } });
    arn = (await t.client.call<{ Table: { TableArn: string } }>('DescribeTable', { TableName: t.name })).Table.TableArn;
  });
  const current = async () => (await t.client.call<{ Item?: Record<string, unknown> }>('GetItem', { TableName: t.name, Key: seed, ConsistentRead: true })).Item;

  it('a read-only role may BatchGetItem (test_rbac_batchgetitem)', async (ctx) => {
    const c = clientAs(ctx, roleHolding('SELECT'), 'role holding only SELECT');
    try {
      const r = await c.call<{ Responses: Record<string, unknown[]> }>('BatchGetItem', { RequestItems: { [t.name]: { Keys: [seed], ConsistentRead: true } } });
      expect(r.Responses[t.name]).toEqual([{ ...seed, v: N(1) }]);
    } finally {
      c.close();
    }
  });

  it('a read-only role is refused every write: UpdateItem, DeleteItem, PutItem with ReturnValues ALL_OLD, BatchWriteItem (MODIFY); the item is unchanged (test_rbac_updateitem_write, test_rbac_deleteitem_write, test_rbac_batchwriteitem)', async (ctx) => {
    const c = clientAs(ctx, roleHolding('SELECT'), 'role holding only SELECT');
    try {
      await refused(c, 'UpdateItem', { TableName: t.name, Key: seed, UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': N(2) } }, 'MODIFY');
      await refused(c, 'DeleteItem', { TableName: t.name, Key: seed }, 'MODIFY');
      await refused(c, 'PutItem', { TableName: t.name, Item: { ...seed, v: N(3) }, ReturnValues: 'ALL_OLD' }, 'MODIFY');
      await refused(c, 'BatchWriteItem', { RequestItems: { [t.name]: [{ PutRequest: { Item: { ...seed, v: N(4) } } }] } }, 'MODIFY');
      expect(await current()).toEqual({ ...seed, v: N(1) });
    } finally {
      c.close();
    }
  });

  it('a read-only role is refused UpdateTable, TagResource, UntagResource and UpdateTimeToLive (ALTER) (test_rbac_updatetable, test_rbac_tagresource, test_rbac_updatetimetolive)', async (ctx) => {
    const c = clientAs(ctx, roleHolding('SELECT'), 'role holding only SELECT');
    try {
      await refused(c, 'UpdateTable', { TableName: t.name, BillingMode: 'PAY_PER_REQUEST' }, 'ALTER');
      await refused(c, 'TagResource', { ResourceArn: arn, Tags: [{ Key: 'k', Value: 'v' }] }, 'ALTER');
      await refused(c, 'UntagResource', { ResourceArn: arn, TagKeys: ['k'] }, 'ALTER');
      await refused(c, 'UpdateTimeToLive', { TableName: t.name, TimeToLiveSpecification: { Enabled: true, AttributeName: 'expires' } }, 'ALTER');
    } finally {
      c.close();
    }
  });

  it('a role holding ALTER may UpdateTable, TagResource, UntagResource and UpdateTimeToLive, and nothing else is granted by it (test_rbac_updatetable, test_rbac_tagresource, test_rbac_updatetimetolive: "With ALTER permissions, it works")', async (ctx) => {
    const c = clientAs(ctx, roleHolding('ALTER'), 'role holding only ALTER');
    // On the file's table, put back as it was (the superuser disables TTL and removes the tag): no other case reads
    // its TTL setting or its tags, and ALTER is checked before the TTL state (ttl.cc update_time_to_live).
    let ttlEnabled = false;
    try {
      await c.call('UpdateTable', { TableName: t.name, BillingMode: 'PAY_PER_REQUEST' });
      await waitActive(t.client, t.name);
      await c.call('TagResource', { ResourceArn: arn, Tags: [{ Key: 'hello', Value: 'dog' }, { Key: 'hi', Value: '42' }] });
      await c.call('UntagResource', { ResourceArn: arn, TagKeys: ['hello'] });
      expect((await t.client.call<{ Tags: Array<{ Key: string; Value: string }> }>('ListTagsOfResource', { ResourceArn: arn })).Tags.filter((x) => x.Key === 'hello' || x.Key === 'hi')).toEqual([{ Key: 'hi', Value: '42' }]);
      await c.call('UpdateTimeToLive', { TableName: t.name, TimeToLiveSpecification: { AttributeName: 'dog', Enabled: true } });
      ttlEnabled = true;
      expect((await t.client.call<any>('DescribeTimeToLive', { TableName: t.name })).TimeToLiveDescription).toMatchObject({ TimeToLiveStatus: 'ENABLED', AttributeName: 'dog' });
      // ALTER is not SELECT nor MODIFY.
      await refused(c, 'GetItem', { TableName: t.name, Key: { p: S('alter') } }, 'SELECT');
      await refused(c, 'PutItem', { TableName: t.name, Item: { p: S('alter') } }, 'MODIFY');
    } finally {
      c.close();
      if (ttlEnabled) await t.client.call('UpdateTimeToLive', { TableName: t.name, TimeToLiveSpecification: { AttributeName: 'dog', Enabled: false } });
      await t.client.call('UntagResource', { ResourceArn: arn, TagKeys: ['hello', 'hi'] });
    }
  });

  it('describing needs no permission: ListTables, DescribeTable, DescribeEndpoints, ListTagsOfResource, DescribeTimeToLive, DescribeContinuousBackups by a role without grants on the table (test_no_permissions_needed)', async (ctx) => {
    const c = clientAs(ctx, roleHolding('CREATE'), 'role holding only CREATE (no grant on any table)');
    try {
      await c.call('ListTables', {});
      await c.call('DescribeTable', { TableName: t.name });
      await c.call('DescribeEndpoints', {});
      await c.call('ListTagsOfResource', { ResourceArn: arn });
      await c.call('DescribeTimeToLive', { TableName: t.name });
      await c.call('DescribeContinuousBackups', { TableName: t.name });
    } finally {
      c.close();
    }
  });

  it('a write-only role may PutItem, UpdateItem (read-modify-write) and DeleteItem, and gets the old item with ReturnValues ALL_OLD: the permission follows the operation, not whether it reads (test_rbac_putitem_read, test_rbac_updateitem_read, test_rbac_deleteitem_read)', async (ctx) => {
    const c = clientAs(ctx, roleHolding('MODIFY'), 'role holding only MODIFY');
    try {
      const k = { p: S('writer') };
      await c.call('PutItem', { TableName: t.name, Item: { ...k, v: N(1) } });
      const put = await c.call<{ Attributes?: unknown }>('PutItem', { TableName: t.name, Item: { ...k, v: N(2) }, ReturnValues: 'ALL_OLD' });
      expect(put.Attributes).toEqual({ ...k, v: N(1) });
      const upd = await c.call<{ Attributes?: unknown }>('UpdateItem', { TableName: t.name, Key: k, UpdateExpression: 'SET v = v + :one', ExpressionAttributeValues: { ':one': N(1) }, ReturnValues: 'ALL_OLD' });
      expect(upd.Attributes).toEqual({ ...k, v: N(2) });
      const del = await c.call<{ Attributes?: unknown }>('DeleteItem', { TableName: t.name, Key: k, ReturnValues: 'ALL_OLD' });
      expect(del.Attributes).toEqual({ ...k, v: N(3) });
      await c.call('BatchWriteItem', { RequestItems: { [t.name]: [{ PutRequest: { Item: { ...k, v: N(4) } } }] } });
    } finally {
      c.close();
    }
  });

  it('a write-only role is refused GetItem, Query, Scan, BatchGetItem (SELECT), DeleteTable (DROP) and CreateTable (CREATE) (test_rbac_getitem, test_rbac_query, test_rbac_scan, test_rbac_deletetable, test_rbac_createtable)', async (ctx) => {
    const c = clientAs(ctx, roleHolding('MODIFY'), 'role holding only MODIFY');
    const name = tableName('rbac_writer_create');
    try {
      await refused(c, 'GetItem', { TableName: t.name, Key: seed }, 'SELECT');
      await refused(c, 'Query', { TableName: t.name, KeyConditionExpression: 'p = :p', ExpressionAttributeValues: { ':p': S('seed') } }, 'SELECT');
      await refused(c, 'Scan', { TableName: t.name }, 'SELECT');
      await refused(c, 'BatchGetItem', { RequestItems: { [t.name]: { Keys: [seed] } } }, 'SELECT');
      await refused(c, 'DeleteTable', { TableName: t.name }, 'DROP');
      await refused(c, 'CreateTable', tableDefinition(name, { hash: ['p', 'S'] }), 'CREATE');
    } finally {
      c.close();
      await deleteTableQuietly(t.client, name).catch(() => undefined);
    }
  });
});

describe('rbac: auto-grant to a table creator, auto-revoke on drop (test_cql_rbac.py)', () => {
  // The superuser's table, on which the creator role holds nothing.
  const other = fileTable;
  beforeAll(async () => {
    await other.ready();
    await other.client.call('PutItem', { TableName: other.name, Item: { p: S('theirs') } });
  });

  it('a role holding only CREATE is refused the tables it did not create (test_rbac_getitem)', async (ctx) => {
    const c = clientAs(ctx, roleHolding('CREATE'), 'role holding only CREATE');
    try {
      await refused(c, 'GetItem', { TableName: other.name, Key: { p: S('theirs') } }, 'SELECT');
      await refused(c, 'PutItem', { TableName: other.name, Item: { p: S('mine') } }, 'MODIFY');
    } finally {
      c.close();
    }
  });

  it('creating a table grants its creator SELECT, MODIFY, ALTER and DROP on it and on its index, and on nothing else; a batch naming both tables is refused whole (test_rbac_createtable, test_rbac_batchwriteitem, test_rbac_batchgetitem)', async (ctx) => {
    const c = clientAs(ctx, roleHolding('CREATE'), 'role holding only CREATE');
    const name = tableName('rbac_created');
    try {
      await c.call(
        'CreateTable',
        tableDefinition(name, { hash: ['p', 'S'] }, {
          AttributeDefinitions: [{ AttributeName: 'p', AttributeType: 'S' }, { AttributeName: 'x', AttributeType: 'S' }],
          GlobalSecondaryIndexes: [{ IndexName: 'byx', KeySchema: [{ AttributeName: 'x', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
        }),
      );
      await waitActive(c, name);
      await c.call('PutItem', { TableName: name, Item: { p: S('mine'), x: S('x1') } });
      expect((await c.call<{ Item?: unknown }>('GetItem', { TableName: name, Key: { p: S('mine') }, ConsistentRead: true })).Item).toEqual({ p: S('mine'), x: S('x1') });
      await eventually(
        'the item in its GSI byx',
        async () => expect((await c.call<{ Count: number }>('Query', { TableName: name, IndexName: 'byx', KeyConditionExpression: 'x = :x', ExpressionAttributeValues: { ':x': S('x1') } })).Count).toBe(1),
        deadline.indexRead(),
      );
      const tableArn = (await c.call<{ Table: { TableArn: string } }>('DescribeTable', { TableName: name })).Table.TableArn;
      await c.call('TagResource', { ResourceArn: tableArn, Tags: [{ Key: 'owner', Value: 'creator' }] });
      // Its own table and the superuser's, in one batch: refused whole, nothing written to its own.
      await refused(c, 'BatchWriteItem', { RequestItems: { [name]: [{ PutRequest: { Item: { p: S('batched') } } }], [other.name]: [{ PutRequest: { Item: { p: S('batched') } } }] } }, 'MODIFY');
      expect((await c.call<{ Item?: unknown }>('GetItem', { TableName: name, Key: { p: S('batched') }, ConsistentRead: true })).Item).toBeUndefined();
      await refused(c, 'BatchGetItem', { RequestItems: { [name]: { Keys: [{ p: S('mine') }] }, [other.name]: { Keys: [{ p: S('theirs') }] } } }, 'SELECT');
      await c.call('DeleteTable', { TableName: name });
    } finally {
      await deleteTableQuietly(other.client, name).catch(() => undefined);
      c.close();
    }
  });

  it('dropping a table revokes its grants: when another role re-creates it, the first creator is refused (test_rbac_deletetable_autorevoke)', async (ctx) => {
    const c = clientAs(ctx, roleHolding('CREATE'), 'role holding only CREATE');
    const name = tableName('rbac_revoked');
    try {
      await c.call('CreateTable', tableDefinition(name, { hash: ['p', 'S'] }));
      await waitActive(c, name);
      await c.call('PutItem', { TableName: name, Item: { p: S('first') } });
      await c.call('DeleteTable', { TableName: name });
      await waitTableGone(other.client, name);
      await other.client.call('CreateTable', tableDefinition(name, { hash: ['p', 'S'] }));
      await waitActive(other.client, name);
      // Permissions are cached for up to permissions_validity_in_ms (10 s by default): poll as the reference does.
      await eventually('the first creator refused SELECT on the re-created table', () => refused(c, 'GetItem', { TableName: name, Key: { p: S('first') } }, 'SELECT'), deadline.permissionsCache(), { stepMs: 500 });
      await refused(c, 'PutItem', { TableName: name, Item: { p: S('again') } }, 'MODIFY');
    } finally {
      await deleteTableQuietly(other.client, name).catch(() => undefined);
      c.close();
    }
  });

  it('a role without grants may ListStreams, DescribeStream and GetShardIterator, but GetRecords needs SELECT on the stream (test_rbac_streams)', async (ctx) => {
    requireFeature(ctx, 'streams');
    const c = clientAs(ctx, roleHolding('CREATE'), 'role holding only CREATE');
    const name = tableName('rbac_stream');
    const vnodes = differenceApplies('alternator-streams-need-vnodes') && differenceApplies('alternator-tablets-by-default') ? { Tags: [{ Key: 'system:initial_tablets', Value: 'none' }] } : {};
    try {
      await other.client.call('CreateTable', tableDefinition(name, { hash: ['p', 'S'] }, { StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' }, ...vnodes }));
      await waitActive(other.client, name);
      const streamArn = (await c.call<{ Streams: Array<{ StreamArn: string }> }>('ListStreams', { TableName: name })).Streams[0]!.StreamArn;
      const shard = (await c.call<{ StreamDescription: { Shards: Array<{ ShardId: string }> } }>('DescribeStream', { StreamArn: streamArn })).StreamDescription.Shards[0]!;
      const it = (await c.call<{ ShardIterator: string }>('GetShardIterator', { StreamArn: streamArn, ShardId: shard.ShardId, ShardIteratorType: 'LATEST' })).ShardIterator;
      await refused(c, 'GetRecords', { ShardIterator: it }, 'SELECT');
    } finally {
      await deleteTableQuietly(other.client, name).catch(() => undefined);
      c.close();
    }
  });
});

describe('rbac: a role WITH LOGIN = false (test_cql_rbac.py)', () => {
  it('is refused at authentication with UnrecognizedClientException, whatever it was granted (test_login_false, #19735)', async (ctx) => {
    const role = endpoint().datacenters[0]!.extraRoles?.find((r) => r.login === false);
    const c = clientAs(ctx, role, 'role created WITH LOGIN = false');
    try {
      await expectError(c.call('ListTables', {}), 'UnrecognizedClientException', /login/i);
    } finally {
      c.close();
    }
  });
});

