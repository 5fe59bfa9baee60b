// ReturnConsumedCapacity as Alternator answers it (alternator/consumed_capacity.cc, scylla-2026.2.4), over a data
// plane (dynalite v4.0.0) that computes DynamoDB's units: the parameter is validated by every operation that reports
// capacity (only TOTAL is accepted: INDEXES and NONE are refused), a single-item answer carries CapacityUnits without
// TableName, and Query and Scan report nothing (scylladb#5027). The units are the data plane's; they agree with
// Alternator's where test_returnconsumedcapacity.py checks them (not for an overwrite or delete of a larger item
// without ReturnValues ALL_OLD, where Alternator does not read the old item), and a BatchGetItem the front door splits
// (over 100 keys) reports none.
import { emulates } from './emulations.ts';
type Body = Record<string, any>;

const SINGLE_ITEM = new Set(['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem']);
const REPORTING = new Set([...SINGLE_ITEM, 'BatchGetItem', 'BatchWriteItem']);

/** consumed_capacity_counter::should_add_capacity's refusals, or undefined. */
export function consumedCapacityValidationError(operation: string, body: Body): string | undefined {
  if (!REPORTING.has(operation) || body.ReturnConsumedCapacity === undefined) return undefined;
  emulates('consumed-capacity');
  const v = body.ReturnConsumedCapacity;
  if (typeof v !== 'string') return 'Non-string ReturnConsumedCapacity field in request';
  if (v === 'INDEXES') return 'INDEXES consumed capacity is not supported';
  if (v !== 'TOTAL') return `Unknown consumed capacity ${v}`;
  return undefined;
}

/** The answer's ConsumedCapacity as Alternator shapes it. */
export function alternatorConsumedCapacity(operation: string, body: Body): Body {
  if (body.ConsumedCapacity === undefined) return body;
  emulates('consumed-capacity');
  if (operation === 'Query' || operation === 'Scan') {
    const { ConsumedCapacity: _dropped, ...rest } = body;
    return rest;
  }
  if (SINGLE_ITEM.has(operation)) return { ...body, ConsumedCapacity: { CapacityUnits: body.ConsumedCapacity.CapacityUnits } };
  return body;
}
