// One keep-alive HTTP/1.1 connection (plain or TLS) carrying one request at a time. Requests arrive as
// complete byte strings (head and body written in one call), answers go through ResponseParser. TLS is
// always verified: against the deployment's CA bundle, for the server name the endpoint names.
import net from 'node:net';
import tls from 'node:tls';
import { ResponseParser, type ParsedResponse } from './http1-response-parser.ts';

export interface ConnectionTarget {
  url: URL;
  /** PEM CA bundle trusted for https (the system store is not used when given). */
  caPem?: string;
  /** Name checked against the certificate and sent as SNI; defaults to the URL's host name. */
  servername?: string;
  /** Inactivity limit while a request waits for its answer. */
  timeoutMs: number;
}

export class RequestError extends Error {
  constructor(
    message: string,
    /** Reported as the error type: Timeout, ConnectionClosed, ConnectError, ProtocolError. */
    readonly type: string,
  ) {
    super(message);
    this.name = 'RequestError';
  }
}

/**
 * How a load client proves the server: the certificate must name `servername` (the URL's host when there is
 * none). SNI carries DNS names only (`sni` is undefined for an IP), but the certificate is still checked
 * against an IP when that is the name.
 */
export function tlsIdentity(url: URL, servername: string | undefined) {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const identity = servername ?? host;
  return {
    host,
    sni: net.isIP(identity) ? undefined : identity,
    checkServerIdentity: (_h: string, cert: tls.PeerCertificate) => tls.checkServerIdentity(identity, cert),
  };
}

type Pending = { socket: net.Socket; resolve: (r: ParsedResponse) => void; reject: (e: Error) => void };

export class Http1Connection {
  private socket: net.Socket | undefined;
  private pending: Pending | undefined;
  private closed = false;
  /** Connections opened so far (1 + reconnects). */
  connects = 0;

  constructor(private readonly target: ConnectionTarget) {}

  request(bytes: string): Promise<ParsedResponse> {
    if (this.closed) return Promise.reject(new RequestError('connection closed by the client', 'ConnectionClosed'));
    if (this.pending) return Promise.reject(new Error('Http1Connection carries one request at a time'));
    const socket = this.socket ?? this.connect();
    return new Promise<ParsedResponse>((resolve, reject) => {
      this.pending = { socket, resolve, reject };
      socket.write(bytes);
    });
  }

  close(): void {
    this.closed = true;
    this.socket?.destroy();
    this.socket = undefined;
  }

  private connect(): net.Socket {
    const { url, caPem, servername, timeoutMs } = this.target;
    const https = url.protocol === 'https:';
    const port = Number(url.port || (https ? 443 : 80));
    const { host, sni, checkServerIdentity } = tlsIdentity(url, servername);
    const socket = https ? tls.connect({ host, port, ca: caPem, servername: sni, checkServerIdentity }) : net.connect({ host, port });
    this.connects++;
    socket.setNoDelay(true);
    socket.setTimeout(timeoutMs);
    this.socket = socket;
    let connected = false;
    socket.once(https ? 'secureConnect' : 'connect', () => (connected = true));
    const parser = new ResponseParser();
    const emit = (r: ParsedResponse) => {
      const p = this.pending;
      if (p?.socket !== socket) return;
      this.pending = undefined;
      if (r.close) this.drop(socket);
      p.resolve(r);
    };
    socket.on('data', (chunk: Buffer) => {
      try {
        parser.feed(chunk, emit);
      } catch (e) {
        this.fail(socket, new RequestError((e as Error).message, 'ProtocolError'));
      }
    });
    socket.on('timeout', () => {
      if (this.pending?.socket === socket) this.fail(socket, new RequestError(`no answer within ${timeoutMs} ms`, 'Timeout'));
    });
    socket.on('error', (e: NodeJS.ErrnoException) => {
      const what = connected ? 'ConnectionError' : 'ConnectError';
      this.fail(socket, new RequestError(`${url.host}: ${[e.code, e.message].filter(Boolean).join(' ')}`, what));
    });
    socket.on('close', () => {
      parser.end(emit);
      this.fail(socket, new RequestError('connection closed by the server before the answer', 'ConnectionClosed'));
    });
    return socket;
  }

  private drop(socket: net.Socket): void {
    if (this.socket === socket) this.socket = undefined;
    socket.destroy();
  }

  private fail(socket: net.Socket, e: Error): void {
    this.drop(socket);
    const p = this.pending;
    if (p?.socket !== socket) return;
    this.pending = undefined;
    p.reject(e);
  }
}
