// The endpoint target pointed at a multi-DC deployment through an endpoints file: a two-datacenter local
// deployment started in this process stands for the real one (CA bundles written to files, secrets only in
// environment variables), and limitations/multidc runs against it through the CLI. Also: bad endpoints files
// are refused naming the field, and the suite's TLS probe tells which datacenter's CA issued a certificate.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync, rmSync, copyFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, basename } from 'node:path';
import { stringify } from 'yaml';
import { createLocalTarget } from '../../harness/targets/local/local-target.ts';
import { resolveDatacenters, resolveDatacenterSharing, createEndpointTarget } from '../../harness/targets/endpoint/endpoint-target.ts';
import { Variant } from '../../harness/variant/model.ts';
import type { Deployment, RunContext } from '../../harness/targets/target.ts';
import type { DatacenterEndpoint } from '../../harness/endpoint/contract.ts';
import { ConfigError } from '../../harness/util/errors.ts';
import { silentProgress } from '../../harness/util/progress.ts';
import { createCA } from '../../harness/tls/ca.ts';
import { projectRoot } from '../../harness/util/paths.ts';
import { freshGet, issuersOf } from '../../suites/limitations/multidc-probe.ts';
import { runCli, failedCases, type CliRun } from '../helpers/cli.ts';

const versions = { scylla: '2026.2.4', operator: 'v1.21.1' };
const ctx: RunContext = { runId: 'mdc-test', reportsDir: tmpdir(), progress: silentProgress, signal: new AbortController().signal, failOnLiftedLimitation: false };
const twoDc = Variant.parse({ name: 'twodc', versions, topology: { datacenters: [{ name: 'dc1' }, { name: 'dc2' }] } });

/** Writes an endpoints file (and its CA bundles beside it) for a deployment; secrets go to `env`, never to the file. */
function writeEndpointsFile(dir: string, dcs: DatacenterEndpoint[], env: Record<string, string>, extra: Record<string, unknown> = {}): string {
  mkdirSync(dir, { recursive: true });
  const datacenters = dcs.map((d) => {
    const envName = `E2E_MDC_SECRET_${basename(dir).replace(/\W/g, '_').toUpperCase()}_${d.datacenter.toUpperCase()}`;
    env[envName] = d.credentials!.secretAccessKey;
    writeFileSync(join(dir, `${d.datacenter}-ca.crt`), d.caBundlePem);
    return { datacenter: d.datacenter, url: d.httpsUrl, caBundle: `${d.datacenter}-ca.crt`, tlsServerName: d.tlsServerName, accessKeyId: d.credentials!.accessKeyId, secretAccessKeyEnv: envName };
  });
  const file = join(dir, 'endpoints.yaml');
  writeFileSync(file, stringify({ datacenters, ...extra }));
  return file;
}

function noSecretIn(r: CliRun, secrets: string[]) {
  const texts = [r.stdout, r.stderr, readFileSync(join(r.runDir(), 'results.json'), 'utf8'), r.junit()];
  for (const s of secrets) for (const t of texts) expect(t.includes(s)).toBe(false);
}

describe('endpoint target with an endpoints file over a two-datacenter deployment', () => {
  let clean: Deployment;
  let sharing: Deployment;
  let root: string;
  const env: Record<string, string> = {};

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'alte2e-mdc-'));
    clean = await createLocalTarget().deploy(twoDc, ctx);
    // A deployment whose datacenters accept each other's credentials (the local `shared-credentials` deviation).
    sharing = await createLocalTarget({ fault: 'shared-credentials' }).deploy(twoDc, ctx);
  });
  afterAll(async () => {
    await Promise.all([clean?.stop(), sharing?.stop()]);
    rmSync(root, { recursive: true, force: true });
  });

  it('reads each datacenter from the file: URL, CA bundle relative to the file, server name, secret from the environment, promises', async () => {
    const file = writeEndpointsFile(join(root, 'read'), clean.endpoint.datacenters, env, { sharedCredentials: false });
    Object.assign(process.env, env);
    const dcs = resolveDatacenters({ endpointsFile: file });
    expect(dcs.map((d) => d.datacenter)).toEqual(['dc1', 'dc2']);
    for (const [i, d] of dcs.entries()) {
      const want = clean.endpoint.datacenters[i]!;
      expect(d).toMatchObject({ httpsUrl: want.httpsUrl, caBundlePem: want.caBundlePem, tlsServerName: want.tlsServerName, credentials: want.credentials });
    }
    expect(resolveDatacenterSharing({ endpointsFile: file })).toEqual({ credentials: 'datacenter-local' });
    const target = createEndpointTarget({ endpointsFile: file, scyllaVersion: '2026.2.4' });
    const variant = target.variantsOverride![0]!;
    expect(variant.topology.datacenters.map((d) => d.name)).toEqual(['dc1', 'dc2']);
    // The promise reaches the suites through the endpoint contract.
    const d = await target.deploy(variant, ctx);
    expect(d.endpoint.datacenterSharing).toEqual({ credentials: 'datacenter-local' });
    expect(d.endpoint.datacenters.map((x) => x.datacenter)).toEqual(['dc1', 'dc2']);
    await d.stop();
  });

  it('accepts the example endpoints file shipped for users (fixtures/endpoints/example-multidc.yaml)', async () => {
    const dir = join(root, 'example');
    mkdirSync(dir);
    copyFileSync(join(projectRoot(), 'fixtures', 'endpoints', 'example-multidc.yaml'), join(dir, 'endpoints.yaml'));
    for (const dc of ['dc1', 'dc2']) writeFileSync(join(dir, `${dc}-ca.crt`), (await createCA(`example ${dc}`)).certPem);
    Object.assign(process.env, { ALTERNATOR_SECRET_DC1: 'example-one', ALTERNATOR_SECRET_DC2: 'example-two' });
    const dcs = resolveDatacenters({ endpointsFile: join(dir, 'endpoints.yaml') });
    expect(dcs.map((d) => [d.datacenter, d.credentials?.secretAccessKey])).toEqual([
      ['us-east-1', 'example-one'],
      ['us-east-2', 'example-two'],
    ]);
    expect(resolveDatacenterSharing({ endpointsFile: join(dir, 'endpoints.yaml') })).toEqual({});
  });

  it('takes a datacenter\'s own Streams endpoint from streamsUrl (the same URL as url means none of its own)', () => {
    const dir = mkdtempSync(join(root, 'streams-'));
    const file = join(dir, 'endpoints.yaml');
    const dcs = [
      { datacenter: 'dc1', url: 'https://127.0.0.1:8043', streamsUrl: 'https://127.0.0.1:8044' },
      { datacenter: 'dc2', url: 'https://127.0.0.2:8043', streamsUrl: 'https://127.0.0.2:8043' },
      { datacenter: 'dc3', url: 'https://127.0.0.3:8043' },
    ];
    writeFileSync(file, stringify({ datacenters: dcs }));
    expect(resolveDatacenters({ endpointsFile: file }).map((d) => [d.datacenter, d.streamsUrl])).toEqual([
      ['dc1', 'https://127.0.0.1:8044'],
      ['dc2', undefined],
      ['dc3', undefined],
    ]);
  });

  const ok = { datacenter: 'dc1', url: 'https://127.0.0.1:8043' };
  it.each([
    ['a datacenter without url', { datacenters: [ok, { datacenter: 'dc2' }] }, /datacenters\[1\]\.url/],
    ['a datacenter listed twice', { datacenters: [ok, ok] }, /datacenters\[1\]\.datacenter: datacenter "dc1" is listed twice/],
    ['a datacenter name that is not a lowercase label', { datacenters: [{ ...ok, datacenter: 'DC 1' }] }, /datacenters\[0\]\.datacenter: must be a lowercase RFC 1123 label/],
    ['an access key without the secret variable', { datacenters: [{ ...ok, accessKeyId: 'cassandra' }] }, /datacenters\[0\]\.secretAccessKeyEnv: credentials are incomplete/],
    ['a secret variable that is not set', { datacenters: [{ ...ok, accessKeyId: 'cassandra', secretAccessKeyEnv: 'E2E_MDC_UNSET_VARIABLE' }] }, /datacenters\[0\]\.secretAccessKeyEnv: environment variable for the secret is not set.*fix: export E2E_MDC_UNSET_VARIABLE=/],
    ['a CA bundle file that does not exist', { datacenters: [{ ...ok, caBundle: 'missing-ca.crt' }] }, /datacenters\[0\]\.caBundle: CA bundle file not found/],
    ['a promise that is not a boolean', { datacenters: [ok], sharedCredentials: 'yes' }, /sharedCredentials/],
    ['a streamsUrl that is not an http(s) URL', { datacenters: [{ ...ok, streamsUrl: 'ftp://127.0.0.1:8043' }] }, /datacenters\[0\]\.streamsUrl/],
    ['a secret written into the file', { datacenters: [{ ...ok, secretAccessKey: 'do-not-print-me' }] }, /datacenters\[0\]: unknown field\(s\) "secretAccessKey"/],
  ])('refuses %s, naming the field', (_what, content, message) => {
    const dir = mkdtempSync(join(root, 'bad-'));
    const file = join(dir, 'endpoints.yaml');
    writeFileSync(file, stringify(content));
    let err: unknown;
    try {
      resolveDatacenters({ endpointsFile: file });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).not.toMatch(/do-not-print-me/);
  });

  it("the suite's probe sees which datacenter's CA issued a certificate, even when the name check then fails", async () => {
    const [dc1, dc2] = clean.endpoint.datacenters as [DatacenterEndpoint, DatacenterEndpoint];
    const trust = `${dc1.caBundlePem}\n${dc2.caBundlePem}`;
    const own = await freshGet(dc2, '/localnodes', trust);
    expect(own.status).toBe(200);
    expect(issuersOf(own.chain, [dc1, dc2])).toEqual(['dc2']);
    // dc1's name at dc2's address: what a client of dc1 would see if its endpoint routed to dc2.
    const routed = await freshGet({ ...dc1, httpsUrl: dc2.httpsUrl }, '/localnodes', trust);
    expect(routed.status).toBeUndefined();
    expect(routed.error).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
    expect(issuersOf(routed.chain, [dc1, dc2])).toEqual(['dc2']);
  });

  describe.concurrent('through the CLI', () => {
    it('runs limitations/multidc against the endpoints file: exit 0, every row reproduced, no secret in any output', async () => {
      const e: Record<string, string> = {};
      const file = writeEndpointsFile(join(root, 'cli-clean'), clean.endpoint.datacenters, e, { sharedCredentials: false, sharedServingCA: false });
      const r = await runCli(['run', '--target', 'endpoint', '--endpoints-file', file, '--scylla-version', '2026.2.4', '--suite', 'limitations/multidc', '--quiet'], { env: e });
      expect(r.code, r.stdout + r.stderr).toBe(0);
      const cases = r.cases();
      expect(new Set(cases.map((c) => c.variant))).toEqual(new Set(['endpoint']));
      expect(cases.length).toBe(7);
      expect(cases.every((c) => c.status === 'passed')).toBe(true);
      expect(cases.filter((c) => c.outcome === 'limitation-reproduced').map((c) => c.name.split(' > ').pop())).toEqual([
        "/localnodes of each datacenter lists only that datacenter's nodes",
        'no endpoint routes requests to another datacenter',
        "one datacenter's credentials are refused by another datacenter's endpoint",
        "one datacenter's CA bundle does not validate another datacenter's serving certificate",
      ]);
      noSecretIn(r, Object.values(e));
    });

    it("reports DC-local credentials LIFTED (exit 0, loudly) when the file promises nothing and the datacenters share credentials", async () => {
      const e: Record<string, string> = {};
      const file = writeEndpointsFile(join(root, 'cli-lifted'), sharing.endpoint.datacenters, e);
      const r = await runCli(['run', '--target', 'endpoint', '--endpoints-file', file, '--scylla-version', '2026.2.4', '--suite', 'limitations/multidc', '--quiet'], { env: e });
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(failedCases(r)).toEqual([]);
      const lifted = r.cases().filter((c) => c.outcome === 'limitation-lifted');
      expect(lifted.map((c) => c.name.split(' > ').pop())).toEqual(["one datacenter's credentials are refused by another datacenter's endpoint"]);
      expect(r.stdout).toMatch(/LIMITATION LIFTED/);
      noSecretIn(r, Object.values(e));
    });

    it('on an endpoint following the DynamoDB API, the rows of Alternator limitations are not applicable, naming the difference', async () => {
      const e: Record<string, string> = {};
      const file = writeEndpointsFile(join(root, 'cli-dynamodb'), clean.endpoint.datacenters, e);
      const r = await runCli(['run', '--target', 'endpoint', '--endpoints-file', file, '--api-profile', 'dynamodb', '--suite', 'limitations/multidc', '--quiet'], { env: e });
      expect(r.code, r.stdout + r.stderr).toBe(0);
      const skipped = r.cases().filter((c) => c.status === 'skipped');
      expect(skipped.map((c) => c.reason)).toEqual([
        expect.stringMatching(/^not applicable: documented difference operator-multidc-per-dc-endpoints does not apply to this endpoint \(dynamodb API/),
        expect.stringMatching(/^not applicable: documented difference operator-multidc-per-dc-endpoints does not apply/),
        expect.stringMatching(/^not applicable: documented difference operator-multidc-per-dc-endpoints does not apply/),
        expect.stringMatching(/^not applicable: documented difference operator-multidc-dc-local-credentials does not apply/),
        expect.stringMatching(/^not applicable: documented difference operator-multidc-dc-local-serving-ca does not apply/),
      ]);
      // The rows that are no limitation (health check, replication) still run.
      expect(r.cases().filter((c) => c.status === 'passed').length).toBe(2);
    });

    it('refuses a bad endpoints file with exit 2 and a message naming the field', async () => {
      const dir = join(root, 'cli-bad');
      mkdirSync(dir);
      const file = join(dir, 'endpoints.yaml');
      writeFileSync(file, stringify({ datacenters: [{ datacenter: 'dc1', url: 'https://127.0.0.1:1' }, { datacenter: 'dc1', url: 'https://127.0.0.1:2' }] }));
      const r = await runCli(['run', '--target', 'endpoint', '--endpoints-file', file, '--scylla-version', '2026.2.4', '--suite', 'limitations/multidc', '--quiet']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/datacenters\[1\]\.datacenter: datacenter "dc1" is listed twice/);
    });
  });
});
