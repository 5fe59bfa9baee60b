// Alternator's rules about secondary indexes that the local data plane (dynalite) does not apply, added by the front
// door (scylla-2026.2.4): an index name is limited by the table name's length (executor_util.cc view_name: TableName,
// ':' or '!:', IndexName together at most 222 characters), an attribute defined twice is refused
// (executor.cc "Duplicate AttributeName"), and a consistent Scan of a GSI is refused (executor_read.cc).
import type { DataPlane } from './data-plane.ts';
import { emulates } from './emulations.ts';

type Body = Record<string, any>;

const MAX_AUXILIARY_TABLE_NAME_LENGTH = 222;
/** What DynamoDB (and dynalite) check first: 3 to 255 characters of [a-zA-Z0-9_.-]; others are left to the data plane. */
const PLAIN_NAME = /^[a-zA-Z0-9_.-]{3,255}$/;

function nameLengthError(table: string, index: unknown, delimiter: string): string | undefined {
  if (typeof index !== 'string' || !PLAIN_NAME.test(index)) return undefined;
  if (table.length + delimiter.length + index.length <= MAX_AUXILIARY_TABLE_NAME_LENGTH) return undefined;
  return `The total length of TableName ('${table}') and IndexName ('${index}') cannot exceed ${MAX_AUXILIARY_TABLE_NAME_LENGTH - delimiter.length} characters`;
}

const names = (indexes: unknown): unknown[] => (Array.isArray(indexes) ? indexes.map((i: Body) => i?.IndexName) : []);

/** executor.cc validate_attribute_definitions: an attribute defined twice in a CreateTable, or undefined. */
export function duplicateAttributeError(operation: string, body: Body): string | undefined {
  if (operation !== 'CreateTable' || !Array.isArray(body.AttributeDefinitions)) return undefined;
  emulates('duplicate-attribute-definition');
  const seen = new Set<string>();
  for (const d of body.AttributeDefinitions as Body[]) {
    if (seen.has(d?.AttributeName)) return `Duplicate AttributeName=${d.AttributeName} in AttributeDefinitions`;
    seen.add(d?.AttributeName);
  }
  return undefined;
}

/** An index name too long beside its table's (executor_util.cc view_name, lsi_name) in CreateTable or UpdateTable, or undefined. */
export function indexNameLengthError(operation: string, body: Body): string | undefined {
  const table = typeof body.TableName === 'string' ? body.TableName : undefined;
  if (table === undefined || (operation !== 'CreateTable' && operation !== 'UpdateTable')) return undefined;
  emulates('index-name-length');
  if (operation === 'CreateTable') {
    for (const n of names(body.GlobalSecondaryIndexes)) {
      const e = nameLengthError(table, n, ':');
      if (e) return e;
    }
    for (const n of names(body.LocalSecondaryIndexes)) {
      const e = nameLengthError(table, n, '!:');
      if (e) return e;
    }
  }
  if (operation === 'UpdateTable' && Array.isArray(body.GlobalSecondaryIndexUpdates))
    for (const u of body.GlobalSecondaryIndexUpdates as Body[]) {
      const e = nameLengthError(table, u?.Create?.IndexName, ':');
      if (e) return e;
    }
  return undefined;
}

/** A consistent Scan or Query of a GSI: the message Alternator refuses it with (dynalite refuses only the Query). */
export async function gsiConsistentReadError(operation: string, body: Body, plane: DataPlane): Promise<string | undefined> {
  if ((operation !== 'Scan' && operation !== 'Query') || body.ConsistentRead !== true || typeof body.IndexName !== 'string' || typeof body.TableName !== 'string') return undefined;
  emulates('gsi-consistent-read');
  const r = await plane.call('DescribeTable', JSON.stringify({ TableName: body.TableName }));
  const gsis = r.status === 200 ? (JSON.parse(r.body).Table.GlobalSecondaryIndexes as Body[] | undefined) : undefined;
  return gsis?.some((g) => g.IndexName === body.IndexName) ? 'Consistent reads are not allowed on global indexes (GSI)' : undefined;
}
