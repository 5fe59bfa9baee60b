// Low-level TLS and TCP probes for the TLS suite: what the SERVER presents and accepts, measured with Node's
// own TLS stack. Certificate verification always stays on; a probe reports it, it never disables it.
import tls from 'node:tls';
import net from 'node:net';

export type TlsVersion = 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';

export interface TlsTarget {
  host: string;
  port: number;
  /** Name to verify the certificate against (and to send as SNI when it is not an IP address). */
  hostname: string;
  caPem: string;
}

export type HandshakeResult =
  | {
      outcome: 'connected';
      protocol: string;
      /** DER of the certificate the server presented. */
      peerDer: Buffer;
      /** The chain verified against the CA and the hostname matched. */
      verified: boolean;
      /** Why verification failed (an OpenSSL/Node error code), when it did. */
      verifyError?: string;
    }
  /** The server refused or dropped the handshake. */
  | { outcome: 'refused'; code: string; message: string }
  /** This client cannot offer what was asked (local OpenSSL policy): nothing was learned about the server. */
  | { outcome: 'client-cannot-offer'; code: string; message: string }
  /** No TCP connection: no handshake was attempted, nothing was learned about TLS. */
  | { outcome: 'unreachable'; code: string; message: string }
  /** The server answered, but not in TLS (a plain-HTTP port): it serves no TLS there to refuse or accept. */
  | { outcome: 'not-tls'; code: string; message: string };

/** Errors Node raises when the certificate does not verify (the handshake itself completed). */
const VERIFY_ERRORS =
  /^(ERR_TLS_CERT_ALTNAME_INVALID|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|CERT_[A-Z_]+|INVALID_CA|HOSTNAME_MISMATCH)$/;
const CLIENT_SIDE = /^ERR_SSL_(NO_PROTOCOLS_AVAILABLE|NO_CIPHERS_AVAILABLE|UNSUPPORTED_PROTOCOL|NO_SUITABLE_SIGNATURE_ALGORITHM)$/;
/** What OpenSSL says when the bytes that came back are not a TLS record (e.g. an HTTP answer to the ClientHello). */
const NOT_TLS = /^ERR_SSL_(WRONG_VERSION_NUMBER|PACKET_LENGTH_TOO_LONG|HTTP_REQUEST|RECORD_LAYER_FAILURE)$/;

/**
 * One TLS handshake pinned to `version` (or Node's defaults). Verification runs as it always does; its outcome is
 * reported (`verified`, `verifyError`) rather than thrown, so a probe of the protocol can tell "the server accepted
 * TLS 1.0 but the certificate is wrong" from "the server refused TLS 1.0".
 */
export function handshake(t: TlsTarget, o: { version?: TlsVersion; timeoutMs?: number } = {}): Promise<HandshakeResult> {
  return new Promise((resolve) => {
    let settled = false;
    let socket: tls.TLSSocket | undefined;
    const done = (r: HandshakeResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket?.destroy();
      resolve(r);
    };
    const timer = setTimeout(
      () =>
        done(
          tcpConnected
            ? { outcome: 'refused', code: 'ETIMEDOUT', message: 'connected, but no handshake within the timeout' }
            : { outcome: 'unreachable', code: 'ETIMEDOUT', message: 'no TCP connection within the timeout' },
        ),
      o.timeoutMs ?? 10_000,
    );
    let peerDer: Buffer | undefined;
    let protocol = '';
    let tcpConnected = false;
    socket = tls.connect({
      host: t.host,
      port: t.port,
      ca: t.caPem,
      ...(net.isIP(t.hostname) ? {} : { servername: t.hostname }),
      // Node verifies against `servername || host`; with an IP hostname the host itself is the name.
      checkServerIdentity: (_host, cert) => {
        peerDer = cert.raw;
        protocol = socket?.getProtocol() ?? '';
        return tls.checkServerIdentity(t.hostname, cert);
      },
      ...(o.version
        ? {
            minVersion: o.version,
            maxVersion: o.version,
            // OpenSSL's default security level refuses to OFFER TLS 1.0/1.1; level 0 lets the probe measure the server.
            ciphers: 'DEFAULT:@SECLEVEL=0',
          }
        : {}),
    });
    socket.once('connect', () => (tcpConnected = true));
    socket.once('secureConnect', () => {
      const s = socket!;
      protocol = s.getProtocol() ?? '';
      peerDer ??= s.getPeerCertificate().raw;
      done({ outcome: 'connected', protocol, peerDer, verified: s.authorized });
    });
    socket.once('error', (e: NodeJS.ErrnoException) => {
      const code = e.code ?? 'ERROR';
      if (VERIFY_ERRORS.test(code)) {
        const der = peerDer ?? socket?.getPeerCertificate?.()?.raw;
        // Verification runs after the handshake completed; pinned to one version, that version was negotiated.
        const negotiated = socket?.getProtocol?.() || protocol || o.version || 'unknown';
        return done({ outcome: 'connected', protocol: negotiated, peerDer: der ?? Buffer.alloc(0), verified: false, verifyError: code });
      }
      const message = e.message.split('\n')[0] ?? e.message;
      if (CLIENT_SIDE.test(code)) return done({ outcome: 'client-cannot-offer', code, message });
      if (!tcpConnected) return done({ outcome: 'unreachable', code, message });
      if (NOT_TLS.test(code)) return done({ outcome: 'not-tls', code, message });
      done({ outcome: 'refused', code, message });
    });
    socket.once('close', () => done({ outcome: 'refused', code: 'ECONNRESET', message: 'connection closed during the handshake' }));
  });
}

export type PlainHttpProbe =
  | { outcome: 'connection-refused'; code: string }
  /** TCP connected, but the server closed or reset without an HTTP answer. */
  | { outcome: 'closed-without-answer'; detail: string }
  | { outcome: 'answered'; statusLine: string };

/** Connects over TCP and sends `GET /`; reports whether anything answered in HTTP. */
export function probePlainHttp(url: string, timeoutMs = 5_000): Promise<PlainHttpProbe> {
  const u = new URL(url);
  return new Promise((resolve) => {
    let settled = false;
    let received = '';
    const answered = (): PlainHttpProbe => ({ outcome: 'answered', statusLine: received.split('\r\n')[0]! });
    const done = (r: PlainHttpProbe) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      sock.destroy();
      resolve(r);
    };
    const sock = net.connect({ host: u.hostname.replace(/^\[|\]$/g, ''), port: Number(u.port || 80) });
    const timer = setTimeout(
      () => done(received ? answered() : { outcome: 'closed-without-answer', detail: 'connected, no answer before the timeout' }),
      timeoutMs,
    );
    sock.once('connect', () => sock.write(`GET / HTTP/1.1\r\nHost: ${u.host}\r\nConnection: close\r\n\r\n`));
    sock.on('data', (d: Buffer) => {
      received += d.toString('latin1');
      if (/^HTTP\/\d/.test(received)) done(answered());
    });
    sock.once('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ECONNREFUSED') done({ outcome: 'connection-refused', code: e.code });
      else done({ outcome: 'closed-without-answer', detail: e.code ?? e.message });
    });
    sock.once('close', () => done(received ? answered() : { outcome: 'closed-without-answer', detail: 'closed by the server' }));
  });
}

/** Whether a certificate DNS SAN (possibly `*.x`) covers a name, per RFC 6125 (one left-most label). */
export function dnsSanCovers(san: string, name: string): boolean {
  const s = san.toLowerCase().replace(/\.$/, '');
  const n = name.toLowerCase().replace(/\.$/, '');
  if (!s.startsWith('*.')) return s === n;
  const dot = n.indexOf('.');
  return dot > 0 && n.slice(dot + 1) === s.slice(2);
}

/** Canonical text of an IP address, so `::1` and `0:0:0:0:0:0:0:1` compare equal. */
export function canonicalIp(ip: string): string {
  if (net.isIPv4(ip)) return ip;
  if (net.isIPv6(ip)) return new URL(`http://[${ip}]/`).hostname.replace(/^\[|\]$/g, '');
  return ip;
}
