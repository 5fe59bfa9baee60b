// Deliberate deviations the local front door can inject, one at a time, so the project's own tests
// can prove every suite is able to FAIL (`run --target local --inject-fault NAME`). Never on by default.
type Body = Record<string, any>;
export interface Answer {
  status: number;
  body: Body;
}

export interface Fault {
  area: 'api' | 'tls' | 'auth' | 'isolation' | 'multidc' | 'limitations' | 'metrics';
  description: string;
  /** Rewrites a request before it reaches the data plane. */
  request?(operation: string, body: Body): Body;
  /** Rewrites the answer before it reaches the client. */
  response?(operation: string, request: Body, answer: Answer): Answer;
  /** Switches for behaviour outside the data path. */
  flags?: Partial<FaultFlags>;
}

export interface FaultFlags {
  acceptBadSignature: boolean;
  acceptStaleSignature: boolean;
  omitClientNameSan: boolean;
  acceptLegacyTls: boolean;
  httpAlwaysOpen: boolean;
  allowRmwUnderForbid: boolean;
  leakLocalnodes: boolean;
  acceptOtherDatacenterCredentials: boolean;
  ignoreContentEncoding: boolean;
  truncateLargeCompressedResponses: boolean;
  omitCors: boolean;
  describeNodeAddress: boolean;
  skipExpressionSizeLimit: boolean;
  resetOnDeepNesting: boolean;
  grantsOnEveryTable: boolean;
  metricsNotCounted: boolean;
  tableOperationCountedTwice: boolean;
}

/** Makes a condition always true while keeping every expression name and value used (so validation still passes). */
function orTrue(body: Body, key: 'ConditionExpression' | 'FilterExpression'): Body {
  if (typeof body[key] !== 'string') return body;
  return {
    ...body,
    ExpressionAttributeNames: { ...body.ExpressionAttributeNames, '#fault_absent': 'fault_absent_attribute' },
    [key]: `attribute_not_exists(#fault_absent) OR (${body[key]})`,
  };
}

/** A copy of a JSON value where each property `key: value` for which `f` answers something is replaced by that answer. */
function rewrite(v: unknown, f: (key: string, value: unknown) => unknown): unknown {
  if (Array.isArray(v)) return v.map((x) => rewrite(x, f));
  if (v && typeof v === 'object') {
    const o: Body = {};
    for (const [k, x] of Object.entries(v)) o[k] = f(k, x) ?? rewrite(x, f);
    return o;
  }
  return v;
}

const asDouble = (n: string) => String(Number(n));

function flipLastByte(base64: string): string {
  const buf = Buffer.from(base64, 'base64');
  if (buf.length) buf[buf.length - 1] = buf[buf.length - 1]! ^ 0xff;
  return buf.toString('base64');
}

const ITEM_READS = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem']);
const internalError = (): Answer => ({ status: 500, body: { __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'injected' } });

export const FAULTS: Record<string, Fault> = {
  'condition-ignored': {
    area: 'api',
    description: 'a failed condition is reported as success',
    response: (op, _req, a) =>
      a.status === 400 && String(a.body.__type).endsWith('#ConditionalCheckFailedException') && op === 'PutItem' ? { status: 200, body: {} } : a,
  },
  'pagination-truncated': {
    area: 'api',
    description: 'Query and Scan drop LastEvaluatedKey (pagination silently truncated)',
    response: (op, _req, a) => {
      if ((op === 'Query' || op === 'Scan') && a.status === 200) delete a.body.LastEvaluatedKey;
      return a;
    },
  },
  'number-precision': {
    area: 'api',
    description: 'numbers come back as doubles (precision past 15 digits lost)',
    response: (op, _req, a) =>
      ITEM_READS.has(op)
        ? {
            ...a,
            body: rewrite(a.body, (k, x) => (k === 'N' && typeof x === 'string' ? asDouble(x) : k === 'NS' && Array.isArray(x) ? x.map(asDouble) : undefined)) as Body,
          }
        : a,
  },
  'projection-ignored': {
    area: 'api',
    description: 'GetItem ignores ProjectionExpression',
    request: (op, b) => {
      if (op !== 'GetItem' || !b.ProjectionExpression) return b;
      const { ProjectionExpression: _p, ExpressionAttributeNames: _n, ...rest } = b;
      return rest;
    },
  },
  'filter-ignored': {
    area: 'api',
    description: 'Scan and Query ignore FilterExpression',
    request: (op, b) => (op === 'Scan' || op === 'Query' ? orTrue(b, 'FilterExpression') : b),
  },
  'batch-write-drop': {
    area: 'api',
    description: 'BatchWriteItem silently drops one write and reports nothing unprocessed',
    request: (op, b) => {
      if (op !== 'BatchWriteItem') return b;
      const items = structuredClone(b.RequestItems ?? {}) as Record<string, unknown[]>;
      const first = Object.keys(items)[0];
      if (first && items[first]!.length > 1) items[first]!.pop();
      return { ...b, RequestItems: items };
    },
  },
  'returnvalues-wrong': {
    area: 'api',
    description: 'UpdateItem answers UPDATED_NEW / UPDATED_OLD with the whole item',
    request: (op, b) =>
      op === 'UpdateItem' && (b.ReturnValues === 'UPDATED_NEW' || b.ReturnValues === 'UPDATED_OLD')
        ? { ...b, ReturnValues: b.ReturnValues === 'UPDATED_NEW' ? 'ALL_NEW' : 'ALL_OLD' }
        : b,
  },
  'limit-ignored': {
    area: 'api',
    description: 'Query and Scan ignore Limit',
    request: (op, b) => {
      if (op !== 'Query' && op !== 'Scan') return b;
      const { Limit: _l, ...rest } = b;
      return rest;
    },
  },
  'order-ignored': {
    area: 'api',
    description: 'Query ignores ScanIndexForward=false',
    request: (op, b) => {
      if (op !== 'Query') return b;
      const { ScanIndexForward: _s, ...rest } = b;
      return rest;
    },
  },
  'delete-ignored': {
    area: 'api',
    description: 'DeleteItem answers success without deleting',
    request: (op, b) => (op === 'DeleteItem' && !b.ConditionExpression && !b.ReturnValues ? { ...b, __skip: true } : b),
  },
  'listtables-truncated': {
    area: 'api',
    description: 'ListTables drops LastEvaluatedTableName',
    response: (op, _req, a) => {
      if (op === 'ListTables' && a.status === 200) delete a.body.LastEvaluatedTableName;
      return a;
    },
  },
  'wrong-error-type': {
    area: 'api',
    description: 'ResourceNotFoundException is reported as a ValidationException',
    response: (_op, _req, a) =>
      String(a.body.__type).endsWith('#ResourceNotFoundException')
        ? { status: 400, body: { ...a.body, __type: 'com.amazonaws.dynamodb.v20120810#ValidationException' } }
        : a,
  },
  'binary-corrupted': {
    area: 'api',
    description: 'binary values come back with their last byte changed',
    response: (op, _req, a) =>
      ITEM_READS.has(op) ? { ...a, body: rewrite(a.body, (k, x) => (k === 'B' && typeof x === 'string' ? flipLastByte(x) : undefined)) as Body } : a,
  },
  'create-table-fails': {
    area: 'api',
    description: 'CreateTable answers an internal error (a suite set-up hook fails)',
    response: (op, _req, a) =>
      op === 'CreateTable' && a.status === 200 ? internalError() : a,
  },
  'count-wrong': {
    area: 'api',
    description: 'Select COUNT answers one item too many',
    response: (op, req, a) => (a.status === 200 && (op === 'Query' || op === 'Scan') && req.Select === 'COUNT' ? { ...a, body: { ...a.body, Count: (a.body.Count ?? 0) + 1 } } : a),
  },
  'accept-bad-signature': { area: 'auth', description: 'requests with a wrong signature are served', flags: { acceptBadSignature: true } },
  'bad-json-internal-error': {
    area: 'limitations',
    description: 'a body that is not JSON is answered HTTP 500 InternalServerError (neither Alternator\'s ValidationException nor DynamoDB\'s SerializationException)',
    response: (_op, _req, a) => (a.status === 400 && /^Parsing JSON failed/.test(String(a.body.message)) ? internalError() : a),
  },
  'unimplemented-internal-error': {
    area: 'limitations',
    description: 'an unimplemented operation is answered HTTP 500 InternalServerError instead of UnknownOperationException',
    response: (_op, _req, a) => (String(a.body.__type).endsWith('#UnknownOperationException') ? internalError() : a),
  },
  'accept-stale-signature': {
    area: 'auth',
    description: 'signatures dated more than 15 minutes from the server clock are served',
    flags: { acceptStaleSignature: true },
  },
  'tls-legacy-accepted': { area: 'tls', description: 'the HTTPS port accepts TLS 1.0 and 1.1 handshakes', flags: { acceptLegacyTls: true } },
  'missing-san': { area: 'tls', description: 'the serving certificate lacks the client Service DNS name', flags: { omitClientNameSan: true } },
  'http-open': { area: 'tls', description: 'plain HTTP is served although the variant disables it', flags: { httpAlwaysOpen: true } },
  'forbid-rmw-allowed': { area: 'isolation', description: 'read-modify-write writes are served under forbid_rmw', flags: { allowRmwUnderForbid: true } },
  'lost-updates': {
    area: 'isolation',
    description: 'conditional UpdateItem always succeeds (compare-and-set not enforced: lost updates)',
    request: (op, b) => (op === 'UpdateItem' ? orTrue(b, 'ConditionExpression') : b),
  },
  'localnodes-leak': { area: 'multidc', description: "/localnodes lists the other datacenters' nodes too", flags: { leakLocalnodes: true } },
  'shared-credentials': {
    area: 'multidc',
    description: "a datacenter accepts another datacenter's credentials",
    flags: { acceptOtherDatacenterCredentials: true },
  },
  'request-encoding-ignored': {
    area: 'api',
    description: 'Content-Encoding is ignored: a gzip or deflate request body is parsed as JSON (as before ScyllaDB 2026.1)',
    flags: { ignoreContentEncoding: true },
  },
  'compressed-response-truncated': {
    area: 'api',
    description: 'a compressed response spanning more than one 1 KB buffer loses its last 4 bytes (its trailer)',
    flags: { truncateLargeCompressedResponses: true },
  },
  'cors-headers-missing': { area: 'api', description: 'no CORS header on any answer, even to a request carrying Origin', flags: { omitCors: true } },
  'describe-endpoints-node-address': {
    area: 'api',
    description: "DescribeEndpoints answers the node's own address instead of the Host the client addressed",
    flags: { describeNodeAddress: true },
  },
  'expression-size-unchecked': { area: 'api', description: 'expressions over 4096 bytes are served', flags: { skipExpressionSizeLimit: true } },
  'deep-nesting-connection-reset': {
    area: 'api',
    description: 'a request nested deeper than the JSON limit gets no answer: the connection is reset (as a crashing node would)',
    flags: { resetOnDeepNesting: true },
  },
  'grants-on-every-table': { area: 'auth', description: "a permission granted on one table (auto-grant) counts on every table", flags: { grantsOnEveryTable: true } },
  'metrics-not-counted': { area: 'metrics', description: 'successful operations are not counted in the per-table metrics', flags: { metricsNotCounted: true } },
  'table-operation-counted-twice': {
    area: 'metrics',
    description: "a PutItem counts twice on its table's scylla_alternator_table_operation series (the global series stays right)",
    flags: { tableOperationCountedTwice: true },
  },
};

export const FAULT_NAMES = Object.keys(FAULTS);

export function faultFlags(name: string | undefined): FaultFlags {
  const f = name ? FAULTS[name]?.flags : undefined;
  return {
    acceptBadSignature: false,
    omitClientNameSan: false,
    acceptLegacyTls: false,
    acceptStaleSignature: false,
    httpAlwaysOpen: false,
    allowRmwUnderForbid: false,
    leakLocalnodes: false,
    acceptOtherDatacenterCredentials: false,
    ignoreContentEncoding: false,
    truncateLargeCompressedResponses: false,
    omitCors: false,
    describeNodeAddress: false,
    skipExpressionSizeLimit: false,
    resetOnDeepNesting: false,
    grantsOnEveryTable: false,
    metricsNotCounted: false,
    tableOperationCountedTwice: false,
    ...f,
  };
}
