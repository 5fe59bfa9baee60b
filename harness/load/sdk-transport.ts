// The comparison client: @aws-sdk/client-dynamodb with its NodeHttpHandler (built from the options
// below) over a keep-alive https.Agent that trusts only the endpoint's CA. No retries: a failure is
// counted, as in the fast client.
import https from 'node:https';
import http from 'node:http';
import {
  DynamoDBClient,
  GetItemCommand,
  UpdateItemCommand,
  PutItemCommand,
  BatchWriteItemCommand,
  type GetItemCommandInput,
  type UpdateItemCommandInput,
  type PutItemCommandInput,
  type BatchWriteItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import { unprocessedCount, type Channel, type LoadEndpoint, type Transport } from './transport.ts';
import type { PreparedCall } from './workloads.ts';
import { hostHeader } from './raw-transport.ts';
import { tlsIdentity } from './http1-connection.ts';

export function sdkClient(endpoint: LoadEndpoint, maxSockets: number, timeoutMs: number): DynamoDBClient {
  const url = new URL(endpoint.url);
  const { sni, checkServerIdentity } = tlsIdentity(url, endpoint.servername);
  const httpsAgent = new https.Agent({
    keepAlive: true,
    maxSockets,
    ca: endpoint.caPem,
    ...(sni !== undefined ? { servername: sni } : {}),
    checkServerIdentity,
  });
  const httpAgent = new http.Agent({ keepAlive: true, maxSockets });
  const client = new DynamoDBClient({
    endpoint: endpoint.url,
    region: endpoint.region,
    credentials: endpoint.credentials,
    maxAttempts: 1,
    requestHandler: { httpsAgent, httpAgent, requestTimeout: timeoutMs, connectionTimeout: timeoutMs },
  });
  // Same Host header as the fast client when connecting through a forwarded address.
  const host = hostHeader(url, endpoint.servername);
  if (host !== url.host)
    client.middlewareStack.add((next) => (args) => {
      const req = args.request as { headers?: Record<string, string> };
      if (req.headers) req.headers.host = host;
      return next(args);
    }, { step: 'build', name: 'alternatorE2eHostHeader' });
  return client;
}

function command(c: PreparedCall) {
  const input = c.template.object(c.slots);
  switch (c.template.target) {
    case 'GetItem':
      return new GetItemCommand(input as unknown as GetItemCommandInput);
    case 'UpdateItem':
      return new UpdateItemCommand(input as unknown as UpdateItemCommandInput);
    case 'PutItem':
      return new PutItemCommand(input as unknown as PutItemCommandInput);
    case 'BatchWriteItem':
      return new BatchWriteItemCommand(input as unknown as BatchWriteItemCommandInput);
    default:
      throw new Error(`the SDK load client has no command for ${c.template.target}`);
  }
}

export function sdkTransport(endpoint: LoadEndpoint, concurrency: number, timeoutMs: number): Transport {
  const client = sdkClient(endpoint, concurrency, timeoutMs);
  return {
    channel(): Channel {
      return {
        connects: 0,
        async call(c) {
          try {
            const out = (await client.send(command(c) as never)) as { UnprocessedItems?: Record<string, unknown[]> };
            return c.template.target === 'BatchWriteItem' ? { status: 200, unprocessedItems: unprocessedCount(out.UnprocessedItems) } : { status: 200 };
          } catch (e) {
            const err = e as { name?: string; $metadata?: { httpStatusCode?: number } };
            return { status: err.$metadata?.httpStatusCode ?? 0, errorType: err.name ?? 'ClientError' };
          }
        },
        close() {},
      };
    },
    close: () => client.destroy(),
  };
}
