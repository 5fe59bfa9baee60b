// Alternator's request limits that the local data plane (dynalite) does not enforce, checked by the front door with
// Alternator's messages: the JSON nesting limit of its parser (utils/rjson.hh default_max_nested_level), the 4096-byte
// expression limit (alternator/expressions.cc parse), the document path depth (path::check_depth_limit) and attribute
// name lengths (validate_attr_name_length). Which of them the emulated version has comes from the registry.
import type { Feature } from '../../differences/features.ts';
import { emulates } from './emulations.ts';

type Body = Record<string, any>;

/** utils/rjson.hh default_max_nested_level: 78 JSON levels, two per DynamoDB value level (39 value levels). */
export const MAX_JSON_NESTING = 78;
const MAX_EXPRESSION_BYTES = 4096;
const MAX_PATH_DEPTH = 32;
const MAX_NONKEY_NAME_BYTES = 65535;
const MAX_KEY_NAME_BYTES = 255;

const EXPRESSIONS = ['ProjectionExpression', 'ConditionExpression', 'UpdateExpression', 'FilterExpression', 'KeyConditionExpression'] as const;

/**
 * "Max nested level reached: 78" when the parsed request nests objects and arrays deeper than rjson allows (the
 * request object itself is level 1), else undefined. Iterative, and it stops at the first level too deep, so a
 * request nested 200,000 levels costs no more than a shallow one.
 */
export function jsonNestingError(body: unknown): string | undefined {
  emulates('json-nesting-limit');
  const stack: Array<{ value: unknown; depth: number }> = [{ value: body, depth: 1 }];
  while (stack.length) {
    const { value, depth } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_JSON_NESTING) return `Max nested level reached: ${MAX_JSON_NESTING}`;
    for (const v of Array.isArray(value) ? value : Object.values(value)) if (typeof v === 'object' && v !== null) stack.push({ value: v, depth: depth + 1 });
  }
  return undefined;
}

/** The first limit the request breaks, as Alternator words it, among those the emulated version has. */
export function requestLimitError(operation: string, body: Body, offers: (f: Feature) => boolean): string | undefined {
  emulates('request-limits');
  if (offers('expression-size-limit-4kb'))
    for (const name of EXPRESSIONS) {
      const e = body[name];
      if (typeof e === 'string' && Buffer.byteLength(e) > MAX_EXPRESSION_BYTES)
        return `${name} expression size ${Buffer.byteLength(e)} exceeds allowed maximum ${MAX_EXPRESSION_BYTES}.`;
    }
  if (typeof body.ProjectionExpression === 'string') {
    const deep = projectionPaths(body.ProjectionExpression).find((p) => pathDepth(p) > MAX_PATH_DEPTH);
    if (deep !== undefined) return `Failed parsing ProjectionExpression '${body.ProjectionExpression}': Document path exceeded ${MAX_PATH_DEPTH} nesting levels`;
  }
  return attributeNameError(operation, body, offers);
}

/** validate_attr_name_length over the names a request carries: item attributes, AttributesToGet, AttributeUpdates, placeholders. */
function attributeNameError(operation: string, body: Body, offers: (f: Feature) => boolean): string | undefined {
  const tooLong = offers('attribute-name-length-limit');
  const empty = offers('empty-attribute-name-refused');
  const check = (name: string, prefix = '', max = MAX_NONKEY_NAME_BYTES): string | undefined => {
    const n = Buffer.byteLength(name);
    if (n === 0 && empty) return `${prefix}Empty attribute name`;
    if (n > max && tooLong) return `${prefix}Attribute name is too large, must be less than ${max + 1} bytes`;
    return undefined;
  };
  const names = (o: unknown) => (o && typeof o === 'object' && !Array.isArray(o) ? Object.keys(o) : []);
  const firstOf = (list: string[], prefix?: string, max?: number) => list.map((n) => check(n, prefix, max)).find((m) => m !== undefined);
  if (operation === 'CreateTable') {
    // executor::create_table: AttributeDefinitions first (validate_attribute_definitions), then parse_key_schema.
    const nameOf = (x: unknown) => String((x as { AttributeName?: unknown })?.AttributeName ?? '');
    const list = (v: unknown) => (Array.isArray(v) ? v : []);
    const [hash, range] = list(body.KeySchema);
    return (
      firstOf(list(body.AttributeDefinitions).map(nameOf), 'in AttributeDefinitions - ', MAX_KEY_NAME_BYTES) ??
      (hash ? check(nameOf(hash), 'HASH key in KeySchema - ', MAX_KEY_NAME_BYTES) : undefined) ??
      (range ? check(nameOf(range), 'RANGE key in KeySchema - ', MAX_KEY_NAME_BYTES) : undefined)
    );
  }
  return (
    (operation === 'PutItem' ? firstOf(names(body.Item)) : undefined) ??
    (Array.isArray(body.AttributesToGet) ? firstOf(body.AttributesToGet.map(String), 'in AttributesToGet - ') : undefined) ??
    (operation === 'UpdateItem' ? firstOf(names(body.AttributeUpdates), 'in AttributeUpdates - ') : undefined) ??
    firstOf(Object.values((body.ExpressionAttributeNames ?? {}) as Record<string, unknown>).map(String), 'ExpressionAttributeNames contains invalid value: ')
  );
}

/**
 * BatchWriteItem's structure, checked member by member as executor::batch_write_item does (get_member,
 * validate_is_object, get_single_member); a malformed batch must be refused, never reach the data plane (dynalite
 * throws on a null write request and takes its process down: test_batch_write_item_invalid_payload, #23233).
 */
export function batchWriteShapeError(body: Body): string | undefined {
  emulates('batch-write-shape');
  const isObject = (v: unknown): v is Body => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (body.RequestItems === undefined) return 'BatchWriteItem content is missing a mandatory member RequestItems';
  if (!isObject(body.RequestItems)) return 'RequestItems must be an object';
  for (const writes of Object.values(body.RequestItems))
    if (!Array.isArray(writes) || writes.length === 0) return 'Member of RequestItems must be a non-empty array of WriteRequest objects';
  for (const writes of Object.values(body.RequestItems) as unknown[][])
    for (const w of writes) {
      if (!isObject(w) || Object.keys(w).length !== 1) return 'RequestItems element: expected an object with a single member.';
      const [kind, request] = Object.entries(w)[0]!;
      const member = kind === 'PutRequest' ? 'Item' : kind === 'DeleteRequest' ? 'Key' : undefined;
      if (!member) continue;
      if (!isObject(request)) return `${kind} must be an object`;
      if (request[member] === undefined) return `${kind} is missing a mandatory member ${member}`;
      if (!isObject(request[member])) return `${member} in ${kind} must be an object`;
    }
  return undefined;
}

/** The paths of a projection: its comma-separated parts (commas never appear inside a path). */
function projectionPaths(expression: string): string[] {
  return expression.split(',').map((p) => p.trim());
}

/** The levels of a document path: the top-level attribute plus one per `.name` or `[index]`. */
function pathDepth(path: string): number {
  return 1 + (path.match(/[.[]/g)?.length ?? 0);
}
