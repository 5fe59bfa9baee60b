// Secrets (secret keys, salted hashes) never reach output, reports or error messages.
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.ts';
import { createLocalTarget } from '../../harness/targets/local/local-target.ts';
import { Variant } from '../../harness/variant/model.ts';
import { silentProgress } from '../../harness/util/progress.ts';
import { redactEndpoint } from '../../harness/endpoint/contract.ts';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { expectNoSecret, withheld } from '../helpers/secrets.ts';

const ctx = { runId: 'x', reportsDir: tmpdir(), progress: silentProgress, signal: new AbortController().signal, failOnLiftedLimitation: false };

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? allFiles(p) : [p];
  });
}

describe('secrets', () => {
  it('a local run with failures writes no salted hash anywhere', async () => {
    const r = await runCli(['run', '--suite', 'api/smoke', '--inject-fault', 'accept-bad-signature']);
    const everything = [r.stdout, r.stderr, ...allFiles(r.reportsDir).map((f) => readFileSync(f, 'utf8'))].join('\n');
    expect(/\$6\$[./A-Za-z0-9]{8,}/.test(everything), 'a salted hash (value withheld) is in the output or a report').toBe(false);
  });

  it('an endpoint run never prints the secret access key, even when requests fail', async () => {
    const secret = 'S3cr3t-do-not-print-7f9c2a';
    const d = await createLocalTarget().deploy(Variant.parse({ name: 'sec', versions: { scylla: '2026.2.4', operator: 'v1.21.1' } }), ctx);
    try {
      const dc = d.endpoint.datacenters[0]!;
      const ca = join(mkdtempSync(join(tmpdir(), 'alte2e-ca-')), 'ca.crt');
      writeFileSync(ca, dc.caBundlePem);
      // A wrong secret: every request fails with UnrecognizedClientException, and the run must still not echo it.
      const r = await runCli(['run', '--target', 'endpoint', '--endpoint', dc.httpsUrl, '--ca-bundle', ca, '--tls-server-name', dc.tlsServerName!, '--scylla-version', '2026.2.4', '--suite', 'api/smoke'], {
        env: { AWS_ACCESS_KEY_ID: 'cassandra', AWS_SECRET_ACCESS_KEY: secret },
      });
      expect(r.code, withheld(r.stdout + r.stderr, secret)).toBe(1);
      expect(/UnrecognizedClientException|wrong signature/.test(r.stdout), 'the run names the refusal').toBe(true);
      const everything = [r.stdout, r.stderr, ...allFiles(r.reportsDir).map((f) => readFileSync(f, 'utf8'))].join('\n');
      expectNoSecret(everything, secret, 'the output or a report');
    } finally {
      await d.stop();
    }
  });

  it('redactEndpoint removes every secret', async () => {
    const d = await createLocalTarget().deploy(Variant.parse({ name: 'red', versions: { scylla: '2026.2.4', operator: 'v1.21.1' } }), ctx);
    const text = JSON.stringify(redactEndpoint(d.endpoint));
    await d.stop();
    expect(/\$6\$/.test(text), 'a salted hash (value withheld) is in the redacted endpoint').toBe(false);
    expect(text).toContain('<redacted>');
  });
});
