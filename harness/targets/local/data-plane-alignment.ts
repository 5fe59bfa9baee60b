// Small places where the local data plane (dynalite) answers differently from Alternator AND DynamoDB, and
// the front door can cheaply answer as Alternator does. Anything not cheap to align is a named difference in
// harness/differences/registry.ts instead.
import { emulates } from './emulations.ts';

type Body = Record<string, any>;

/** PutItem and DeleteItem accept only NONE and ALL_OLD (alternator/executor.cc executor::put_item, executor::delete_item). */
const RETURN_VALUES_OF: Record<string, string[]> = {
  PutItem: ['NONE', 'ALL_OLD'],
  DeleteItem: ['NONE', 'ALL_OLD'],
};

/** A ValidationException message when the request must be refused before the data plane sees it. */
export function requestValidationError(operation: string, body: Body): string | undefined {
  emulates('return-values');
  const allowed = RETURN_VALUES_OF[operation];
  const rv = body.ReturnValues;
  // Unknown values (not in the enum at all) are left to the data plane, which already refuses them.
  if (allowed && typeof rv === 'string' && ['UPDATED_OLD', 'ALL_NEW', 'UPDATED_NEW'].includes(rv) && !allowed.includes(rv))
    return `${operation} supports only ${allowed.join(' or ')} for ReturnValues`;
  // AttributeUpdates actions are an enum (PUT, DELETE, ADD); Alternator refuses others (alternator/executor.cc).
  if (operation === 'UpdateItem' && body.AttributeUpdates && typeof body.AttributeUpdates === 'object') {
    for (const u of Object.values(body.AttributeUpdates as Record<string, { Action?: unknown }>))
      if (u && u.Action !== undefined && !['PUT', 'DELETE', 'ADD'].includes(String(u.Action)))
        return `Unknown Action value '${String(u.Action)}' in AttributeUpdates`;
  }
  return undefined;
}

/**
 * Alternator (like DynamoDB) leaves `Attributes` out when nothing is returned, for example UPDATED_OLD when
 * every updated attribute is new (test/alternator/test_returnvalues.py); dynalite sends `{}`.
 */
export function alignAnswer(operation: string, body: Body): Body {
  emulates('return-values');
  if ((operation === 'PutItem' || operation === 'UpdateItem' || operation === 'DeleteItem') && isEmptyObject(body.Attributes)) {
    const { Attributes: _a, ...rest } = body;
    return rest;
  }
  return body;
}

function isEmptyObject(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0;
}
