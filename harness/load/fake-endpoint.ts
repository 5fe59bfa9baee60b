// A DynamoDB-shaped endpoint that stores nothing, for the load benchmark and the load tests: it answers
// every data-plane request with an empty success, can stall every Nth data request by a known delay or
// fail it with a chosen __type, and can verify SigV4 signatures as Alternator does.
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { parseAuthorization, expectedSignature } from '../client/sigv4.ts';
import type { Credentials } from '../endpoint/contract.ts';

export interface FakeEndpointOptions {
  /** Serve HTTPS with this certificate. */
  tls?: { certPem: string; keyPem: string };
  /** Every Nth data-plane request (1-based count) is answered `stallMs` late. */
  stallEvery?: number;
  stallMs?: number;
  /** Every Nth data-plane request is answered 400 with this __type. */
  failEvery?: number;
  failType?: string;
  /** Check signatures against these credentials; a bad one gets 400 InvalidSignatureException. */
  verify?: Credentials;
  port?: number;
}

export interface FakeEndpoint {
  url: string;
  port: number;
  /** Requests seen per X-Amz-Target operation. */
  counts: Map<string, number>;
  /** Data-plane requests seen, and how many were stalled / failed on purpose. */
  stats: { data: number; stalled: number; failed: number; badSignatures: number };
  /** Hosts and SNI names seen (to check what the client sent). */
  hosts: Set<string>;
  close(): Promise<void>;
}

const CONTROL: Record<string, string> = {
  CreateTable: '{"TableDescription":{"TableStatus":"ACTIVE"}}',
  DescribeTable: '{"Table":{"TableStatus":"ACTIVE"}}',
  DeleteTable: '{"TableDescription":{"TableStatus":"DELETING"}}',
};
const DATA: Record<string, string> = { BatchWriteItem: '{"UnprocessedItems":{}}' };
const HEADERS = { 'content-type': 'application/x-amz-json-1.0' };

export async function startFakeEndpoint(o: FakeEndpointOptions = {}): Promise<FakeEndpoint> {
  const counts = new Map<string, number>();
  const stats = { data: 0, stalled: 0, failed: 0, badSignatures: 0 };
  const hosts = new Set<string>();
  const reply = (res: http.ServerResponse, status: number, body: string) => {
    res.writeHead(status, { ...HEADERS, 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => void answer(req, res, Buffer.concat(chunks)));
  };
  const answer = async (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => {
    const op = String(req.headers['x-amz-target'] ?? '').replace(/^DynamoDB_20120810\./, '');
    counts.set(op, (counts.get(op) ?? 0) + 1);
    hosts.add(String(req.headers.host));
    if (o.verify) {
      const auth = parseAuthorization(String(req.headers.authorization ?? ''));
      const want = auth && (await expectedSignature(auth, req.headers, body, o.verify.secretAccessKey));
      if (!auth || auth.credentialParts[0] !== o.verify.accessKeyId || !want || want !== auth.signature) {
        stats.badSignatures++;
        return reply(res, 400, '{"__type":"com.amazonaws.dynamodb.v20120810#InvalidSignatureException","message":"signature mismatch"}');
      }
    }
    const control = CONTROL[op];
    if (control !== undefined) return reply(res, 200, control);
    const n = ++stats.data;
    const out = DATA[op] ?? '{}';
    if (o.failEvery && n % o.failEvery === 0) {
      stats.failed++;
      return reply(res, 400, `{"__type":"com.amazonaws.dynamodb.v20120810#${o.failType ?? 'ValidationException'}","message":"failed on purpose"}`);
    }
    if (o.stallEvery && n % o.stallEvery === 0) {
      stats.stalled++;
      setTimeout(() => reply(res, 200, out), o.stallMs ?? 0);
      return;
    }
    reply(res, 200, out);
  };
  const server = o.tls ? https.createServer({ cert: o.tls.certPem, key: o.tls.keyPem }, handler) : http.createServer(handler);
  server.keepAliveTimeout = 120_000;
  server.headersTimeout = 130_000;
  await new Promise<void>((resolve) => server.listen(o.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${o.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    counts,
    stats,
    hosts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
