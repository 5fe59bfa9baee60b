// Alternator behaviour around reads and indexes that the local data plane (dynalite) lacks, added by the front
// door: Select and parallel-scan validation (alternator/executor_read.cc parse_select, executor::scan; test/alternator/test_scan.py
// test_scan_select, test_scan_parallel_incorrect) and index projections (every attribute is projected:
// docs/alternator/compatibility.md, scylladb/scylladb#5036).
import { emulates } from './emulations.ts';

type Body = Record<string, any>;

const MAX_TOTAL_SEGMENTS = 1_000_000;

/** parse_select's refusal of a Query's or Scan's Select (executor_read.cc), with its messages, or undefined. */
export function selectError(operation: string, body: Body): string | undefined {
  if (operation !== 'Query' && operation !== 'Scan') return undefined;
  emulates('read-select');
  const projected = body.ProjectionExpression !== undefined || body.AttributesToGet !== undefined;
  if (body.Select === undefined) return undefined;
  if (typeof body.Select !== 'string') return 'Select parameter must be a string';
  if (body.Select === 'SPECIFIC_ATTRIBUTES') return projected ? undefined : 'Select=SPECIFIC_ATTRIBUTES requires AttributesToGet or ProjectionExpression';
  if (projected) return 'AttributesToGet or ProjectionExpression require Select to be either SPECIFIC_ATTRIBUTES or missing';
  if (body.Select === 'COUNT' || body.Select === 'ALL_ATTRIBUTES') return undefined;
  // An IndexName reads a view; a missing index is left to the data plane (ResourceNotFound or ValidationException).
  if (body.Select === 'ALL_PROJECTED_ATTRIBUTES') return body.IndexName === undefined ? 'ALL_PROJECTED_ATTRIBUTES only allowed for indexes' : undefined;
  return `Unknown Select value '${body.Select}'. Allowed choices: ALL_ATTRIBUTES, SPECIFIC_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES, COUNT`;
}

/** executor::scan's checks of a parallel scan, in its order and words, or undefined. */
export function parallelScanError(operation: string, body: Body): string | undefined {
  if (operation !== 'Scan' || (body.Segment === undefined && body.TotalSegments === undefined)) return undefined;
  emulates('parallel-scan');
  const segment = body.Segment;
  const total = body.TotalSegments;
  if (segment === undefined || total === undefined) return 'Both Segment and TotalSegments attributes need to be present for a parallel scan';
  // Non-numbers are left to the data plane's type validation.
  if (typeof segment !== 'number' || typeof total !== 'number') return undefined;
  if (segment < 0 || segment >= total) return 'Segment must be non-negative and less than TotalSegments';
  if (total < 0 || total > MAX_TOTAL_SEGMENTS) return `TotalSegments must be non-negative and less or equal to ${MAX_TOTAL_SEGMENTS}`;
  return undefined;
}

/** CreateTable as Alternator applies it: index projections are recorded and served as ALL. */
export function alternatorCreateTable(body: Body): Body {
  emulates('index-projection-all');
  const all = (indexes: unknown) =>
    Array.isArray(indexes) ? indexes.map((i: Body) => ({ ...i, Projection: { ProjectionType: 'ALL' } })) : indexes;
  const out = { ...body };
  if (body.GlobalSecondaryIndexes) out.GlobalSecondaryIndexes = all(body.GlobalSecondaryIndexes);
  if (body.LocalSecondaryIndexes) out.LocalSecondaryIndexes = all(body.LocalSecondaryIndexes);
  return out;
}
