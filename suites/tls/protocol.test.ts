// TLS protocol versions the HTTPS endpoint accepts (recorded; the floor is TLS 1.2) and the plain HTTP port:
// it serves only when the variant sets insecureEnableHTTP, otherwise the connection is refused or closed.
import { describe, it, expect } from 'vitest';
import type { TestContext } from 'vitest';
import { endpoint, record, requirePromise, requireFeature, DynamoClient } from '../../harness/suite-kit/index.ts';
import { tlsTargetOf, requireTlsServed } from '../../harness/suite-kit/tls.ts';
import { handshake, probePlainHttp, type TlsVersion } from '../../harness/tls/probe.ts';

const LABEL: Record<TlsVersion, string> = { TLSv1: 'TLS 1.0', 'TLSv1.1': 'TLS 1.1', 'TLSv1.2': 'TLS 1.2', 'TLSv1.3': 'TLS 1.3' };

/**
 * Handshakes pinned to one version on every datacenter. Not applicable where no handshake could be attempted
 * (this client cannot offer the version, the endpoint serves no TLS, or for a refusal check, no TCP connection):
 * a refusal is only measured when a ClientHello reached a TLS server.
 */
async function probeVersion(ctx: TestContext, version: TlsVersion, o: { unreachableFails?: boolean } = {}) {
  const e = endpoint();
  requireTlsServed(ctx);
  const out = [];
  for (const dc of e.datacenters) {
    const r = await handshake(tlsTargetOf(dc), { version });
    if (r.outcome === 'client-cannot-offer') ctx.skip(`not applicable: this client's TLS library cannot offer ${LABEL[version]} (${r.code})`);
    if (r.outcome === 'not-tls') ctx.skip(`not applicable: ${dc.httpsUrl} answered, but not in TLS (${r.code}): no TLS handshake could be attempted`);
    if (r.outcome === 'unreachable' && !o.unreachableFails) ctx.skip(`not applicable: no TCP connection to ${dc.httpsUrl} (${r.code}): no TLS handshake could be attempted`);
    const what = r.outcome === 'connected' ? `accepted (${r.protocol}${r.verified ? '' : `, certificate not verified: ${r.verifyError}`})` : `${r.outcome} (${r.code})`;
    record(ctx, `${dc.datacenter}: ${LABEL[version]} ${what}`);
    out.push({ dc, r });
  }
  return out;
}

describe('tls protocol versions', () => {
  for (const version of ['TLSv1', 'TLSv1.1'] as const) {
    it(`${LABEL[version]} is refused`, async (ctx) => {
      for (const { dc, r } of await probeVersion(ctx, version))
        expect(r.outcome, `${dc.datacenter}: the server accepted ${LABEL[version]}`).toBe('refused');
    });
  }

  it('TLS 1.2 is accepted', async (ctx) => {
    for (const { dc, r } of await probeVersion(ctx, 'TLSv1.2', { unreachableFails: true })) {
      expect(r.outcome, `${dc.datacenter}: ${JSON.stringify(r)}`).toBe('connected');
      if (r.outcome === 'connected') expect(r.protocol).toBe('TLSv1.2');
    }
  });

  it('TLS 1.3: recorded; when accepted it is negotiated as TLS 1.3', async (ctx) => {
    for (const { dc, r } of await probeVersion(ctx, 'TLSv1.3')) {
      // Either answer is acceptable (the floor is 1.2); what is asserted is that an accepted 1.3 is really 1.3.
      if (r.outcome === 'connected') expect(r.protocol, dc.datacenter).toBe('TLSv1.3');
      else expect(r.outcome, dc.datacenter).toBe('refused');
    }
  });
});

describe('plain HTTP port', () => {
  const e = endpoint();

  it('when insecureEnableHTTP is set, GET / (health check) answers over plain HTTP', async (ctx) => {
    requirePromise(ctx, e.promises.httpEnabled, 'the variant does not enable plain HTTP');
    requireFeature(ctx, 'health-check');
    for (const dc of e.datacenters) {
      expect(dc.httpUrl, `${dc.datacenter}: the variant enables HTTP but the target published no httpUrl`).toBeDefined();
      const c = new DynamoClient({ url: dc.httpUrl!, timeoutMs: 10_000 });
      try {
        const r = await c.get('/');
        expect(r.status, `${dc.datacenter}: ${r.text.slice(0, 200)}`).toBe(200);
        expect(r.text).toMatch(/healthy/i);
      } finally {
        c.close();
      }
    }
  });

  it('when insecureEnableHTTP is set, a signed API request is served over plain HTTP', async (ctx) => {
    requirePromise(ctx, e.promises.httpEnabled, 'the variant does not enable plain HTTP');
    for (const dc of e.datacenters) {
      expect(dc.httpUrl, `${dc.datacenter}: the variant enables HTTP but the target published no httpUrl`).toBeDefined();
      const c = new DynamoClient({ url: dc.httpUrl!, credentials: dc.credentials, region: e.region, timeoutMs: 10_000 });
      try {
        const r = await c.call<{ TableNames: string[] }>('ListTables', { Limit: 1 });
        expect(Array.isArray(r.TableNames)).toBe(true);
      } finally {
        c.close();
      }
    }
  });

  it('when insecureEnableHTTP is not set, the HTTP port refuses or closes the connection', async (ctx) => {
    // Where no TLS is served, plain HTTP is the only way in: there is no HTTPS-only deployment to check.
    requireTlsServed(ctx);
    requirePromise(ctx, !e.promises.httpEnabled, 'the variant enables plain HTTP');
    for (const dc of e.datacenters) expect(dc.httpUrl, `${dc.datacenter}: HTTP is disabled but an httpUrl is published`).toBeUndefined();
    const probes = e.datacenters.filter((d) => d.httpProbeUrl);
    requirePromise(ctx, probes.length > 0, 'the target names no HTTP address to probe');
    for (const dc of probes) {
      const r = await probePlainHttp(dc.httpProbeUrl!);
      record(ctx, `${dc.datacenter}: ${dc.httpProbeUrl} → ${r.outcome}${'code' in r ? ` (${r.code})` : 'detail' in r ? ` (${r.detail})` : ''}`);
      expect(r.outcome, `${dc.datacenter}: plain HTTP answered at ${dc.httpProbeUrl}: ${'statusLine' in r ? r.statusLine : ''}`).not.toBe('answered');
    }
  });
});
