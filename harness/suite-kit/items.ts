// Bulk helpers for suites: batch writes and reads that retry Unprocessed* until nothing is left (as every
// DynamoDB client must), and paging loops that follow LastEvaluatedKey to the end.
import type { DynamoClient } from '../client/dynamo-client.ts';
import { sleep } from './timing.ts';

export type Item = Record<string, any>;
type Req = Record<string, unknown>;

export interface RetryOptions {
  /** Requests per batch before giving up (default 50). */
  maxRounds?: number;
  /** First backoff; doubles each round, capped at 1 s (default 10 ms). */
  baseDelayMs?: number;
}
const backoff = (o: RetryOptions, round: number) => sleep(Math.min(1000, (o.baseDelayMs ?? 10) * 2 ** round));

/** Writes (or deletes) in batches of 25, retrying UnprocessedItems with backoff; returns how many rounds were retried. */
export async function batchWriteAll(c: DynamoClient, table: string, requests: Req[], o: RetryOptions = {}): Promise<{ retries: number }> {
  const MAX_ROUNDS = o.maxRounds ?? 50;
  let retries = 0;
  for (let i = 0; i < requests.length; i += 25) {
    let pending: Record<string, unknown[]> = { [table]: requests.slice(i, i + 25) };
    for (let round = 0; Object.keys(pending).length; round++) {
      if (round >= MAX_ROUNDS) throw new Error(`BatchWriteItem: items still unprocessed after ${MAX_ROUNDS} rounds`);
      if (round > 0) {
        retries++;
        await backoff(o, round);
      }
      const r = await c.call<{ UnprocessedItems?: Record<string, unknown[]> }>('BatchWriteItem', { RequestItems: pending });
      pending = Object.fromEntries(Object.entries(r.UnprocessedItems ?? {}).filter(([, v]) => v.length > 0));
    }
  }
  return { retries };
}

export const putRequests = (items: Item[]): Req[] => items.map((Item) => ({ PutRequest: { Item } }));
export const deleteRequests = (keys: Item[]): Req[] => keys.map((Key) => ({ DeleteRequest: { Key } }));

/** Reads keys in batches of 100, retrying UnprocessedKeys; returns every item found. */
export async function batchGetAll(c: DynamoClient, table: string, keys: Item[], extra: Req = {}, o: RetryOptions = {}): Promise<{ items: Item[]; retries: number }> {
  const MAX_ROUNDS = o.maxRounds ?? 50;
  const items: Item[] = [];
  let retries = 0;
  for (let i = 0; i < keys.length; i += 100) {
    let pending: Record<string, Req> | undefined = { [table]: { Keys: keys.slice(i, i + 100), ConsistentRead: true, ...extra } };
    for (let round = 0; pending && Object.keys(pending).length; round++) {
      if (round >= MAX_ROUNDS) throw new Error(`BatchGetItem: keys still unprocessed after ${MAX_ROUNDS} rounds`);
      if (round > 0) {
        retries++;
        await backoff(o, round);
      }
      const r: { Responses?: Record<string, Item[]>; UnprocessedKeys?: Record<string, Req> } = await c.call('BatchGetItem', { RequestItems: pending });
      items.push(...(r.Responses?.[table] ?? []));
      pending = r.UnprocessedKeys && Object.keys(r.UnprocessedKeys).length ? r.UnprocessedKeys : undefined;
    }
  }
  return { items, retries };
}

export interface Page {
  Items?: Item[];
  Count: number;
  ScannedCount: number;
  LastEvaluatedKey?: Item;
}

/** Follows LastEvaluatedKey until the end; `maxPages` guards against a server that never stops. */
export async function allPages(c: DynamoClient, operation: 'Query' | 'Scan', req: Req, maxPages = 1000): Promise<Page[]> {
  const pages: Page[] = [];
  let start: Item | undefined;
  do {
    const p = await c.call<Page>(operation, start ? { ...req, ExclusiveStartKey: start } : req);
    pages.push(p);
    start = p.LastEvaluatedKey;
    if (pages.length > maxPages) throw new Error(`${operation} did not finish within ${maxPages} pages`);
  } while (start);
  return pages;
}

export const itemsOf = (pages: Page[]): Item[] => pages.flatMap((p) => p.Items ?? []);

/** A stable text form of a key (for sets and "exactly once" checks). */
export function keyOf(item: Item, attrs: string[]): string {
  return attrs.map((a) => JSON.stringify(item[a])).join('|');
}

/** Counts of each key among items: every value must be 1 for "exactly once". */
export function multiplicity(items: Item[], attrs: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const i of items) m.set(keyOf(i, attrs), (m.get(keyOf(i, attrs)) ?? 0) + 1);
  return m;
}

/** Fails with a readable message unless `got` holds each expected key exactly once and nothing else. */
export function exactlyOnce(got: Item[], expected: Item[], attrs: string[]): void {
  const m = multiplicity(got, attrs);
  const want = new Set(expected.map((i) => keyOf(i, attrs)));
  const dup = [...m].filter(([, n]) => n > 1).map(([k]) => k);
  const missing = [...want].filter((k) => !m.has(k));
  const extra = [...m.keys()].filter((k) => !want.has(k));
  if (dup.length || missing.length || extra.length)
    throw new Error(
      `expected each of ${want.size} items exactly once: ${missing.length} missing${missing.length ? ` (e.g. ${missing.slice(0, 3).join(', ')})` : ''}, ` +
        `${dup.length} duplicated${dup.length ? ` (e.g. ${dup.slice(0, 3).join(', ')})` : ''}, ${extra.length} unexpected`,
    );
}
