// `cleanup`: removes leftovers of crashed runs from an endpoint: only tables under the harness prefix.
import { DynamoClient } from '../client/dynamo-client.ts';
import { HARNESS_TABLE_PREFIX } from '../endpoint/table-prefix.ts';
import type { DatacenterEndpoint } from '../endpoint/contract.ts';

export async function listHarnessTables(c: DynamoClient): Promise<string[]> {
  const names: string[] = [];
  let start: string | undefined;
  do {
    const r = await c.call<{ TableNames: string[]; LastEvaluatedTableName?: string }>('ListTables', { Limit: 100, ...(start ? { ExclusiveStartTableName: start } : {}) });
    names.push(...r.TableNames);
    start = r.LastEvaluatedTableName;
  } while (start);
  return names.filter((n) => n.startsWith(HARNESS_TABLE_PREFIX));
}

export async function cleanupDatacenter(dc: DatacenterEndpoint, region: string, dryRun: boolean, out: NodeJS.WritableStream): Promise<number> {
  const c = DynamoClient.forDatacenter(dc, region);
  try {
    const tables = await listHarnessTables(c);
    for (const t of tables) {
      out.write(`${dryRun ? 'would delete' : 'deleting'} ${dc.datacenter}/${t}\n`);
      if (!dryRun) await c.call('DeleteTable', { TableName: t });
    }
    return tables.length;
  } finally {
    c.close();
  }
}
