// Table lifecycle over the raw client, shared by suites (through the suite kit) and the load phase:
// CreateTable and DeleteTable may return before the table is ACTIVE or gone (DynamoDB; the local data plane).
// Alternator answers CreateTable only after the schema change reached agreement, with TableStatus ACTIVE
// (alternator/executor.cc executor::create_table_on_shard0 → supplement_table_info: "The states CREATING and
// UPDATING are not currently returned", every ScyllaDB release with Alternator): polling DescribeTable there waits
// for nothing, and on a real cluster each poll is a request on a busy node. So the answer decides.
import { DynamoError, type DynamoClient } from './dynamo-client.ts';
import { eventually, type Deadline } from '../suite-kit/timing.ts';

/**
 * How long a table may stay CREATING or DELETING: no setting bounds it. DynamoDB takes seconds, DynamoDB Local and the
 * local data plane milliseconds, and Alternator answers with the change done, so the first DescribeTable decides.
 */
const tableStateDeadline = (ms: number): Deadline => ({
  ms,
  from: 'a table leaves CREATING/DELETING within seconds on DynamoDB and at once elsewhere (Alternator answers with the schema change done); no setting bounds it',
});

/** A DescribeTable answer or the error it failed with: a failure other than the awaited one ends the wait at once. */
type Described = { status?: string; error?: unknown };
const describeStatus = (c: DynamoClient, name: string): Promise<Described> =>
  c.call<{ Table: { TableStatus: string } }>('DescribeTable', { TableName: name }).then(
    (d) => ({ status: d.Table.TableStatus }),
    (error: unknown) => ({ error }),
  );

export interface KeyDef {
  hash: [string, 'S' | 'N' | 'B'];
  range?: [string, 'S' | 'N' | 'B'];
}

/** The CreateTable body for a simple key schema; extra fields (indexes, tags) merged in. */
export function tableDefinition(name: string, key: KeyDef, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const attrs = [key.hash, ...(key.range ? [key.range] : [])];
  return {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: [
      { AttributeName: key.hash[0], KeyType: 'HASH' },
      ...(key.range ? [{ AttributeName: key.range[0], KeyType: 'RANGE' }] : []),
    ],
    AttributeDefinitions: attrs.map(([n, t]) => ({ AttributeName: n, AttributeType: t })),
    ...extra,
  };
}

/** CreateTable, then DescribeTable polls only when the answer does not already say ACTIVE (DynamoDB: CREATING). */
export async function createTable<T = { TableDescription?: { TableStatus?: string } }>(
  c: DynamoClient,
  definition: Record<string, unknown>,
  timeoutMs = 60_000,
): Promise<T> {
  const answer = await c.call<T & { TableDescription?: { TableStatus?: string } }>('CreateTable', definition);
  if (answer.TableDescription?.TableStatus !== 'ACTIVE') await waitActive(c, String(definition.TableName), timeoutMs);
  return answer;
}

export async function waitActive(c: DynamoClient, name: string, timeoutMs = 60_000): Promise<void> {
  const d = await eventually(
    `table ${name} ACTIVE`,
    async () => {
      const d = await describeStatus(c, name);
      if (d.error === undefined && d.status !== 'ACTIVE') throw new Error(`status ${d.status}`);
      return d;
    },
    tableStateDeadline(timeoutMs),
    { stepMs: 100 },
  );
  if (d.error !== undefined) throw d.error;
}

/**
 * DeleteTable may return while the table is still DELETING (DynamoDB; the local data plane under load):
 * wait until DescribeTable answers ResourceNotFoundException. Any other error fails at once.
 */
export async function waitTableGone(c: DynamoClient, name: string, timeoutMs = 60_000): Promise<void> {
  const d = await eventually(
    `table ${name} gone after DeleteTable`,
    async () => {
      const d = await describeStatus(c, name);
      if (d.error === undefined) throw new Error(`status ${d.status}`);
      return d;
    },
    tableStateDeadline(timeoutMs),
    { stepMs: 100 },
  );
  if (!(d.error instanceof DynamoError && d.error.type === 'ResourceNotFoundException')) throw d.error;
}

export async function deleteTableQuietly(c: DynamoClient, name: string): Promise<void> {
  try {
    await c.call('DeleteTable', { TableName: name });
  } catch (e) {
    if (!(e instanceof DynamoError && e.type === 'ResourceNotFoundException')) throw e;
  }
}

/** Every table name of the endpoint that starts with `prefix`, over all ListTables pages. */
export async function listTables(c: DynamoClient, prefix: string): Promise<string[]> {
  const names: string[] = [];
  let start: string | undefined;
  do {
    const r = await c.call<{ TableNames?: string[]; LastEvaluatedTableName?: string }>('ListTables', { Limit: 100, ...(start ? { ExclusiveStartTableName: start } : {}) });
    names.push(...(r.TableNames ?? []).filter((n) => n.startsWith(prefix)));
    start = r.LastEvaluatedTableName;
  } while (start);
  return names;
}
