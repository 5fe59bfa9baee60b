// BatchGetItem as Alternator serves it, over a data plane that enforces DynamoDB's rules (alternator/executor_read.cc
// executor::batch_get_item, scylla-2026.2.4): no limit of 100 keys (the front door sends chunks of 100 and joins
// the answers), and a table whose Keys list is empty is simply left out of Responses instead of refused.
import type { Answer } from './faults.ts';
import { emulates } from './emulations.ts';

type Body = Record<string, any>;

/** DynamoDB's limit, which the data plane (dynalite) enforces per request. */
const DATA_PLANE_KEYS = 100;

export async function alternatorBatchGet(request: Body, call: (body: Body) => Promise<Answer>): Promise<Answer> {
  emulates('batch-get-unbounded');
  const items = request.RequestItems;
  if (!items || typeof items !== 'object' || Array.isArray(items)) return call(request);
  const tables = Object.entries(items as Record<string, Body>).filter(([, t]) => !(Array.isArray(t?.Keys) && t.Keys.length === 0));
  if (tables.length === 0 && Object.keys(items).length > 0) return { status: 200, body: { Responses: {}, UnprocessedKeys: {} } };
  const total = tables.reduce((n, [, t]) => n + (Array.isArray(t?.Keys) ? t.Keys.length : 0), 0);
  if (total <= DATA_PLANE_KEYS) return call({ ...request, RequestItems: Object.fromEntries(tables) });
  // Split: the data plane would see no duplicates across chunks, so they are refused here, as Alternator does.
  for (const [, t] of tables) {
    const seen = new Set((t.Keys as Body[]).map(canonicalKey));
    if (seen.size !== t.Keys.length) return { status: 400, body: { __type: 'ValidationException', message: 'Provided list of item keys contains duplicates' } };
  }
  const responses: Record<string, Body[]> = {};
  const unprocessed: Record<string, Body> = {};
  for (const chunk of chunks(tables)) {
    const a = await call({ ...request, RequestItems: chunk });
    if (a.status !== 200) return a;
    for (const [table, found] of Object.entries((a.body.Responses ?? {}) as Record<string, Body[]>)) (responses[table] ??= []).push(...found);
    for (const [table, rest] of Object.entries((a.body.UnprocessedKeys ?? {}) as Record<string, Body>)) {
      const u = (unprocessed[table] ??= { ...rest, Keys: [] });
      u.Keys.push(...rest.Keys);
    }
  }
  return { status: 200, body: { Responses: responses, UnprocessedKeys: unprocessed } };
}

/** Requests of at most 100 keys, each table keeping its options (ConsistentRead, projections). */
function* chunks(tables: Array<[string, Body]>): Generator<Record<string, Body>> {
  let current: Record<string, Body> = {};
  let room = DATA_PLANE_KEYS;
  for (const [name, t] of tables) {
    for (let i = 0; i < t.Keys.length; ) {
      const take = Math.min(room, t.Keys.length - i);
      const entry = (current[name] ??= { ...t, Keys: [] });
      entry.Keys.push(...t.Keys.slice(i, i + take));
      i += take;
      room -= take;
      if (room === 0) {
        yield current;
        current = {};
        room = DATA_PLANE_KEYS;
      }
    }
  }
  if (Object.keys(current).length) yield current;
}

/** A key's attributes in name order, so two spellings of one key compare equal. */
function canonicalKey(key: Body): string {
  return JSON.stringify(Object.keys(key ?? {}).sort().map((k) => [k, key[k]]));
}
