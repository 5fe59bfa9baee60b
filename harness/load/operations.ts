// The DynamoDB requests a load workload sends, as prepared templates over one table whose hash key is
// `pk` (S) and whose records carry `fieldCount` string fields, like YCSB's usertable.
import { compileTemplate, type RequestTemplate } from './request-template.ts';

/** Operation names as they appear in reports. */
export type OperationName = 'read' | 'update' | 'conditional-update' | 'read-modify-write' | 'batch-write';

export const BATCH_SIZE = 25;
export const HASH_KEY = 'pk';

export interface TableShape {
  table: string;
  fieldCount: number;
  consistentRead: boolean;
}

export interface OperationTemplates {
  /** GetItem; slots: [key]. */
  read: RequestTemplate;
  /** UpdateItem SET one field; slots: [key, field, value]. */
  update: RequestTemplate;
  /** UpdateItem SET one field if the item exists (a conditional write: LWT in Alternator unless unsafe_rmw); slots as update. */
  conditionalUpdate: RequestTemplate;
  /** PutItem of a whole record; slots: [key, value0..valueN-1]. */
  insert: RequestTemplate;
  /** BatchWriteItem of BATCH_SIZE whole records; slots: [key, value0..] repeated per item. */
  batchWrite: RequestTemplate;
}

export const fieldName = (i: number): string => `field${i}`;

export function recordKey(n: number): string {
  return `user${String(n).padStart(10, '0')}`;
}

export function operationTemplates(shape: TableShape): OperationTemplates {
  const { table, fieldCount } = shape;
  const key = (k: string) => ({ [HASH_KEY]: { S: k } });
  const item = (slot: (i: number) => string, first: number) => {
    const it: Record<string, unknown> = key(slot(first));
    for (let f = 0; f < fieldCount; f++) it[fieldName(f)] = { S: slot(first + 1 + f) };
    return it;
  };
  const update = (conditional: boolean) => (slot: (i: number) => string) => ({
    TableName: table,
    Key: key(slot(0)),
    UpdateExpression: 'SET #f = :v',
    ...(conditional ? { ConditionExpression: `attribute_exists(${HASH_KEY})` } : {}),
    ExpressionAttributeNames: { '#f': slot(1) },
    ExpressionAttributeValues: { ':v': { S: slot(2) } },
  });
  const perItem = fieldCount + 1;
  return {
    read: compileTemplate('GetItem', (slot) => ({ TableName: table, Key: key(slot(0)), ...(shape.consistentRead ? { ConsistentRead: true } : {}) })),
    update: compileTemplate('UpdateItem', update(false)),
    conditionalUpdate: compileTemplate('UpdateItem', update(true)),
    insert: compileTemplate('PutItem', (slot) => ({ TableName: table, Item: item(slot, 0) })),
    batchWrite: compileTemplate('BatchWriteItem', (slot) => ({
      RequestItems: { [table]: Array.from({ length: BATCH_SIZE }, (_, i) => ({ PutRequest: { Item: item(slot, i * perItem) } })) },
    })),
  };
}
