// The bulk helpers suites rely on to say "nothing was dropped": Unprocessed* are retried until empty (the local
// data plane never returns them, so this is where that path is proved), and exactlyOnce catches what is missing,
// duplicated or foreign.
import { describe, it, expect } from 'vitest';
import { batchWriteAll, batchGetAll, putRequests, allPages, exactlyOnce, sameItem } from '../../harness/suite-kit/items.ts';
import type { DynamoClient } from '../../harness/client/dynamo-client.ts';

type Call = { op: string; body: any };

/** A client whose answers are scripted; it records every request. */
function fake(answer: (op: string, body: any, n: number) => unknown): { c: DynamoClient; calls: Call[] } {
  const calls: Call[] = [];
  const c = { call: async (op: string, body: any) => (calls.push({ op, body: structuredClone(body) }), answer(op, body, calls.length)) } as unknown as DynamoClient;
  return { c, calls };
}

const item = (i: number) => ({ pk: { S: `k${i}` } });

describe('batchWriteAll', () => {
  it('sends 25 writes per request and resubmits UnprocessedItems until none are left', async () => {
    const written: string[] = [];
    const { c, calls } = fake((_op, body) => {
      const reqs = body.RequestItems.t as any[];
      // Accept only the first five writes of every request; hand the rest back as unprocessed.
      written.push(...reqs.slice(0, 5).map((r) => r.PutRequest.Item.pk.S));
      return { UnprocessedItems: reqs.length > 5 ? { t: reqs.slice(5) } : {} };
    });
    const { retries } = await batchWriteAll(c, 't', putRequests(Array.from({ length: 30 }, (_, i) => item(i))), { baseDelayMs: 1 });
    expect(written.sort()).toEqual(Array.from({ length: 30 }, (_, i) => `k${i}`).sort());
    expect(calls.every((x) => (x.body.RequestItems.t as unknown[]).length <= 25)).toBe(true);
    expect(retries).toBeGreaterThan(0);
  });

  it('gives up with an error instead of looping forever when nothing is ever processed', async () => {
    const { c } = fake((_op, body) => ({ UnprocessedItems: body.RequestItems }));
    await expect(batchWriteAll(c, 't', putRequests([item(1)]), { maxRounds: 5, baseDelayMs: 1 })).rejects.toThrow(/unprocessed after 5 rounds/);
  });
});

describe('batchGetAll', () => {
  it('asks for 100 keys at most and resubmits UnprocessedKeys, collecting every item', async () => {
    const { c, calls } = fake((_op, body) => {
      const keys = body.RequestItems.t.Keys as any[];
      const [served, rest] = [keys.slice(0, 30), keys.slice(30)];
      return { Responses: { t: served }, UnprocessedKeys: rest.length ? { t: { ...body.RequestItems.t, Keys: rest } } : {} };
    });
    const keys = Array.from({ length: 130 }, (_, i) => item(i));
    const { items, retries } = await batchGetAll(c, 't', keys, {}, { baseDelayMs: 1 });
    exactlyOnce(items, keys, ['pk']);
    expect(calls.every((x) => x.body.RequestItems.t.Keys.length <= 100)).toBe(true);
    expect(retries).toBeGreaterThan(0);
  });
});

describe('allPages', () => {
  it('follows LastEvaluatedKey and stops when it is absent', async () => {
    const { c, calls } = fake((_op, body) => {
      const start = body.ExclusiveStartKey ? Number(body.ExclusiveStartKey.pk.S.slice(1)) + 1 : 0;
      const page = [start, start + 1].filter((i) => i < 5).map(item);
      return { Items: page, Count: page.length, ScannedCount: page.length, ...(start + 2 < 5 ? { LastEvaluatedKey: page[page.length - 1] } : {}) };
    });
    const pages = await allPages(c, 'Query', { TableName: 't' });
    expect(pages.flatMap((p) => p.Items!.map((i) => i.pk.S))).toEqual(['k0', 'k1', 'k2', 'k3', 'k4']);
    expect(calls).toHaveLength(3);
  });

  it('throws when a server never stops paging', async () => {
    const { c } = fake(() => ({ Items: [], Count: 0, ScannedCount: 0, LastEvaluatedKey: item(0) }));
    await expect(allPages(c, 'Scan', { TableName: 't' }, 5)).rejects.toThrow(/did not finish within 5 pages/);
  });
});

describe('exactlyOnce', () => {
  const want = [item(1), item(2), item(3)];
  it('accepts each expected item once, in any order', () => expect(() => exactlyOnce([item(3), item(1), item(2)], want, ['pk'])).not.toThrow());
  it('names a missing item', () => expect(() => exactlyOnce([item(1), item(2)], want, ['pk'])).toThrow(/1 missing/));
  it('names a duplicated item', () => expect(() => exactlyOnce([item(1), item(2), item(3), item(2)], want, ['pk'])).toThrow(/1 duplicated/));
  it('names an unexpected item', () => expect(() => exactlyOnce([...want, item(9)], want, ['pk'])).toThrow(/1 unexpected/));
});

// An item is a map: DynamoDB Local answers BatchGetItem with the attributes in another order than they were written
// (issue 13: "120 keys in requests of 100" failed there on an order-dependent comparison).
describe('item comparison ignores attribute order', () => {
  const written = { pk: { S: 'k' }, sk: { N: '7' }, m: { M: { a: { N: '1' }, b: { L: [{ S: 'x' }, { S: 'y' }] } } } };
  const answered = { m: { M: { b: { L: [{ S: 'x' }, { S: 'y' }] }, a: { N: '1' } } }, sk: { N: '7' }, pk: { S: 'k' } };
  it('sameItem: the same attributes in another order, at every level, are the same item', () => expect(sameItem(answered, written)).toBe(true));
  it('sameItem: a different value, a missing attribute or another list order is another item', () => {
    expect(sameItem({ ...answered, sk: { N: '8' } }, written)).toBe(false);
    expect(sameItem({ pk: { S: 'k' }, sk: { N: '7' } }, written)).toBe(false);
    expect(sameItem({ ...answered, m: { M: { a: { N: '1' }, b: { L: [{ S: 'y' }, { S: 'x' }] } } } }, written)).toBe(false);
  });
  it('exactlyOnce: a map-valued key attribute matches whatever the order of its members', () =>
    expect(() => exactlyOnce([answered], [written], ['pk', 'm'])).not.toThrow());
});
