// Before a workload runs: create its table (hash key `pk` S, on demand), wait until ACTIVE, and insert
// the records it will read and update, in BatchWriteItem requests of 25 over the fast client.
// Kubernetes workers insert disjoint slices ([from, to)) of the same table.
import { DynamoClient, DynamoError } from '../client/dynamo-client.ts';
import { waitActive } from '../client/tables.ts';
import { seededRng } from './rng.ts';
import { operationTemplates, recordKey, BATCH_SIZE, HASH_KEY } from './operations.ts';
import { recordSlots, valuePool, type PreparedCall } from './workloads.ts';
import type { Channel, LoadEndpoint } from './transport.ts';
import { rawTransport } from './raw-transport.ts';
import type { TableSpec } from './shard-spec.ts';

export function controlClient(e: LoadEndpoint, timeoutMs = 30_000): DynamoClient {
  return new DynamoClient({ url: e.url, caPem: e.caPem, servername: e.servername, credentials: e.credentials, region: e.region, timeoutMs });
}

/** Creates the table unless it exists, then waits for ACTIVE. Returns whether it was created here. */
export async function prepareTable(client: DynamoClient, table: string, timeoutMs = 120_000): Promise<boolean> {
  let created = true;
  try {
    await client.call('CreateTable', {
      TableName: table,
      KeySchema: [{ AttributeName: HASH_KEY, KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: HASH_KEY, AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    });
  } catch (e) {
    if (!(e instanceof DynamoError && e.type === 'ResourceInUseException')) throw e;
    created = false;
  }
  await waitActive(client, table, timeoutMs);
  return created;
}

export interface InsertSpec extends TableSpec {
  endpoint: LoadEndpoint;
  /** Records [from, to) are inserted. */
  from: number;
  to: number;
  concurrency: number;
  seed: number;
  timeoutMs: number;
}

export interface InsertResult {
  records: number;
  durationSeconds: number;
  errors: Record<string, number>;
}

const MAX_ATTEMPTS = 5;

async function send(ch: Channel, call: PreparedCall, errors: Record<string, number>): Promise<boolean> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const out = await ch.call(call);
    // Unprocessed items: the whole batch is sent again (puts are idempotent).
    if (out.errorType === undefined && !out.unprocessedItems) return true;
    const type = out.errorType ?? 'UnprocessedItems';
    if (attempt === MAX_ATTEMPTS) {
      errors[type] = (errors[type] ?? 0) + 1;
      return false;
    }
    await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
  }
  return false;
}

export async function insertRecords(spec: InsertSpec): Promise<InsertResult> {
  const rng = seededRng(spec.seed);
  const values = valuePool(rng, spec.fieldLength);
  const t = operationTemplates(spec);
  const transport = rawTransport(spec.endpoint, spec.timeoutMs);
  const errors: Record<string, number> = {};
  const record = (n: number): string[] => recordSlots(recordKey(n), spec.fieldCount, values, rng);
  let next = spec.from;
  let inserted = 0;
  const started = performance.now();
  try {
    await Promise.all(
      Array.from({ length: spec.concurrency }, async () => {
        const ch = transport.channel();
        while (next < spec.to) {
          const first = next;
          const n = Math.min(BATCH_SIZE, spec.to - first);
          next += n;
          if (n === BATCH_SIZE) {
            const slots: string[] = [];
            for (let i = first; i < first + n; i++) slots.push(...record(i));
            if (await send(ch, { template: t.batchWrite, slots }, errors)) inserted += n;
          } else {
            for (let i = first; i < first + n; i++) if (await send(ch, { template: t.insert, slots: record(i) }, errors)) inserted++;
          }
        }
      }),
    );
  } finally {
    transport.close();
  }
  const total = spec.to - spec.from;
  if (total > 0 && inserted === 0)
    throw new Error(`load phase: no record could be inserted into ${spec.table} (errors: ${JSON.stringify(errors)})`);
  return { records: inserted, durationSeconds: (performance.now() - started) / 1000, errors };
}
