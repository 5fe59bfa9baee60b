// The decision tables of suites/limitations/multidc, on made-up observations: which observation reproduces a
// documented multi-DC row, which lifts it, and which is unexpected (a failure), given what the deployment promises.
import { describe, it, expect } from 'vitest';
import { sharingVerdict, localnodesVerdict, routingVerdict, type CrossAttempt, type RoutingProbe } from '../../suites/limitations/multidc-outcomes.ts';

const both = (outcome: CrossAttempt['outcome']): CrossAttempt[] => [
  { from: 'dc1', to: 'dc2', outcome, detail: 'x' },
  { from: 'dc2', to: 'dc1', outcome, detail: 'x' },
];

describe('sharingVerdict (credentials, CA bundles)', () => {
  it.each([
    // promise,            observed,   verdict
    [undefined, 'refused', 'reproduced'],
    ['datacenter-local', 'refused', 'reproduced'],
    ['shared', 'refused', 'unexpected'],
    [undefined, 'accepted', 'lifted'],
    ['datacenter-local', 'accepted', 'unexpected'],
    ['shared', 'accepted', 'shared-as-promised'],
    [undefined, 'error', 'unexpected'],
  ] as const)('promise %s, %s both ways → %s', (promise, outcome, kind) => {
    expect(sharingVerdict('credentials', promise, both(outcome)).kind).toBe(kind);
  });

  it('a one-way acceptance is unexpected whatever the promise', () => {
    const mixed: CrossAttempt[] = [
      { from: 'dc1', to: 'dc2', outcome: 'accepted', detail: 'served' },
      { from: 'dc2', to: 'dc1', outcome: 'refused', detail: 'UnrecognizedClientException' },
    ];
    for (const p of [undefined, 'shared', 'datacenter-local'] as const) expect(sharingVerdict('credentials', p, mixed).kind).toBe('unexpected');
  });

  it('names the broken promise and every attempt in what it reports', () => {
    const v = sharingVerdict('credentials', 'datacenter-local', both('accepted'));
    expect(v.observed).toMatch(/promises DC-local credentials/);
    expect(v.observed).toMatch(/dc1 at dc2's endpoint: accepted/);
    expect(v.observed).toMatch(/dc2 at dc1's endpoint: accepted/);
  });

  it('no attempt at all is not a reproduction', () => {
    expect(sharingVerdict('credentials', undefined, []).kind).toBe('unexpected');
  });
});

describe('localnodesVerdict', () => {
  it('disjoint, non-empty answers reproduce the per-datacenter /localnodes', () => {
    expect(localnodesVerdict([{ datacenter: 'dc1', nodes: ['10.0.0.1', '10.0.0.2'] }, { datacenter: 'dc2', nodes: ['10.1.0.1'] }]).kind).toBe('reproduced');
  });
  it("a node listed by two datacenters (a leak) is unexpected and named", () => {
    const v = localnodesVerdict([{ datacenter: 'dc1', nodes: ['10.0.0.1', '10.1.0.1'] }, { datacenter: 'dc2', nodes: ['10.1.0.1'] }]);
    expect(v.kind).toBe('unexpected');
    expect(v.observed).toMatch(/10\.1\.0\.1 \(listed by dc1 and dc2\)/);
  });
  it('an empty answer is unexpected', () => {
    expect(localnodesVerdict([{ datacenter: 'dc1', nodes: [] }, { datacenter: 'dc2', nodes: ['10.1.0.1'] }]).kind).toBe('unexpected');
  });
});

describe('routingVerdict', () => {
  const A = ['10.0.0.1'];
  const B = ['10.1.0.1'];
  const probe = (datacenter: string, nodes: string[] | undefined, issuers: string[], error?: string): RoutingProbe => ({ datacenter, nodes, issuers, ...(error ? { error } : {}) });

  it('every request answered in its own datacenter reproduces the row', () => {
    const probes = [...Array(3).fill(probe('dc1', A, ['dc1'])), ...Array(3).fill(probe('dc2', B, ['dc2']))];
    expect(routingVerdict(probes, true).kind).toBe('reproduced');
  });

  it("an endpoint that sometimes answers with the other datacenter's /localnodes routes across: lifted", () => {
    const probes = [probe('dc1', A, ['dc1']), probe('dc1', A, ['dc1']), probe('dc1', B, ['dc1']), probe('dc2', B, ['dc2']), probe('dc2', B, ['dc2'])];
    const v = routingVerdict(probes, false);
    expect(v.kind).toBe('lifted');
    expect(v.observed).toMatch(/dc1's endpoint answered from dc2/);
  });

  it("a certificate issued only by another datacenter's CA (even if the name check failed) is routing: lifted", () => {
    const probes = [probe('dc1', A, ['dc1']), probe('dc1', undefined, ['dc2'], 'ERR_TLS_CERT_ALTNAME_INVALID'), probe('dc2', B, ['dc2'])];
    expect(routingVerdict(probes, true).kind).toBe('lifted');
  });

  it('with one CA for all datacenters, the issuer proves nothing', () => {
    const probes = [probe('dc1', A, ['dc1', 'dc2']), probe('dc2', B, ['dc1', 'dc2'])];
    expect(routingVerdict(probes, false).kind).toBe('reproduced');
  });

  it('answers that change for no cross-datacenter reason, or failed requests, are unexpected', () => {
    expect(routingVerdict([probe('dc1', A, ['dc1']), probe('dc1', A, ['dc1']), probe('dc1', ['10.9.9.9'], ['dc1']), probe('dc2', B, ['dc2'])], true).kind).toBe('unexpected');
    expect(routingVerdict([probe('dc1', A, ['dc1']), probe('dc1', undefined, [], 'ECONNRESET'), probe('dc2', B, ['dc2'])], true).kind).toBe('unexpected');
  });

  it('identical answers everywhere (a /localnodes leak) are not taken for routing', () => {
    const all = [...A, ...B];
    expect(routingVerdict([probe('dc1', all, ['dc1']), probe('dc2', all, ['dc2'])], true).kind).toBe('reproduced');
  });
});
