// Run-scoped tables shared by every suite file of a deployment that only needs "a table with this key schema",
// as ScyllaDB's own test/alternator shares a dozen session-scoped tables (conftest.py test_table_s, test_table_sn,
// ...) and creates its own only where a test is about the schema. On a real cluster every CreateTable/DeleteTable
// is a schema change agreed cluster-wide and serialized (scylladb/scylladb#7594), so fewer tables is most of a
// run's set-up time. Each case works in its own keys (the handle's key prefix), so no case sees another's items.
//
// The first file that needs a key schema creates its table; the others join it (CreateTable answers
// ResourceInUseException: then wait until it is ACTIVE). The run deletes them after the suites (deleteSharedTables).
import { DynamoClient, DynamoError, type ClientOptions } from '../client/dynamo-client.ts';
import { createTable, deleteTableQuietly, listTables, tableDefinition, waitActive, type KeyDef } from '../client/tables.ts';
import { differenceById, holdsFor } from '../differences/registry.ts';
import type { Endpoint } from './contract.ts';

/** What follows the variant's table prefix in a shared table's name. */
export const SHARED_TABLE_MARK = 'shared_';

/** One name per key schema and deployment, e.g. alte2e_1a2b3c4d_shared_pk-S.sk-N. */
export function sharedTableName(tablePrefix: string, key: KeyDef): string {
  const part = ([name, type]: [string, string]) => `${name.replace(/[^A-Za-z0-9_-]/g, '_')}-${type}`;
  return `${tablePrefix}${SHARED_TABLE_MARK}${[key.hash, ...(key.range ? [key.range] : [])].map(part).join('.')}`;
}

/**
 * DynamoDB Local answers table DDL with HTTP 500 now and then while other tables are created or deleted, and changes
 * nothing (difference dynamodb-local-concurrent-ddl-500): there, and only there, table DDL is sent again, as every
 * DynamoDB client would. Anywhere else a 5xx stays a finding.
 */
export function ddlRetries(e: Endpoint): Partial<ClientOptions> {
  return holdsFor(differenceById('dynamodb-local-concurrent-ddl-500'), e) ? { retryServerErrorsOf: DDL_OPERATIONS } : {};
}
const DDL_OPERATIONS: ReadonlySet<string> = new Set(['CreateTable', 'UpdateTable', 'DeleteTable']);

/**
 * Under a forbid_rmw variant, API tests that need read-modify-write (conditions, ReturnValues, ADD...) run on
 * tables that override the policy with Alternator's documented per-table tag `system:write_isolation`
 * (alternator/executor.cc get_write_isolation_for_schema; docs/alternator/alternator.md "Write isolation
 * policies"); suites/isolation checks forbid_rmw itself on untagged tables.
 */
export function rmwAllowed(e: Endpoint, def: Record<string, unknown>): Record<string, unknown> {
  if (e.apiProfile !== 'alternator' || e.promises.writeIsolation !== 'forbid_rmw') return def;
  const tags = (def.Tags as Array<{ Key: string; Value: string }> | undefined) ?? [];
  if (tags.some((t) => t.Key === 'system:write_isolation')) return def;
  return { ...def, Tags: [...tags, { Key: 'system:write_isolation', Value: 'only_rmw_uses_lwt' }] };
}

/** Creates the deployment's shared table for this key schema, or waits for the one another file is creating. */
export async function joinSharedTable(c: DynamoClient, e: Endpoint, key: KeyDef): Promise<string> {
  const name = sharedTableName(e.tablePrefix, key);
  try {
    await createTable(c, rmwAllowed(e, tableDefinition(name, key)));
  } catch (err) {
    if (!(err instanceof DynamoError && err.type === 'ResourceInUseException')) throw err;
    await waitActive(c, name);
  }
  return name;
}

/** The key schemas of a deployment's shared tables (pk-S.sk-N, ...), from their names. */
export function sharedKeySchemas(e: Pick<Endpoint, 'tablePrefix'>, names: readonly string[] | undefined): string[] | undefined {
  const prefix = `${e.tablePrefix}${SHARED_TABLE_MARK}`;
  return names?.filter((n) => n.startsWith(prefix)).map((n) => n.slice(prefix.length)).sort();
}

/** After the suites: deletes the deployment's shared tables (found with ListTables; none is an answer too). */
export async function deleteSharedTables(e: Endpoint): Promise<string[]> {
  const dc = e.datacenters[0];
  if (!dc) return [];
  const c = DynamoClient.forDatacenter(dc, e.region, { ...ddlRetries(e), timeoutMs: 60_000 });
  try {
    const names = await listTables(c, `${e.tablePrefix}${SHARED_TABLE_MARK}`);
    for (const n of names) await deleteTableQuietly(c, n);
    return names;
  } finally {
    c.close();
  }
}
