// The multi-datacenter limitations of Alternator as the operator deploys it (one ScyllaCluster per datacenter,
// joined by externalSeeds): scylladb/scylla-operator docs/source/connect-your-app/alternator.md, section
// "Multi-datacenter limitations" (rows "No built-in cross-DC routing" and "Authentication tokens are DC-local"; the
// third row, "No Helm-based multi-DC install", is about installation and has nothing to observe on an endpoint), and
// docs/source/deploy-scylladb/deploy-multi-datacenter-cluster.md for the topology. Each row is reproduced, or
// reported lifted when the deployment behaves otherwise, or fails when the behaviour is neither (or breaks what the
// deployment promises, Endpoint.datacenterSharing). On the local target, replication is immediate (one data plane).
import { describe, it, expect } from 'vitest';
import type { TestContext } from 'vitest';
import {
  endpoint,
  client,
  useTable,
  record,
  limitation,
  requirePromise,
  requireDifference,
  requireFeature,
  eventually,
  differenceReference,
  DynamoError,
  type DatacenterEndpoint,
  type Deadline,
} from '../../harness/suite-kit/index.ts';
import { localnodesVerdict, routingVerdict, sharingVerdict, type CrossAttempt, type RoutingProbe, type Verdict } from './multidc-outcomes.ts';
import { freshGet, handshake, isHttps, issuersOf, sameBundle } from './multidc-probe.ts';
import { sameItem } from '../../harness/suite-kit/items.ts';

const ROUTING = 'operator-multidc-per-dc-endpoints';
const CREDENTIALS = 'operator-multidc-dc-local-credentials';
const SERVING_CA = 'operator-multidc-dc-local-serving-ca';
/**
 * How long a write may take to become visible in another datacenter before the row fails: the row's own bound, as no
 * setting bounds cross-datacenter replication (writes at LOCAL_QUORUM reach other datacenters asynchronously).
 */
const REPLICATION_BOUND: Deadline = { ms: 30_000, from: 'this row\'s bound for cross-datacenter visibility (no setting bounds asynchronous replication to another datacenter)' };
/** Requests per datacenter endpoint, each on a fresh connection, to catch an endpoint that spreads across datacenters. */
const ROUTING_PROBES = 6;
/** What Alternator answers to a request its role store cannot authenticate (alternator/server.cc verify_signature). */
const AUTH_REFUSALS = new Set(['UnrecognizedClientException', 'InvalidSignatureException']);

function gate(ctx: TestContext, difference?: string): DatacenterEndpoint[] {
  const e = endpoint();
  requireFeature(ctx, 'multi-datacenter');
  requirePromise(ctx, e.datacenters.length >= 2, 'single-datacenter variant');
  if (difference) requireDifference(ctx, difference);
  return e.datacenters;
}

function pairs<T>(xs: readonly T[]): Array<[T, T]> {
  return xs.flatMap((a) => xs.filter((b) => b !== a).map((b) => [a, b] as [T, T]));
}

function report(ctx: TestContext, id: string, v: Verdict): void {
  if (v.kind === 'shared-as-promised') return record(ctx, `shared, as the deployment promises: ${v.observed}`);
  limitation(ctx, differenceReference(id), { reproduced: v.kind === 'reproduced', lifted: v.kind === 'lifted', observed: v.observed });
}

/** Polls until `read` returns true; returns the milliseconds it took (recorded), or throws after the bound. */
async function within(bound: Deadline, what: string, read: () => Promise<boolean>): Promise<number> {
  const start = Date.now();
  await eventually(
    `${what} seen`,
    async () => {
      if (!(await read())) throw new Error('not seen yet');
    },
    bound,
    { stepMs: 50 },
  );
  return Date.now() - start;
}

describe('multi-datacenter limitations (operator docs, alternator.md "Multi-datacenter limitations")', () => {
  // Created through the first datacenter, lazily: single-datacenter variants create nothing.
  const t = useTable('multidc', { hash: ['pk', 'S'] });

  it("each datacenter's endpoint serves the health check and a DynamoDB call", async (ctx) => {
    const dcs = gate(ctx);
    for (const dc of dcs) {
      const c = client(dc);
      try {
        // The body echoes the request's Host header (alternator/server.cc health_handler): proof of service, not an identity.
        const health = await c.get('/');
        expect(health.status, `${dc.datacenter} GET /`).toBe(200);
        expect(health.text, `${dc.datacenter} GET /`).toMatch(/^healthy: /);
        const r = await c.call<{ TableNames: string[] }>('ListTables', {});
        expect(Array.isArray(r.TableNames), `${dc.datacenter} ListTables`).toBe(true);
        record(ctx, `${dc.datacenter} (${dc.httpsUrl}): health check "${health.text}", ListTables answered`);
      } finally {
        c.close();
      }
    }
  });

  it("/localnodes of each datacenter lists only that datacenter's nodes", async (ctx) => {
    const dcs = gate(ctx, ROUTING);
    const answers = [];
    for (const dc of dcs) {
      const c = client(dc);
      try {
        const r = await c.get('/localnodes');
        expect(r.status, `${dc.datacenter} GET /localnodes`).toBe(200);
        const nodes: unknown = JSON.parse(r.text);
        expect(Array.isArray(nodes) && nodes.every((n) => typeof n === 'string'), `${dc.datacenter} /localnodes is a JSON list of addresses: ${r.text}`).toBe(true);
        answers.push({ datacenter: dc.datacenter, nodes: nodes as string[] });
      } finally {
        c.close();
      }
    }
    const v = localnodesVerdict(answers);
    // Never "lifted": a /localnodes naming another datacenter's nodes breaks Alternator's own contract.
    limitation(ctx, differenceReference(ROUTING), { reproduced: v.kind === 'reproduced', observed: v.observed });
  });

  // Since 2025.1.0, /localnodes?dc=<name> lists another datacenter's nodes and an unknown name an empty list
  // (alternator/server.cc local_nodelist_handler; test/alternator/test_scylla.py test_localnodes_option_dc): clients
  // can route across datacenters themselves, the server still does not.
  it("/localnodes?dc=<other> lists the other datacenter's nodes; an unknown dc lists none", async (ctx) => {
    const dcs = gate(ctx, ROUTING);
    requireFeature(ctx, 'localnodes-dc-rack');
    const listOf = async (dc: DatacenterEndpoint, query: string) => {
      const c = client(dc);
      try {
        const r = await c.get(`/localnodes${query}`);
        expect(r.status, `${dc.datacenter} GET /localnodes${query}`).toBe(200);
        return (JSON.parse(r.text) as string[]).sort();
      } finally {
        c.close();
      }
    };
    for (const [from, other] of pairs(dcs)) {
      const own = await listOf(other, '');
      const seen = await listOf(from, `?dc=${encodeURIComponent(other.datacenter)}`);
      record(ctx, `${from.datacenter} /localnodes?dc=${other.datacenter}: ${JSON.stringify(seen)}; ${other.datacenter}'s own: ${JSON.stringify(own)}`);
      expect(seen, `${from.datacenter} /localnodes?dc=${other.datacenter} must list what ${other.datacenter} lists for itself`).toEqual(own);
      expect(own.length).toBeGreaterThan(0);
    }
    expect(await listOf(dcs[0]!, '?dc=no-such-datacenter')).toEqual([]);
  });

  it('no endpoint routes requests to another datacenter', async (ctx) => {
    const dcs = gate(ctx, ROUTING);
    requirePromise(ctx, dcs.every(isHttps), 'some datacenter endpoint is plain HTTP (no certificate to tell datacenters apart)');
    // Trust the union of the deployment's CAs (verification stays on), then see whose CA issued what was presented.
    const bundles = dcs.map((d) => d.caBundlePem);
    const trust = bundles.every((b) => b) ? bundles.join('\n') : '';
    const distinctCAs = trust !== '' && pairs(bundles).every(([a, b]) => !sameBundle(a, b));
    const probes: RoutingProbe[] = [];
    for (const dc of dcs) {
      const answers = await Promise.all(Array.from({ length: ROUTING_PROBES }, () => freshGet(dc, '/localnodes', trust)));
      for (const a of answers) {
        const issuers = issuersOf(a.chain, dcs);
        if (a.status === 200) probes.push({ datacenter: dc.datacenter, nodes: JSON.parse(a.text ?? '[]') as string[], issuers });
        else probes.push({ datacenter: dc.datacenter, error: a.error ?? `HTTP ${a.status}`, issuers });
      }
    }
    report(ctx, ROUTING, routingVerdict(probes, distinctCAs));
  });

  it('data written through one datacenter is read through the other within a bounded wait', async (ctx) => {
    const dcs = gate(ctx);
    await t.ready();
    const [first, ...others] = dcs as [DatacenterEndpoint, ...DatacenterEndpoint[]];
    const clients = new Map(dcs.map((d) => [d.datacenter, client(d)]));
    const c = (d: DatacenterEndpoint) => clients.get(d.datacenter)!;
    try {
      for (const dc of others) {
        // The table itself replicates (schema) before any item can.
        const ms = await within(REPLICATION_BOUND, `table ${t.name} through ${dc.datacenter}`, async () => {
          try {
            const d = await c(dc).call<{ Table: { TableStatus: string } }>('DescribeTable', { TableName: t.name });
            return d.Table.TableStatus === 'ACTIVE';
          } catch (e) {
            if (e instanceof DynamoError && e.type === 'ResourceNotFoundException') return false;
            throw e;
          }
        });
        record(ctx, `table created through ${first.datacenter} was ACTIVE through ${dc.datacenter} after ${ms} ms`);
      }
      const directions = others.flatMap((o) => [[first, o] as const, [o, first] as const]);
      for (const [writer, reader] of directions) {
        const key = { pk: { S: `${writer.datacenter}-to-${reader.datacenter}` } };
        const item = { ...key, v: { S: `${Date.now()}-${Math.random().toString(36).slice(2)}` } };
        await c(writer).call('PutItem', { TableName: t.name, Item: item });
        const seen = (consistent: boolean) => async () => {
          const r = await c(reader).call<{ Item?: unknown }>('GetItem', { TableName: t.name, Key: key, ConsistentRead: consistent });
          return sameItem(r.Item, item);
        };
        const what = `item written through ${writer.datacenter}, read through ${reader.datacenter}`;
        const eventual = await within(REPLICATION_BOUND, `${what} (ConsistentRead false)`, seen(false));
        const consistent = await within(REPLICATION_BOUND, `${what} (ConsistentRead true)`, seen(true));
        const r = await c(reader).call<{ Item?: unknown }>('GetItem', { TableName: t.name, Key: key, ConsistentRead: true });
        expect(r.Item, what).toEqual(item);
        record(ctx, `${what}: visible after ${eventual} ms (eventually consistent read), then ${consistent} ms more (consistent read); bound ${REPLICATION_BOUND.ms} ms`);
      }
    } finally {
      for (const x of clients.values()) x.close();
    }
  });

  it("one datacenter's credentials are refused by another datacenter's endpoint", async (ctx) => {
    const dcs = gate(ctx, CREDENTIALS);
    const e = endpoint();
    requirePromise(ctx, e.promises.authorization === 'enforced', 'authorization is disabled on this variant (every request is served, whatever its credentials)');
    requirePromise(ctx, dcs.every((d) => d.credentials), 'the deployment gives no credentials for some datacenter');
    const attempts: CrossAttempt[] = [];
    for (const [from, to] of pairs(dcs)) {
      const same = from.credentials!.accessKeyId === to.credentials!.accessKeyId && from.credentials!.secretAccessKey === to.credentials!.secretAccessKey;
      const note = same ? '; both datacenters were given identical credentials' : '';
      const c = client(to, { credentials: from.credentials });
      try {
        await c.call('ListTables', {});
        attempts.push({ from: from.datacenter, to: to.datacenter, outcome: 'accepted', detail: `ListTables served${note}` });
      } catch (err) {
        if (!(err instanceof DynamoError)) throw err;
        attempts.push({ from: from.datacenter, to: to.datacenter, outcome: AUTH_REFUSALS.has(err.type) ? 'refused' : 'error', detail: `${err.type}${note}` });
      } finally {
        c.close();
      }
    }
    report(ctx, CREDENTIALS, sharingVerdict('credentials', e.datacenterSharing?.credentials, attempts));
  });

  it("one datacenter's CA bundle does not validate another datacenter's serving certificate", async (ctx) => {
    const dcs = gate(ctx, SERVING_CA);
    requirePromise(ctx, dcs.every((d) => isHttps(d) && d.caBundlePem), 'some datacenter endpoint has no HTTPS or no CA bundle (system trust store)');
    const attempts: CrossAttempt[] = [];
    for (const [from, to] of pairs(dcs)) {
      const r = await handshake(to, from.caBundlePem);
      const note = sameBundle(from.caBundlePem, to.caBundlePem) ? '; both datacenters publish the same CA bundle' : '';
      attempts.push({ from: from.datacenter, to: to.datacenter, outcome: r.outcome, detail: `${r.detail}${note}` });
    }
    report(ctx, SERVING_CA, sharingVerdict('CA bundle', endpoint().datacenterSharing?.servingCA, attempts));
  });
});
