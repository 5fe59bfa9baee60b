// Hostile payloads: requests built to hurt a server (test/alternator/test_manual_requests.py). Each must get an
// answer — a clean error, never a crash or a hang — and the node must serve the next request. Alternator parses
// requests with a nesting limit (utils/rjson.hh default_max_nested_level, no recursion), refuses malformed JSON and
// base64 by type (server.cc api_handler; rjson::base64_decode), and limits bodies to 16 MB even without
// Content-Length (server.cc handle_api_request, read_entire_stream; scylladb#8196).
import { describe, it, expect, beforeAll } from 'vitest';
import { randomBytes } from 'node:crypto';
import { useTable, client, offers, differenceApplies, type DynamoClient } from '../../harness/suite-kit/index.ts';
import { parseErrorBody, type RawResponse } from '../../harness/client/dynamo-client.ts';
import { titled } from '../../harness/suite-kit/cases.ts';

const MB = 1024 * 1024;
const JSON_ERROR = /SerializationException|ValidationException|Page Not Found/;

describe('hostile payloads', () => {
  const t = useTable('hostile', { hash: ['p', 'S'], range: ['c', 'S'] });
  const tb = useTable('hostile_b', { hash: ['p', 'B'] });
  let c: DynamoClient;
  beforeAll(async () => {
    await Promise.all([t.ready(), tb.ready()]);
    c = t.client;
  });

  /** The node still serves: an ordinary read on a fresh connection is answered. */
  async function stillServes(): Promise<void> {
    const fresh = client();
    try {
      expect((await fresh.call<{ Table: { TableStatus: string } }>('DescribeTable', { TableName: t.name })).Table.TableStatus).toBe('ACTIVE');
    } finally {
      fresh.close();
    }
  }

  it('a PutItem nested 200,000 levels deep is answered with a client error, and the node serves the next request (test_deeply_nested_put)', async () => {
    const deep = `${'{"":'.repeat(200_000)}{}${'}'.repeat(200_000)}`;
    const r = await c.raw('PutItem', {}, { body: `{"TableName": "${t.name}", "Item": {"p": {"S": "x"}, "c": {"S": "x"}, "attribute": ${deep}}}` });
    expect(r.status, r.text.slice(0, 300)).toBeGreaterThanOrEqual(400);
    expect(r.status, r.text.slice(0, 300)).toBeLessThan(500);
    // Alternator's parser stops at its nesting limit without recursing (difference alternator-json-nesting-78).
    if (differenceApplies('alternator-json-nesting-78')) expect(parseErrorBody(r.status, r.text).serverMessage).toBe('Max nested level reached: 78');
    expect((await c.call<{ Item?: unknown }>('GetItem', { TableName: t.name, Key: { p: { S: 'x' }, c: { S: 'x' } }, ConsistentRead: true })).Item).toBeUndefined();
    await stillServes();
  });

  it('malformed JSON is refused with a JSON error: every prefix of a valid PutItem, and 20 broken bodies (test_incorrect_json)', async () => {
    const valid = `{"TableName": "${t.name}", "Item": {"p": {"S": "x"}, "c": {"S": "x"}}}`;
    const broken = ['}}}', '}{', 'habababa', '7', '124463gwe', '><#', '????', '"""', '{"""}', '{""}', '{7}', '{3: }}', '{"2":{}', ',', '{,}', '{{}}', '"a": "b"', '{{{', `${'{'.repeat(10_000)}${'}'.repeat(9_999)}`, `${'{'.repeat(10_000)}${'}'.repeat(10_007)}`];
    const bodies = [...Array.from({ length: valid.length }, (_, i) => valid.slice(0, i)), ...broken];
    const wrong: string[] = [];
    for (const body of bodies) {
      const r = await c.raw('PutItem', {}, { body });
      if (r.status !== 400 || !JSON_ERROR.test(r.text)) wrong.push(`${JSON.stringify(body.slice(0, 40))}: HTTP ${r.status} ${r.text.slice(0, 120)}`);
    }
    expect(wrong).toEqual([]);
    await stillServes();
  });

  it('18 malformed BatchWriteItem bodies are each refused with ValidationException, never an internal assertion (test_batch_write_item_invalid_payload, #23233)', async () => {
    const cases = [
      '', 'null', '""', '{}', '{"RequestItems": null}', '{"RequestItems": ""}', '{"RequestItems": []}',
      '{"RequestItems": {"T": null}}', '{"RequestItems": {"T": [null]}}', '{"RequestItems": {"T": [{}}]}}',
      '{"RequestItems": {"T": [{"PutRequest": null}]}}', '{"RequestItems": {"T": [{"PutRequest": {}}]}}',
      '{"RequestItems": {"T": [{"PutRequest": {"Item": null}}]}}', '{"RequestItems": {"T": [{"PutRequest": {"Item": {}}}]}}',
      '{"RequestItems": {"T": [{"DeleteRequest": null}]}}', '{"RequestItems": {"T": [{"DeleteRequest": {}}]}}',
      '{"RequestItems": {"T": [{"DeleteRequest": {"Key": null}}]}}', '{"RequestItems": {"T": [{"DeleteRequest": {"Key": {}}}]}}',
    ].map((b) => b.replace('"T"', JSON.stringify(t.name)));
    const wrong: string[] = [];
    for (const body of cases) {
      const r = await c.raw('BatchWriteItem', {}, { body });
      const type = parseErrorBody(r.status, r.text).type;
      if (r.status !== 400 || !['ValidationException', 'SerializationException'].includes(type) || /assert/i.test(r.text))
        wrong.push(`${body}: HTTP ${r.status} ${r.text.slice(0, 160)}`);
    }
    expect(wrong).toEqual([]);
  });

  const base64Cases = [
    { title: 'missing padding "YWJjZGVmZ2g" in a key (test_base64_missing_padding)', body: () => `{"TableName": "${tb.name}", "Item": {"p": {"B": "YWJjZGVmZ2g"}}}` },
    { title: 'missing padding "YWJjZGVmZ2g" in an attribute (test_base64_missing_padding)', body: () => `{"TableName": "${tb.name}", "Item": {"p": {"B": "${randomBytes(6).toString('base64')}"}, "c": {"B": "YWJjZGVmZ2g"}}}` },
    { title: 'non-base64 "YWJj??!!" in a key (test_base64_malformed)', body: () => `{"TableName": "${tb.name}", "Item": {"p": {"B": "YWJj??!!"}}}` },
    { title: 'non-base64 "YWJj??!!" in an attribute (test_base64_malformed)', body: () => `{"TableName": "${tb.name}", "Item": {"p": {"B": "${randomBytes(6).toString('base64')}"}, "c": {"B": "YWJj??!!"}}}` },
    { title: 'a raw 0xFF byte in a key (test_base64_malformed_255, #25701)', body: () => Buffer.concat([Buffer.from(`{"TableName": "${tb.name}", "Item": {"p": {"B": "`), Buffer.from([0xff]), Buffer.from('dog"}}}')]) },
  ];
  it.for(titled(base64Cases, (x) => `a binary value with ${x.title} is refused with SerializationException (HTTP 400)`))('%s', async ([, x]) => {
    const r = await tb.client.raw('PutItem', {}, { body: x.body() });
    expect(r.status, r.text).toBe(400);
    expect(r.text).toMatch(/SerializationException/);
  });

  it('an error message quoting the request is still valid JSON (test_exception_escape_raw, #10278)', async () => {
    const r = await c.raw('UpdateItem', {}, {
      body: `{"TableName": "${t.name}", "Key": {"p": {"S": "hello"}, "c": {"S": "x"}}, "UpdateExpression": "ADD n :inc", "ExpressionAttributeValues": {":inc": {"S": "1"}}}`,
    });
    expect(r.status).toBe(400);
    expect(String(JSON.parse(r.text).__type)).toMatch(/ValidationException$/);
  });

  // Alternator before 2026.1 may close the connection instead of answering (difference alternator-oversized-request-reset).
  it('a body over 16 MB sent chunked, without Content-Length, is refused (HTTP 413) rather than read whole (test_too_large_request_chunked, #8196)', async () => {
    const body = `{"TableName": "${t.name}", ${' '.repeat(17 * MB)}"Item": {"p": {"S": "chunked"}, "c": {"S": "x"}}}`;
    const sent = c.raw('PutItem', {}, { body, afterSign: (h) => ({ ...h, 'transfer-encoding': 'chunked' }) });
    const r: Pick<RawResponse, 'status' | 'text'> = offers('oversized-request-answered') ? await sent : await sent.catch((e: Error) => ({ status: 0, text: e.message }));
    if (r.status !== 0) expect(r.status, r.text.slice(0, 200)).toBe(413);
    expect((await c.call<{ Item?: unknown }>('GetItem', { TableName: t.name, Key: { p: { S: 'chunked' }, c: { S: 'x' } }, ConsistentRead: true })).Item).toBeUndefined();
    await stillServes();
  });
});
