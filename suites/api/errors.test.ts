// The errors a client can hit: their __type (the name after '#'), the class of their message and the HTTP
// status (400 for client errors). Areas of scylladb test/alternator test_manual_requests.py, test_item.py,
// test_table.py, test_limits.py.
import { describe, it, expect, beforeAll } from 'vitest';
import { useSharedTable, expectError, tableDefinition, endpoint, offers, requireDifference, requireFeature, bodyOutcome, describeBodyOutcome, record } from '../../harness/suite-kit/index.ts';
import { feature } from '../../harness/differences/registry.ts';
import { parseErrorBody } from '../../harness/client/dynamo-client.ts';
import { S, N } from '../../harness/suite-kit/values.ts';

const PREFIX = 'com.amazonaws.dynamodb.v20120810#';

describe('api errors', () => {
  const t = useSharedTable('errors', { hash: ['pk', 'S'], range: ['sk', 'N'] });
  const P = (s: string) => S(t.key(s));
  beforeAll(async () => {
    await t.ready();
    await t.client.call('PutItem', { TableName: t.name, Item: { pk: P('exists'), sk: N(1), v: N(1) } });
  });
  const key = { pk: P('exists'), sk: N(1) };

  describe('protocol', () => {
    it('an unknown operation is UnknownOperationException (HTTP 400)', async () => {
      const e = await expectError(t.client.call('Frobnicate', {}), 'UnknownOperationException');
      expect(e.status).toBe(400);
    });

    it('an error answer is JSON with the full __type and a message, as application/x-amz-json-1.0', async () => {
      const r = await t.client.raw('DescribeTable', { TableName: `${t.name}_nope` });
      expect(r.status).toBe(400);
      expect(r.headers['content-type']).toMatch(/^application\/x-amz-json-1\.0/);
      const body = JSON.parse(r.text);
      expect(body.__type).toBe(`${PREFIX}ResourceNotFoundException`);
      expect(typeof (body.message ?? body.Message)).toBe('string');
    });

    it('a body that is not JSON is refused with HTTP 400 (SerializationException on DynamoDB, ValidationException on Alternator)', async (ctx) => {
      requireFeature(ctx, 'malformed-body-400');
      const r = await t.client.raw('PutItem', {}, { body: `{"TableName": "${t.name}", "Item": {"pk": ` });
      expect(r.status).toBe(400);
      const e = parseErrorBody(r.status, r.text);
      expect(e.type).toBe(feature(endpoint(), 'json-serialization-exception').ok ? 'SerializationException' : 'ValidationException');
    });

    it('JSON that is not an object is refused with HTTP 400', async (ctx) => {
      requireFeature(ctx, 'malformed-body-400');
      const r = await t.client.raw('PutItem', {}, { body: '[1, 2]' });
      expect(r.status).toBe(400);
      expect(['ValidationException', 'SerializationException']).toContain(parseErrorBody(r.status, r.text).type);
    });

    // Alternator: HTTP 413 PayloadTooLarge (alternator/server.cc server::handle_api_request, request_content_length_limit);
    // before 2026.1 it may close the connection instead (difference alternator-oversized-request-reset). A server refuses
    // such a body by answering early and closing while it is still being sent: the status when one was read, else the
    // reset while sending (suite-kit bodyOutcome; test_manual_requests.py test_too_large_request accepts both).
    it('a request body above 16 MB is refused (HTTP 413 or 400) and nothing is written', async (ctx) => {
      const sent = bodyOutcome(t.client.raw('PutItem', { TableName: t.name, Item: { pk: P('huge-request'), sk: N(1), v: S('x'.repeat(16 * 1024 * 1024 + 7)) } }));
      const r = offers('oversized-request-answered') ? await sent : await sent.catch((e: Error) => ({ resetWhileSending: e.message }));
      record(ctx, describeBodyOutcome(r));
      if ('status' in r) expect([400, 413], r.text.slice(0, 200)).toContain(r.status);
      const g = await t.client.call<any>('GetItem', { TableName: t.name, Key: { pk: P('huge-request'), sk: N(1) }, ConsistentRead: true });
      expect(g.Item).toBeUndefined();
    });
  });

  describe('ValidationException', () => {
    it('a missing TableName', async () => {
      // The message names the table name: "tableName" (DynamoDB), "table name", "Table/index name" (DynamoDB Local).
      const e = await expectError(t.client.call('GetItem', { Key: key }), 'ValidationException', /[Tt]able(\/index)? ?[Nn]ame/);
      expect(e.status).toBe(400);
    });

    it('a TableName shorter than 3 characters', async () => {
      await expectError(t.client.call('DescribeTable', { TableName: 'ab' }), 'ValidationException');
    });

    // DynamoDB refuses items over 400 KB; Alternator stores them (difference alternator-no-item-size-limit).
    it('an item over 400 KB: refused by DynamoDB, stored exactly by Alternator', async (ctx) => {
      const item = { pk: P('big'), sk: N(1), v: S('x'.repeat(400 * 1024)) };
      if (!offers('item-size-limit-400kb')) {
        requireDifference(ctx, 'alternator-no-item-size-limit');
        await t.client.call('PutItem', { TableName: t.name, Item: item });
        expect((await t.client.call<any>('GetItem', { TableName: t.name, Key: { pk: P('big'), sk: N(1) }, ConsistentRead: true })).Item).toEqual(item);
        return;
      }
      const e = await expectError(
        t.client.call('PutItem', { TableName: t.name, Item: { pk: P('big'), sk: N(1), v: S('x'.repeat(400 * 1024)) } }),
        'ValidationException',
        /size|large|long|exceed/i,
      );
      expect(e.status).toBe(400);
    });

    it('an UpdateItem that would grow an item past 400 KB: refused by DynamoDB, applied by Alternator', async (ctx) => {
      await t.client.call('PutItem', { TableName: t.name, Item: { pk: P('grow'), sk: N(1), a: S('a'.repeat(300 * 1024)) } });
      const grow = () => t.client.call('UpdateItem', { TableName: t.name, Key: { pk: P('grow'), sk: N(1) }, UpdateExpression: 'SET b = :b', ExpressionAttributeValues: { ':b': S('b'.repeat(150 * 1024)) } });
      if (!offers('item-size-limit-400kb')) {
        requireDifference(ctx, 'alternator-no-item-size-limit');
        await grow();
        const got = (await t.client.call<any>('GetItem', { TableName: t.name, Key: { pk: P('grow'), sk: N(1) }, ConsistentRead: true })).Item;
        expect([got.a.S.length, got.b.S.length]).toEqual([300 * 1024, 150 * 1024]);
        return;
      }
      await expectError(grow(), 'ValidationException');
    });

    it('a key attribute of the wrong type in an item', async () => {
      await expectError(t.client.call('PutItem', { TableName: t.name, Item: { pk: N(1), sk: N(1) } }), 'ValidationException', /type|mismatch/i);
    });

    it('a key attribute of the wrong type in a Key', async () => {
      await expectError(t.client.call('GetItem', { TableName: t.name, Key: { pk: P('exists'), sk: S('1') } }), 'ValidationException', /type|mismatch|key/i);
    });

    it('an item missing its sort key', async () => {
      await expectError(t.client.call('PutItem', { TableName: t.name, Item: { pk: P('x') } }), 'ValidationException', /key|missing/i);
    });

    it('a Key missing its sort key', async () => {
      await expectError(t.client.call('GetItem', { TableName: t.name, Key: { pk: P('exists') } }), 'ValidationException');
    });

    it('a Key with an attribute that is not part of the key', async () => {
      await expectError(t.client.call('GetItem', { TableName: t.name, Key: { ...key, extra: S('no') } }), 'ValidationException');
    });

    it('an empty string as a key value', async () => {
      await expectError(t.client.call('PutItem', { TableName: t.name, Item: { pk: S(''), sk: N(1) } }), 'ValidationException');
    });

    it('an unknown ReturnValues value', async () => {
      await expectError(t.client.call('PutItem', { TableName: t.name, Item: { pk: P('rv'), sk: N(1) }, ReturnValues: 'SOME' }), 'ValidationException');
    });

    it('a Query without any key condition', async () => {
      await expectError(t.client.call('Query', { TableName: t.name }), 'ValidationException');
    });
  });

  describe('ResourceNotFoundException and ResourceInUseException', () => {
    it('DescribeTable of a missing table', async () => {
      const e = await expectError(t.client.call('DescribeTable', { TableName: `${t.name}_nope` }), 'ResourceNotFoundException');
      expect(e.status).toBe(400);
    });

    it('PutItem into a missing table', async () => {
      await expectError(t.client.call('PutItem', { TableName: `${t.name}_nope`, Item: key }), 'ResourceNotFoundException');
    });

    it('UpdateItem of a missing table', async () => {
      await expectError(
        t.client.call('UpdateItem', { TableName: `${t.name}_nope`, Key: key, UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': N(1) } }),
        'ResourceNotFoundException',
      );
    });

    it('DeleteTable of a missing table', async () => {
      await expectError(t.client.call('DeleteTable', { TableName: `${t.name}_nope` }), 'ResourceNotFoundException');
    });

    it('CreateTable of an existing table is ResourceInUseException (HTTP 400)', async () => {
      // The file's table exists once ready() resolved: creating it again is refused and changes nothing.
      const e = await expectError(t.client.call('CreateTable', tableDefinition(t.name, { hash: ['pk', 'S'], range: ['sk', 'N'] })), 'ResourceInUseException');
      expect(e.status).toBe(400);
    });
  });

  describe('ConditionalCheckFailedException', () => {
    it('PutItem with a false condition (HTTP 400) leaves the item unchanged', async () => {
      const e = await expectError(
        t.client.call('PutItem', { TableName: t.name, Item: { ...key, v: N(99) }, ConditionExpression: 'attribute_not_exists(pk)' }),
        'ConditionalCheckFailedException',
      );
      expect(e.status).toBe(400);
      expect((await t.client.call<any>('GetItem', { TableName: t.name, Key: key, ConsistentRead: true })).Item.v).toEqual(N(1));
    });

    it('UpdateItem with a false condition', async () => {
      await expectError(
        t.client.call('UpdateItem', {
          TableName: t.name,
          Key: key,
          UpdateExpression: 'SET v = :n',
          ConditionExpression: 'v = :old',
          ExpressionAttributeValues: { ':n': N(5), ':old': N(42) },
        }),
        'ConditionalCheckFailedException',
      );
    });

    it('DeleteItem with a false condition keeps the item', async () => {
      await expectError(t.client.call('DeleteItem', { TableName: t.name, Key: key, ConditionExpression: 'attribute_not_exists(v)' }), 'ConditionalCheckFailedException');
      expect((await t.client.call<any>('GetItem', { TableName: t.name, Key: key, ConsistentRead: true })).Item).toBeDefined();
    });

    it('a condition on a missing item fails with ConditionalCheckFailedException', async () => {
      await expectError(
        t.client.call('UpdateItem', { TableName: t.name, Key: { pk: P('nobody'), sk: N(1) }, UpdateExpression: 'SET v = :v', ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeValues: { ':v': N(1) } }),
        'ConditionalCheckFailedException',
      );
    });
  });
});
