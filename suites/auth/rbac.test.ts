// Role-based access control over Alternator (CQL GRANT/REVOKE; test/alternator/test_cql_rbac.py): a role holding
// only SELECT may read (GetItem, Query, Scan) but is refused writes and schema changes with AccessDeniedException.
// Capability-gated: ScyllaDB versions before Alternator RBAC do not check permissions at all.
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
  deleteTableQuietly,
  DynamoError,
  type DynamoClient,
} from '../../harness/suite-kit/index.ts';

const DENIED = /denied/i;

describe('rbac: a read-only role', () => {
  const e = endpoint();
  const reader = e.datacenters[0]!.extraRoles?.find((r) => r.permissions?.includes('SELECT') && !r.permissions.includes('MODIFY'));
  const t = useTable('rbac', { hash: ['pk', 'S'] });
  let asReader: DynamoClient | undefined;

  beforeAll(async () => {
    await t.ready();
    await t.client.call('PutItem', { TableName: t.name, Item: { pk: { S: 'seed' }, v: { S: 'original' } } });
    if (reader) asReader = client(0, { credentials: reader });
    return () => asReader?.close();
  });

  /** The reader's client, after the gates: RBAC offered, authorization enforced, a read-only role known. */
  function readerClient(ctx: TestContext): DynamoClient {
    requireFeature(ctx, 'rbac');
    requirePromise(ctx, e.promises.authorization === 'enforced', 'the variant disables authorization, so no permission is checked');
    requirePromise(ctx, reader !== undefined, 'the target names no role that holds SELECT without MODIFY');
    return asReader!;
  }

  const seedKey = { pk: { S: 'seed' } };

  it('may GetItem', async (ctx) => {
    const r = await readerClient(ctx).call<any>('GetItem', { TableName: t.name, Key: seedKey, ConsistentRead: true });
    expect(r.Item).toEqual({ pk: { S: 'seed' }, v: { S: 'original' } });
  });

  it('may Query', async (ctx) => {
    const r = await readerClient(ctx).call<any>('Query', {
      TableName: t.name,
      KeyConditionExpression: 'pk = :p',
      ExpressionAttributeValues: { ':p': { S: 'seed' } },
      ConsistentRead: true,
    });
    expect(r.Count).toBe(1);
  });

  it('may Scan', async (ctx) => {
    const r = await readerClient(ctx).call<any>('Scan', { TableName: t.name, ConsistentRead: true });
    expect(r.Items).toContainEqual({ pk: { S: 'seed' }, v: { S: 'original' } });
  });

  it('is refused PutItem with AccessDeniedException, and the item is unchanged', async (ctx) => {
    const c = readerClient(ctx);
    await expectError(c.call('PutItem', { TableName: t.name, Item: { pk: { S: 'seed' }, v: { S: 'overwritten' } } }), 'AccessDeniedException', DENIED);
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
