// Where a TLS probe of a datacenter connects and what it verifies.
import type { DatacenterEndpoint } from '../endpoint/contract.ts';
import type { TestContext } from 'vitest';
import type { TlsTarget } from '../tls/probe.ts';
import { endpoint, requireFeature, requirePromise } from './index.ts';

/**
 * The datacenter's HTTPS address, verified against its published CA bundle and the name clients use (its
 * tlsServerName when the URL's host is only a forwarded address); either may be replaced to probe a refusal.
 */
export function tlsTargetOf(dc: DatacenterEndpoint, caPem = dc.caBundlePem, hostname?: string): TlsTarget {
  const u = new URL(dc.httpsUrl);
  return { host: u.hostname.replace(/^\[|\]$/g, ''), port: Number(u.port || 443), hostname: hostname ?? dc.tlsServerName ?? u.hostname, caPem };
}

/** Whether the datacenter's API URL is plain HTTP (an endpoint that serves no TLS at all, e.g. DynamoDB Local). */
export function servesNoTls(dc: DatacenterEndpoint): boolean {
  return new URL(dc.httpsUrl).protocol === 'http:';
}

/**
 * Skips the running test as "not applicable" when the deployment serves no TLS to check: a documented difference
 * (DynamoDB Local serves plain HTTP only), or a datacenter given by an http:// URL.
 */
export function requireTlsServed(ctx: TestContext): void {
  requireFeature(ctx, 'tls');
  const plain = endpoint().datacenters.filter(servesNoTls).map((d) => `${d.datacenter} (${d.httpsUrl})`);
  requirePromise(ctx, plain.length === 0, `the endpoint serves no TLS: ${plain.join(', ')} is plain HTTP`);
}
