// The pieces of Alternator's behaviour the local front door emulates for issue 16, checked directly: content codings
// (alternator/server.cc ungzip; http_compression.cc find_compression), request limits (rjson nesting, expressions.cc),
// metrics exposition (stats.cc names) and per-table RBAC with auto-grant and auto-revoke (executor.cc).
import { describe, it, expect } from 'vitest';
import zlib from 'node:zlib';
import { decodeRequestBody, responseEncoding } from '../../harness/targets/local/http-compression.ts';
import { batchWriteShapeError, jsonNestingError, requestLimitError } from '../../harness/targets/local/request-limits.ts';
import { AlternatorMetrics, itemBytes, readHalfUnits } from '../../harness/targets/local/metrics.ts';
import { RoleStore } from '../../harness/targets/local/role-store.ts';
import { permissionDenial, createdResources } from '../../harness/targets/local/rbac.ts';

const LIMIT = 16 * 1024 * 1024;
const all = () => true;

describe('content codings', () => {
  it('decodes gzip and deflate, concatenated streams included; refuses unknown codings, corrupt, cut and oversized bodies', () => {
    const body = '{"TableName":"t"}';
    expect(String(decodeRequestBody(undefined, Buffer.from(body), LIMIT))).toBe(body);
    expect(String(decodeRequestBody('gzip', Buffer.concat([zlib.gzipSync(body.slice(0, 5)), zlib.gzipSync(body.slice(5))]), LIMIT))).toBe(body);
    expect(String(decodeRequestBody('deflate', Buffer.concat([zlib.deflateSync(body.slice(0, 5)), zlib.deflateSync(body.slice(5))]), LIMIT))).toBe(body);
    expect(decodeRequestBody('garbage', Buffer.from(body), LIMIT)).toEqual({ type: 'InternalServerError', message: 'Unsupported Content-Encoding', status: 500 });
    // The comparison is case-sensitive, as server.cc's.
    expect(decodeRequestBody('GZIP', zlib.gzipSync(body), LIMIT)).toMatchObject({ status: 500, message: 'Unsupported Content-Encoding' });
    expect(decodeRequestBody('gzip', Buffer.from(body), LIMIT)).toMatchObject({ status: 500, message: 'Error during gzip decompression of request body' });
    expect(decodeRequestBody('gzip', Buffer.concat([zlib.gzipSync(body), Buffer.from('junk')]), LIMIT)).toMatchObject({ status: 500 });
    expect(decodeRequestBody('deflate', Buffer.concat([zlib.deflateSync(body), Buffer.from('junk')]), LIMIT)).toMatchObject({ status: 500 });
    expect(decodeRequestBody('gzip', zlib.gzipSync(body).subarray(0, -1), LIMIT)).toMatchObject({ status: 500, message: 'Truncated gzip in request body' });
    expect(decodeRequestBody('deflate', Buffer.alloc(0), LIMIT)).toMatchObject({ status: 500, message: 'Truncated gzip in request body' });
    expect(decodeRequestBody('gzip', zlib.gzipSync(Buffer.alloc(1000, 32)), 999)).toMatchObject({ type: 'PayloadTooLarge', status: 413 });
  });

  it('negotiates Accept-Encoding with the threshold, q-values and "*" as find_compression does', () => {
    expect(responseEncoding('gzip', 4095)).toBeUndefined();
    expect(responseEncoding('gzip', 4096)).toBe('gzip');
    expect(responseEncoding(undefined, 1e6)).toBeUndefined();
    expect(responseEncoding('*, gzip;q=0.5', 5000)).toBe('deflate');
    expect(responseEncoding('gzip;q=0, gzip;q=1, gzip;q=0', 5000)).toBe('gzip');
    expect(responseEncoding('gzip;nq=0;q=1', 5000)).toBeUndefined();
    expect(responseEncoding('deflate;q=0.5,gzip;q=0.x', 5000)).toBe('gzip');
    expect(responseEncoding('deflate;q=-0.5,gzip;q=0.2', 5000)).toBe('gzip');
  });
});

describe('request limits', () => {
  it('finds nesting past 78 JSON levels without recursing, even 200,000 levels deep', () => {
    let deep: unknown = {};
    for (let i = 0; i < 200_000; i++) deep = { '': deep };
    expect(jsonNestingError(deep)).toBe('Max nested level reached: 78');
    let ok: unknown = {};
    for (let i = 0; i < 77; i++) ok = { a: ok };
    expect(jsonNestingError(ok)).toBeUndefined();
    expect(jsonNestingError({ a: ok })).toBe('Max nested level reached: 78');
  });

  it('words the expression, path and name limits as Alternator, only those the emulated version has', () => {
    const long = `SET${' '.repeat(4090)}a = :v`;
    expect(requestLimitError('UpdateItem', { UpdateExpression: long }, all)).toBe('UpdateExpression expression size 4099 exceeds allowed maximum 4096.');
    expect(requestLimitError('UpdateItem', { UpdateExpression: long }, (f) => f !== 'expression-size-limit-4kb')).toBeUndefined();
    expect(requestLimitError('GetItem', { ProjectionExpression: `a${'.b'.repeat(32)}` }, all)).toMatch(/Document path exceeded 32 nesting levels$/);
    expect(requestLimitError('PutItem', { Item: { ['x'.repeat(65536)]: { N: '1' } } }, all)).toBe('Attribute name is too large, must be less than 65536 bytes');
    expect(requestLimitError('GetItem', { AttributesToGet: [''] }, all)).toBe('in AttributesToGet - Empty attribute name');
    expect(requestLimitError('GetItem', { AttributesToGet: [''] }, (f) => f !== 'empty-attribute-name-refused')).toBeUndefined();
    expect(requestLimitError('CreateTable', { KeySchema: [{ AttributeName: 'k'.repeat(256), KeyType: 'HASH' }], AttributeDefinitions: [] }, all)).toBe(
      'HASH key in KeySchema - Attribute name is too large, must be less than 256 bytes',
    );
  });

  it("refuses a malformed BatchWriteItem with Alternator's messages before the data plane sees it", () => {
    expect(batchWriteShapeError({ RequestItems: { t: [null] } })).toBe('RequestItems element: expected an object with a single member.');
    expect(batchWriteShapeError({ RequestItems: { t: [{ PutRequest: { Item: null } }] } })).toBe('Item in PutRequest must be an object');
    expect(batchWriteShapeError({ RequestItems: { t: [] } })).toBe('Member of RequestItems must be a non-empty array of WriteRequest objects');
    expect(batchWriteShapeError({ RequestItems: { t: [{ DeleteRequest: { Key: { p: { S: 'x' } } } }] } })).toBeUndefined();
  });
});

describe('metrics exposition', () => {
  it("renders ScyllaDB's series: global per shard, per table with ks and cf; units from item sizes", () => {
    const m = new AlternatorMetrics();
    m.operation('PutItem');
    m.tableOperation('PutItem', 't');
    m.tableOperation('CreateTable', 't');
    m.writeUnits('PutItem', 't', 2049);
    m.readUnits('t', readHalfUnits(4097, true));
    m.readUnits('t', readHalfUnits(10, false));
    const text = m.render();
    expect(text).toContain('scylla_alternator_operation{op="PutItem",shard="0"} 1');
    expect(text).toContain('scylla_alternator_table_operation{op="PutItem",cf="t",ks="alternator_t"} 1');
    expect(text).not.toContain('op="CreateTable",cf=');
    expect(text).toContain('scylla_alternator_table_wcu_total{op="PutItem",cf="t",ks="alternator_t"} 3');
    expect(text).toContain('scylla_alternator_table_rcu_total{cf="t",ks="alternator_t"} 2.5');
    expect(itemBytes({ p: { S: 'ab' }, b: { B: Buffer.from([1, 2, 3]).toString('base64') }, m: { M: { x: { N: '12' } } } })).toBe(1 + 2 + 1 + 3 + 1 + 1 + 2);
  });

  it("follows ScyllaDB's per-table/global split: BatchGetItem, UpdateTable and the TTL operations count only globally (executor_read.cc executor::batch_get_item)", () => {
    const m = new AlternatorMetrics();
    for (const op of ['BatchGetItem', 'UpdateTable', 'UpdateTimeToLive', 'DescribeTimeToLive', 'DescribeContinuousBackups', 'CreateTable', 'DeleteTable']) m.tableOperation(op, 't');
    m.tableOperation('Scan', 't:gsi');
    m.batchItems('BatchGetItem', 2);
    m.tableBatchWriteItems('t', 3);
    m.latency('BatchGetItem', 0.001, ['t']);
    const text = m.render();
    expect(text).not.toMatch(/scylla_alternator_table_operation\{op="(BatchGetItem|UpdateTable|UpdateTimeToLive|DescribeTimeToLive|DescribeContinuousBackups|CreateTable|DeleteTable)"/);
    expect(text).toContain('scylla_alternator_table_operation{op="Scan",cf="t:gsi",ks="alternator_t"} 1');
    expect(text).toContain('scylla_alternator_batch_item_count{op="BatchGetItem",shard="0"} 2');
    expect(text).not.toContain('scylla_alternator_table_batch_item_count{op="BatchGetItem"');
    expect(text).toContain('scylla_alternator_table_batch_item_count{op="BatchWriteItem",cf="t",ks="alternator_t"} 3');
    expect(text).toContain('scylla_alternator_table_op_latency_count{op="BatchGetItem",cf="t",ks="alternator_t"} 1');
  });

  it('exports only the series the emulated version has: no per-table series before 2025.3.0, no authentication counters before 2025.4.0, no per-table batch latency before 2026.2.0', () => {
    const at = (v: string) => {
      const m = new AlternatorMetrics({ scyllaVersion: v });
      m.operation('GetItem');
      m.tableOperation('GetItem', 't');
      m.readUnits('t', 2);
      m.latency('BatchWriteItem', 0.001, ['t']);
      m.authenticationFailure();
      m.writeUnits('BatchWriteItem', 't', 10);
      return m.render();
    };
    const old = at('2025.2.3');
    expect(old).toContain('scylla_alternator_operation{op="GetItem",shard="0"} 1');
    expect(old).toContain('scylla_alternator_rcu_total{shard="0"} 1');
    expect(old).not.toContain('scylla_alternator_table_');
    expect(old).not.toContain('authentication_failures');
    expect(old).not.toContain('wcu_total');
    const v2025_4 = at('2025.4.0');
    expect(v2025_4).toContain('scylla_alternator_table_operation{op="GetItem",cf="t",ks="alternator_t"} 1');
    expect(v2025_4).toContain('scylla_alternator_authentication_failures{shard="0"} 1');
    expect(v2025_4).toContain('scylla_alternator_table_wcu_total{op="PutItem",cf="t",ks="alternator_t"} 1');
    expect(v2025_4).not.toContain('scylla_alternator_table_op_latency_count{op="BatchWriteItem"');
    expect(at('2026.2.4')).toContain('scylla_alternator_table_op_latency_count{op="BatchWriteItem",cf="t",ks="alternator_t"} 1');
    // Backports: per-table batch latency in 2025.4.8 and 2026.1.2 (not 2025.4.7, 2026.1.1); read units in 2025.1.4 (not 2025.1.3).
    expect(at('2025.4.8')).toContain('scylla_alternator_table_op_latency_count{op="BatchWriteItem"');
    expect(at('2026.1.2')).toContain('scylla_alternator_table_op_latency_count{op="BatchWriteItem"');
    expect(at('2025.4.7')).not.toContain('scylla_alternator_table_op_latency_count{op="BatchWriteItem"');
    expect(at('2026.1.1')).not.toContain('scylla_alternator_table_op_latency_count{op="BatchWriteItem"');
    expect(at('2025.1.4')).toContain('scylla_alternator_rcu_total{shard="0"} 1');
    expect(at('2025.1.3')).not.toContain('rcu_total');
  });
});

describe('RBAC per table', () => {
  it('grants a creator its table and indexes only, revokes them on drop for every role, and names the permission refused', () => {
    const roles = new RoleStore();
    const creator = roles.add('creator', { permissions: ['CREATE'] });
    const create = { TableName: 't', GlobalSecondaryIndexes: [{ IndexName: 'g' }] };
    expect(permissionDenial(roles, creator, 'CreateTable', create, '127.0.0.1')).toBeUndefined();
    roles.grantCreator(creator, createdResources(create));
    expect(permissionDenial(roles, creator, 'Query', { TableName: 't', IndexName: 'g' }, '127.0.0.1')).toBeUndefined();
    expect(permissionDenial(roles, creator, 'GetItem', { TableName: 'other' }, '127.0.0.1')).toBe(
      'SELECT access on table alternator_other.other is denied to role creator, client address 127.0.0.1',
    );
    expect(permissionDenial(roles, creator, 'BatchWriteItem', { RequestItems: { t: [], other: [] } }, 'c')).toMatch(/^MODIFY access on table alternator_other\.other/);
    roles.revokeTable('t');
    expect(permissionDenial(roles, creator, 'GetItem', { TableName: 't' }, 'c')).toMatch(/^SELECT access/);
    expect(permissionDenial(roles, creator, 'Query', { TableName: 't', IndexName: 'g' }, 'c')).toMatch(/alternator_t\.t:g/);
    const reader = roles.add('reader', { permissions: ['SELECT'] });
    expect(permissionDenial(roles, reader, 'CreateTable', create, 'c')).toBe('CREATE access on ALL KEYSPACES is denied to role reader');
    expect(permissionDenial(roles, reader, 'DescribeTable', { TableName: 't' }, 'c')).toBeUndefined();
  });
});
