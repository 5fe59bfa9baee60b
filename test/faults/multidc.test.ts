// Proof that suites/limitations/multidc can FAIL: the local target's multi-DC deviations make the run exit 1 and
// name the test that caught them; without a fault the same run passes. The local target promises DC-local
// credentials (separate role stores, as separate ScyllaClusters have), so a datacenter accepting another's
// credentials breaks that promise: "unexpected", a failure, not a "lifted" limitation (the issue asks the run to fail).
import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { runCli } from '../helpers/cli.ts';
import { runSuites, expectPassed, expectFailed } from '../helpers/faults.ts';

const run = (fault: string) => runSuites(['limitations/multidc'], { fault, variants: ['multidc'] });

describe.concurrent('limitations/multidc fails on a faulty multi-DC topology', () => {
  it('passes on clean two-datacenter topologies: every row checked, credentials not applicable without authorization', async () => {
    // The smoke `multidc` variant, and the same with authorization disabled and HTTP on (in one run).
    const profile = join(mkdtempSync(join(tmpdir(), 'alte2e-mdc-profile-')), 'multidc.yaml');
    const topology = { datacenters: [{ name: 'dc1' }, { name: 'dc2' }] };
    writeFileSync(
      profile,
      stringify({
        name: 'multidc-proof',
        versions: { scylla: '2026.2.4', operator: 'v1.21.1' },
        suites: ['limitations/multidc'],
        variants: [
          { name: 'multidc', alternator: { writeIsolation: 'always_use_lwt' }, topology },
          { name: 'multidc-noauth', alternator: { insecureDisableAuthorization: true, insecureEnableHTTP: true }, topology },
        ],
      }),
    );
    const r = await runCli(['run', '--profile', profile, '--quiet']);
    expectPassed(r);
    const of = (variant: string) => r.cases().filter((c) => c.variant === variant);
    expect(of('multidc').length).toBe(7);
    expect(of('multidc').every((c) => c.status === 'passed')).toBe(true);
    // The documented rows (/localnodes, routing, credentials, CA) are emulated here (the local front door), not merely
    // passed, and never called "reproduced": no ScyllaDB ran.
    expect(of('multidc').filter((c) => c.outcome === 'limitation-emulated').length).toBe(4);
    expect(of('multidc').filter((c) => c.outcome === 'limitation-reproduced')).toEqual([]);
    const noauth = of('multidc-noauth');
    expect(noauth.filter((c) => c.status === 'skipped').map((c) => [c.name.split(' > ').pop(), c.reason])).toEqual([
      ["one datacenter's credentials are refused by another datacenter's endpoint", expect.stringMatching(/^not applicable: authorization is disabled/)],
    ]);
    expect(noauth.filter((c) => c.status === 'passed').length).toBe(6);
  });

  it("FAILS (exit 1) when /localnodes leaks the other datacenter's node, naming the /localnodes test", async () => {
    const r = await run('localnodes-leak');
    // Both /localnodes cases catch it: the parameter-less one, and ?dc=<other> (which must list only the other's nodes).
    expect(expectFailed(r).sort()).toEqual([
      expect.stringMatching(/^multidc limitations\/multidc › .*\/localnodes of each datacenter lists only that datacenter's nodes$/),
      expect.stringMatching(/^multidc limitations\/multidc › .*\/localnodes\?dc=<other> lists the other datacenter's nodes; an unknown dc lists none$/),
    ]);
    expect(r.cases().find((c) => c.status === 'failed' && !c.name.includes('?dc='))?.failure?.message).toMatch(/listed by dc1 and dc2/);
  });

  it("FAILS (exit 1) when a datacenter accepts another datacenter's credentials although DC-local credentials are promised", async () => {
    const r = await run('shared-credentials');
    expect(expectFailed(r)).toEqual([expect.stringMatching(/one datacenter's credentials are refused by another datacenter's endpoint$/)]);
    const credentials = r.cases().find((c) => /credentials are refused/.test(c.name))!;
    // Unexpected (a failure), not reported as a lifted limitation.
    expect(credentials.outcome).not.toBe('limitation-lifted');
    expect(credentials.failure?.message).toMatch(/promises DC-local credentials, but: credentials of dc1 at dc2's endpoint: accepted/);
    expect(r.stdout).not.toMatch(/LIMITATION LIFTED/);
  });
});
