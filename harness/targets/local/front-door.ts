// The local target's Alternator front door: what the operator deploys in front of ScyllaDB, reproduced
// in front of a DynamoDB data plane. HTTPS with the variant's serving certificate, plain HTTP only when
// enabled, SigV4 where the access key is a role and the secret its salted_hash, the health check, /localnodes,
// write isolation (forbid_rmw, the per-table tag) and Alternator's error envelope.
import http from 'node:http';
import https from 'node:https';
import { createHash } from 'node:crypto';
import type { KeyPairPem } from '../../tls/ca.ts';
import type { DataPlane, DataPlaneResponse } from './data-plane.ts';
import type { Role, RoleStore } from './role-store.ts';
import type { WriteIsolation } from '../../variant/model.ts';
import { expectedSignature, parseAuthorization } from '../../client/sigv4.ts';
import { FORBID_RMW_MESSAGE, WRITE_ISOLATION_TAG, invalidIsolationTagMessage, isolationFromTag, readBeforeWriteReason } from './alternator-rules.ts';
import { FAULTS, faultFlags, type Answer, type Fault, type FaultFlags } from './faults.ts';
import { alignAnswer, requestValidationError } from './data-plane-alignment.ts';
import { alternatorCreateTable, parallelScanError, selectError } from './read-rules.ts';
import { EMPTY_BODY_OPERATIONS, tagsValidationError } from './tag-rules.ts';
import { closeServer, listenOnLoopback } from './loopback.ts';
import { alternatorBatchGet } from './batch-get.ts';
import { duplicateAttributeError, indexNameLengthError, gsiConsistentReadError } from './index-rules.ts';
import { conditionFailureValidationError, withItemOnConditionFailure } from './condition-failure.ts';
import { consumedCapacityValidationError, alternatorConsumedCapacity } from './consumed-capacity.ts';
import type { Feature } from '../../differences/features.ts';
import { corsHeaders, describeEndpoints, serverHeaders } from './http-surface.ts';
import { compressBody, decodeRequestBody, responseEncoding, type Refusal } from './http-compression.ts';
import { batchWriteShapeError, jsonNestingError, requestLimitError } from './request-limits.ts';
import { AlternatorMetrics, TABLE_COUNTED_OPERATIONS, itemBytes, readHalfUnits } from './metrics.ts';
import { emulates, type EmulationId } from './emulations.ts';
import { createdResources, permissionDenial, tablesOf } from './rbac.ts';

const ERROR_PREFIX = 'com.amazonaws.dynamodb.v20120810#';
const MAX_BODY = 16 * 1024 * 1024;

export interface FrontDoorOptions {
  datacenter: string;
  dataPlane: DataPlane;
  tls: KeyPairPem;
  httpEnabled: boolean;
  /** Port to listen on for HTTP when enabled (0 = any). */
  httpPort?: number;
  authorization: 'enforced' | 'disabled';
  roles: RoleStore;
  /** Other datacenters' role stores: consulted only under the `shared-credentials` fault. */
  otherDatacenterRoles?: RoleStore[];
  writeIsolation: WriteIsolation;
  /** Every datacenter's node addresses, by datacenter name; this front door serves `datacenter`. */
  nodes: Record<string, string[]>;
  /** The rack every node is in (one rack per datacenter here). */
  rack: string;
  /** /localnodes answers ?dc= and ?rack= (ScyllaDB 2025.1.0 and later). */
  localnodesParameters: boolean;
  /** Longest table name CreateTable accepts (alternator/executor_util.cc max_table_name_length for the emulated version). */
  maxTableNameLength: number;
  /** Whether the emulated ScyllaDB version offers a feature (the documented differences for its version). */
  offers: (f: Feature) => boolean;
  /** The emulated version's HTTP server names itself ("Server: Seastar httpd", up to 2026.2). */
  seastarServerHeader: boolean;
  /** The emulated ScyllaDB version: behaviours that depend on it follow their emulation's version range (emulations.ts). */
  scyllaVersion?: string;
  fault?: string;
}

type Body = Record<string, any>;

/**
 * Alternator's HTTP server (Seastar's httpd) never closes an idle keep-alive connection: it stays open until the
 * client closes it (scylladb/seastar#3130, open since 2025-12-02; every ScyllaDB release so far). Node closes one after
 * 5 s idle, and a client that reuses it at that moment gets ECONNRESET, a reset Alternator never sends.
 */
export function keepIdleConnections(server: http.Server): void {
  emulates('idle-connections-kept');
  server.keepAliveTimeout = 0;
}

/** An answer Alternator refuses with, tied to the emulated behaviour it follows (emulations.ts). */
class ApiError extends Error {
  constructor(
    readonly emulation: EmulationId,
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

const payloadTooLarge = () => new ApiError('request-size-limit', 'PayloadTooLarge', `Request content length limit of ${MAX_BODY} bytes exceeded`, 413);
const refused = (r: Refusal) => new ApiError('request-compression', r.type, r.message, r.status);

/** PutItem, UpdateItem and DeleteItem count on their table only once the write is permitted (executor::put_item ...). */
const PERMITTED_FIRST = new Set(['PutItem', 'UpdateItem', 'DeleteItem']);

/** The operations Alternator implements (alternator/server.cc, the server's _callbacks table); others are unknown. */
const ALTERNATOR_OPERATIONS = new Set([
  'CreateTable', 'DescribeTable', 'DeleteTable', 'UpdateTable', 'PutItem', 'UpdateItem', 'GetItem', 'DeleteItem', 'ListTables', 'Scan',
  'DescribeEndpoints', 'BatchWriteItem', 'BatchGetItem', 'Query', 'TagResource', 'UntagResource', 'ListTagsOfResource', 'UpdateTimeToLive',
  'DescribeTimeToLive', 'ListStreams', 'DescribeStream', 'GetShardIterator', 'GetRecords', 'DescribeContinuousBackups',
]);

export class FrontDoor {
  private https?: https.Server;
  private http?: http.Server;
  private readonly fault?: Fault;
  private readonly flags: FaultFlags;
  httpsPort = 0;
  httpPortBound?: number;
  /** This node's Prometheus metrics (ScyllaDB's port 9180), served on their own loopback port. */
  readonly metrics: AlternatorMetrics;
  metricsPort = 0;

  constructor(private readonly o: FrontDoorOptions) {
    this.fault = o.fault ? FAULTS[o.fault] : undefined;
    this.flags = faultFlags(o.fault);
    this.metrics = new AlternatorMetrics({ scyllaVersion: o.scyllaVersion, tableOperationCountedTwice: this.flags.tableOperationCountedTwice });
  }

  async start(): Promise<this> {
    const handler = (req: http.IncomingMessage, res: http.ServerResponse) => void this.handle(req, res);
    // The fault opens the floor to TLS 1.0 (and lowers OpenSSL's security level, which would refuse it anyway).
    const legacy = this.flags.acceptLegacyTls ? ({ minVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' } as const) : ({ minVersion: 'TLSv1.2' } as const);
    // Node's HTTP server pauses a socket whose answer is still draining when the next request of that keep-alive
    // connection arrives, and on a TLS socket the rest of that request's body then fails to parse (HPE_PAUSED: the
    // connection is reset under the client). Answers here go up to the 16 MB request limit; with the write
    // high-water mark above that, no answer leaves a socket draining. https.createServer ignores the highWaterMark
    // option for its TLS sockets (Node 20), so it is set on each one before anything is written.
    const server = { highWaterMark: 2 * MAX_BODY };
    this.https = https.createServer({ cert: this.o.tls.certPem, key: this.o.tls.keyPem, ...legacy }, handler);
    this.https.on('secureConnection', (socket: { _writableState?: { highWaterMark: number } }) => {
      if (socket._writableState) socket._writableState.highWaterMark = server.highWaterMark;
    });
    keepIdleConnections(this.https);
    this.httpsPort = await listenOnLoopback(this.https);
    if (this.o.httpEnabled || this.flags.httpAlwaysOpen) {
      this.http = http.createServer(server, handler);
      keepIdleConnections(this.http);
      this.httpPortBound = await listenOnLoopback(this.http, this.o.httpPort);
    }
    this.metricsPort = await this.metrics.listen();
    return this;
  }

  async stop(): Promise<void> {
    await Promise.all([...[this.https, this.http].map((s) => (s ? closeServer(s) : undefined)), this.metrics.stop()]);
    this.https = this.http = undefined;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // Seastar's own headers on every answer; CORS on the API, health and preflight answers (server.cc handle_CORS).
    const server = serverHeaders(this.o.seastarServerHeader);
    const withCors = this.o.offers('cors') && !this.flags.omitCors ? { ...server, ...corsHeaders(req, req.method === 'OPTIONS') } : server;
    if (req.method === 'GET' && req.url === '/') return replyAs('health-check', res, 200, `healthy: ${req.headers.host ?? ''}`, 'text/plain', withCors);
    if (req.method === 'OPTIONS' && req.url === '/') return reply(res, 200, '', 'text/plain', withCors);
    if (req.method === 'GET' && (req.url === '/localnodes' || req.url?.startsWith('/localnodes?')))
      return replyAs('localnodes', res, 200, JSON.stringify(this.localNodes(new URL(req.url, 'http://localhost').searchParams)), 'application/json', server);
    // Alternator routes only POST / to the API; anything else is the HTTP server's 404 (test_health.py accepts 400-404).
    if (req.method !== 'POST' || req.url !== '/') return replyAs('api-route-only-post-root', res, 404, JSON.stringify({ message: 'Not found', code: 404 }), 'application/json', server);
    this.metrics.request();
    // server::handle_api_request: the operation is everything after the first dot of X-Amz-Target (none: empty).
    const target = String(req.headers['x-amz-target'] ?? '');
    const operation = target.includes('.') ? target.slice(target.indexOf('.') + 1) : '';
    const started = process.hrtime.bigint();
    let body: Body = {};
    let answer: Answer;
    try {
      // Like Alternator (server.cc handle_api_request), a Content-Length over the limit is refused before reading.
      if (Number(req.headers['content-length'] ?? 0) > MAX_BODY) throw payloadTooLarge();
      const raw = await readBody(req);
      const role = await this.authenticate(req, raw).catch((e: unknown) => {
        this.metrics.authenticationFailure();
        throw e;
      });
      // Decompressed after the signature was checked over the compressed bytes; the 16 MB limit applies again.
      const decoded = this.o.offers('request-compression') && !this.flags.ignoreContentEncoding ? decodeRequestBody(req.headers['content-encoding'], raw, MAX_BODY) : raw;
      if (!Buffer.isBuffer(decoded)) throw refused(decoded);
      // server::handle_api_request: the operation is looked up before the body is parsed.
      if (!ALTERNATOR_OPERATIONS.has(operation)) {
        this.metrics.unsupportedOperation();
        throw new ApiError('unsupported-operation', 'UnknownOperationException', `Unsupported operation ${operation}`);
      }
      try {
        body = decoded.length ? JSON.parse(decoded.toString('utf8')) : {};
      } catch (e) {
        // Alternator answers ValidationException for a body that is not JSON (server.cc api_handler; DynamoDB: SerializationException),
        // with rapidjson's own words after the prefix (Node's stand in for them).
        throw new ApiError('json-parse-error', 'ValidationException', `Parsing JSON failed: ${e instanceof Error ? e.message : String(e)}`);
      }
      const tooDeep = jsonNestingError(body);
      if (tooDeep) {
        if (this.flags.resetOnDeepNesting) return void req.socket.destroy();
        throw new ApiError('json-nesting-limit', 'ValidationException', tooDeep);
      }
      if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ApiError('json-not-object', 'ValidationException', 'Request content must be an object');
      this.metrics.operation(operation);
      answer =
        operation === 'DescribeEndpoints' ? this.describeEndpoints(req) : await this.execute(operation, withoutEmptyPlaceholderMaps(body), role, req.socket.remoteAddress ?? '');
    } catch (e) {
      // What went wrong inside the emulation is said, so an internal error explains itself in the report.
      const err = e instanceof ApiError ? e : new ApiError('internal-error', 'InternalServerError', `Internal server error (local front door: ${e instanceof Error ? e.message : String(e)})`, 500);
      emulates(err.emulation);
      emulates('error-envelope');
      answer = { status: err.status, body: { __type: ERROR_PREFIX + err.type, message: err.message } };
    }
    // A fault sees every answer, errors included, so it can also turn a refusal into something unexpected.
    const final = this.fault?.response ? this.fault.response(operation, body, answer) : answer;
    if (final.status === 200) await this.countSuccess(operation, body, final.body, Number(process.hrtime.bigint() - started) / 1e9);
    const text = final.status === 200 && EMPTY_BODY_OPERATIONS.has(operation) ? '' : JSON.stringify(final.body);
    // http_compression.cc response_compressor: successful answers only, in the encoding Accept-Encoding prefers.
    const compressed = final.status === 200 && this.o.offers('response-compression') ? responseEncoding(req.headers['accept-encoding'], Buffer.byteLength(text)) : undefined;
    if (!compressed) return reply(res, final.status, text, 'application/x-amz-json-1.0', withCors);
    let bytes = compressBody(text, compressed);
    if (this.flags.truncateLargeCompressedResponses && bytes.length > 1024) bytes = bytes.subarray(0, bytes.length - 4);
    reply(res, final.status, bytes, 'application/x-amz-json-1.0', { ...withCors, 'Content-Encoding': compressed });
  }

  /** executor::describe_endpoints: the Host the client addressed (a fault answers the node's own address instead). */
  private describeEndpoints(req: http.IncomingMessage): Answer {
    const host = this.flags.describeNodeAddress ? `${this.o.nodes[this.o.datacenter]?.[0] ?? '127.0.0.1'}:8043` : req.headers.host;
    const r = describeEndpoints(host);
    if (!r.ok) throw new ApiError('describe-endpoints', 'ValidationException', r.message);
    return { status: 200, body: r.body };
  }

  /** The emulated version's limits, less the one the `expression-size-unchecked` fault drops. */
  private readonly limitsOffered = (f: Feature): boolean => this.o.offers(f) && !(this.flags.skipExpressionSizeLimit && f === 'expression-size-limit-4kb');

  /** Batch sizes, latency and consumed units of a successful operation, where the executor counts them (alternator/stats.cc). */
  private async countSuccess(operation: string, request: Body, answer: Body, seconds: number): Promise<void> {
    if (this.flags.metricsNotCounted) return;
    const tables = tablesOf(request).filter((t) => t !== '');
    this.metrics.latency(operation, seconds, tables);
    const [table] = tables;
    if (operation === 'GetItem' && table) this.metrics.readUnits(table, readHalfUnits(itemBytes(answer.Item), request.ConsistentRead === true));
    if (operation === 'PutItem' && table) this.metrics.writeUnits('PutItem', table, itemBytes(request.Item));
    if (operation === 'BatchWriteItem') {
      const items = Object.entries((request.RequestItems ?? {}) as Record<string, Body[]>);
      this.metrics.batchItems('BatchWriteItem', items.reduce((n, [, writes]) => n + writes.length, 0));
      for (const [t, writes] of items) for (const w of writes) if (w?.PutRequest) this.metrics.writeUnits('BatchWriteItem', t, itemBytes(w.PutRequest.Item));
    }
    if (operation === 'BatchGetItem') {
      // executor::batch_get_item: the batch's size is its distinct partitions; read units are each item's, per table.
      let partitions = 0;
      for (const [t, r] of Object.entries((request.RequestItems ?? {}) as Record<string, Body>)) {
        partitions += await this.distinctPartitions(t, Array.isArray(r?.Keys) ? r.Keys : []);
        const found = ((answer.Responses ?? {}) as Record<string, Body[]>)[t] ?? [];
        this.metrics.readUnits(t, found.reduce((n, item) => n + readHalfUnits(itemBytes(item), r?.ConsistentRead === true), 0));
      }
      this.metrics.batchItems('BatchGetItem', partitions);
    }
  }

  /** How many partitions the keys name: distinct values of the table's hash key. */
  private async distinctPartitions(table: string, keys: Body[]): Promise<number> {
    const r = await this.o.dataPlane.call('DescribeTable', JSON.stringify({ TableName: table }));
    const hash = r.status === 200 ? ((JSON.parse(r.body).Table?.KeySchema ?? []) as Body[]).find((k) => k.KeyType === 'HASH')?.AttributeName : undefined;
    return hash === undefined ? keys.length : new Set(keys.map((k) => JSON.stringify(k?.[hash]))).size;
  }

  /**
   * alternator/server.cc local_nodelist_handler: the live nodes of this datacenter, or of `?dc=` (an unknown one: an
   * empty list, not an error), narrowed to `?rack=`.
   */

  /**
   * alternator/server.cc local_nodelist_handler: the live nodes of this datacenter, or of `?dc=` (an unknown one: an
   * empty list, not an error), narrowed to `?rack=`.
   */
  private localNodes(query: URLSearchParams): string[] {
    if (this.flags.leakLocalnodes) return Object.values(this.o.nodes).flat();
    const dc = (this.o.localnodesParameters && query.get('dc')) || this.o.datacenter;
    const rack = this.o.localnodesParameters ? query.get('rack') : null;
    if (rack && rack !== this.o.rack) return [];
    return this.o.nodes[dc] ?? [];
  }

  /** Alternator's checks, in its order (alternator/server.cc verify_signature); returns the role, or undefined when disabled. */
  private async authenticate(req: http.IncomingMessage, body: Buffer) {
    if (this.o.authorization === 'disabled') return undefined;
    if (!req.headers.host) throw new ApiError('sigv4-authentication', 'InvalidSignatureException', 'Host header is mandatory for signature verification');
    const header = req.headers.authorization;
    if (!header) throw new ApiError('sigv4-authentication', 'MissingAuthenticationTokenException', 'Authorization header is mandatory for signature verification');
    const auth = parseAuthorization(header);
    // Alternator wants the algorithm, a space, then the parameters (server.cc: no space is an invalid signature too).
    if (auth.algorithm !== 'AWS4-HMAC-SHA256' || !header.includes(' '))
      throw new ApiError('sigv4-authentication', 'InvalidSignatureException', `Authorization header must use AWS4-HMAC-SHA256 algorithm: ${header}`);
    if (auth.credentialParts.length !== 5)
      throw new ApiError('sigv4-authentication', 'ValidationException', `Incorrect credential information format: ${auth.credential}`);
    const name = auth.credentialParts[0]!;
    const candidates = [this.o.roles, ...(this.flags.acceptOtherDatacenterCredentials ? (this.o.otherDatacenterRoles ?? []) : [])]
      .map((s) => s.get(name))
      .filter((r) => r !== undefined);
    if (candidates.length === 0) throw new ApiError('sigv4-authentication', 'UnrecognizedClientException', `User not found: ${name}`);
    // alternator/auth.cc get_key_from_roles: a role that may not log in is refused before its key is used.
    if (candidates.every((r) => !r.login)) throw new ApiError('sigv4-authentication', 'UnrecognizedClientException', `Role ${name} has login=false so cannot be used for login`);
    if (!this.flags.acceptStaleSignature) checkSigningDate(req.headers['x-amz-date'], auth.signedHeaders, auth.credentialParts[1] ?? '');
    // Alternator hashes the body it received (utils/aws get_signature), never trusting a signed x-amz-content-sha256;
    // the re-signing below would take that header's word for it, so a body changed after signing is caught here.
    const claimedHash = auth.signedHeaders.includes('x-amz-content-sha256') ? req.headers['x-amz-content-sha256'] : undefined;
    const bodyChanged = typeof claimedHash === 'string' && claimedHash !== createHash('sha256').update(body).digest('hex');
    for (const role of bodyChanged ? [] : candidates) {
      const expected = await expectedSignature(auth, req.headers, body, role.saltedHash);
      if (expected !== undefined && expected === auth.signature) return role;
    }
    if (this.flags.acceptBadSignature) return candidates[0];
    throw new ApiError('sigv4-authentication', 'UnrecognizedClientException', 'wrong signature');
  }

  /**
   * CQL permissions, checked as alternator/executor_util.cc verify_permission does: inside each operation, once the
   * request is valid and its table found (so a missing table is ResourceNotFoundException for any role).
   */
  private authorize(role: Role, operation: string, body: Body, client: string): void {
    const roles = this.flags.grantsOnEveryTable ? grantsOnEveryTable(this.o.roles) : this.o.roles;
    const denied = permissionDenial(roles, role, operation, body, client);
    if (!denied) return;
    this.metrics.authorizationFailure();
    throw new ApiError('rbac-permissions', 'AccessDeniedException', denied);
  }

  private async execute(operation: string, body: Body, role: Role | undefined, client: string): Promise<Answer> {
    const tables = this.o.dataPlane.tables;
    const table = typeof body.TableName === 'string' ? body.TableName : undefined;
    const target = table ?? tableOfRequest(body);
    // A request naming a missing table goes on to the data plane, which answers ResourceNotFoundException.
    const found = operation === 'CreateTable' || target === undefined || tables.has(target);
    // executor::get_item, scan, query, describe_table, the tag operations and batch_write_item count on their table as
    // soon as it is found, before validating the rest of the request or checking permissions.
    if (found && !PERMITTED_FIRST.has(operation)) await this.countOnTables(operation, body);
    if (operation === 'CreateTable' || operation === 'TagResource') validateIsolationTags(body.Tags);
    if (operation === 'CreateTable' && table !== undefined && table.length > this.o.maxTableNameLength)
      throw new ApiError('table-name-length', 'ValidationException', `TableName must be at least 3 characters long and at most ${this.o.maxTableNameLength} characters long`);
    const badTags = operation === 'CreateTable' ? tagsValidationError(body.Tags) : operation === 'TagResource' ? await this.tagsError(body) : undefined;
    if (badTags) throw new ApiError('tag-rules', 'ValidationException', badTags);
    if (operation === 'UpdateTimeToLive' || operation === 'DescribeTimeToLive')
      return this.timeToLive(operation, body, () => role && this.authorize(role, operation, body, client));
    const checks: Array<[EmulationId, () => string | undefined | Promise<string | undefined>]> = [
      ['return-values', () => requestValidationError(operation, body)],
      ['read-select', () => selectError(operation, body)],
      ['parallel-scan', () => parallelScanError(operation, body)],
      ['batch-write-shape', () => (operation === 'BatchWriteItem' ? batchWriteShapeError(body) : undefined)],
      ['request-limits', () => requestLimitError(operation, body, this.limitsOffered)],
      ['duplicate-attribute-definition', () => duplicateAttributeError(operation, body)],
      ['index-name-length', () => indexNameLengthError(operation, body)],
      ['condition-failure-item', () => conditionFailureValidationError(operation, body)],
      ['consumed-capacity', () => consumedCapacityValidationError(operation, body)],
      ['gsi-consistent-read', () => gsiConsistentReadError(operation, body, this.o.dataPlane)],
    ];
    for (const [emulation, check] of checks) {
      const message = await check();
      if (message) throw new ApiError(emulation, 'ValidationException', message);
    }
    if (role && found) this.authorize(role, operation, body, client);
    // executor::put_item, update_item and delete_item count on their table once the write is permitted.
    if (found && PERMITTED_FIRST.has(operation)) await this.countOnTables(operation, body);
    if (operation === 'DescribeContinuousBackups' && found) return continuousBackupsDisabled();
    const reason = readBeforeWriteReason(operation, body);
    if (reason && table && found) {
      const mode = isolationFromTag(tables.get(table)?.isolationTag ?? '') ?? this.o.writeIsolation;
      if (mode === 'forbid_rmw' && !this.flags.allowRmwUnderForbid) throw new ApiError('write-isolation', 'ValidationException', FORBID_RMW_MESSAGE);
    }
    const sent = this.fault?.request ? this.fault.request(operation, body) : body;
    if (sent.__skip) return { status: 200, body: {} };
    const { Tags, ...createBody } = sent;
    const call = async (b: Body) => alternatorAnswer(await this.o.dataPlane.call(operation, JSON.stringify(b)));
    const answer = withAlternatorType(
      operation === 'BatchGetItem' ? await alternatorBatchGet(sent, call) : await call(operation === 'CreateTable' ? alternatorCreateTable(createBody) : sent),
    );
    // Alternator names the operation it does not know (server.cc handle_api_request); dynalite sends no message.
    if (answer.body.__type === `${ERROR_PREFIX}UnknownOperationException` && !answer.body.message) answer.body.message = `Unsupported operation ${operation}`;
    if (answer.status !== 200) return withItemOnConditionFailure(operation, sent, answer, this.o.dataPlane);
    answer.body = alignAnswer(operation, answer.body);
    answer.body = alternatorConsumedCapacity(operation, answer.body);
    if (operation === 'CreateTable' && table) {
      // Alternator answers CreateTable after schema agreement with TableStatus ACTIVE, never CREATING
      // (alternator/executor.cc create_table_on_shard0 → supplement_table_info); dynalite answers CREATING first.
      emulates('create-table-active');
      answer.body.TableDescription = { ...answer.body.TableDescription, TableStatus: await this.activeStatus(table) };
      tables.set(table, {});
      if (role) this.o.roles.grantCreator(role, createdResources(body));
      if (Array.isArray(Tags) && Tags.length) {
        await this.o.dataPlane.call('TagResource', JSON.stringify({ ResourceArn: answer.body.TableDescription?.TableArn, Tags }));
        this.rememberTags(table, Tags);
      }
    }
    if (operation === 'DeleteTable' && table) {
      tables.delete(table);
      this.o.roles.revokeTable(table);
    }
    const arnTable = typeof body.ResourceArn === 'string' ? body.ResourceArn.split(':table/')[1] : undefined;
    if (operation === 'TagResource' && arnTable) this.rememberTags(arnTable, body.Tags);
    if (operation === 'UntagResource' && arnTable && (body.TagKeys as string[] | undefined)?.includes(WRITE_ISOLATION_TAG)) {
      const t = tables.get(arnTable);
      if (t) delete t.isolationTag;
    }
    return answer;
  }

  /** Waits until the data plane has the table ACTIVE (dynalite flips CREATING → ACTIVE on its next tick). */
  private async activeStatus(table: string): Promise<string> {
    for (let i = 0; i < 100; i++) {
      const d = await this.o.dataPlane.call('DescribeTable', JSON.stringify({ TableName: table }));
      const status = (JSON.parse(d.body) as Body).Table?.TableStatus;
      if (status === 'ACTIVE') return status;
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new ApiError('create-table-active', 'InternalServerError', `table ${table} did not become ACTIVE in the local data plane`);
  }

  /**
   * The per-table operation counter (and BatchWriteItem's per-table item count), for the operations ScyllaDB counts
   * per table (metrics.ts TABLE_COUNTED_OPERATIONS): a batch on each of its tables in order, up to the first missing
   * one (get_table_from_batch_request throws there); an index read on the index's view.
   */
  private async countOnTables(operation: string, body: Body): Promise<void> {
    if (this.flags.metricsNotCounted || !TABLE_COUNTED_OPERATIONS.has(operation)) return;
    if (operation === 'BatchWriteItem') {
      for (const [t, writes] of Object.entries((body.RequestItems ?? {}) as Record<string, unknown>)) {
        if (!this.o.dataPlane.tables.has(t)) return;
        this.metrics.tableOperation(operation, t);
        this.metrics.tableBatchWriteItems(t, Array.isArray(writes) ? writes.length : 0);
      }
      return;
    }
    const [table] = tablesOf(body);
    if (!table) return;
    const index = (operation === 'Query' || operation === 'Scan') && typeof body.IndexName === 'string' ? body.IndexName : undefined;
    this.metrics.tableOperation(operation, index ? await this.viewName(table, index) : table);
  }

  /** The view an index is read from (executor_util.cc view_name, lsi_name): '<table>:<index>', or '<table>!:<index>' for an LSI. */
  private async viewName(table: string, index: string): Promise<string> {
    const r = await this.o.dataPlane.call('DescribeTable', JSON.stringify({ TableName: table }));
    const lsis = r.status === 200 ? ((JSON.parse(r.body).Table?.LocalSecondaryIndexes ?? []) as Body[]) : [];
    return lsis.some((i) => i.IndexName === index) ? `${table}!:${index}` : `${table}:${index}`;
  }

  /** Tag validation needs the table's current tag keys (the 50-tag limit counts them). */
  private async tagsError(body: Body): Promise<string | undefined> {
    if (!Array.isArray(body.Tags) || typeof body.ResourceArn !== 'string') return undefined;
    const r = await this.o.dataPlane.call('ListTagsOfResource', JSON.stringify({ ResourceArn: body.ResourceArn }));
    const existing = r.status === 200 ? ((JSON.parse(r.body).Tags ?? []) as Array<{ Key: string }>).map((t) => t.Key) : [];
    return tagsValidationError(body.Tags, existing);
  }

  private rememberTags(table: string, tags: Array<{ Key: string; Value: string }>) {
    const tag = tags.find((t) => t.Key === WRITE_ISOLATION_TAG);
    if (!tag) return;
    const t = this.o.dataPlane.tables.get(table) ?? {};
    t.isolationTag = tag.Value;
    this.o.dataPlane.tables.set(table, t);
  }

  /** TTL configuration (the data plane has none): kept beside the table, as Alternator keeps it in table tags. */
  private async timeToLive(operation: string, body: Body, authorize: () => void): Promise<Answer> {
    emulates('ttl-configuration');
    const table = String(body.TableName ?? '');
    const described = await this.o.dataPlane.call('DescribeTable', JSON.stringify({ TableName: table }));
    if (described.status !== 200) return alternatorAnswer(described);
    const state = this.o.dataPlane.tables.get(table) ?? {};
    if (operation === 'DescribeTimeToLive') {
      const d = state.ttl?.enabled
        ? { TimeToLiveStatus: 'ENABLED', AttributeName: state.ttl.attribute }
        : { TimeToLiveStatus: 'DISABLED' };
      return { status: 200, body: { TimeToLiveDescription: d } };
    }
    const spec = body.TimeToLiveSpecification;
    const refuse = (message: string) => new ApiError('ttl-configuration', 'ValidationException', message);
    if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) throw refuse('UpdateTimeToLive missing mandatory TimeToLiveSpecification');
    if (typeof spec.Enabled !== 'boolean') throw refuse('UpdateTimeToLive requires boolean Enabled');
    if (typeof spec.AttributeName !== 'string') throw refuse('UpdateTimeToLive requires string AttributeName');
    // "in practice, it only allows between 1 and 255 bytes" (ttl.cc).
    const nameBytes = Buffer.byteLength(spec.AttributeName);
    if (nameBytes < 1 || nameBytes > 255) throw refuse('The length of AttributeName must be between 1 and 255');
    // ttl.cc: the ALTER permission is checked once the specification is valid, before the TTL state.
    authorize();
    // alternator/ttl.cc executor::update_time_to_live.
    if (spec.Enabled && state.ttl?.enabled) throw new ApiError('ttl-configuration', 'ValidationException', 'TTL is already enabled');
    if (!spec.Enabled && !state.ttl?.enabled) throw new ApiError('ttl-configuration', 'ValidationException', 'TTL is already disabled');
    if (!spec.Enabled && state.ttl?.attribute !== spec.AttributeName)
      throw new ApiError('ttl-configuration', 'ValidationException', `Requested to disable TTL on attribute ${spec.AttributeName}, but a different attribute ${state.ttl?.attribute} is enabled.`);
    state.ttl = { attribute: spec.AttributeName, enabled: spec.Enabled };
    this.o.dataPlane.tables.set(table, state);
    return { status: 200, body: { TimeToLiveSpecification: spec } };
  }
}

/** The data plane's answer, with its error type under Alternator's prefix. */
function alternatorAnswer(r: DataPlaneResponse): Answer {
  return withAlternatorType({ status: r.status, body: r.body ? JSON.parse(r.body) : {} });
}

/** An error type under Alternator's prefix, whatever prefix it had (dynalite also uses com.amazon.coral.service#). */
function withAlternatorType(answer: Answer): Answer {
  if (answer.body.__type) answer.body.__type = ERROR_PREFIX + String(answer.body.__type).split('#').pop();
  return answer;
}

/** Signatures valid for 15 minutes either side of the server's clock (utils/aws_sigv4.cc check_expiry, via get_signature). */
const SIGNATURE_VALIDITY_MS = 15 * 60_000;
const amzDate = (ms: number) => new Date(ms).toISOString().replace(/[-:]|\.\d{3}/g, '');

function checkSigningDate(header: string | string[] | undefined, signedHeaders: string[], credentialDate: string) {
  const invalid = (why: string) => new ApiError('signing-date', 'InvalidSignatureException', `invalid signature: ${why}`);
  if (!signedHeaders.includes('x-amz-date') || typeof header !== 'string') throw invalid('X-Amz-Date header is mandatory for signature verification');
  // Alternator compares the YYYYMMDDTHHMMSSZ strings, as here.
  const now = Date.now();
  const earliest = amzDate(now - SIGNATURE_VALIDITY_MS);
  const latest = amzDate(now + SIGNATURE_VALIDITY_MS);
  if (header < earliest) throw invalid(`Signature expired: ${header} is now earlier than ${earliest} (current time - 15 min.)`);
  if (header > latest) throw invalid(`Signature not yet current: ${header} is still later than ${latest} (current time + 15 min.)`);
  if (header.slice(0, 8) !== credentialDate) throw invalid(`X-Amz-Date date does not match the provided datestamp. Expected ${credentialDate}, got ${header.slice(0, 8)}`);
}

/** The table a request without TableName is about: a tagging ARN, or the first table of a batch. */
function tableOfRequest(body: Body): string | undefined {
  if (typeof body.ResourceArn === 'string') return body.ResourceArn.split(':table/')[1];
  const items = body.RequestItems;
  return items && typeof items === 'object' ? Object.keys(items)[0] : undefined;
}

/** Alternator accepts an empty ExpressionAttributeValues/Names (executor_util.cc verify_all_are_used); the data plane would not. */
function withoutEmptyPlaceholderMaps(body: Body): Body {
  emulates('empty-placeholder-maps');
  const empty = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0;
  if (!empty(body.ExpressionAttributeValues) && !empty(body.ExpressionAttributeNames)) return body;
  const { ExpressionAttributeValues: v, ExpressionAttributeNames: n, ...rest } = body;
  return { ...rest, ...(empty(v) ? {} : { ExpressionAttributeValues: v }), ...(empty(n) ? {} : { ExpressionAttributeNames: n }) };
}

/** What Alternator answers DescribeContinuousBackups (alternator/executor.cc describe_continuous_backups): never enabled. */
function continuousBackupsDisabled(): Answer {
  emulates('describe-continuous-backups');
  return {
    status: 200,
    body: { ContinuousBackupsDescription: { ContinuousBackupsStatus: 'DISABLED', PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: 'DISABLED' } } },
  };
}

function validateIsolationTags(tags: unknown) {
  if (!Array.isArray(tags)) return;
  for (const t of tags as Array<{ Key?: string; Value?: string }>)
    if (t.Key === WRITE_ISOLATION_TAG && !isolationFromTag(String(t.Value)))
      throw new ApiError('write-isolation-tag', 'ValidationException', invalidIsolationTagMessage(String(t.Value)));
}

/** An answer of the HTTP server around the API, following the emulated behaviour named. */
function replyAs(emulation: EmulationId, res: http.ServerResponse, ...rest: DropFirst<Parameters<typeof reply>>) {
  emulates(emulation);
  reply(res, ...rest);
}
type DropFirst<T extends unknown[]> = T extends [unknown, ...infer R] ? R : never;

function reply(res: http.ServerResponse, status: number, body: string | Buffer, type: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { ...headers, 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** The `grants-on-every-table` fault: a grant on one table counts for every table. */
function grantsOnEveryTable(roles: RoleStore): RoleStore {
  return Object.assign(Object.create(roles) as RoleStore, {
    allows: (role: Role, permission: Parameters<RoleStore['allows']>[1], resource: string | undefined) =>
      roles.allows(role, permission, resource) || [...role.resourcePermissions.values()].some((p) => p.has(permission)),
  });
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        // Answered 413 like read_entire_stream's limit (a body without Content-Length, scylladb#8196); the rest is drained.
        req.off('data', onData);
        req.resume();
        reject(payloadTooLarge());
      } else chunks.push(c);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
