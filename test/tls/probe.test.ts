// The TLS suite's probes against servers on 127.0.0.1 whose answers are known: a TLS 1.2+ server with a
// certificate from a fresh CA, a plain HTTP server, a TCP server that closes at once, and a closed port.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import https from 'node:https';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { createCA, issueServingCertificate, certificateFacts, type CertificateAuthority } from '../../harness/tls/ca.ts';
import { handshake, probePlainHttp, dnsSanCovers, canonicalIp } from '../../harness/tls/probe.ts';

const listen = (s: net.Server) => new Promise<number>((r) => s.listen(0, '127.0.0.1', () => r((s.address() as AddressInfo).port)));
const close = (s: net.Server) => new Promise<void>((r) => s.close(() => r()));

describe('tls probes', () => {
  let ca: CertificateAuthority;
  let tlsServer: https.Server;
  let port = 0;
  const target = () => ({ host: '127.0.0.1', port, hostname: 'svc.example.test', caPem: ca.certPem });

  beforeAll(async () => {
    ca = await createCA('probe test CA');
    const serving = await issueServingCertificate(ca, { commonName: 'svc', dnsNames: ['svc.example.test', '*.wild.example.test'], ipAddresses: ['127.0.0.1'] });
    tlsServer = https.createServer({ cert: serving.certPem, key: serving.keyPem, minVersion: 'TLSv1.2' }, (_q, r) => r.end('ok'));
    port = await listen(tlsServer);
  });
  afterAll(() => close(tlsServer));

  it('a handshake with the right CA and name is connected and verified, with the served certificate', async () => {
    const r = await handshake(target());
    expect(r.outcome).toBe('connected');
    if (r.outcome !== 'connected') return;
    expect(r.verified).toBe(true);
    expect(certificateFacts(r.peerDer).dnsNames).toContain('svc.example.test');
  });

  it('an IP address as the name is verified against the IP SANs', async () => {
    const r = await handshake({ ...target(), hostname: '127.0.0.1' });
    expect(r.outcome === 'connected' && r.verified).toBe(true);
  });

  it('another CA or a name outside the SANs: connected but not verified, with the reason', async () => {
    const other = await createCA('unrelated CA');
    const wrongCa = await handshake({ ...target(), caPem: other.certPem });
    expect(wrongCa).toMatchObject({ outcome: 'connected', verified: false });
    const wrongName = await handshake({ ...target(), hostname: 'elsewhere.example.test' });
    expect(wrongName).toMatchObject({ outcome: 'connected', verified: false, verifyError: 'ERR_TLS_CERT_ALTNAME_INVALID' });
  });

  it('pinned versions: the server refuses TLS 1.0 and 1.1 and accepts 1.2 and 1.3 as such', async () => {
    const outcomes = [];
    for (const version of ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const) {
      const r = await handshake(target(), { version });
      outcomes.push(r.outcome === 'connected' ? r.protocol : r.outcome);
    }
    expect(outcomes).toEqual(['refused', 'refused', 'TLSv1.2', 'TLSv1.3']);
  });

  it('plain HTTP: an HTTP server answers; a server that closes at once gives no answer', async () => {
    const web = http.createServer((_q, r) => r.end('healthy'));
    const mute = net.createServer((s) => s.destroy());
    const [webPort, mutePort] = await Promise.all([listen(web), listen(mute)]);
    try {
      expect(await probePlainHttp(`http://127.0.0.1:${webPort}`)).toMatchObject({ outcome: 'answered', statusLine: 'HTTP/1.1 200 OK' });
      expect((await probePlainHttp(`http://127.0.0.1:${mutePort}`)).outcome).toBe('closed-without-answer');
    } finally {
      await Promise.all([close(web), close(mute)]);
    }
  });

  it('a closed port is reported as connection-refused', async () => {
    const s = net.createServer();
    const p = await listen(s);
    await close(s);
    expect(await probePlainHttp(`http://127.0.0.1:${p}`)).toMatchObject({ outcome: 'connection-refused' });
  });

  it('SAN matching: exact names, one-label wildcards, canonical IPv6', () => {
    expect(dnsSanCovers('svc.ns.svc', 'SVC.ns.svc.')).toBe(true);
    expect(dnsSanCovers('*.ns.svc', 'a.ns.svc')).toBe(true);
    expect(dnsSanCovers('*.ns.svc', 'a.b.ns.svc')).toBe(false);
    expect(dnsSanCovers('*.ns.svc', 'ns.svc')).toBe(false);
    expect(dnsSanCovers('other.ns.svc', 'svc.ns.svc')).toBe(false);
    expect(canonicalIp('0:0:0:0:0:0:0:1')).toBe(canonicalIp('::1'));
    expect(canonicalIp('42.42.42.42')).toBe('42.42.42.42');
  });
});
