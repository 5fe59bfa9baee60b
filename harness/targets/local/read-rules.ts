// Alternator behaviour around reads and indexes that the local data plane (dynalite) lacks, added by the front
// door: Select and parallel-scan validation (alternator/executor.cc; test/alternator/test_scan.py
// test_scan_select, test_scan_parallel_incorrect) and index projections (every attribute is projected:
// docs/alternator/compatibility.md, scylladb/scylladb#5036).
type Body = Record<string, any>;

const MAX_TOTAL_SEGMENTS = 1_000_000;

/** A ValidationException message for a Query or Scan Alternator refuses, or undefined. */
export function readValidationError(operation: string, body: Body): string | undefined {
  if (operation !== 'Query' && operation !== 'Scan') return undefined;
  const projected = body.ProjectionExpression !== undefined || body.AttributesToGet !== undefined;
  const which = body.ProjectionExpression !== undefined ? 'ProjectionExpression' : 'AttributesToGet';
  switch (body.Select) {
    case 'SPECIFIC_ATTRIBUTES':
      if (!projected) return 'Select=SPECIFIC_ATTRIBUTES requires AttributesToGet or ProjectionExpression';
      break;
    case 'ALL_PROJECTED_ATTRIBUTES':
      if (body.IndexName === undefined) return 'Select=ALL_PROJECTED_ATTRIBUTES is only allowed when querying an index (IndexName)';
      if (projected) return `Cannot specify ${which} with Select=ALL_PROJECTED_ATTRIBUTES`;
      break;
    case 'ALL_ATTRIBUTES':
    case 'COUNT':
      if (projected) return `Cannot specify ${which} with Select=${body.Select}`;
      break;
  }
  if (operation === 'Scan') {
    const hasSegment = body.Segment !== undefined;
    const hasTotal = body.TotalSegments !== undefined;
    if (hasSegment !== hasTotal) return 'Both Segment and TotalSegments attributes need to be present for a parallel scan';
    if (hasTotal && (typeof body.TotalSegments !== 'number' || body.TotalSegments < 1 || body.TotalSegments > MAX_TOTAL_SEGMENTS))
      return `TotalSegments must be between 1 and ${MAX_TOTAL_SEGMENTS}`;
  }
  return undefined;
}

/** CreateTable as Alternator applies it: index projections are recorded and served as ALL. */
export function alternatorCreateTable(body: Body): Body {
  const all = (indexes: unknown) =>
    Array.isArray(indexes) ? indexes.map((i: Body) => ({ ...i, Projection: { ProjectionType: 'ALL' } })) : indexes;
  const out = { ...body };
  if (body.GlobalSecondaryIndexes) out.GlobalSecondaryIndexes = all(body.GlobalSecondaryIndexes);
  if (body.LocalSecondaryIndexes) out.LocalSecondaryIndexes = all(body.LocalSecondaryIndexes);
  return out;
}
