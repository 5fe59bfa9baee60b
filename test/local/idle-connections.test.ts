// Alternator's HTTP server (Seastar's httpd) never closes an idle keep-alive connection (scylladb/seastar#3130);
// Node's closes one once it has been idle for keepAliveTimeout, at its next periodic check, and a client that reuses
// it just then reads ECONNRESET (seen in api/indexes-breadth). The front door's servers keep idle connections.
import { describe, it, expect } from 'vitest';
import http from 'node:http';
import { keepIdleConnections } from '../../harness/targets/local/front-door.ts';

/** Two requests over one keep-alive agent with an idle pause between them: was the second one's socket reused? */
async function reusedAfterPause(server: http.Server, pauseMs: number): Promise<boolean> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const get = () =>
    new Promise<boolean>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(req.reusedSocket));
      });
      req.on('error', reject);
      req.end();
    });
  try {
    await get();
    await new Promise((r) => setTimeout(r, pauseMs));
    return await get();
  } finally {
    agent.destroy();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
}

// A short keep-alive timeout and checking interval stand for Node's 5 s and 30 s, so the test takes a moment.
const server = () => http.createServer({ connectionsCheckingInterval: 20, keepAliveTimeout: 50 } as http.ServerOptions, (_req, res) => res.end('ok'));

describe('idle keep-alive connections', () => {
  it("Node's own server closes an idle connection (what the front door must not do)", async () => {
    expect(await reusedAfterPause(server(), 300)).toBe(false);
  });

  it('a server given keepIdleConnections keeps it: the next request reuses it', async () => {
    const s = server();
    keepIdleConnections(s);
    expect(await reusedAfterPause(s, 300)).toBe(true);
  });
});
