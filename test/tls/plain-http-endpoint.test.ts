// An endpoint given as http:// serves no TLS: every TLS case (certificate, SANs, protocol versions) is "not
// applicable" with that reason, none passes or fails. Issue 13: the http:// address was taken as the HTTPS one, so
// 9 TLS cases failed on a plain-HTTP port and 4 passed without having checked anything.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { tmpdir } from 'node:os';
import { createLocalTarget } from '../../harness/targets/local/local-target.ts';
import { Variant } from '../../harness/variant/model.ts';
import type { Deployment, RunContext } from '../../harness/targets/target.ts';
import { silentProgress } from '../../harness/util/progress.ts';
import { runCli } from '../helpers/cli.ts';

const ctx: RunContext = { runId: 'plain-http', reportsDir: tmpdir(), progress: silentProgress, signal: new AbortController().signal, failOnLiftedLimitation: false };
const httpOn = Variant.parse({ name: 'http-on', alternator: { insecureEnableHTTP: true }, versions: { scylla: '2026.2.4', operator: 'v1.21.1' } });

describe('TLS suites against an endpoint that serves plain HTTP only', () => {
  let d: Deployment;
  beforeAll(async () => {
    d = await createLocalTarget().deploy(httpOn, ctx);
  });
  afterAll(() => d?.stop());

  it('every TLS case is not applicable because the endpoint serves no TLS; none passes or fails; the run says it verified nothing (exit 2)', async () => {
    const dc = d.endpoint.datacenters[0]!;
    const r = await runCli(['run', '--target', 'endpoint', '--endpoint', dc.httpUrl!, '--scylla-version', '2026.2.4', '--suite', 'tls', '--quiet'], {
      env: { AWS_ACCESS_KEY_ID: dc.credentials!.accessKeyId, AWS_SECRET_ACCESS_KEY: dc.credentials!.secretAccessKey, AWS_CA_BUNDLE: '' },
    });
    // Issue 12: a selection that runs no test verified nothing: exit 2 with the reason, and still the reports.
    expect(r.code, r.stdout + r.stderr).toBe(2);
    expect(r.stdout).toMatch(/No test ran: no test of the selected suite files ran on the selected variants/);
    const cases = r.cases();
    expect(cases.length).toBeGreaterThanOrEqual(15);
    expect(cases.filter((c) => c.status !== 'skipped').map((c) => `${c.status}: ${c.name}`)).toEqual([]);
    // The handshake cases (everything but the plain-HTTP port's own two) say why: no TLS is served at that URL.
    const noTls = cases.filter((c) => /serves no TLS: dc1 \(http:\/\/127\.0\.0\.1:\d+\) is plain HTTP/.test(c.reason ?? ''));
    expect(noTls.length).toBe(cases.length - 2);
    expect(cases.filter((c) => !noTls.includes(c)).map((c) => c.reason)).toEqual([
      'not applicable: the variant does not enable plain HTTP',
      'not applicable: the variant does not enable plain HTTP',
    ]);
  });
});
