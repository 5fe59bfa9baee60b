// `cleanup`: removes leftovers of crashed runs from an endpoint: only tables under the harness prefix.
import { DynamoClient } from '../client/dynamo-client.ts';
import { listTables } from '../client/tables.ts';
import { HARNESS_TABLE_PREFIX } from '../endpoint/table-prefix.ts';
import type { DatacenterEndpoint } from '../endpoint/contract.ts';

export async function cleanupDatacenter(dc: DatacenterEndpoint, region: string, dryRun: boolean, out: NodeJS.WritableStream): Promise<number> {
  const c = DynamoClient.forDatacenter(dc, region);
  try {
    const tables = await listTables(c, HARNESS_TABLE_PREFIX);
    for (const t of tables) {
      out.write(`${dryRun ? 'would delete' : 'deleting'} ${dc.datacenter}/${t}\n`);
      if (!dryRun) await c.call('DeleteTable', { TableName: t });
    }
    return tables.length;
  } finally {
    c.close();
  }
}
