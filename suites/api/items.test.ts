// Single-item operations: PutItem, GetItem (ConsistentRead, projections), UpdateItem, DeleteItem, key
// validation, and every ReturnValues option with exactly what each must return.
// Reference areas: scylladb test/alternator test_item.py, test_returnvalues.py.
import { describe, it, expect, beforeAll } from 'vitest';
import { useSharedTable, expectError, requireFeature, eventually, deadline } from '../../harness/suite-kit/index.ts';
import { titled } from '../../harness/suite-kit/cases.ts';
import { N, type AV } from '../../harness/suite-kit/values.ts';

describe('api items', () => {
  const t = useSharedTable('items', { hash: ['pk', 'S'], range: ['sk', 'N'] });
  beforeAll(() => t.ready());
  let seq = 0;
  const newKey = (hint: string) => ({ pk: { S: t.key(`${hint}-${++seq}`) }, sk: { N: String(seq) } });
  const call = <T = any>(op: string, body: AV) => t.client.call<T>(op, { TableName: t.name, ...body });
  const put = (item: AV, extra: AV = {}) => call('PutItem', { Item: item, ...extra });
  const get = async (key: AV, extra: AV = {}): Promise<AV | undefined> => (await call('GetItem', { Key: key, ConsistentRead: true, ...extra })).Item;

  describe('PutItem and GetItem', () => {
    it('GetItem returns exactly the item PutItem wrote', async () => {
      const key = newKey('put');
      const item = { ...key, a: { S: 'x' }, b: { N: '2' } };
      await put(item);
      expect(await get(key)).toEqual(item);
    });

    it('PutItem replaces the whole item (attributes not written again are gone)', async () => {
      const key = newKey('replace');
      await put({ ...key, a: { S: 'old' }, b: { S: 'gone' } });
      await put({ ...key, a: { S: 'new' } });
      expect(await get(key)).toEqual({ ...key, a: { S: 'new' } });
    });

    it('GetItem of a missing item answers without Item', async () => {
      const r = await call('GetItem', { Key: newKey('missing'), ConsistentRead: true });
      expect(r).not.toHaveProperty('Item');
    });

    it('items differing only in the sort key are distinct', async () => {
      const pk = { S: t.key(`same-${++seq}`) };
      await put({ pk, sk: { N: '1' }, v: { S: 'one' } });
      await put({ pk, sk: { N: '2' }, v: { S: 'two' } });
      expect((await get({ pk, sk: { N: '1' } }))?.v).toEqual({ S: 'one' });
      expect((await get({ pk, sk: { N: '2' } }))?.v).toEqual({ S: 'two' });
    });

    it('a number sort key is a value: 1e3, 1000.0 and 001000 address the item written as 1000, returned as 1000', async () => {
      const pk = { S: t.key(`nsort-${++seq}`) };
      await put({ pk, sk: N('1000'), v: { S: 'first' } });
      await put({ pk, sk: N('1e3'), v: { S: 'second' } });
      for (const spelling of ['1000', '1e3', '1E+3', '1000.0', '001000'])
        expect(await get({ pk, sk: N(spelling) }), spelling).toEqual({ pk, sk: N('1000'), v: { S: 'second' } });
    });

    it('GetItem with ConsistentRead=true sees a write at once', async () => {
      const key = newKey('strong');
      await put({ ...key, v: { N: '1' } });
      await put({ ...key, v: { N: '2' } });
      expect((await get(key, { ConsistentRead: true }))?.v).toEqual({ N: '2' });
    });

    it('GetItem with ConsistentRead=false returns the written item (eventually)', async () => {
      const key = newKey('eventual');
      const item = { ...key, v: { S: 'eventually' } };
      await put(item);
      // An eventually consistent read may lag on a multi-node cluster: poll, bounded.
      await eventually('the item read with ConsistentRead false', async () => expect((await call('GetItem', { Key: key, ConsistentRead: false })).Item).toEqual(item), deadline.eventualRead(), { stepMs: 100 });
    });

    it('GetItem with a ProjectionExpression over nested paths returns only those paths', async () => {
      const key = newKey('proj');
      await put({ ...key, m: { M: { x: { N: '1' }, y: { L: [{ S: 'a' }, { S: 'b' }] } } }, other: { S: 'no' } });
      const got = await get(key, { ProjectionExpression: 'm.x, m.y[1]' });
      expect(got).toEqual({ m: { M: { x: { N: '1' }, y: { L: [{ S: 'b' }] } } } });
    });
  });

  describe('key validation', () => {
    it.for(titled([
      { name: 'the sort key is missing from the item', item: { pk: { S: 'k' }, v: { S: 'x' } } },
      { name: 'the hash key is missing from the item', item: { sk: { N: '1' }, v: { S: 'x' } } },
      { name: 'the hash key has the wrong type', item: { pk: { N: '1' }, sk: { N: '1' } } },
      { name: 'the sort key has the wrong type', item: { pk: { S: 'k' }, sk: { S: '1' } } },
      { name: 'the hash key is an empty string', item: { pk: { S: '' }, sk: { N: '1' } } },
    ], (r) => `PutItem is refused with ValidationException when ${r.name}`))('%s', async ([, { item }]) => {
      await expectError(put(item), 'ValidationException');
    });

    it.for(titled([
      { name: 'lacks the sort key', key: { pk: { S: 'k' } } },
      { name: 'has an extra non-key attribute', key: { pk: { S: 'k' }, sk: { N: '1' }, x: { S: 'y' } } },
      { name: 'has a key of the wrong type', key: { pk: { S: 'k' }, sk: { S: '1' } } },
    ], (r) => `GetItem is refused with ValidationException when the Key ${r.name}`))('%s', async ([, { key }]) => {
      await expectError(call('GetItem', { Key: key }), 'ValidationException');
    });

    it('UpdateItem cannot change a key attribute (ValidationException)', async () => {
      const key = newKey('setkey');
      await put(key);
      await expectError(
        call('UpdateItem', { Key: key, UpdateExpression: 'SET pk = :v', ExpressionAttributeValues: { ':v': { S: 'other' } } }),
        'ValidationException',
      );
    });
  });

  describe('UpdateItem and DeleteItem', () => {
    it('UpdateItem on a missing item creates it (key plus the set attributes)', async () => {
      const key = newKey('upsert');
      await call('UpdateItem', { Key: key, UpdateExpression: 'SET a = :v', ExpressionAttributeValues: { ':v': { S: 'new' } } });
      expect(await get(key)).toEqual({ ...key, a: { S: 'new' } });
    });

    it('UpdateItem that only removes attributes does not create a missing item', async (ctx) => {
      requireFeature(ctx, 'remove-only-update-no-upsert');
      const key = newKey('noupsert');
      await call('UpdateItem', { Key: key, UpdateExpression: 'REMOVE a' });
      expect(await get(key)).toBeUndefined();
    });

    it('UpdateItem leaves attributes it does not name untouched', async () => {
      const key = newKey('keep');
      await put({ ...key, a: { S: 'a' }, b: { L: [{ N: '1' }] } });
      await call('UpdateItem', { Key: key, UpdateExpression: 'SET c = :v', ExpressionAttributeValues: { ':v': { BOOL: true } } });
      expect(await get(key)).toEqual({ ...key, a: { S: 'a' }, b: { L: [{ N: '1' }] }, c: { BOOL: true } });
    });

    it('DeleteItem removes the item', async () => {
      const key = newKey('delete');
      await put({ ...key, a: { S: 'x' } });
      await call('DeleteItem', { Key: key });
      expect(await get(key)).toBeUndefined();
    });

    it('DeleteItem of a missing item succeeds', async () => {
      const r = await call('DeleteItem', { Key: newKey('delmissing') });
      expect(r).not.toHaveProperty('Attributes');
    });

    it('DeleteItem removes only the addressed item', async () => {
      const pk = { S: t.key(`delone-${++seq}`) };
      await put({ pk, sk: { N: '1' } });
      await put({ pk, sk: { N: '2' } });
      await call('DeleteItem', { Key: { pk, sk: { N: '1' } } });
      expect(await get({ pk, sk: { N: '1' } })).toBeUndefined();
      expect(await get({ pk, sk: { N: '2' } })).toEqual({ pk, sk: { N: '2' } });
    });
  });

  describe('ReturnValues on PutItem', () => {
    it('NONE (and the default) returns no Attributes', async () => {
      const key = newKey('pnone');
      await put({ ...key, a: { S: 'old' } });
      expect(await put({ ...key, a: { S: 'new' } }, { ReturnValues: 'NONE' })).not.toHaveProperty('Attributes');
      expect(await put({ ...key, a: { S: 'newer' } })).not.toHaveProperty('Attributes');
    });

    it('ALL_OLD returns the whole replaced item', async () => {
      const key = newKey('pold');
      await put({ ...key, a: { S: 'old' }, b: { N: '1' } });
      const r = await put({ ...key, a: { S: 'new' } }, { ReturnValues: 'ALL_OLD' });
      expect(r.Attributes).toEqual({ ...key, a: { S: 'old' }, b: { N: '1' } });
    });

    it('ALL_OLD on a new item returns no Attributes', async () => {
      expect(await put({ ...newKey('pnew'), a: { S: 'x' } }, { ReturnValues: 'ALL_OLD' })).not.toHaveProperty('Attributes');
    });

    it.for(['UPDATED_OLD', 'ALL_NEW', 'UPDATED_NEW', 'none', 'DOG'])('ReturnValues %s is refused with ValidationException', async (rv) => {
      await expectError(put({ ...newKey('pbad'), a: { S: 'x' } }, { ReturnValues: rv }), 'ValidationException');
    });
  });

  describe('ReturnValues on DeleteItem', () => {
    it('NONE returns no Attributes', async () => {
      const key = newKey('dnone');
      await put({ ...key, a: { S: 'x' } });
      expect(await call('DeleteItem', { Key: key, ReturnValues: 'NONE' })).not.toHaveProperty('Attributes');
    });

    it('ALL_OLD returns the deleted item', async () => {
      const key = newKey('dold');
      await put({ ...key, a: { S: 'x' }, l: { L: [{ N: '1' }] } });
      const r = await call('DeleteItem', { Key: key, ReturnValues: 'ALL_OLD' });
      expect(r.Attributes).toEqual({ ...key, a: { S: 'x' }, l: { L: [{ N: '1' }] } });
      expect(await get(key)).toBeUndefined();
    });

    it('ALL_OLD on a missing item returns no Attributes', async () => {
      expect(await call('DeleteItem', { Key: newKey('dmissing'), ReturnValues: 'ALL_OLD' })).not.toHaveProperty('Attributes');
    });

    it.for(['UPDATED_OLD', 'ALL_NEW', 'UPDATED_NEW', 'none'])('ReturnValues %s is refused with ValidationException', async (rv) => {
      const key = newKey('dbad');
      await put({ ...key, a: { S: 'x' } });
      await expectError(call('DeleteItem', { Key: key, ReturnValues: rv }), 'ValidationException');
      expect(await get(key)).toEqual({ ...key, a: { S: 'x' } });
    });
  });

  describe('ReturnValues on UpdateItem', () => {
    /** A fresh item {a: 'hi', b: 'dog', n: 1, m: {x: 1, l: [1, 2, 3]}} and an update on it. */
    async function update(rv: string, expr: string, values?: AV, existing = true) {
      const key = newKey('rv');
      if (existing)
        await put({
          ...key, a: { S: 'hi' }, b: { S: 'dog' }, n: { N: '1' },
          m: { M: { x: { N: '1' }, l: { L: [{ N: '1' }, { N: '2' }, { N: '3' }] } } },
        });
      const r = await call('UpdateItem', {
        Key: key,
        UpdateExpression: expr,
        ReturnValues: rv,
        ...(values ? { ExpressionAttributeValues: values } : {}),
      });
      return { key, r };
    }
    const old = (key: AV) => ({
      ...key, a: { S: 'hi' }, b: { S: 'dog' }, n: { N: '1' },
      m: { M: { x: { N: '1' }, l: { L: [{ N: '1' }, { N: '2' }, { N: '3' }] } } },
    });

    it('NONE returns no Attributes', async () => {
      const { r } = await update('NONE', 'SET b = :v', { ':v': { S: 'cat' } });
      expect(r).not.toHaveProperty('Attributes');
    });

    it('ALL_OLD returns the whole item as it was', async () => {
      const { key, r } = await update('ALL_OLD', 'SET b = :v', { ':v': { S: 'cat' } });
      expect(r.Attributes).toEqual(old(key));
    });

    it('ALL_OLD on a new item returns no Attributes', async () => {
      const { r } = await update('ALL_OLD', 'SET b = :v', { ':v': { S: 'cat' } }, false);
      expect(r).not.toHaveProperty('Attributes');
    });

    it('UPDATED_OLD returns only the old values of the updated attributes that existed', async () => {
      const { r } = await update('UPDATED_OLD', 'SET b = :v, c = :w', { ':v': { S: 'cat' }, ':w': { S: 'new' } });
      expect(r.Attributes).toEqual({ b: { S: 'dog' } });
    });

    it('UPDATED_OLD includes a removed attribute', async () => {
      const { r } = await update('UPDATED_OLD', 'REMOVE a');
      expect(r.Attributes).toEqual({ a: { S: 'hi' } });
    });

    it('UPDATED_OLD when every updated attribute is new returns no Attributes', async () => {
      const { r } = await update('UPDATED_OLD', 'SET c = :w', { ':w': { S: 'new' } });
      expect(r).not.toHaveProperty('Attributes');
    });

    it('ALL_NEW returns the whole item after the update', async () => {
      const { key, r } = await update('ALL_NEW', 'SET b = :v REMOVE a', { ':v': { S: 'cat' } });
      const { a: _a, ...rest } = old(key);
      expect(r.Attributes).toEqual({ ...rest, b: { S: 'cat' } });
    });

    it('ALL_NEW on a new item returns the key and the new attributes', async () => {
      const { key, r } = await update('ALL_NEW', 'SET b = :v', { ':v': { S: 'cat' } }, false);
      expect(r.Attributes).toEqual({ ...key, b: { S: 'cat' } });
    });

    it('UPDATED_NEW returns only the new values of the updated attributes', async () => {
      const { r } = await update('UPDATED_NEW', 'SET b = :v, c = :w REMOVE a', { ':v': { S: 'cat' }, ':w': { S: 'new' } });
      expect(r.Attributes).toEqual({ b: { S: 'cat' }, c: { S: 'new' } });
    });

    it('UPDATED_NEW returns the computed value of an arithmetic update', async () => {
      const { r } = await update('UPDATED_NEW', 'SET n = n + :one', { ':one': { N: '1' } });
      expect(r.Attributes).toEqual({ n: { N: '2' } });
    });

    it('UPDATED_NEW on a new item does not return the key attributes', async () => {
      const { r } = await update('UPDATED_NEW', 'SET b = :v', { ':v': { S: 'cat' } }, false);
      expect(r.Attributes).toEqual({ b: { S: 'cat' } });
    });

    it('UPDATED_NEW after only REMOVE returns no Attributes', async () => {
      const { r } = await update('UPDATED_NEW', 'REMOVE a');
      expect(r).not.toHaveProperty('Attributes');
    });

    it('UPDATED_OLD of a nested update returns only the nested path, within its hierarchy', async (ctx) => {
      requireFeature(ctx, 'nested-return-values');
      const { r } = await update('UPDATED_OLD', 'SET m.x = :v', { ':v': { N: '9' } });
      expect(r.Attributes).toEqual({ m: { M: { x: { N: '1' } } } });
    });

    it('UPDATED_NEW of a nested list element returns only that element', async (ctx) => {
      requireFeature(ctx, 'nested-return-values');
      const { r } = await update('UPDATED_NEW', 'SET m.l[1] = :v', { ':v': { N: '9' } });
      expect(r.Attributes).toEqual({ m: { M: { l: { L: [{ N: '9' }] } } } });
    });

    it('UPDATED_NEW of ADD returns the sums', async () => {
      const { r } = await update('UPDATED_NEW', 'ADD n :v', { ':v': { N: '41' } });
      expect(r.Attributes).toEqual({ n: { N: '42' } });
    });

    it.for(['none', 'DOG'])('ReturnValues %s is refused with ValidationException', async (rv) => {
      await expectError(
        call('UpdateItem', { Key: newKey('ubad'), UpdateExpression: 'SET a = :v', ExpressionAttributeValues: { ':v': { N: '1' } }, ReturnValues: rv }),
        'ValidationException',
      );
    });
  });
});
