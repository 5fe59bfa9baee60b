// The fast client's connections: TLS verified for the right name (DNS or IP), keep-alive reuse,
// reconnection when the server closes, and transport failures reported as error types.
import { describe, it, expect, beforeAll } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCA, issueServingCertificate, type CertificateAuthority, type KeyPairPem } from '../../harness/tls/ca.ts';
import { startFakeEndpoint } from '../../harness/load/fake-endpoint.ts';
import { rawTransport } from '../../harness/load/raw-transport.ts';
import { operationTemplates } from '../../harness/load/operations.ts';
import type { PreparedCall } from '../../harness/load/workloads.ts';

const creds = { accessKeyId: 'a', secretAccessKey: 'b' };
const read: PreparedCall = { template: operationTemplates({ table: 'ttt', fieldCount: 1, consistentRead: false }).read, slots: ['user0000000001'] };
let ca: CertificateAuthority;
let serving: KeyPairPem;

beforeAll(async () => {
  ca = await createCA('raw transport CA');
  serving = await issueServingCertificate(ca, { commonName: 'alternator', dnsNames: ['alternator.test'], ipAddresses: ['127.0.0.1'] });
}, 30_000);

describe('raw transport', () => {
  it('verifies the certificate against the CA for the DNS name, or for the IP address when no name is given', async () => {
    const fe = await startFakeEndpoint({ tls: serving, verify: creds });
    try {
      const good = async (servername?: string) => {
        const t = rawTransport({ url: fe.url, caPem: ca.certPem, servername, credentials: creds, region: 'us-east-1' }, 5000);
        const out = await t.channel().call(read);
        t.close();
        return out;
      };
      expect(await good('alternator.test')).toEqual({ status: 200 });
      expect(await good(undefined)).toEqual({ status: 200 });
      expect(fe.stats.badSignatures).toBe(0);
      const wrongName = await good('other.test');
      expect(wrongName.errorType).toBe('ConnectError');
      const other = await createCA('other CA');
      const t = rawTransport({ url: fe.url, caPem: other.certPem, servername: 'alternator.test', credentials: creds, region: 'us-east-1' }, 5000);
      expect((await t.channel().call(read)).errorType).toBe('ConnectError');
      t.close();
    } finally {
      await fe.close();
    }
  });

  it('keeps one connection per lane alive and reconnects when the server closes it', async () => {
    let n = 0;
    const server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        n++;
        // Every third answer closes the connection; every fifth is an error with a __type.
        const close = n % 3 === 0;
        const fail = n % 5 === 0;
        const body = fail ? '{"__type":"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException","message":"x"}' : '{}';
        res.writeHead(fail ? 400 : 200, { 'content-length': Buffer.byteLength(body), ...(close ? { connection: 'close' } : {}) });
        res.end(body);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const t = rawTransport({ url, credentials: creds, region: 'us-east-1' }, 5000);
    const ch = t.channel();
    const outcomes = [];
    for (let i = 0; i < 12; i++) outcomes.push(await ch.call(read));
    t.close();
    server.close();
    expect(outcomes.filter((o) => o.errorType === 'ProvisionedThroughputExceededException')).toHaveLength(2);
    expect(outcomes.filter((o) => o.status === 200)).toHaveLength(10);
    expect(ch.connects).toBe(4);
  });

  it('reports a refused connection and an answer that never comes as error types', async () => {
    const refused = rawTransport({ url: 'http://127.0.0.1:1', credentials: creds, region: 'us-east-1' }, 5000);
    expect((await refused.channel().call(read)).errorType).toBe('ConnectError');
    refused.close();
    const silent = http.createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const t = rawTransport({ url: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`, credentials: creds, region: 'us-east-1' }, 200);
    expect((await t.channel().call(read)).errorType).toBe('Timeout');
    t.close();
    silent.closeAllConnections();
    silent.close();
  });
});
