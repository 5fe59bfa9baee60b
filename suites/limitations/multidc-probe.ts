// Network probes for suites/limitations/multidc: requests on FRESH connections (so each may land on another node,
// as a client's would), with the server's certificate chain captured, and bare TLS handshakes against a chosen CA
// bundle. Verification is always on: a probe trusts either one datacenter's bundle or the union of the deployment's.
import https from 'node:https';
import tls from 'node:tls';
import { isIP } from 'node:net';
import { X509Certificate } from 'node:crypto';
import { splitPemBundle } from '../../harness/tls/ca.ts';
import type { DatacenterEndpoint } from '../../harness/endpoint/contract.ts';

/** OpenSSL verdicts meaning "this CA bundle does not vouch for the certificate" (and nothing else). */
const UNTRUSTED_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_SIGNATURE_FAILURE',
]);

interface Address {
  host: string;
  port: number;
  /** SNI and the name verified; never an IP (RFC 6066), in which case the URL's IP is verified. */
  servername?: string;
}

function addressOf(dc: DatacenterEndpoint): Address {
  const u = new URL(dc.httpsUrl);
  const host = u.hostname.replace(/^\[|\]$/g, '');
  const name = dc.tlsServerName ?? host;
  return { host, port: Number(u.port || 443), ...(isIP(name) ? {} : { servername: name }) };
}

export function isHttps(dc: DatacenterEndpoint): boolean {
  return new URL(dc.httpsUrl).protocol === 'https:';
}

export interface FreshAnswer {
  status?: number;
  text?: string;
  /** Error code or message when the request failed. */
  error?: string;
  /** The chain the server presented (leaf first), when the handshake got that far. */
  chain: X509Certificate[];
}

function chainOf(cert: tls.DetailedPeerCertificate): X509Certificate[] {
  const out: X509Certificate[] = [];
  let c: tls.DetailedPeerCertificate | undefined = cert;
  while (c?.raw && out.length < 8) {
    out.push(new X509Certificate(c.raw));
    if (c.issuerCertificate === c) break;
    c = c.issuerCertificate;
  }
  return out;
}

/** GET `path` on a new connection, trusting `caPem` (empty: the system's CAs); the chain is kept even when the name check fails. */
export function freshGet(dc: DatacenterEndpoint, path: string, caPem: string, timeoutMs = 10_000): Promise<FreshAnswer> {
  const a = addressOf(dc);
  let chain: X509Certificate[] = [];
  return new Promise((resolve) => {
    const req = https.request(
      {
        host: a.host,
        port: a.port,
        path,
        method: 'GET',
        agent: false,
        ca: caPem || undefined,
        servername: a.servername,
        headers: { host: `${a.servername ?? a.host}:${a.port}` },
        timeout: timeoutMs,
        // Records what was presented, then applies Node's own name check unchanged.
        checkServerIdentity: (name, cert) => {
          chain = chainOf(cert as tls.DetailedPeerCertificate); // Node passes getPeerCertificate(true)
          return tls.checkServerIdentity(name, cert);
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString('utf8'), chain }));
        res.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message, chain }));
      },
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message, chain }));
    req.end();
  });
}

/** Datacenters whose CA bundle issued a certificate of the chain (or contains it). */
export function issuersOf(chain: readonly X509Certificate[], dcs: readonly DatacenterEndpoint[]): string[] {
  return dcs
    .filter((dc) =>
      splitPemBundle(dc.caBundlePem).some((pem) => {
        const ca = new X509Certificate(pem);
        return chain.some((c) => c.fingerprint256 === ca.fingerprint256 || (c.checkIssued(ca) && c.verify(ca.publicKey)));
      }),
    )
    .map((dc) => dc.datacenter);
}

export type HandshakeResult = { outcome: 'accepted'; detail: string } | { outcome: 'refused' | 'error'; detail: string };

/** A TLS handshake with `dc`'s endpoint trusting only `caPem`: accepted, refused as untrusted, or another error. */
export function handshake(dc: DatacenterEndpoint, caPem: string, timeoutMs = 10_000): Promise<HandshakeResult> {
  const a = addressOf(dc);
  return new Promise((resolve) => {
    const socket = tls.connect({ host: a.host, port: a.port, servername: a.servername, ca: caPem, timeout: timeoutMs });
    socket.once('secureConnect', () => {
      socket.end();
      resolve({ outcome: 'accepted', detail: 'handshake verified' });
    });
    socket.once('timeout', () => socket.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
    socket.once('error', (e: NodeJS.ErrnoException) => {
      socket.destroy();
      const code = e.code ?? e.message;
      resolve({ outcome: UNTRUSTED_CODES.has(code) ? 'refused' : 'error', detail: code });
    });
  });
}

/** Whether two CA bundles hold exactly the same certificates. */
export function sameBundle(a: string, b: string): boolean {
  const fp = (s: string) => splitPemBundle(s).map((p) => new X509Certificate(p).fingerprint256).sort().join(',');
  return fp(a) === fp(b);
}
