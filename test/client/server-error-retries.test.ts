// A 5xx is a finding unless a named difference says otherwise: the client sends a request again only for the
// operations it was told to (suite-kit does so on DynamoDB Local alone, difference dynamodb-local-concurrent-ddl-500).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoClient, DynamoError } from '../../harness/client/dynamo-client.ts';

describe('DynamoClient retries of HTTP 5xx', () => {
  let server: http.Server;
  let url: string;
  /** Answers to come, per operation: the first ones 500 (or 400), then 200. */
  const failures = new Map<string, number[]>();
  const seen: string[] = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const op = String(req.headers['x-amz-target']).split('.')[1]!;
      seen.push(op);
      const status = failures.get(op)?.shift() ?? 200;
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(status === 200 ? '{}' : JSON.stringify({ __type: status >= 500 ? 'InternalFailure' : 'com.amazon.coral.validate#ValidationException', message: 'x' }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  it('by default a 500 is thrown at once', async () => {
    seen.length = 0;
    failures.set('UpdateTable', [500]);
    const c = new DynamoClient({ url });
    await expect(c.call('UpdateTable', {})).rejects.toMatchObject({ status: 500 });
    expect(seen).toEqual(['UpdateTable']);
    c.close();
  });

  it('for a listed operation, 500s are sent again until an answer is 200; other operations and 4xx are not', async () => {
    const c = new DynamoClient({ url, retryServerErrorsOf: new Set(['UpdateTable']) });
    seen.length = 0;
    failures.set('UpdateTable', [500, 500]);
    await expect(c.call('UpdateTable', {})).resolves.toEqual({});
    expect(seen).toEqual(['UpdateTable', 'UpdateTable', 'UpdateTable']);
    seen.length = 0;
    failures.set('PutItem', [500]);
    await expect(c.call('PutItem', {})).rejects.toBeInstanceOf(DynamoError);
    failures.set('UpdateTable', [400]);
    await expect(c.call('UpdateTable', {})).rejects.toMatchObject({ status: 400 });
    expect(seen).toEqual(['PutItem', 'UpdateTable']);
    c.close();
  });

  it('gives up after 5 attempts with the last 500', async () => {
    const c = new DynamoClient({ url, retryServerErrorsOf: new Set(['DeleteTable']) });
    seen.length = 0;
    failures.set('DeleteTable', [500, 500, 500, 500, 500, 500]);
    await expect(c.call('DeleteTable', {})).rejects.toMatchObject({ status: 500 });
    expect(seen).toHaveLength(5);
    c.close();
  });
});
