// Alternator's TTL expiration, emulated over the local data plane (which has none): a background scan of every table
// with TTL enabled, once per period, deleting the items whose TTL attribute has passed. The rules are
// alternator/ttl.cc is_expired() (scylla-2026.2.4): only a number expires (a string never does), read as whole
// seconds since the epoch, and only if it is at most now and less than 5 years in the past. The period stands for
// scylla.yaml alternator_ttl_period_in_seconds (test/alternator/run uses 0.5), and the endpoint declares it.
import { emulates } from './emulations.ts';

/** What the scan needs of the data plane (data-plane.ts), declared here so the plane can start the scan. */
export interface ExpiringTables {
  readonly tables: ReadonlyMap<string, { ttl?: { attribute: string; enabled: boolean } }>;
  call(operation: string, body: string): Promise<{ status: number; body: string }>;
}

/** The emulated alternator_ttl_period_in_seconds, in milliseconds. */
export const TTL_SCAN_PERIOD_MS = 500;
/** std::chrono::years(5) in seconds (ttl.cc): 5 * 365.2425 days. */
const FIVE_YEARS_S = 157_784_760;

type AV = Record<string, any>;

/** Whether a TTL attribute value makes its item expired at `nowS` (seconds since the epoch). */
export function isExpired(value: AV | undefined, nowS: number): boolean {
  emulates('ttl-expiry');
  if (!value || typeof value.N !== 'string') return false;
  const t = Math.trunc(Number(value.N));
  return Number.isFinite(t) && t <= nowS && t > nowS - FIVE_YEARS_S;
}

/** Starts the scan; the returned function stops it and waits for a pass in progress. */
export function startExpirationScan(plane: ExpiringTables, periodMs = TTL_SCAN_PERIOD_MS): () => Promise<void> {
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    running ??= scanOnce(plane).finally(() => (running = undefined));
  }, periodMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

async function scanOnce(plane: ExpiringTables): Promise<void> {
  for (const [table, state] of [...plane.tables]) {
    if (!state.ttl?.enabled) continue;
    // A table may be deleted or changed while it is scanned; the next pass sees the new state.
    await expireTable(plane, table, state.ttl.attribute).catch(() => undefined);
  }
}

async function expireTable(plane: ExpiringTables, table: string, attribute: string): Promise<void> {
  const described = await plane.call('DescribeTable', JSON.stringify({ TableName: table }));
  if (described.status !== 200) return;
  const keyNames = (JSON.parse(described.body).Table.KeySchema as Array<{ AttributeName: string }>).map((k) => k.AttributeName);
  let start: AV | undefined;
  do {
    const page = await plane.call('Scan', JSON.stringify({ TableName: table, ConsistentRead: true, ...(start ? { ExclusiveStartKey: start } : {}) }));
    if (page.status !== 200) return;
    const body = JSON.parse(page.body) as { Items: AV[]; LastEvaluatedKey?: AV };
    const nowS = Math.floor(Date.now() / 1000);
    for (const item of body.Items) {
      if (!isExpired(item[attribute], nowS)) continue;
      // Deleted only if the attribute still holds the expired value: an update that pushed it forward wins.
      await plane.call(
        'DeleteItem',
        JSON.stringify({
          TableName: table,
          Key: Object.fromEntries(keyNames.map((k) => [k, item[k]])),
          ConditionExpression: '#ttl = :expired',
          ExpressionAttributeNames: { '#ttl': attribute },
          ExpressionAttributeValues: { ':expired': item[attribute] },
        }),
      );
    }
    start = body.LastEvaluatedKey;
  } while (start);
}
