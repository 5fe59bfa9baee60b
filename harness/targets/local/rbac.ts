// Which CQL permission an Alternator operation needs, and on which table, as alternator/executor_util.cc
// verify_permission and verify_create_permission check them (docs/alternator/compatibility.md "Authentication and
// Authorization"): SELECT to read, MODIFY to write, ALTER for table settings and tags, DROP to delete a table, CREATE
// on ALL KEYSPACES to create one; a Query or Scan of an index is checked on the index's view; a batch needs the
// permission on every table it names. Operations not listed need no permission.
import { indexResource, type Permission, type Role, type RoleStore } from './role-store.ts';
import { emulates } from './emulations.ts';

type Body = Record<string, any>;

const PERMISSION_OF: Record<string, Permission> = {
  GetItem: 'SELECT', BatchGetItem: 'SELECT', Query: 'SELECT', Scan: 'SELECT',
  PutItem: 'MODIFY', UpdateItem: 'MODIFY', DeleteItem: 'MODIFY', BatchWriteItem: 'MODIFY',
  CreateTable: 'CREATE', DeleteTable: 'DROP', UpdateTable: 'ALTER', TagResource: 'ALTER', UntagResource: 'ALTER', UpdateTimeToLive: 'ALTER',
};

/** The tables an operation works on: its TableName, a tagging ARN's table, or every table of a batch. */
export function tablesOf(body: Body): string[] {
  if (typeof body.TableName === 'string') return [body.TableName];
  if (typeof body.ResourceArn === 'string') return [body.ResourceArn.split(':table/')[1] ?? ''];
  const items = body.RequestItems;
  return items && typeof items === 'object' ? Object.keys(items) : [];
}

/** The AccessDeniedException message for the first permission the role lacks, or undefined when it may proceed. */
export function permissionDenial(roles: RoleStore, role: Role, operation: string, body: Body, client: string): string | undefined {
  emulates('rbac-permissions');
  const needed = PERMISSION_OF[operation];
  if (!needed) return undefined;
  if (operation === 'CreateTable') return roles.allows(role, 'CREATE', undefined) ? undefined : `CREATE access on ALL KEYSPACES is denied to role ${role.name}`;
  const index = (operation === 'Query' || operation === 'Scan') && typeof body.IndexName === 'string' ? body.IndexName : undefined;
  for (const table of tablesOf(body)) {
    const resource = index ? indexResource(table, index) : table;
    if (!roles.allows(role, needed, resource))
      return `${needed} access on table alternator_${table}.${resource} is denied to role ${role.name}, client address ${client}`;
  }
  return undefined;
}

/** The resources auto-grant covers for a new table: the table and the views of its indexes. */
export function createdResources(body: Body): string[] {
  emulates('rbac-auto-grant');
  const table = String(body.TableName);
  const indexes = [...((body.GlobalSecondaryIndexes as Body[] | undefined) ?? []), ...((body.LocalSecondaryIndexes as Body[] | undefined) ?? [])];
  return [table, ...indexes.map((i) => indexResource(table, String(i.IndexName)))];
}
