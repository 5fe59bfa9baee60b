// The serving certificate of every datacenter's HTTPS endpoint: the chain validates against the CA bundle the
// deployment publishes, the SANs cover the names clients use (and the variant's additional names), UserManaged
// serves exactly the user's certificate, and the certificate is a well-formed server certificate.
import { describe, it, expect, beforeAll } from 'vitest';
import { randomBytes } from 'node:crypto';
import { endpoint, record, requirePromise, DynamoClient, type DatacenterEndpoint } from '../../harness/suite-kit/index.ts';
import { certificateFacts, createCA, splitPemBundle, type CertificateFacts } from '../../harness/tls/ca.ts';
import { tlsTargetOf, requireTlsServed } from '../../harness/suite-kit/tls.ts';
import { handshake, dnsSanCovers, canonicalIp, type HandshakeResult } from '../../harness/tls/probe.ts';

interface Served {
  dc: DatacenterEndpoint;
  result: HandshakeResult;
  facts?: CertificateFacts;
}

describe('tls certificate', () => {
  const e = endpoint();
  const served: Served[] = [];

  beforeAll(async () => {
    for (const dc of e.datacenters) {
      const result = await handshake(tlsTargetOf(dc));
      const der = result.outcome === 'connected' && result.peerDer.length ? result.peerDer : undefined;
      served.push({ dc, result, facts: der ? certificateFacts(der) : undefined });
    }
  });

  /** The served certificate of a datacenter; fails the test when no handshake completed. */
  function factsOf(s: Served): CertificateFacts {
    if (!s.facts) throw new Error(`${s.dc.datacenter}: no certificate was served (${JSON.stringify(s.result)})`);
    return s.facts;
  }

  it('the served chain validates against the published CA bundle for the client hostname', (ctx) => {
    requireTlsServed(ctx);
    for (const s of served) {
      expect(splitPemBundle(s.dc.caBundlePem).length, `${s.dc.datacenter}: the CA bundle holds no certificate`).toBeGreaterThan(0);
      expect(s.result.outcome, `${s.dc.datacenter}: ${JSON.stringify(s.result)}`).toBe('connected');
      if (s.result.outcome !== 'connected') continue;
      expect(s.result.verifyError, `${s.dc.datacenter}: verification failed`).toBeUndefined();
      expect(s.result.verified).toBe(true);
      record(ctx, `${s.dc.datacenter}: verified as ${tlsTargetOf(s.dc).hostname} over ${s.result.protocol}`);
    }
  });

  it('a client trusting another CA refuses the server', async (ctx) => {
    requireTlsServed(ctx);
    const other = await createCA(`alternator-e2e unrelated CA ${randomBytes(3).toString('hex')}`);
    for (const dc of e.datacenters) {
      const r = await handshake(tlsTargetOf(dc, other.certPem));
      // Either the chain does not verify, or the server would not even talk: both mean "not trusted".
      if (r.outcome === 'connected') {
        expect(r.verified, `${dc.datacenter}: a chain from an unrelated CA was trusted`).toBe(false);
        expect(r.verifyError).toMatch(/CERT|VERIFY|ISSUER|SELF_SIGNED/);
      } else expect(r.outcome).toBe('refused');
      // The API client refuses too (it never falls back to an unverified connection).
      const c = DynamoClient.forDatacenter(dc, e.region, { caPem: other.certPem, timeoutMs: 10_000 });
      try {
        await expect(c.call('ListTables', {})).rejects.toThrow(/certificate|self.signed|issuer|verify/i);
      } finally {
        c.close();
      }
    }
  });

  it('the certificate covers the client Service DNS names', (ctx) => {
    requireTlsServed(ctx);
    requirePromise(ctx, e.datacenters.some((d) => d.clientNames.dnsNames.length > 0), 'the target names no client DNS name');
    for (const s of served) {
      const f = factsOf(s);
      for (const name of s.dc.clientNames.dnsNames)
        expect(f.dnsNames.some((san) => dnsSanCovers(san, name)), `${s.dc.datacenter}: no SAN covers ${name} (SANs: ${f.dnsNames.join(', ')})`).toBe(true);
    }
  });

  it('the certificate covers the client IP addresses', (ctx) => {
    requireTlsServed(ctx);
    requirePromise(ctx, e.datacenters.some((d) => d.clientNames.ipAddresses.length > 0), 'the target names no client IP address');
    for (const s of served) {
      const ips = factsOf(s).ipAddresses.map(canonicalIp);
      for (const ip of s.dc.clientNames.ipAddresses)
        expect(ips, `${s.dc.datacenter}: no IP SAN ${ip}`).toContain(canonicalIp(ip));
    }
  });

  it('the certificate covers every additionalDNSNames entry of the variant', (ctx) => {
    requireTlsServed(ctx);
    requirePromise(ctx, e.promises.additionalDNSNames.length > 0, 'the variant sets no operatorManagedOptions.additionalDNSNames');
    for (const s of served) {
      const f = factsOf(s);
      for (const name of e.promises.additionalDNSNames)
        expect(f.dnsNames.some((san) => dnsSanCovers(san, name)), `${s.dc.datacenter}: no SAN covers ${name} (SANs: ${f.dnsNames.join(', ')})`).toBe(true);
    }
  });

  it('the certificate covers every additionalIPAddresses entry of the variant', (ctx) => {
    requireTlsServed(ctx);
    requirePromise(ctx, e.promises.additionalIPAddresses.length > 0, 'the variant sets no operatorManagedOptions.additionalIPAddresses');
    for (const s of served) {
      const ips = factsOf(s).ipAddresses.map(canonicalIp);
      for (const ip of e.promises.additionalIPAddresses) expect(ips, `${s.dc.datacenter}: no IP SAN ${ip}`).toContain(canonicalIp(ip));
    }
  });

  it('UserManaged: the served certificate is exactly the one in the user Secret', (ctx) => {
    requireTlsServed(ctx);
    requirePromise(ctx, e.promises.certificate === 'UserManaged', 'the variant uses an OperatorManaged certificate');
    requirePromise(ctx, e.datacenters.every((d) => d.userCertificatePem), "the target does not expose the user Secret's certificate");
    for (const s of served) {
      const user = splitPemBundle(s.dc.userCertificatePem!)[0];
      expect(user, `${s.dc.datacenter}: userCertificatePem holds no certificate`).toBeDefined();
      expect(factsOf(s).fingerprint256).toBe(certificateFacts(user!).fingerprint256);
    }
  });

  it('the certificate is inside its validity window', (ctx) => {
    requireTlsServed(ctx);
    const now = Date.now();
    for (const s of served) {
      const f = factsOf(s);
      expect(f.notBefore.getTime(), `${s.dc.datacenter}: not valid yet (notBefore ${f.notBefore.toISOString()})`).toBeLessThanOrEqual(now);
      expect(f.notAfter.getTime(), `${s.dc.datacenter}: expired (notAfter ${f.notAfter.toISOString()})`).toBeGreaterThan(now);
      const days = (f.notAfter.getTime() - f.notBefore.getTime()) / 86_400_000;
      const left = (f.notAfter.getTime() - now) / 86_400_000;
      record(ctx, `${s.dc.datacenter}: serving certificate lifetime ${days.toFixed(1)} days, ${left.toFixed(1)} days left`);
    }
  });

  it('the certificate is not a CA', (ctx) => {
    requireTlsServed(ctx);
    for (const s of served) expect(factsOf(s).isCA, `${s.dc.datacenter}: the serving certificate is a CA`).toBe(false);
  });

  it('key usage allows digitalSignature (and keyEncipherment for an RSA key)', (ctx) => {
    requireTlsServed(ctx);
    for (const s of served) {
      const f = factsOf(s);
      expect(f.keyUsage, s.dc.datacenter).toContain('digitalSignature');
      if (f.publicKey.algorithm === 'rsa') expect(f.keyUsage, s.dc.datacenter).toContain('keyEncipherment');
    }
  });

  it('extended key usage includes serverAuth', (ctx) => {
    requireTlsServed(ctx);
    for (const s of served) expect(factsOf(s).extendedKeyUsage, s.dc.datacenter).toContain('serverAuth');
  });

  it('the key is strong enough (RSA >= 2048 bits or EC >= 256 bits)', (ctx) => {
    requireTlsServed(ctx);
    for (const s of served) {
      const { algorithm, bits } = factsOf(s).publicKey;
      record(ctx, `${s.dc.datacenter}: ${algorithm} ${bits} bits`);
      expect(['rsa', 'ec'], `${s.dc.datacenter}: key algorithm ${algorithm}`).toContain(algorithm);
      expect(bits, `${s.dc.datacenter}: ${algorithm} key of ${bits} bits`).toBeGreaterThanOrEqual(algorithm === 'rsa' ? 2048 : 256);
    }
  });

  it('a hostname outside the SANs is refused', async (ctx) => {
    requireTlsServed(ctx);
    const stranger = `not-a-san-${randomBytes(4).toString('hex')}.example.invalid`;
    for (const dc of e.datacenters) {
      const r = await handshake(tlsTargetOf(dc, dc.caBundlePem, stranger));
      if (r.outcome === 'connected') {
        expect(r.verified, `${dc.datacenter}: the certificate was accepted for ${stranger}`).toBe(false);
        expect(r.verifyError).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
      } else expect(r.outcome).toBe('refused');
    }
  });
});
