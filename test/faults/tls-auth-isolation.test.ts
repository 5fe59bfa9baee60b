// Proof that suites/tls, suites/auth and suites/isolation can FAIL: each deliberate deviation of the local front door
// (harness/targets/local/faults.ts) makes the run exit 1 and names the test that caught it; without a fault the
// three families pass on the smoke variants. One spawn per fault, restricted to the suite file that must catch it
// and one variant.
import { describe, it, expect } from 'vitest';
import { runSuites, expectPassed, expectFailed } from '../helpers/faults.ts';

const run = (fault: string, suite: string, variant: string) => runSuites([suite], { fault, variants: [variant] });

// Six spawns at once on a 2-core machine: generous per-test time (the assertions never look at durations).
describe.concurrent('tls, auth and isolation suites fail on a faulty endpoint', { timeout: 230_000 }, () => {
  it('pass without a fault on the smoke variants that cover every option value (multidc has its own proof)', async () => {
    const variants = ['defaults', 'http-noauth', 'om-names-forbid', 'user-cert-unsafe'];
    const r = await runSuites(['tls', 'auth', 'isolation'], { variants });
    expectPassed(r);
    const cases = r.cases();
    // Every smoke variant ran all three families, and each family checked something on each variant.
    expect([...new Set(cases.map((c) => c.variant))].sort()).toEqual(variants);
    for (const v of variants)
      for (const family of ['tls/', 'auth/', 'isolation/'])
        expect(cases.some((c) => c.variant === v && c.suite.startsWith(family) && c.status === 'passed'), `${v} ${family}`).toBe(true);
    // The write-isolation mode each variant sets is exercised on an untagged table (not only through tags).
    const unsafe = cases.find((c) => c.variant === 'user-cert-unsafe' && c.name.includes('unsafe_rmw: lost updates'));
    expect(unsafe?.status).toBe('passed');
  });

  it('FAILS when a wrong signature is accepted, naming the wrong-secret test', async () => {
    const failed = expectFailed(await run('accept-bad-signature', 'auth/authentication', 'defaults'), [
      'defaults auth/authentication › authentication enforced > a wrong secret is rejected with UnrecognizedClientException',
      'defaults auth/authentication › authentication enforced > a body changed after signing is rejected',
    ]);
    expect(failed.every((f) => f.startsWith('defaults auth/authentication › authentication enforced >'))).toBe(true);
  });

  it('FAILS when signatures outside the 15-minute window are served, naming the expired and not-yet-current tests', async () => {
    const failed = expectFailed(await run('accept-stale-signature', 'auth/authentication', 'defaults'), [
      'defaults auth/authentication › authentication enforced > a request signed 16 minutes ago (expired) is refused with InvalidSignatureException',
      'defaults auth/authentication › authentication enforced > a request signed 16 minutes ahead (not yet current) is refused with InvalidSignatureException',
    ]);
    expect(failed.length).toBe(2);
  });

  it('FAILS when the HTTPS port accepts TLS 1.0 and 1.1 (the positive control of the refusal checks), naming only those', async () => {
    const failed = expectFailed(await run('tls-legacy-accepted', 'tls/protocol', 'defaults'));
    expect(failed.sort()).toEqual(['defaults tls/protocol › tls protocol versions > TLS 1.0 is refused', 'defaults tls/protocol › tls protocol versions > TLS 1.1 is refused']);
  });

  it('FAILS when the serving certificate lacks the client Service name, naming the SAN test', async () => {
    expectFailed(await run('missing-san', 'tls/certificate', 'defaults'), [
      'defaults tls/certificate › tls certificate > the certificate covers the client Service DNS names',
      'defaults tls/certificate › tls certificate > the served chain validates against the published CA bundle for the client hostname',
    ]);
  });

  it('FAILS when plain HTTP is served although the variant disables it, naming only the HTTP-port test', async () => {
    const failed = expectFailed(await run('http-open', 'tls/protocol', 'defaults'));
    expect(failed).toEqual(['defaults tls/protocol › plain HTTP port > when insecureEnableHTTP is not set, the HTTP port refuses or closes the connection']);
  });

  it('FAILS when a conditional write is allowed under forbid_rmw, naming every read-before-write class', async () => {
    const failed = expectFailed(await run('forbid-rmw-allowed', 'isolation/forbid-rmw', 'om-names-forbid'), [
      'om-names-forbid isolation/forbid-rmw › isolation forbid_rmw > writes that need a read before the write are rejected > PutItem with a ConditionExpression is rejected with ValidationException (read-modify-write), and the item is unchanged',
    ]);
    const prefix = 'om-names-forbid isolation/forbid-rmw › isolation forbid_rmw > writes that need a read before the write are rejected > ';
    // Nineteen classes, each its own test, and nothing else (writes that need no read, and reads, still pass).
    expect(failed.filter((f) => f.startsWith(prefix)).length).toBe(19);
    expect(failed.length).toBe(19);
  });

  it('FAILS when compare-and-set is not enforced (lost updates) under an LWT mode, while unsafe_rmw only records them', async () => {
    const r = await run('lost-updates', 'isolation/concurrency', 'defaults');
    const failed = expectFailed(r, [
      'defaults isolation/concurrency › isolation: concurrent compare-and-set > always_use_lwt: concurrent compare-and-set loses no update and is linearizable',
      'defaults isolation/concurrency › isolation: concurrent compare-and-set > only_rmw_uses_lwt: concurrent compare-and-set loses no update and is linearizable',
    ]);
    expect(failed.length).toBe(2);
    const unsafe = r.cases().find((c) => c.name.includes('unsafe_rmw: lost updates'));
    expect(unsafe?.status).toBe('passed');
    expect(JSON.stringify(unsafe)).toMatch(/observed on an emulation \(.*\) — \d+ lost update/);
    expect(r.cases().find((c) => c.status === 'failed' && c.name.includes('always_use_lwt'))?.failure?.message).toMatch(/lost update/);
  });
});
