// A small DynamoDB JSON-protocol client for suites: every answer is seen as sent (status, __type,
// exact number strings), TLS is always verified against the deployment's CA bundle, and requests
// can be signed with any credentials (or not at all) so auth tests can send what SDKs refuse to.
import https from 'node:https';
import http from 'node:http';
import { signRequest } from './sigv4.ts';
import type { Credentials, DatacenterEndpoint } from '../endpoint/contract.ts';
import { setTimeout as delay } from 'node:timers/promises';
import { recordExchange } from './evidence.ts';

export interface ClientOptions {
  url: string;
  caPem?: string;
  servername?: string;
  credentials?: Credentials;
  region?: string;
  service?: string;
  /** Per-request timeout. */
  timeoutMs?: number;
  agent?: http.Agent;
  /**
   * Operations whose HTTP 5xx answers `call` sends again with backoff, as every DynamoDB client does (AWS: "Error
   * retries and exponential backoff"). Empty by default: a conformance check must see a server error, so suites set
   * it only where a named difference says the server answers 5xx for no fault of the request.
   */
  retryServerErrorsOf?: ReadonlySet<string>;
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body as UTF-8 text (compressed bodies: see `bytes`). */
  text: string;
  /** The body exactly as received (never decompressed). */
  bytes: Buffer;
  /**
   * The server answered before it had read the whole request body, then closed the connection while the client was
   * still sending it (EPIPE / ECONNRESET): how an HTTP server refuses a body it will not read. The status is the
   * answer; `bytes` may be cut short.
   */
  closedWhileSending?: true;
}

/**
 * The connection was closed (EPIPE / ECONNRESET) while the request body was still being sent, before any answer could
 * be read: a server refusing the body (e.g. ScyllaDB over 16 MB, scylladb#12166: the reset can overtake its 413).
 * A connection lost after the whole body was sent is not this: it stays an ordinary error.
 */
export class BodyRefusedByReset extends Error {
  constructor(
    readonly code: string,
    readonly origin: string,
  ) {
    super(`${origin} closed the connection (${code}) while the request body was still being sent, before any answer was read`);
    this.name = 'BodyRefusedByReset';
  }
}

const CLOSED_BY_PEER = new Set(['EPIPE', 'ECONNRESET']);

export interface RawRequestOptions {
  /** false: send no Authorization header; an object: sign with those credentials instead. */
  sign?: boolean | Credentials;
  headers?: Record<string, string>;
  /** Exact bytes to sign and send instead of the payload's JSON (malformed-body tests). */
  body?: string | Buffer;
  signingDate?: Date;
  region?: string;
  service?: string;
  /** Change signed headers before sending (tamper tests). */
  afterSign?: (headers: Record<string, string>) => Record<string, string>;
}

/** A DynamoDB error as the wire carries it; `type` is the name after `#` in `__type`. */
export class DynamoError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    /** The server's message as sent. */
    readonly serverMessage: string,
    readonly fullType: string,
  ) {
    super(`${type} (HTTP ${status}): ${serverMessage}`);
    this.name = 'DynamoError';
  }
}

export function parseErrorBody(status: number, text: string): DynamoError {
  let j: { __type?: string; message?: string; Message?: string } = {};
  try {
    j = JSON.parse(text);
  } catch {
    /* not JSON: keep the text */
  }
  const full = j.__type ?? `HTTP${status}`;
  return new DynamoError(status, full.slice(full.lastIndexOf('#') + 1), j.message ?? j.Message ?? text.slice(0, 300), full);
}

/**
 * The DynamoDB Streams API's operations: AWS serves them under their own target prefix (and endpoint,
 * streams.dynamodb.<region>.amazonaws.com). Alternator reads only what follows the first '.' of X-Amz-Target, so
 * either prefix reaches it (alternator/server.cc server::handle_api_request, scylla-2026.2.4); DynamoDB Local
 * answers UnknownOperationException to these operations under the DynamoDB prefix.
 */
export const STREAMS_OPERATIONS: ReadonlySet<string> = new Set(['ListStreams', 'DescribeStream', 'GetShardIterator', 'GetRecords']);

/** The X-Amz-Target header of an operation. */
export function targetHeader(operation: string): string {
  return `${STREAMS_OPERATIONS.has(operation) ? 'DynamoDBStreams_20120810' : 'DynamoDB_20120810'}.${operation}`;
}

const RETRY_ATTEMPTS = 5;
const RETRY_STEP_MS = 200;

export class DynamoClient {
  readonly url: URL;
  private readonly agent: http.Agent;
  constructor(readonly options: ClientOptions) {
    this.url = new URL(options.url);
    this.agent =
      options.agent ??
      (this.url.protocol === 'https:'
        ? new https.Agent({ keepAlive: true, ca: options.caPem, servername: options.servername, maxSockets: 64 })
        : new http.Agent({ keepAlive: true, maxSockets: 64 }));
  }

  static forDatacenter(dc: DatacenterEndpoint, region: string, over: Partial<ClientOptions> = {}): DynamoClient {
    return new DynamoClient({
      url: dc.httpsUrl,
      caPem: dc.caBundlePem,
      servername: dc.tlsServerName,
      credentials: dc.credentials,
      region,
      ...over,
    });
  }

  /** A client for the datacenter's Streams API: its own URL where it has one (AWS_ENDPOINT_URL_DYNAMODB_STREAMS). */
  static forStreams(dc: DatacenterEndpoint, region: string, over: Partial<ClientOptions> = {}): DynamoClient {
    return DynamoClient.forDatacenter(dc, region, { url: dc.streamsUrl ?? dc.httpsUrl, ...over });
  }

  /** Sends one request and returns the answer as is, whatever the status. */
  async raw(operation: string, payload: unknown, o: RawRequestOptions = {}): Promise<RawResponse> {
    const body = o.body ?? JSON.stringify(payload);
    const host = this.hostHeader();
    let headers: Record<string, string> = {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': targetHeader(operation),
      ...o.headers,
    };
    const creds = o.sign === false ? undefined : typeof o.sign === 'object' ? o.sign : this.options.credentials;
    if (creds || o.sign === true) {
      headers = await signRequest({
        host,
        headers,
        body,
        credentials: creds ?? { accessKeyId: 'anonymous', secretAccessKey: 'anonymous' },
        region: o.region ?? this.options.region ?? 'us-east-1',
        service: o.service ?? this.options.service,
        date: o.signingDate,
      });
      delete headers.host;
    } else {
      // Unsigned requests still carry the date, as SDKs do.
      headers['x-amz-date'] ??= new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');
    }
    if (o.afterSign) headers = o.afterSign(headers);
    return this.send(headers, body, host, 'POST', '/', creds ? [creds.secretAccessKey] : []);
  }

  /** Sends and parses; throws DynamoError on any non-200 answer. */
  async call<T = Record<string, unknown>>(operation: string, payload: unknown, o: RawRequestOptions = {}): Promise<T> {
    const attempts = this.options.retryServerErrorsOf?.has(operation) ? RETRY_ATTEMPTS : 1;
    for (let i = 1; ; i++) {
      const r = await this.raw(operation, payload, o);
      if (r.status === 200) return (r.text ? JSON.parse(r.text) : {}) as T;
      if (r.status < 500 || i >= attempts) throw parseErrorBody(r.status, r.text);
      await delay(RETRY_STEP_MS * 2 ** (i - 1));
    }
  }

  /** GET a path (health check `/`, `/localnodes`). */
  async get(path: string): Promise<RawResponse> {
    return this.send({}, undefined, this.url.host, 'GET', path);
  }

  /** An unsigned request of any method to a path, with the Host clients use (CORS preflight, other paths). */
  async request(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<RawResponse> {
    return this.send(headers, body, this.hostHeader(), method, path);
  }

  /** The Host header requests carry: the verified server name when the URL is only a forwarded address. */
  hostHeader(): string {
    return this.options.servername && this.url.protocol === 'https:' ? `${this.options.servername}:${this.url.port}` : this.url.host;
  }

  close(): void {
    this.agent.destroy();
  }

  /** Sends one request; the exchange goes to the running case's evidence (harness/client/evidence.ts). */
  private async send(headers: Record<string, string>, body: string | Buffer | undefined, host: string, method = 'POST', path = '/', secrets: string[] = []): Promise<RawResponse> {
    const sent = { method, url: `${this.url.origin}${path}`, headers: { ...headers, host }, ...(body !== undefined ? { body } : {}), secrets };
    try {
      const r = await this.transmit(headers, body, host, method, path);
      recordExchange({ ...sent, response: { status: r.status, headers: r.headers, body: r.bytes } });
      return r;
    } catch (e) {
      recordExchange({ ...sent, error: e });
      throw e;
    }
  }

  private transmit(headers: Record<string, string>, body: string | Buffer | undefined, host: string, method: string, path: string): Promise<RawResponse> {
    const mod = this.url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      let settled = false;
      const settle = (f: () => void) => {
        if (settled) return;
        settled = true;
        f();
      };
      // What an early answer carried, and whether the body left the client: a reset while sending is a refusal.
      let answer: { status: number; headers: http.IncomingHttpHeaders; chunks: Buffer[] } | undefined;
      let bodySent = false;
      const closedByPeer = (e: NodeJS.ErrnoException) => {
        if (bodySent || !CLOSED_BY_PEER.has(e.code ?? '')) return settle(() => reject(e));
        if (answer) {
          const bytes = Buffer.concat(answer.chunks);
          return settle(() => resolve({ status: answer!.status, headers: answer!.headers, text: bytes.toString('utf8'), bytes, closedWhileSending: true }));
        }
        settle(() => reject(new BodyRefusedByReset(e.code!, this.url.origin)));
      };
      const req = mod.request(
        {
          method,
          host: this.url.hostname,
          port: this.url.port,
          path,
          agent: this.agent,
          headers: { ...headers, host },
          timeout: this.options.timeoutMs ?? 30_000,
          ...(this.url.protocol === 'https:' ? { servername: this.options.servername } : {}),
        },
        (res) => {
          answer = { status: res.statusCode ?? 0, headers: res.headers, chunks: [] };
          res.on('data', (c: Buffer) => answer!.chunks.push(c));
          res.on('end', () => {
            const bytes = Buffer.concat(answer!.chunks);
            settle(() => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: bytes.toString('utf8'), bytes }));
          });
          res.on('error', closedByPeer);
        },
      );
      req.on('finish', () => (bodySent = true));
      req.on('timeout', () => req.destroy(new Error(`request to ${this.url.origin} timed out`)));
      req.on('error', closedByPeer);
      req.end(body);
    });
  }
}
