// ReturnValuesOnConditionCheckFailure as Alternator serves it (alternator/executor.cc
// rmw_operation::parse_returnvalues_on_condition_check_failure and the operations' apply(), error.hh
// api_error::conditional_check_failed; scylla-2026.2.4), over a data plane (dynalite v4.0.0) that ignores the
// parameter: the value is validated first, and when a condition fails with ALL_OLD the current item is added to the
// ConditionalCheckFailedException under "Item" (nothing when there is no item). The front door reads the item after
// the refused write; nothing else writes in between on this target.
import type { DataPlane } from './data-plane.ts';
import type { Answer } from './faults.ts';
import { emulates } from './emulations.ts';

type Body = Record<string, any>;

const PARAMETER = 'ReturnValuesOnConditionCheckFailure';
const OPERATIONS = new Set(['PutItem', 'UpdateItem', 'DeleteItem']);

/** The ValidationException message Alternator gives for the parameter, or undefined. */
export function conditionFailureValidationError(operation: string, body: Body): string | undefined {
  if (!OPERATIONS.has(operation) || body[PARAMETER] === undefined) return undefined;
  emulates('condition-failure-item');
  const v = body[PARAMETER];
  if (typeof v !== 'string') return `Expected string value for ${PARAMETER}, got: ${JSON.stringify(v)}`;
  if (v !== 'ALL_OLD' && v !== 'NONE') return `Unrecognized value for ${PARAMETER}: ${v}`;
  return undefined;
}

/** The data plane's refusal, with the item added where Alternator adds it. */
export async function withItemOnConditionFailure(operation: string, request: Body, answer: Answer, plane: DataPlane): Promise<Answer> {
  if (!OPERATIONS.has(operation) || request[PARAMETER] !== 'ALL_OLD' || !String(answer.body.__type ?? '').endsWith('#ConditionalCheckFailedException')) return answer;
  const key = request.Key ?? (await keyOfItem(plane, String(request.TableName), request.Item ?? {}));
  const r = await plane.call('GetItem', JSON.stringify({ TableName: request.TableName, Key: key, ConsistentRead: true }));
  const item = r.status === 200 ? JSON.parse(r.body).Item : undefined;
  return item ? { ...answer, body: { ...answer.body, Item: item } } : answer;
}

async function keyOfItem(plane: DataPlane, table: string, item: Body): Promise<Body> {
  const r = await plane.call('DescribeTable', JSON.stringify({ TableName: table }));
  const names = (JSON.parse(r.body).Table?.KeySchema ?? []) as Array<{ AttributeName: string }>;
  return Object.fromEntries(names.map((k) => [k.AttributeName, item[k.AttributeName]]));
}
