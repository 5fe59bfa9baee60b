// The local target over real sockets: TLS against the published CA, Alternator's SigV4 answers,
// HTTP only when enabled, health check and /localnodes, and nothing left listening after stop.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import tls from 'node:tls';
import net from 'node:net';
import { createLocalTarget } from '../../harness/targets/local/local-target.ts';
import { Variant } from '../../harness/variant/model.ts';
import type { Deployment, RunContext } from '../../harness/targets/target.ts';
import { DynamoClient, DynamoError } from '../../harness/client/dynamo-client.ts';
import { createCA, certificateFacts } from '../../harness/tls/ca.ts';
import { silentProgress } from '../../harness/util/progress.ts';

const versions = { scylla: '2026.2.4', operator: 'v1.21.1' };
const ctx: RunContext = { runId: 'test', reportsDir: '/tmp', progress: silentProgress, signal: new AbortController().signal, failOnLiftedLimitation: false };
const variant = (name: string, alternator: unknown) => Variant.parse({ name, alternator, versions });

async function errorOf(p: Promise<unknown>): Promise<DynamoError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DynamoError) return e;
    throw e;
  }
  throw new Error('request succeeded');
}

function connectable(url: string): Promise<boolean> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const s = net.connect(Number(u.port), u.hostname);
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

describe('local target: authorization enforced, HTTPS only', () => {
  let d: Deployment;
  beforeAll(async () => {
    const t0 = Date.now();
    d = await createLocalTarget().deploy(
      variant('auth', { servingCertificate: { type: 'OperatorManaged', operatorManagedOptions: { additionalDNSNames: ['scylla.operator.rocks'], additionalIPAddresses: ['42.42.42.42'] } } }),
      ctx,
    );
    console.log(`local variant started in ${Date.now() - t0} ms`);
  });
  afterAll(() => d?.stop());

  it('serves a signed request with the role name and its salted hash', async () => {
    const dc = d.endpoint.datacenters[0]!;
    expect(dc.credentials!.secretAccessKey).toMatch(/^\$6\$/);
    const c = DynamoClient.forDatacenter(dc, 'us-east-1');
    expect(await c.call('ListTables', {})).toHaveProperty('TableNames');
    c.close();
  });

  it('answers Alternator error types for bad credentials', async () => {
    const dc = d.endpoint.datacenters[0]!;
    const c = DynamoClient.forDatacenter(dc, 'us-east-1');
    const wrong = await errorOf(c.call('ListTables', {}, { sign: { accessKeyId: dc.credentials!.accessKeyId, secretAccessKey: 'wrong' } }));
    expect([wrong.type, wrong.serverMessage]).toEqual(['UnrecognizedClientException', 'wrong signature']);
    expect(wrong.fullType).toBe('com.amazonaws.dynamodb.v20120810#UnrecognizedClientException');
    expect((await errorOf(c.call('ListTables', {}, { sign: { accessKeyId: 'nobody', secretAccessKey: 'x' } }))).type).toBe('UnrecognizedClientException');
    expect((await errorOf(c.call('ListTables', {}, { sign: false }))).type).toBe('MissingAuthenticationTokenException');
    const scheme = await errorOf(c.call('ListTables', {}, { afterSign: (h) => ({ ...h, authorization: h.authorization!.replace('AWS4-HMAC-SHA256', 'AWS4-HMAC-SHA512') }) }));
    expect(scheme.type).toBe('InvalidSignatureException');
    const scope = await errorOf(c.call('ListTables', {}, { afterSign: (h) => ({ ...h, authorization: h.authorization!.replace('/aws4_request', '') }) }));
    expect(scope.type).toBe('ValidationException');
    expect(wrong.status).toBe(400);
    c.close();
  });

  it('presents a certificate that validates against the published CA bundle, for the client Service name', async () => {
    const dc = d.endpoint.datacenters[0]!;
    const u = new URL(dc.httpsUrl);
    const cert = await new Promise<tls.PeerCertificate>((resolve, reject) => {
      const s = tls.connect({ host: u.hostname, port: Number(u.port), ca: dc.caBundlePem, servername: dc.tlsServerName }, () => {
        resolve(s.getPeerCertificate());
        s.end();
      });
      s.once('error', reject);
    });
    const facts = certificateFacts(cert.raw);
    expect(facts.dnsNames).toEqual(expect.arrayContaining([dc.tlsServerName, 'scylla.operator.rocks']));
    expect(facts.ipAddresses).toEqual(expect.arrayContaining(['127.0.0.1', '42.42.42.42']));
    expect(facts.isCA).toBe(false);
    expect(facts.extendedKeyUsage).toContain('serverAuth');
  });

  it('is refused by a client trusting another CA, and for a name not in the certificate', async () => {
    const dc = d.endpoint.datacenters[0]!;
    const other = await createCA('some other CA');
    const c1 = DynamoClient.forDatacenter(dc, 'us-east-1', { caPem: other.certPem });
    await expect(c1.call('ListTables', {})).rejects.toThrow(/self.signed|unable to verify|certificate/i);
    c1.close();
    const c2 = DynamoClient.forDatacenter(dc, 'us-east-1', { servername: 'not-in-the-certificate.example' });
    await expect(c2.call('ListTables', {})).rejects.toThrow(/altnames|Hostname|does not match/i);
    c2.close();
  });

  it('keeps the HTTP port closed when insecureEnableHTTP is not set', async () => {
    const dc = d.endpoint.datacenters[0]!;
    expect(dc.httpUrl).toBeUndefined();
    expect(await connectable(dc.httpProbeUrl!)).toBe(false);
  });

  it('answers the health check and /localnodes', async () => {
    const c = DynamoClient.forDatacenter(d.endpoint.datacenters[0]!, 'us-east-1');
    const h = await c.get('/');
    expect(h.status).toBe(200);
    expect(h.text).toMatch(/^healthy: /);
    const n = await c.get('/localnodes');
    expect(JSON.parse(n.text)).toEqual(['127.0.1.1']);
    c.close();
  });
});

describe('local target: HTTP enabled, authorization disabled', () => {
  let d: Deployment;
  beforeAll(async () => {
    d = await createLocalTarget().deploy(variant('open', { insecureEnableHTTP: true, insecureDisableAuthorization: true }), ctx);
  });
  afterAll(() => d?.stop());

  it('serves plain HTTP and any credentials', async () => {
    const dc = d.endpoint.datacenters[0]!;
    expect(dc.httpUrl).toMatch(/^http:\/\//);
    const c = new DynamoClient({ url: dc.httpUrl!, credentials: { accessKeyId: 'anyone', secretAccessKey: 'anything' } });
    expect(await c.call('ListTables', {})).toHaveProperty('TableNames');
    expect(await c.call('ListTables', {}, { sign: false })).toHaveProperty('TableNames');
    c.close();
  });
});

describe('local target lifecycle', () => {
  it('stops every listener it opened', async () => {
    const d = await createLocalTarget().deploy(variant('life', { insecureEnableHTTP: true }), ctx);
    const urls = [d.endpoint.datacenters[0]!.httpsUrl, d.endpoint.datacenters[0]!.httpUrl!];
    for (const u of urls) expect(await connectable(u)).toBe(true);
    await d.stop();
    for (const u of urls) expect(await connectable(u)).toBe(false);
  });

  it('gives each datacenter its own CA, credentials and /localnodes over one data plane', async () => {
    const d = await createLocalTarget().deploy(Variant.parse({ name: 'twodc', versions, topology: { datacenters: [{ name: 'dc1' }, { name: 'dc2' }] } }), ctx);
    try {
      const [a, b] = d.endpoint.datacenters as [typeof d.endpoint.datacenters[0] & {}, typeof d.endpoint.datacenters[0] & {}];
      expect(a.caBundlePem).not.toBe(b.caBundlePem);
      expect(a.credentials!.secretAccessKey).not.toBe(b.credentials!.secretAccessKey);
      const ca = DynamoClient.forDatacenter(a, 'us-east-1');
      const cb = DynamoClient.forDatacenter(b, 'us-east-1');
      expect(JSON.parse((await ca.get('/localnodes')).text)).toEqual(['127.0.1.1']);
      expect(JSON.parse((await cb.get('/localnodes')).text)).toEqual(['127.0.2.1']);
      const foreign = await errorOf(cb.call('ListTables', {}, { sign: a.credentials! }));
      expect(foreign.type).toBe('UnrecognizedClientException');
      ca.close();
      cb.close();
    } finally {
      await d.stop();
    }
  });
});
