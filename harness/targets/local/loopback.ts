// Listening and closing on 127.0.0.1 for the local target's servers (data plane, front doors): nothing it
// starts is reachable from outside this machine.
import net from 'node:net';
import type http from 'node:http';

/** Listens on 127.0.0.1 (`port` 0 = any free port) and returns the port bound. */
export function listenOnLoopback(server: net.Server, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port));
  });
}

/** Closes a server, dropping its keep-alive connections first (close alone would wait for them). */
export function closeServer(server: http.Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** A loopback port that nothing listens on now (bound, then released). */
export async function freeLoopbackPort(): Promise<number> {
  const s = net.createServer();
  const port = await listenOnLoopback(s);
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}
