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

/**
 * Sends `first`, then whatever each answer leaves unprocessed, with backoff, until nothing is left;
 * returns how many rounds were retries. `send` answers undefined when everything was processed.
 */
async function untilProcessed<P>(what: string, first: P, send: (pending: P) => Promise<P | undefined>, o: RetryOptions): Promise<number> {
  const maxRounds = o.maxRounds ?? 50;
  let retries = 0;
  for (let pending: P | undefined = first, round = 0; pending !== undefined; round++) {
    if (round >= maxRounds) throw new Error(`${what} still unprocessed after ${maxRounds} rounds`);
    if (round > 0) {
      retries++;
      // Backoff between retries, as DynamoDB asks of every client: no condition to poll (the retry is the poll); the
      // pause counts as waiting.
      await sleep(Math.min(1000, (o.baseDelayMs ?? 10) * 2 ** round));
    }
    pending = await send(pending);
  }
  return retries;
}

const nonEmpty = <T extends object>(m: Record<string, T> | undefined): Record<string, T> | undefined =>
  m && Object.keys(m).length ? m : undefined;

/** Writes (or deletes) in batches of 25, retrying UnprocessedItems with backoff; returns how many rounds were retried. */
export async function batchWriteAll(c: DynamoClient, table: string, requests: Req[], o: RetryOptions = {}): Promise<{ retries: number }> {
  let retries = 0;
  for (let i = 0; i < requests.length; i += 25) {
    retries += await untilProcessed<Record<string, unknown[]>>(
      'BatchWriteItem: items',
      { [table]: requests.slice(i, i + 25) },
      async (pending) => {
        const r = await c.call<{ UnprocessedItems?: Record<string, unknown[]> }>('BatchWriteItem', { RequestItems: pending });
        return nonEmpty(Object.fromEntries(Object.entries(r.UnprocessedItems ?? {}).filter(([, v]) => v.length > 0)));
      },
      o,
    );
  }
  return { retries };
}

export const putRequests = (items: Item[]): Req[] => items.map((Item) => ({ PutRequest: { Item } }));
export const deleteRequests = (keys: Item[]): Req[] => keys.map((Key) => ({ DeleteRequest: { Key } }));

/** Reads keys in batches of 100, retrying UnprocessedKeys; returns every item found. */
export async function batchGetAll(c: DynamoClient, table: string, keys: Item[], extra: Req = {}, o: RetryOptions = {}): Promise<{ items: Item[]; retries: number }> {
  const items: Item[] = [];
  let retries = 0;
  for (let i = 0; i < keys.length; i += 100) {
    retries += await untilProcessed<Record<string, Req>>(
      'BatchGetItem: keys',
      { [table]: { Keys: keys.slice(i, i + 100), ConsistentRead: true, ...extra } },
      async (pending) => {
        const r = await c.call<{ Responses?: Record<string, Item[]>; UnprocessedKeys?: Record<string, Req> }>('BatchGetItem', { RequestItems: pending });
        items.push(...(r.Responses?.[table] ?? []));
        return nonEmpty(r.UnprocessedKeys);
      },
      o,
    );
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

/**
 * JSON with every object's members in name order: an item (and a map attribute) is a map, so two servers may send
 * its attributes in different orders (DynamoDB Local does) and still answer the same item.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** Whether two items (or attribute values) are equal, whatever the order of their attributes and map members. */
export function sameItem(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** A stable text form of a key (for sets and "exactly once" checks). */
export function keyOf(item: Item, attrs: string[]): string {
  return attrs.map((a) => canonicalJson(item[a])).join('|');
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
