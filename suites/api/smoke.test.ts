// A first end-to-end pass through the API: table lifecycle and the basic item operations. If this fails,
// nothing else on the variant is worth reading.
import { describe, it, expect, beforeAll } from 'vitest';
import { useSharedTable, expectError, tableName, client, waitActive, waitTableGone, tableDefinition } from '../../harness/suite-kit/index.ts';
import { allPages, itemsOf } from '../../harness/suite-kit/items.ts';

describe('api smoke', () => {
  // The run's shared table of this key schema: every item is keyed under the handle's prefix, and the Scan keeps only
  // those (a filter on the prefix). The lifecycle case creates and deletes a table of its own.
  const t = useSharedTable('smoke', { hash: ['pk', 'S'], range: ['sk', 'N'] });
  beforeAll(() => t.ready());
  const pk = (s: string) => ({ S: t.key(s) });

  it('DescribeTable shows the key schema and ACTIVE status', async () => {
    const d = await t.client.call<any>('DescribeTable', { TableName: t.name });
    expect(d.Table.TableName).toBe(t.name);
    expect(d.Table.TableStatus).toBe('ACTIVE');
    expect(d.Table.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
  });

  it('ListTables includes the table', async () => {
    const names: string[] = [];
    let start: string | undefined;
    do {
      const r = await t.client.call<any>('ListTables', start ? { ExclusiveStartTableName: start } : {});
      names.push(...r.TableNames);
      start = r.LastEvaluatedTableName;
    } while (start);
    expect(names).toContain(t.name);
  });

  it('PutItem then GetItem returns the item exactly', async () => {
    const item = { pk: pk('a'), sk: { N: '1' }, s: { S: 'hello' }, n: { N: '12345678901234567890' }, b: { BOOL: true } };
    await t.client.call('PutItem', { TableName: t.name, Item: item });
    const r = await t.client.call<any>('GetItem', { TableName: t.name, Key: { pk: pk('a'), sk: { N: '1' } }, ConsistentRead: true });
    expect(r.Item).toEqual(item);
  });

  it('UpdateItem SET changes one attribute and returns it with UPDATED_NEW', async () => {
    await t.client.call('PutItem', { TableName: t.name, Item: { pk: pk('u'), sk: { N: '1' }, x: { S: 'old' }, y: { S: 'keep' } } });
    const r = await t.client.call<any>('UpdateItem', {
      TableName: t.name,
      Key: { pk: pk('u'), sk: { N: '1' } },
      UpdateExpression: 'SET x = :v',
      ExpressionAttributeValues: { ':v': { S: 'new' } },
      ReturnValues: 'UPDATED_NEW',
    });
    expect(r.Attributes).toEqual({ x: { S: 'new' } });
    const g = await t.client.call<any>('GetItem', { TableName: t.name, Key: { pk: pk('u'), sk: { N: '1' } }, ConsistentRead: true });
    expect(g.Item).toEqual({ pk: pk('u'), sk: { N: '1' }, x: { S: 'new' }, y: { S: 'keep' } });
  });

  it('DeleteItem removes the item', async () => {
    await t.client.call('PutItem', { TableName: t.name, Item: { pk: pk('d'), sk: { N: '1' } } });
    await t.client.call('DeleteItem', { TableName: t.name, Key: { pk: pk('d'), sk: { N: '1' } } });
    const r = await t.client.call<any>('GetItem', { TableName: t.name, Key: { pk: pk('d'), sk: { N: '1' } }, ConsistentRead: true });
    expect(r.Item).toBeUndefined();
  });

  it('Query returns one partition in sort-key order', async () => {
    for (const n of [3, 1, 2]) await t.client.call('PutItem', { TableName: t.name, Item: { pk: pk('q'), sk: { N: String(n) } } });
    const r = await t.client.call<any>('Query', {
      TableName: t.name,
      KeyConditionExpression: 'pk = :p',
      ExpressionAttributeValues: { ':p': pk('q') },
      ConsistentRead: true,
    });
    expect(r.Items.map((i: any) => i.sk.N)).toEqual(['1', '2', '3']);
    expect(r.Count).toBe(3);
  });

  it('Scan sees every item written', async () => {
    const items = itemsOf(await allPages(t.client, 'Scan', { TableName: t.name, ConsistentRead: true, FilterExpression: 'begins_with(pk, :mine)', ExpressionAttributeValues: { ':mine': { S: t.keyPrefix } } }));
    const keys = items.map((i: any) => `${i.pk.S.slice(t.keyPrefix.length)}/${i.sk.N}`).sort();
    expect(keys).toEqual(expect.arrayContaining(['a/1', 'q/1', 'q/2', 'q/3', 'u/1']));
    expect(keys).not.toContain('d/1');
  });

  it('a conditional put that must fail fails with ConditionalCheckFailedException', async () => {
    await t.client.call('PutItem', { TableName: t.name, Item: { pk: pk('c'), sk: { N: '1' } } });
    await expectError(
      t.client.call('PutItem', {
        TableName: t.name,
        Item: { pk: pk('c'), sk: { N: '1' }, v: { S: 'overwrite' } },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
      'ConditionalCheckFailedException',
    );
  });

  it('operations on a missing table fail with ResourceNotFoundException', async () => {
    await expectError(t.client.call('GetItem', { TableName: `${t.name}_missing`, Key: { pk: pk('x'), sk: { N: '1' } } }), 'ResourceNotFoundException');
  });

  it('CreateTable then DeleteTable', async () => {
    const c = client();
    const name = tableName('smoke_lifecycle');
    await c.call('CreateTable', tableDefinition(name, { hash: ['id', 'S'] }));
    await waitActive(c, name);
    await expectError(c.call('CreateTable', tableDefinition(name, { hash: ['id', 'S'] })), 'ResourceInUseException');
    await c.call('DeleteTable', { TableName: name });
    await waitTableGone(c, name);
    await expectError(c.call('DescribeTable', { TableName: name }), 'ResourceNotFoundException');
    c.close();
  });
});
