// Proof that the HTTP-surface, limits, RBAC and metrics suites can FAIL (issue 16): each deliberate deviation of the
// local front door (harness/targets/local/faults.ts) makes the run exit 1 and names the tests that caught it; without
// a fault the four files pass. One spawn per fault, restricted to the suite file that must catch it, on `defaults`;
// one after the other, so these nine spawns do not starve the other proofs running beside them on two cores.
import { describe, it, expect } from 'vitest';
import { runSuites, expectPassed, expectFailed } from '../helpers/faults.ts';

const SUITES = ['api/http', 'api/limits', 'auth/rbac', 'metrics/alternator-metrics', 'metrics/global-counters'];
const run = (fault: string, suite: string) => runSuites([suite], { fault });
const HTTP = 'defaults api/http › ';
const COMPRESSION = `${HTTP}compressed requests and responses > `;
const LIMITS = 'defaults api/limits › ';
const RBAC = 'defaults auth/rbac › ';
const METRICS = 'defaults metrics/alternator-metrics › alternator per-table metrics > ';

describe('http surface, limits, rbac and metrics suites fail on a faulty endpoint', { timeout: 230_000 }, () => {
  it('pass without a fault: every case of the four files passes or is not applicable with a named difference', async () => {
    const r = await runSuites(SUITES);
    expectPassed(r);
    const cases = r.cases();
    for (const s of SUITES) expect(cases.filter((c) => c.suite === s && c.status === 'passed').length, `${s} passed cases`).toBeGreaterThanOrEqual(8);
    // The local data plane's own differences, or Alternator's documented for the emulated version: the smoke profile
    // emulates ScyllaDB 2026.1.3 (what operator v1.21.1 supports), where an empty attribute name is still accepted
    // (alternator-empty-attribute-name-accepted, refused since 2026.2.0: SCYLLADB-1069).
    for (const c of cases.filter((x) => x.status === 'skipped')) expect(JSON.stringify(c)).toMatch(/not applicable: .*\[(local-|alternator-)/);
  });

  it('FAILS when Content-Encoding is ignored (as before 2026.1), naming the gzip and the unknown-encoding tests', async () => {
    const failed = expectFailed(await run('request-encoding-ignored', 'api/http'), [
      `${COMPRESSION}requests (test_compressed_request.py) > a gzip body is decoded: the item reads back exactly (test_gzip_request_valid, test_compressed_request)`,
      `${COMPRESSION}requests (test_compressed_request.py) > an unknown Content-Encoding ("garbage") on a plain body (test_garbage_content_encoding) is refused with HTTP 500 and nothing is written`,
    ]);
    expect(failed.every((f) => f.startsWith(`${COMPRESSION}requests`))).toBe(true);
  });

  it('FAILS when a compressed response spanning several buffers is cut (CUSTOMER-623 class), naming the overflow test and only multi-buffer responses', async () => {
    const failed = expectFailed(await run('compressed-response-truncated', 'api/http'), [
      `${COMPRESSION}responses (test_compressed_response.py) > CUSTOMER-623: poorly compressible GetItem answers of 17,000 bytes and of sizes drawn in 5,000-40,000 decode exactly, and the node still serves (test_compressed_response_overflow)`,
      `${COMPRESSION}responses (test_compressed_response.py) > in gzip, a 204,800-character random attribute, exact (test_compressed_response_large)`,
    ]);
    // Small answers fit one buffer: the 4 KB threshold and negotiation cases still pass.
    expect(failed.some((f) => f.includes('test_accept_encoding_header'))).toBe(false);
  });

  it('FAILS when no CORS header is sent, naming the CORS tests and nothing else', async () => {
    const failed = expectFailed(await run('cors-headers-missing', 'api/http'));
    expect(failed.sort()).toEqual(
      [
        `${HTTP}http surface > CORS (test_cors.py) > a preflight echoes the requested method and headers as allowed; GET and POST do not (test_cors_allow_requested)`,
        `${HTTP}http surface > CORS (test_cors.py) > with Origin, every answer allows any origin and exposes the DynamoDB headers; only the preflight carries Max-Age (test_cors_allow_origin)`,
      ].sort(),
    );
  });

  it("FAILS when DescribeEndpoints answers the node's own address, naming the DescribeEndpoints test", async () => {
    const failed = expectFailed(await run('describe-endpoints-node-address', 'api/http'));
    expect(failed).toEqual([`${HTTP}http surface > DescribeEndpoints (test_describe_endpoints.py) > answers exactly one endpoint, cached 1440 minutes, which a client can use (test_describe_endpoints)`]);
  });

  it('FAILS when expressions over 4096 bytes are served, naming the length and the crash tests', async () => {
    const failed = expectFailed(await run('expression-size-unchecked', 'api/limits'), [
      `${LIMITS}limits > expression length (test_limit_expression_len) > an UpdateExpression of 4096 bytes is served; of 4097 it is refused with ValidationException naming it`,
      `${LIMITS}limits > expression length (test_limit_expression_len) > a ConditionExpression of 20,000 parentheses around a<b (test_limit_expression_len_crash2) is refused by its size before it is parsed, and the item is unchanged`,
    ]);
    expect(failed.every((f) => f.startsWith(`${LIMITS}limits > expression length`))).toBe(true);
  });

  it('FAILS when a deeply nested request gets no answer (a crashing node), naming the 200,000-level test', async () => {
    expectFailed(await run('deep-nesting-connection-reset', 'api/limits'), [
      `${LIMITS}hostile payloads > a PutItem nested 200,000 levels deep is answered with a client error, and the node serves the next request (test_deeply_nested_put)`,
    ]);
  });

  it("FAILS when a grant on one table counts on every table, naming the test where the creator reaches beyond its own table", async () => {
    expectFailed(await run('grants-on-every-table', 'auth/rbac'), [
      `${RBAC}rbac: auto-grant to a table creator, auto-revoke on drop (test_cql_rbac.py) > creating a table grants its creator SELECT, MODIFY, ALTER and DROP on it and on its index, and on nothing else; a batch naming both tables is refused whole (test_rbac_createtable, test_rbac_batchwriteitem, test_rbac_batchgetitem)`,
    ]);
  });

  it('FAILS when successful operations are not counted, naming the per-table metric tests', async () => {
    expectFailed(await run('metrics-not-counted', 'metrics/alternator-metrics'), [
      `${METRICS}BatchWriteItem counts one operation and each of its items on the table (executor::batch_write_item, test_table_batch_write_item)`,
      `${METRICS}read and write units: a PutItem of 2 KB + 1 byte is 3 WCU and a consistent GetItem of 4 KB + 1 byte 2 RCU, on the table's series (test_wcu_per_table, test_rcu_per_table)`,
    ]);
  });

  it("FAILS when one per-table counter is off (PutItem counted twice on its table) even with every other suite file of the variant running beside it, naming only that metrics case", async () => {
    const r = await runSuites(['all'], { fault: 'table-operation-counted-twice' });
    const failed = expectFailed(r, [
      `${METRICS}PutItem, GetItem, UpdateItem and DeleteItem are each counted once on the table's series (test_table_item_operations)`,
    ]);
    // Only that metrics case: the global series stay right (metrics/global-counters passes). Other suites do not read
    // metrics, so they are not this proof's business (a load-induced reset there must not make it flaky).
    expect(failed.filter((f) => f.includes(' metrics/'))).toEqual([`${METRICS}PutItem, GetItem, UpdateItem and DeleteItem are each counted once on the table's series (test_table_item_operations)`]);
    expect(r.cases().filter((c) => c.suite === 'metrics/global-counters' && c.status === 'passed').length).toBeGreaterThanOrEqual(8);
  });
});
