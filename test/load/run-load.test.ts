// runLoad end to end against a local DynamoDB-shaped endpoint over HTTPS: TLS verified against the
// endpoint's CA for its server name, every request's SigV4 signature checked server side, errors by
// __type, both clients, worker threads, and the table's life cycle.
import { describe, it, expect, beforeAll } from 'vitest';
import { createCA, issueServingCertificate, type CertificateAuthority, type KeyPairPem } from '../../harness/tls/ca.ts';
import { startFakeEndpoint, type FakeEndpoint } from '../../harness/load/fake-endpoint.ts';
import { runLoad } from '../../harness/load/run-load.ts';
import { LoadReport } from '../../harness/load/report-schema.ts';
import { ConfigError } from '../../harness/util/errors.ts';
import { endpointFor } from './endpoint-fixture.ts';
import { expectNoSecret } from '../helpers/secrets.ts';

const creds = { accessKeyId: 'alternator', secretAccessKey: 'load-test-secret-9f8e' };
let ca: CertificateAuthority;
let serving: KeyPairPem;

beforeAll(async () => {
  ca = await createCA('load test CA');
  serving = await issueServingCertificate(ca, { commonName: 'alternator', dnsNames: ['scylla-client.scylla.svc'], ipAddresses: [] });
}, 30_000);

async function withEndpoint<T>(o: Parameters<typeof startFakeEndpoint>[0], f: (fe: FakeEndpoint) => Promise<T>): Promise<T> {
  const fe = await startFakeEndpoint({ tls: serving, verify: creds, ...o });
  try {
    return await f(fe);
  } finally {
    await fe.close();
  }
}

const tlsEndpoint = (fe: FakeEndpoint) => endpointFor(fe.url, { caPem: ca.certPem, tlsServerName: 'scylla-client.scylla.svc', credentials: creds, writeIsolation: 'only_rmw_uses_lwt' });

describe('runLoad', () => {
  it('loads the records, runs the workload over verified TLS with valid signatures, and drops its table', () =>
    withEndpoint({}, async (fe) => {
      const r = await runLoad({ endpoint: tlsEndpoint(fe), workload: 'F', recordCount: 120, durationSeconds: 1, concurrency: 3 });
      expect(LoadReport.parse(r)).toBeTruthy();
      expect(fe.stats.badSignatures).toBe(0);
      expect([...fe.hosts]).toEqual([`scylla-client.scylla.svc:${fe.port}`]);
      expect(fe.counts.get('CreateTable')).toBe(1);
      expect(fe.counts.get('DeleteTable')).toBe(1);
      // 120 records: 4 batches of 25 and 20 single puts.
      expect(fe.counts.get('BatchWriteItem')).toBe(4);
      expect(fe.counts.get('PutItem')).toBe(20);
      expect(r.loadPhase?.records).toBe(120);
      const ops = r.operations;
      expect(Object.keys(ops).sort()).toEqual(['read', 'read-modify-write', 'read-modify-write/read', 'read-modify-write/update']);
      // Each read-modify-write is one GetItem and one UpdateItem on the wire.
      expect(fe.counts.get('UpdateItem')).toBe(ops['read-modify-write']!.count);
      expect(fe.counts.get('GetItem')).toBe(ops.read!.count + ops['read-modify-write']!.count);
      expect(r.totals.count).toBe(ops.read!.count + ops['read-modify-write']!.count);
      expect(r.totals.connects).toBe(3);
      expect(r.variant).toMatchObject({ name: 'v1', writeIsolation: 'only_rmw_uses_lwt' });
      expect(r.parameters).toMatchObject({ mode: 'closed', concurrency: 3, client: 'raw', table: 'e2e_load-f', datacenter: 'dc1' });
      expectNoSecret(JSON.stringify(r), creds.secretAccessKey, 'the load report');
    }));

  it('counts errors by __type and keeps failed operations out of the latency histogram', () =>
    withEndpoint({ failEvery: 10, failType: 'ConditionalCheckFailedException' }, async (fe) => {
      const r = await runLoad({ endpoint: tlsEndpoint(fe), workload: 'conditional', recordCount: 100, durationSeconds: 1, concurrency: 2, skipLoadPhase: true });
      const failed = Object.values(r.operations).reduce((n, o) => n + (o.errors.ConditionalCheckFailedException ?? 0), 0);
      expect(failed).toBe(fe.stats.failed);
      expect(failed).toBeGreaterThan(0);
      expect(r.totals.errorCount).toBe(failed);
      expect(r.totals.count + r.totals.errorCount).toBe(fe.stats.data);
      expect(r.warnings.join('\n')).toMatch(/operations failed/);
      expect(fe.counts.get('CreateTable')).toBeUndefined();
      expect(fe.counts.get('DeleteTable')).toBeUndefined();
    }));

  it('the SDK client sends the same workload and is verified the same way', () =>
    withEndpoint({}, async (fe) => {
      const r = await runLoad({ endpoint: tlsEndpoint(fe), workload: 'batch', recordCount: 60, durationSeconds: 1, concurrency: 2, client: 'sdk', skipLoadPhase: true });
      expect(fe.stats.badSignatures).toBe(0);
      expect(r.operations['batch-write']!.count).toBe(fe.counts.get('BatchWriteItem'));
      expect(r.operations['batch-write']!.count).toBeGreaterThan(0);
      expect(r.parameters.client).toBe('sdk');
      expect([...fe.hosts]).toEqual([`scylla-client.scylla.svc:${fe.port}`]);
    }));

  it('worker threads each run a shard and the report merges them', () =>
    withEndpoint({}, async (fe) => {
      const r = await runLoad({ endpoint: tlsEndpoint(fe), workload: 'B', recordCount: 100, durationSeconds: 1, concurrency: 4, threads: 2, rate: 300, skipLoadPhase: true });
      expect(fe.stats.badSignatures).toBe(0);
      expect(r.parameters.threads).toBe(2);
      expect(r.totals.scheduled).toBe(300);
      expect(r.totals.count).toBe(fe.stats.data);
      expect(r.totals.count).toBe(300);
      expect(r.totals.connects).toBe(4);
    }), 30_000);

  it('refuses a certificate the CA did not sign', async () => {
    const other = await createCA('someone else');
    await withEndpoint({}, async (fe) => {
      const endpoint = endpointFor(fe.url, { caPem: other.certPem, tlsServerName: 'scylla-client.scylla.svc', credentials: creds });
      await expect(runLoad({ endpoint, workload: 'C', recordCount: 10, durationSeconds: 0.3, concurrency: 1 })).rejects.toThrow(/certificate/i);
    });
  });

  it('names the field and the fix for bad options', async () => {
    const endpoint = endpointFor('https://127.0.0.1:1');
    const bad = (o: object) => runLoad({ endpoint, workload: 'A', ...o });
    await expect(bad({ workload: 'Z' })).rejects.toThrow(ConfigError);
    await expect(bad({ mode: 'open' })).rejects.toThrow(/rate.*open loop needs a target rate/);
    await expect(bad({ rate: 10, mode: 'closed' })).rejects.toThrow(/rate/);
    await expect(bad({ threads: 4, concurrency: 2 })).rejects.toThrow(/concurrency.*at least 4/);
    await expect(bad({ workload: 'batch', recordCount: 10 })).rejects.toThrow(/recordCount.*batch/);
    await expect(bad({ datacenter: 'dc9' })).rejects.toThrow(/datacenter.*allowed: dc1/);
    await expect(bad({ useHttp: true })).rejects.toThrow(/insecureEnableHTTP/);
  });
});
