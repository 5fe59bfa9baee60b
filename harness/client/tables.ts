// Table lifecycle over the raw client, shared by suites (through the suite kit) and the load phase:
// CreateTable and DeleteTable may return before the table is ACTIVE or gone (DynamoDB; the local data plane).
import { DynamoError, type DynamoClient } from './dynamo-client.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitActive(c: DynamoClient, name: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const d = await c.call<{ Table: { TableStatus: string } }>('DescribeTable', { TableName: name });
    if (d.Table.TableStatus === 'ACTIVE') return;
    if (Date.now() > deadline) throw new Error(`table ${name} not ACTIVE after ${timeoutMs} ms (last status ${d.Table.TableStatus})`);
    await sleep(100);
  }
}

/**
 * DeleteTable may return while the table is still DELETING (DynamoDB; the local data plane under load):
 * wait until DescribeTable answers ResourceNotFoundException. Any other error fails at once.
 */
export async function waitTableGone(c: DynamoClient, name: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await c.call('DescribeTable', { TableName: name });
    } catch (e) {
      if (e instanceof DynamoError && e.type === 'ResourceNotFoundException') return;
      throw e;
    }
    if (Date.now() > deadline) throw new Error(`table ${name} still exists ${timeoutMs / 1000} s after DeleteTable`);
    await sleep(100);
  }
}

export async function deleteTableQuietly(c: DynamoClient, name: string): Promise<void> {
  try {
    await c.call('DeleteTable', { TableName: name });
  } catch (e) {
    if (!(e instanceof DynamoError && e.type === 'ResourceNotFoundException')) throw e;
  }
}
