// Where a TLS probe of a datacenter connects and what it verifies.
import type { DatacenterEndpoint } from '../endpoint/contract.ts';
import type { TlsTarget } from '../tls/probe.ts';

/**
 * The datacenter's HTTPS address, verified against its published CA bundle and the name clients use (its
 * tlsServerName when the URL's host is only a forwarded address); either may be replaced to probe a refusal.
 */
export function tlsTargetOf(dc: DatacenterEndpoint, caPem = dc.caBundlePem, hostname?: string): TlsTarget {
  const u = new URL(dc.httpsUrl);
  return { host: u.hostname.replace(/^\[|\]$/g, ''), port: Number(u.port || 443), hostname: hostname ?? dc.tlsServerName ?? u.hostname, caPem };
}
