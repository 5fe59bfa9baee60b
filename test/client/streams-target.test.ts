// Streams operations go to the DynamoDB Streams API: X-Amz-Target DynamoDBStreams_20120810.<op> (issue 13: they were
// sent as DynamoDB_20120810.<op>, which DynamoDB Local answers UnknownOperationException), at the Streams endpoint
// the deployment names (AWS_ENDPOINT_URL_DYNAMODB_STREAMS on the endpoint target) or else the DynamoDB one.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import http from 'node:http';
import { DynamoClient, targetHeader } from '../../harness/client/dynamo-client.ts';
import { endpointOptionsFromEnv, resolveDatacenters } from '../../harness/targets/endpoint/endpoint-target.ts';
import { ConfigError } from '../../harness/util/errors.ts';
import { listenOnLoopback, closeServer } from '../../harness/targets/local/loopback.ts';

/** A server that answers `{}` and records the X-Amz-Target of each request. */
async function recorder(): Promise<{ url: string; targets: string[]; server: http.Server }> {
  const targets: string[] = [];
  const server = http.createServer((req, res) => {
    targets.push(String(req.headers['x-amz-target']));
    req.resume().on('end', () => res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' }).end('{}'));
  });
  const port = await listenOnLoopback(server);
  return { url: `http://127.0.0.1:${port}`, targets, server };
}

describe('Streams API requests', () => {
  let dynamodb: Awaited<ReturnType<typeof recorder>>;
  let streams: Awaited<ReturnType<typeof recorder>>;
  beforeAll(async () => {
    [dynamodb, streams] = await Promise.all([recorder(), recorder()]);
  });
  afterAll(async () => {
    await Promise.all([closeServer(dynamodb.server), closeServer(streams.server)]);
  });
  const creds = { accessKeyId: 'k', secretAccessKey: 's' };

  it('the four Streams operations carry the DynamoDBStreams_20120810 prefix; every other operation DynamoDB_20120810', async () => {
    const c = new DynamoClient({ url: dynamodb.url, credentials: creds });
    try {
      for (const op of ['ListStreams', 'DescribeStream', 'GetShardIterator', 'GetRecords', 'PutItem', 'DescribeTable']) await c.call(op, {});
    } finally {
      c.close();
    }
    expect(dynamodb.targets.splice(0)).toEqual([
      'DynamoDBStreams_20120810.ListStreams',
      'DynamoDBStreams_20120810.DescribeStream',
      'DynamoDBStreams_20120810.GetShardIterator',
      'DynamoDBStreams_20120810.GetRecords',
      'DynamoDB_20120810.PutItem',
      'DynamoDB_20120810.DescribeTable',
    ]);
    expect(targetHeader('ListStreams')).toBe('DynamoDBStreams_20120810.ListStreams');
  });

  it('the endpoint target honours AWS_ENDPOINT_URL_DYNAMODB_STREAMS: the Streams client talks to that endpoint', async () => {
    const [dc] = resolveDatacenters(endpointOptionsFromEnv({}, { AWS_ENDPOINT_URL_DYNAMODB: dynamodb.url, AWS_ENDPOINT_URL_DYNAMODB_STREAMS: streams.url }));
    expect(dc!.streamsUrl).toBe(streams.url);
    const c = DynamoClient.forStreams(dc!, 'us-east-1');
    try {
      await c.call('ListStreams', {});
    } finally {
      c.close();
    }
    expect(streams.targets.splice(0)).toEqual(['DynamoDBStreams_20120810.ListStreams']);
    expect(dynamodb.targets).toEqual([]);
  });

  it('without it, Streams are asked at the DynamoDB endpoint', async () => {
    const [dc] = resolveDatacenters(endpointOptionsFromEnv({}, { AWS_ENDPOINT_URL_DYNAMODB: dynamodb.url }));
    expect(dc!.streamsUrl).toBeUndefined();
    const c = DynamoClient.forStreams(dc!, 'us-east-1');
    try {
      await c.call('GetRecords', { ShardIterator: 'x' });
    } finally {
      c.close();
    }
    expect(dynamodb.targets.splice(0)).toEqual(['DynamoDBStreams_20120810.GetRecords']);
  });

  it('a Streams endpoint that is not an http(s) URL is a usage error naming the variable', () => {
    const bad = () => resolveDatacenters(endpointOptionsFromEnv({}, { AWS_ENDPOINT_URL_DYNAMODB: dynamodb.url, AWS_ENDPOINT_URL_DYNAMODB_STREAMS: 'ftp://x' }));
    expect(bad).toThrow(ConfigError);
    expect(bad).toThrow(/AWS_ENDPOINT_URL_DYNAMODB_STREAMS/);
  });
});
