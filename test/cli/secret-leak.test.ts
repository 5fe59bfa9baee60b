// Issue 20 item 1: secrets cannot leak through a failure. A fixture suite (test/fixtures/suites/secrets) hands the
// run's secrets to expect, to an error and to console.log; the failures are still reported, and no output file and no
// console line holds any of them. The endpoint's secret is NOT a crypt hash here: only the run's memory of what it
// was given can hide it.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readdirSync, readFileSync, statSync, writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { runCli, type CliRun } from '../helpers/cli.ts';
import { createLocalTarget } from '../../harness/targets/local/local-target.ts';
import { Variant } from '../../harness/variant/model.ts';
import { silentProgress } from '../../harness/util/progress.ts';
import { sha512Crypt } from '../../harness/util/sha512-crypt.ts';
import type { Deployment } from '../../harness/targets/target.ts';
import { findAwsCli } from '../../harness/client/aws-cli.ts';
import { withheld } from '../helpers/secrets.ts';

const ctx = { runId: 'x', reportsDir: tmpdir(), progress: silentProgress, signal: new AbortController().signal, failOnLiftedLimitation: false };
const SECRET = 'Plain-secret-not-a-crypt-hash-4b1d';
const READ_IN_WORKER = sha512Crypt('read-in-the-worker', 'plantedsalt12345');

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? allFiles(p) : [p];
  });
}

let d: Deployment;
let r: CliRun;
let ca: string;
const awsMissing = 'missing' in (await findAwsCli());

beforeAll(async () => {
  d = await createLocalTarget().deploy(Variant.parse({ name: 'leak', versions: { scylla: '2026.2.4', operator: 'v1.21.1' } }), ctx);
  const dc = d.endpoint.datacenters[0]!;
  ca = join(mkdtempSync(join(tmpdir(), 'alte2e-ca-')), 'ca.crt');
  writeFileSync(ca, dc.caBundlePem);
  r = await runCli(
    ['run', '--target', 'endpoint', '--endpoint', dc.httpsUrl, '--ca-bundle', ca, '--tls-server-name', dc.tlsServerName!, '--scylla-version', '2026.2.4', '--suites-dir', 'test/fixtures/suites', '--suite', 'secrets'],
    { env: { AWS_ACCESS_KEY_ID: 'cassandra', AWS_SECRET_ACCESS_KEY: SECRET } },
  );
}, 120_000);

afterAll(() => d?.stop());

describe('a secret planted in failures', () => {
  it('the failures are still reported, with the secret replaced', () => {
    expect(r.code, withheld(r.stdout + r.stderr, SECRET, READ_IN_WORKER)).toBe(1);
    const failed = r.cases().filter((c) => c.status === 'failed');
    expect(failed.map((c) => c.name).sort()).toEqual([
      'secret leak fixture > diffs an object holding the secret',
      'secret leak fixture > hands the secret to expect',
      'secret leak fixture > throws an error naming the secrets',
    ]);
    const thrown = failed.find((c) => c.name.endsWith('naming the secrets'))!;
    expect(thrown.failure?.message).toMatch(/request signed with <redacted> failed; also .* and <redacted>/);
    expect(r.stdout).toMatch(/FAIL endpoint secrets\/leak › .*hands the secret to expect/);
  });

  it('no output file and no console line holds the endpoint secret, nor a salted hash only the worker read', () => {
    const files = allFiles(r.reportsDir);
    expect(files.map((f) => f.split('/').pop())).toEqual(expect.arrayContaining(['results.json', 'junit.xml', 'index.html', 'summary.md']));
    for (const [where, text] of [['stdout', r.stdout], ['stderr', r.stderr], ...files.map((f) => [f, readFileSync(f, 'utf8')])] as Array<[string, string]>) {
      // Booleans, never the text: a failure here must not print the secret either.
      expect(text.includes(SECRET), `${where} holds the endpoint's secret`).toBe(false);
      expect(text.includes(READ_IN_WORKER), `${where} holds the salted hash read in the worker`).toBe(false);
    }
  });
});

describe('done when #1: the operator page suite on an endpoint whose secret is not a crypt hash', () => {
  it.runIf(!awsMissing)('says "not a crypt hash" without the value, and writes the secret to no file and no console line', { timeout: 300_000 }, async () => {
    const dc = d.endpoint.datacenters[0]!;
    const run = await runCli(
      ['run', '--target', 'endpoint', '--endpoint', dc.httpsUrl, '--ca-bundle', ca, '--tls-server-name', dc.tlsServerName!, '--scylla-version', '2026.2.4', '--suite', 'docs/operator-alternator-page'],
      { env: { AWS_ACCESS_KEY_ID: 'cassandra', AWS_SECRET_ACCESS_KEY: SECRET }, timeoutMs: 280_000 },
    );
    expect(run.code, withheld(run.stdout + run.stderr, SECRET)).toBe(1);
    const obtain = run.cases().find((c) => /Obtain credentials/.test(c.name))!;
    expect(obtain.status).toBe('failed');
    expect(obtain.failure?.message).toMatch(/AWS_SECRET_ACCESS_KEY, a salted_hash .*: not a crypt hash \(34 characters, not starting with "\$6\$"\)/);
    const files = allFiles(run.reportsDir);
    for (const [where, text] of [['stdout', run.stdout], ['stderr', run.stderr], ...files.map((f) => [f, readFileSync(f, 'utf8')])] as Array<[string, string]>)
      expect(text.includes(SECRET), `${where} holds the endpoint's secret`).toBe(false);
  });
});
