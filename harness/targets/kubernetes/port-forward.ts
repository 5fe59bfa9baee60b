// Reaching Alternator from the harness: a local TCP listener per port whose every connection opens its own
// port-forward stream (client-node PortForward) to a ready ScyllaDB pod behind the client Service.
//
// Why port-forward and not a NodePort published by kind: kind publishes host ports only through
// extraPortMappings fixed when the cluster is created, while variants come and go during a run; the client
// Service is the operator's (we would have to add Services of our own that users do not have); and a
// certificate check against a node address would need IP SANs the variant does not ask for. With a forward,
// the URL is https://127.0.0.1:<port> and the TLS check stays meaningful through Endpoint.tlsServerName =
// "<sc>-client.<ns>.svc", a name the operator puts in the serving certificate (and we verify against it).
// PortForward is known to drop connections: each new connection re-opens a stream, and a failed stream makes
// the next connection pick a ready pod again (a restarted pod has a new name). When no pod is ready at that moment
// (a readiness blip: a member's readiness probe failing under load), the connection goes to the last pod used rather
// than being reset: a pod that is not ready may still serve, a refused connection is certain. Re-resolutions are logged.
import { createServer, type Server, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import { PortForward, type KubeConfig } from '@kubernetes/client-node';

export interface ForwardTarget {
  namespace: string;
  /** A ready pod to forward to; called again after a stream failed. */
  resolvePod(): Promise<string>;
  port: number;
  /** Where a re-resolution (after a failed stream) and a fall-back to the last pod are told. */
  log?(message: string): void;
}

/**
 * The pod new connections of one forward go to: resolved on first use and again after `forget` (a failed stream);
 * when no pod is ready then, the last pod used.
 */
export class PodChoice {
  private pod: Promise<string> | undefined;
  private last: string | undefined;
  constructor(private readonly t: ForwardTarget) {}

  current(): Promise<string> {
    this.pod ??= this.resolve();
    return this.pod;
  }

  /** Called when a stream to `pod` failed: the next connection resolves again (unless another already did). */
  forget(pod: Promise<string>): void {
    if (this.pod === pod) this.pod = undefined;
  }

  private async resolve(): Promise<string> {
    const where = `port-forward ${this.t.namespace}:${this.t.port}`;
    try {
      const name = await this.t.resolvePod();
      if (this.last !== undefined) this.t.log?.(`${where}: a stream failed; re-resolved to pod ${name}${name === this.last ? ' (the same)' : ` (was ${this.last})`}`);
      this.last = name;
      return name;
    } catch (e) {
      if (this.last === undefined) throw e;
      this.t.log?.(`${where}: a stream failed and ${(e as Error).message}; staying on pod ${this.last}`);
      return this.last;
    }
  }
}

export interface Forward {
  localPort: number;
  close(): Promise<void>;
}

export interface PortForwarder {
  forward(t: ForwardTarget): Promise<Forward>;
}

export class ClientPortForwarder implements PortForwarder {
  constructor(
    kc: KubeConfig,
    /** Replaceable so a test can fake the API server's WebSocket while the library code runs. */
    private readonly pf = new PortForward(kc),
  ) {}

  async forward(t: ForwardTarget): Promise<Forward> {
    const choice = new PodChoice(t);
    const sockets = new Set<Socket>();
    const server: Server = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      const current = choice.current();
      const forgetPod = () => choice.forget(current);
      socket.on('error', forgetPod);
      // Anything on the error channel (past the port number the library strips) is the kubelet's failure message.
      const errors = new Writable({
        write(chunk: Buffer, _enc, cb) {
          if (chunk.length > 0) forgetPod();
          cb();
        },
      });
      // retryCount 0: the library then opens the stream at once and rejects when it cannot. With retries it opens
      // streams lazily, mid-connection (a TLS session cannot continue on a new stream), and its failures become
      // unhandled rejections that never reach this code.
      current
        .then((name) => this.pf.portForward(t.namespace, name, [t.port], socket, errors, socket, 0))
        .then((ws) => {
          if (typeof ws === 'function') throw new Error('port-forward returned no stream');
          if (socket.destroyed) return ws.close();
          ws.on('error', () => {
            forgetPod();
            socket.destroy();
          });
          // The kubelet closes the stream when the pod side closes (or failed): end the local connection too.
          ws.on('close', () => socket.end());
          socket.on('close', () => ws.close());
        })
        .catch(() => {
          forgetPod();
          socket.destroy();
        });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const localPort = (server.address() as { port: number }).port;
    return {
      localPort,
      close: () =>
        new Promise<void>((resolve) => {
          for (const s of sockets) s.destroy();
          server.close(() => resolve());
        }),
    };
  }
}
