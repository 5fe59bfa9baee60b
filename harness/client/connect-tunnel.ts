// An HTTP CONNECT proxy on 127.0.0.1 that maps the address a client names (the Service address the operator's page
// builds its URL from, e.g. https://<clusterIP>:8043) to where that Service is reachable from here (a forwarded
// 127.0.0.1 port). The client (the AWS CLI through HTTPS_PROXY) still opens TLS end to end with the server and
// verifies the certificate against the name in ITS URL: the tunnel only carries bytes, it never sees plaintext and
// never relaxes verification. Any other CONNECT target is refused.
import http from 'node:http';
import net from 'node:net';
import { closeServer, listenOnLoopback } from '../targets/local/loopback.ts';

export interface TunnelRoute {
  /** What the client asks for: "host:port" as in its URL (an IPv6 host in brackets). */
  from: string;
  to: { host: string; port: number };
}

export interface ConnectTunnel {
  /** For HTTPS_PROXY. */
  proxyUrl: string;
  /** CONNECT requests seen, "host:port" each, in order (for the report). */
  readonly requests: string[];
  close(): Promise<void>;
}

export async function startConnectTunnel(routes: readonly TunnelRoute[]): Promise<ConnectTunnel> {
  const table = new Map(routes.map((r) => [r.from.toLowerCase(), r.to]));
  const requests: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((_req, res) => {
    res.writeHead(405, { 'content-type': 'text/plain' }).end('only CONNECT is served here\n');
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const target = String(req.url ?? '').toLowerCase();
    requests.push(target);
    const to = table.get(target);
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    if (!to) {
      client.end(`HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n`);
      return;
    }
    let connected = false;
    const upstream = net.connect(to.port, to.host, () => {
      connected = true;
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => {
      sockets.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => (connected ? client.destroy() : client.end('HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\n\r\n')));
    client.on('close', () => upstream.destroy());
  });
  const port = await listenOnLoopback(server);
  return {
    proxyUrl: `http://127.0.0.1:${port}`,
    requests,
    async close() {
      for (const s of sockets) s.destroy();
      await closeServer(server);
    },
  };
}
