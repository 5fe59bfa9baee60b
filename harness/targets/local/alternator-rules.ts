// Alternator behaviour the local front door adds on top of its DynamoDB data plane, from ScyllaDB's
// alternator/executor.cc (rmw_operation, write isolation) and docs/alternator/alternator.md.
import { normalizeWriteIsolation, type WriteIsolation } from '../../variant/model.ts';
import { emulates } from './emulations.ts';

export const WRITE_ISOLATION_TAG = 'system:write_isolation';

export const FORBID_RMW_MESSAGE =
  "Read-modify-write operations are disabled by 'forbid_rmw' write isolation policy. Refer to https://github.com/scylladb/scylla/blob/master/docs/alternator/alternator.md#write-isolation-policies for more information.";

export function invalidIsolationTagMessage(value: string): string {
  emulates('write-isolation-tag');
  return `Incorrect write isolation tag ${value}. Allowed values: a, always, always_use_lwt, o, only_rmw_uses_lwt, f, forbid, forbid_rmw, u, unsafe, unsafe_rmw`;
}

export function isolationFromTag(value: string): WriteIsolation | undefined {
  return normalizeWriteIsolation(value);
}

type Body = Record<string, unknown>;

const RETURN_VALUES_NEEDING_READ = new Set(['ALL_OLD', 'ALL_NEW', 'UPDATED_OLD']);

/**
 * Why a write needs a read before it (and is refused under forbid_rmw), or undefined when it does not.
 * The classes match test/alternator/test_write_isolation.py.
 */
export function readBeforeWriteReason(operation: string, body: Body): string | undefined {
  emulates('write-isolation');
  if (operation !== 'PutItem' && operation !== 'UpdateItem' && operation !== 'DeleteItem') return undefined;
  if (body.ConditionExpression !== undefined) return 'ConditionExpression';
  if (body.Expected !== undefined) return 'Expected';
  if (typeof body.ReturnValues === 'string' && RETURN_VALUES_NEEDING_READ.has(body.ReturnValues)) return `ReturnValues ${body.ReturnValues}`;
  if (operation !== 'UpdateItem') return undefined;
  if (typeof body.UpdateExpression === 'string') return updateExpressionReadReason(body.UpdateExpression);
  const updates = body.AttributeUpdates as Record<string, { Action?: string }> | undefined;
  if (updates && Object.values(updates).some((u) => u.Action === 'ADD')) return 'AttributeUpdates ADD';
  return undefined;
}

const CLAUSE = /\b(SET|REMOVE|ADD|DELETE)\b/gi;
const FUNCTIONS = new Set(['if_not_exists', 'list_append']);

/** Splits on commas outside parentheses. */
function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((x) => x.trim()).filter(Boolean);
}

function updateExpressionReadReason(expr: string): string | undefined {
  const marks = [...expr.matchAll(CLAUSE)];
  for (let i = 0; i < marks.length; i++) {
    const kw = marks[i]![1]!.toUpperCase();
    const text = expr.slice(marks[i]!.index! + marks[i]![0].length, marks[i + 1]?.index ?? expr.length);
    if (kw === 'ADD' || kw === 'DELETE') return `UpdateExpression ${kw}`;
    if (kw !== 'SET') continue;
    for (const action of splitTopLevel(text)) {
      const eq = action.indexOf('=');
      const left = action.slice(0, eq).trim();
      const right = action.slice(eq + 1);
      if (/[.[]/.test(left)) return 'UpdateExpression SET on a nested path';
      // Any attribute path on the right-hand side (not a :value, not a function name) is read from the old item.
      const tokens = right.match(/[#:]?[A-Za-z_][\w]*/g) ?? [];
      if (tokens.some((t) => !t.startsWith(':') && !FUNCTIONS.has(t))) return 'UpdateExpression SET reading an attribute';
    }
  }
  return undefined;
}
