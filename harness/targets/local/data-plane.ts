// The local target's storage: dynalite (a DynamoDB implementation in JavaScript on an in-memory
// LevelDB) on a loopback port. Several front doors (datacenters) may share one data plane:
// replication between them is then immediate, which real multi-DC clusters do not promise.
import http from 'node:http';
import dynalite from 'dynalite';
import { closeServer, listenOnLoopback } from './loopback.ts';
import { startExpirationScan } from './ttl-expiry.ts';

export interface DataPlaneResponse {
  status: number;
  body: string;
}

export class DataPlane {
  private server?: http.Server;
  private port = 0;
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 128 });
  private stopExpirationScan?: () => Promise<void>;
  /** Per-table state Alternator keeps beside the data (write isolation tag, TTL attribute). */
  readonly tables = new Map<string, { isolationTag?: string; ttl?: { attribute: string; enabled: boolean } }>();

  async start(): Promise<this> {
    // Tables become ACTIVE at once: Alternator's CreateTable is synchronous (the table is ACTIVE when it returns).
    // No 400 KB item limit: Alternator has none (test/alternator/test_item.py, above test_large_blob_attribute); the
    // front door's 16 MB request limit is the one that applies, as in alternator/server.cc.
    const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, maxItemSizeKb: 16 * 1024 }) as http.Server;
    this.port = await listenOnLoopback(server);
    this.server = server;
    this.stopExpirationScan = startExpirationScan(this);
    return this;
  }

  /** Sends one operation to dynalite, which does not check signatures (the front door does). */
  call(operation: string, body: string): Promise<DataPlaneResponse> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: this.port,
          method: 'POST',
          path: '/',
          agent: this.agent,
          headers: {
            'content-type': 'application/x-amz-json-1.0',
            'x-amz-target': `DynamoDB_20120810.${operation}`,
            // dynalite wants a well-formed header; authentication already happened at the front door.
            authorization: 'AWS4-HMAC-SHA256 Credential=frontdoor/20200101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
            'x-amz-date': '20200101T000000Z',
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 500, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  async stop(): Promise<void> {
    await this.stopExpirationScan?.();
    this.agent.destroy();
    const s = this.server;
    this.server = undefined;
    if (s) await closeServer(s);
  }
}
