// The local target's storage: dynalite (a DynamoDB implementation in JavaScript on an in-memory LevelDB), called
// in-process. Its HTTP request handler is given each request directly, with no socket in between: the loopback
// hop cost more CPU than the storage itself (profiled, issue 15), and a keep-alive socket the server closes while
// the client reuses it could turn one write of a burst into an internal error. Several front doors (datacenters)
// may share one data plane: replication between them is then immediate, which real multi-DC clusters do not promise.
import { EventEmitter } from 'node:events';
import type http from 'node:http';
import dynalite from 'dynalite';
import { startExpirationScan } from './ttl-expiry.ts';

export interface DataPlaneResponse {
  status: number;
  body: string;
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** What dynalite's handler reads of a request (index.js httpHandler): method, url, headers, data/end events. */
class InProcessRequest extends EventEmitter {
  readonly method = 'POST';
  readonly url = '/';
  constructor(readonly headers: Record<string, string>) {
    super();
  }
}

/** What dynalite's handler writes of a response (sendData): status, headers, one body. */
class InProcessResponse {
  statusCode = 200;
  contentType?: string;
  constructor(private readonly done: (r: DataPlaneResponse) => void) {}
  setHeader(): void {}
  end(body?: string | Buffer): void {
    this.done({ status: this.statusCode, body: body === undefined ? '' : String(body) });
  }
}

export class DataPlane {
  private server?: http.Server;
  private handler?: Handler;
  private stopExpirationScan?: () => Promise<void>;
  /** Per-table state Alternator keeps beside the data (write isolation tag, TTL attribute). */
  readonly tables = new Map<string, { isolationTag?: string; ttl?: { attribute: string; enabled: boolean } }>();

  async start(): Promise<this> {
    // Tables become ACTIVE at once: Alternator's CreateTable is synchronous (the table is ACTIVE when it returns).
    // No 400 KB item limit: Alternator has none (test/alternator/test_item.py, above test_large_blob_attribute); the
    // front door's 16 MB request limit is the one that applies, as in alternator/server.cc.
    this.server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, maxItemSizeKb: 16 * 1024 }) as http.Server;
    this.handler = this.server.listeners('request')[0] as Handler;
    this.stopExpirationScan = startExpirationScan(this);
    return this;
  }

  /** Hands one operation to dynalite, which does not check signatures (the front door does). */
  call(operation: string, body: string): Promise<DataPlaneResponse> {
    const handler = this.handler;
    if (!handler) return Promise.reject(new Error('the data plane is stopped'));
    return new Promise((resolve, reject) => {
      const req = new InProcessRequest({
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': `DynamoDB_20120810.${operation}`,
        // dynalite wants a well-formed header; authentication already happened at the front door.
        authorization: 'AWS4-HMAC-SHA256 Credential=frontdoor/20200101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
        'x-amz-date': '20200101T000000Z',
      });
      try {
        handler(req as unknown as http.IncomingMessage, new InProcessResponse(resolve) as unknown as http.ServerResponse);
        if (body.length) req.emit('data', Buffer.from(body));
        req.emit('end');
      } catch (e) {
        reject(e);
      }
    });
  }

  async stop(): Promise<void> {
    await this.stopExpirationScan?.();
    const s = this.server;
    this.server = this.handler = undefined;
    // Closing the (never listening) server is how dynalite closes its store; "not running" is expected.
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }
}
