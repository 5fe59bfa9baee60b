// The operator's Alternator page (scylladb/scylla-operator docs/source/connect-your-app/alternator.md, read at v1.21.1
// and HEAD) as a user follows it: its steps and claims, each case naming the section it encodes, run with the REAL
// AWS CLI (`aws` on PATH) in a scrubbed environment holding only what the page sets. Where the page and the
// deployment disagree the case says "documentation differs", naming both (harness/suite-kit documentationDiffers).
// The AWS CLI starts a Python interpreter (about a second each): this file runs it 5 times per variant (6 where plain
// HTTP is on), plus twice per run (its version, and what it does without a region: neither depends on the deployment).
import { describe, it, expect, beforeAll, afterAll, type TestContext } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { endpoint, client, tableName, deleteTableQuietly, documentationDiffers, record, requirePromise, requireFeature, expectCryptHash } from '../../harness/suite-kit/index.ts';
import { findAwsCli, describeRun, type AwsCli, type AwsCliRun } from '../../harness/client/aws-cli.ts';
import { openPageSession, pageSection, seaMonstersCreateTable, closedLoopbackUrl, type PageSession } from '../../harness/suite-kit/operator-page.ts';
import { servesNoTls } from '../../harness/suite-kit/tls.ts';
import { createCA, splitPemBundle } from '../../harness/tls/ca.ts';
import { findOnPath } from '../../harness/util/program.ts';

const e = endpoint();
// The page describes one ScyllaCluster: its first datacenter (suites/limitations covers the multi-DC section).
const dc = e.datacenters[0]!;
const found = await findAwsCli({ cacheFile: join(dirname(e.artifactsDir), 'aws-cli.json') });
const cli: AwsCli | undefined = 'missing' in found ? undefined : found;
const missing = 'missing' in found ? `skipped: ${found.missing}` : undefined;

const table = tableName('SeaMonsters');
let session: PageSession | undefined;
let tableCreated = false;

/** Each CLI invocation several cases read, run once. */
function once<T>(f: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= f());
}
const page = () => session!;
const createTable = once(async () => {
  const r = await page().run(seaMonstersCreateTable(table));
  tableCreated ||= r.code === 0;
  return r;
});
const wrongCredentials = once(() => page().run(['dynamodb', 'list-tables'], { AWS_SECRET_ACCESS_KEY: 'not-the-salted-hash-of-this-role' }));
// Retries off where nothing should answer: the message is the same after the CLI's five attempts with back-off (~25 s).
const httpWhenDisabled = once(() => page().run(['dynamodb', 'list-tables'], { AWS_ENDPOINT_URL_DYNAMODB: dc.httpProbeUrl! }, { maxAttempts: 1 }));
const COULD_NOT_CONNECT = /Could not connect to the endpoint URL/;

function needsCli(ctx: TestContext): void {
  if (missing) ctx.skip(missing);
}
const show = (ctx: TestContext, r: AwsCliRun) => record(ctx, describeRun(r));

beforeAll(async () => {
  if (!cli) return;
  session = await openPageSession(dc, { cli, region: e.region, certificate: e.promises.certificate, ...(findOnPath('kubectl') ? { kubectl: findOnPath('kubectl')! } : {}) });
});

afterAll(async () => {
  if (tableCreated) {
    const c = client();
    await deleteTableQuietly(c, table);
    c.close();
  }
  await session?.close();
});

describe("the operator's Alternator page, with the real AWS CLI", () => {
  it('Connect with AWS CLI, Steps 1-4: the four variables the page sets, and nothing of the user\'s AWS setup', (ctx) => {
    needsCli(ctx);
    const s = page();
    for (const line of s.provenance) record(ctx, line);
    // Step 4 on a UserManaged certificate: no CA ConfigMap (the page assumes OperatorManaged); the steps went on.
    for (const d of s.differences) documentationDiffers(ctx, d);
    const v = s.variables;
    expect(v.AWS_ENDPOINT_URL_DYNAMODB).toMatch(servesNoTls(dc) ? /^http:\/\// : /^https:\/\//);
    if (dc.credentials) {
      expect(v.AWS_ACCESS_KEY_ID).toBeTruthy();
      // Never the value itself to expect: an assertion prints what it received.
      expect(Boolean(v.AWS_SECRET_ACCESS_KEY), 'AWS_SECRET_ACCESS_KEY is set').toBe(true);
    }
    if (!servesNoTls(dc)) expect(splitPemBundle(dc.caBundlePem).length, 'the CA bundle holds a certificate').toBeGreaterThanOrEqual(1);
    // Scrubbed: only the page's variables, the region, and the isolation (empty config and credentials files).
    const env = s.cli.environment(v);
    const aws = Object.keys(env).filter((k) => k.startsWith('AWS_')).sort();
    expect(aws).toEqual([...Object.keys(v), 'AWS_CONFIG_FILE', 'AWS_PAGER', 'AWS_SHARED_CREDENTIALS_FILE'].sort());
    for (const k of Object.keys(process.env).filter((x) => /^(AWS_|HTTPS?_PROXY$|NO_PROXY$)/i.test(x) && !aws.includes(x)))
      expect(env[k], `${k} inherited from the user's environment`).toBeUndefined();
    for (const f of [env.AWS_CONFIG_FILE!, env.AWS_SHARED_CREDENTIALS_FILE!]) expect(readFileSync(f, 'utf8'), `${f} is empty`).toBe('');
  });

  it('Obtain credentials: the access key id is the CQL role name, the secret access key its salted_hash, and the AWS CLI is accepted with them', async (ctx) => {
    needsCli(ctx);
    requirePromise(ctx, dc.credentials !== undefined, 'the endpoint names no credentials (authorization disabled and no role given)');
    const v = page().variables;
    expect(v.AWS_ACCESS_KEY_ID, 'the access key id is the role the deployment names').toBe(dc.operatorPage?.cqlUser ?? dc.credentials!.accessKeyId);
    if (e.apiProfile === 'alternator') expectCryptHash(v.AWS_SECRET_ACCESS_KEY, 'AWS_SECRET_ACCESS_KEY, a salted_hash (crypt(3) SHA-512, "$6$…")');
    // Where the page's own Step 3 ran (kubectl), it must read what the target read (values never printed).
    if (dc.operatorPage && v.AWS_SECRET_ACCESS_KEY !== dc.credentials!.secretAccessKey) throw new Error("the page's Step 3 (kubectl exec … cqlsh) read another salted_hash than the target did");
    const r = await createTable();
    show(ctx, r);
    expect(r.code, 'create-table signed with the role name and its salted_hash').toBe(0);
    if (e.promises.authorization === 'disabled') record(ctx, 'authorization is disabled on this variant: being accepted proves nothing about the credentials here');
  });

  it('Connect with AWS CLI: the page sets no region; the AWS CLI refuses to run without one', (ctx) => {
    needsCli(ctx);
    // Asked once per run (harness/client/aws-cli.ts findAwsCli): it happens in the CLI before any request is sent.
    const w = cli!.withoutRegion;
    record(ctx, `${cli!.versionLine.split(' ')[0]} with endpoint and credentials variables and no region: ${w.message}`);
    if (!w.regionRequired) return;
    documentationDiffers(ctx, {
      page: pageSection('Connect with AWS CLI'),
      documented: 'its four variables (AWS_ENDPOINT_URL_DYNAMODB, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_CA_BUNDLE) are the set-up, then "use the aws dynamodb CLI normally"',
      observed: `${cli!.versionLine.split(' ')[0]} with exactly those (nothing else configured) refuses every command: "${w.message}" (every other case here sets AWS_DEFAULT_REGION=${e.region})`,
      observedOnClient: true,
    });
  });

  it('Connect with AWS CLI: `aws dynamodb create-table` of the page\'s SeaMonsters table (a per-run name) succeeds', async (ctx) => {
    needsCli(ctx);
    const r = await createTable();
    show(ctx, r);
    expect(r.code, r.stderr).toBe(0);
    const d = (r.json as { TableDescription?: { TableName?: string; KeySchema?: unknown } }).TableDescription;
    expect(d?.TableName).toBe(table);
    expect(d?.KeySchema).toEqual([
      { AttributeName: 'Species', KeyType: 'HASH' },
      { AttributeName: 'MonsterName', KeyType: 'RANGE' },
    ]);
  });

  it('Connect with AWS CLI: `aws dynamodb list-tables` lists it', async (ctx) => {
    needsCli(ctx);
    expect((await createTable()).code, 'create-table (previous case) succeeded').toBe(0);
    const r = await page().run(['dynamodb', 'list-tables']);
    show(ctx, r);
    expect(r.code, r.stderr).toBe(0);
    expect((r.json as { TableNames?: string[] }).TableNames).toContain(table);
    // The page shows "TABLENAMES      SeaMonsters": the CLI's text output; its default output is JSON.
    record(ctx, 'the page shows the text output format ("TABLENAMES  SeaMonsters"); the AWS CLI prints JSON unless --output text or a configured output is set');
  });

  it('Enable Alternator: HTTPS with authorization enforced unless insecureDisableAuthorization (the default), on port 8043 where the operator deploys it', async (ctx) => {
    needsCli(ctx);
    requirePromise(ctx, !servesNoTls(dc), `the endpoint serves no TLS (${dc.httpsUrl}): not an Alternator the operator deployed`);
    const url = new URL(page().variables.AWS_ENDPOINT_URL_DYNAMODB);
    expect(url.protocol).toBe('https:');
    expect((await createTable()).code, 'the AWS CLI verified the certificate against the published CA and was answered over HTTPS').toBe(0);
    const r = await wrongCredentials();
    show(ctx, r);
    if (e.promises.authorization === 'enforced') {
      expect(r.code, 'a request with a wrong secret is refused').not.toBe(0);
      expect(r.errorCode, `refused by the server, not by the network: ${r.stderr.trim()}`).toBeTruthy();
    } else expect(r.code, 'insecureDisableAuthorization: true accepts any signature').toBe(0);
    const s = page();
    if (s.servicePorts) {
      expect(s.servicePorts, `Service ${dc.operatorPage!.clusterName}-client ports`).toContain(8043);
      expect(url.port).toBe('8043');
    } else if (dc.operatorPage) {
      expect(url.port, "the page's Step 1 URL port").toBe('8043');
      record(ctx, 'kubectl is not on PATH: the Service ports were not read; the target forwarded the pods\' port 8043, which served the above');
    } else record(ctx, `port 8043 not checked: nothing deployed the operator here (this target listens on ${new URL(dc.httpsUrl).port})`);
  });

  it('Troubleshoot: wrong credentials give AccessDeniedException ("Alternator is reachable but credentials are wrong")', async (ctx) => {
    needsCli(ctx);
    const r = await wrongCredentials();
    show(ctx, r);
    if (e.promises.authorization === 'disabled') {
      expect(r.code, 'insecureDisableAuthorization: true accepts them, so this entry cannot apply').toBe(0);
      record(ctx, 'authorization is disabled on this variant: wrong credentials are accepted, the troubleshooting entry does not apply');
      return;
    }
    // An endpoint that checks no signature at all (DynamoDB Local) cannot say what wrong credentials get.
    requireFeature(ctx, 'signature-verified');
    expect(r.code).not.toBe(0);
    expect(r.errorCode, `an answer of the server: ${r.stderr.trim()}`).toBeTruthy();
    if (r.errorCode === 'AccessDeniedException') return;
    documentationDiffers(ctx, {
      page: pageSection('Troubleshoot'),
      documented: 'AccessDeniedException for wrong credentials',
      observed: `${r.errorCode}: ${r.errorMessage}${
        e.apiProfile === 'alternator' ? ' (as ScyllaDB answers a wrong secret: alternator/server.cc server::verify_signature, api_error::unrecognized_client("wrong signature"), scylla-2026.2.4; the operator\'s own e2e test expects the same)' : ''
      }`,
    });
  });

  it('Troubleshoot: where Alternator is not served, the CLI says "Could not connect to the endpoint URL"', async (ctx) => {
    needsCli(ctx);
    // The deployment's own closed port where it has one (HTTP off); otherwise a loopback port nothing listens on.
    const probe = !dc.httpUrl && dc.httpProbeUrl ? await httpWhenDisabled() : undefined;
    const r = probe && COULD_NOT_CONNECT.test(probe.stderr) ? probe : await page().run(['dynamodb', 'list-tables'], { AWS_ENDPOINT_URL_DYNAMODB: await closedLoopbackUrl('https') }, { maxAttempts: 1 });
    show(ctx, r);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(COULD_NOT_CONNECT);
  });

  it('Configuration options: plain HTTP is served only when insecureEnableHTTP', async (ctx) => {
    needsCli(ctx);
    requirePromise(ctx, dc.httpUrl !== undefined || dc.httpProbeUrl !== undefined, 'the endpoint names no HTTP address to check');
    if (dc.httpUrl) {
      const r = await page().run(['dynamodb', 'list-tables'], { AWS_ENDPOINT_URL_DYNAMODB: dc.httpUrl });
      show(ctx, r);
      expect(r.code, `insecureEnableHTTP: true serves the API on ${dc.httpUrl}: ${r.stderr.trim()}`).toBe(0);
      return;
    }
    const r = await httpWhenDisabled();
    show(ctx, r);
    expect(r.code, `HTTP is off: nothing answers on ${dc.httpProbeUrl}`).not.toBe(0);
    expect(r.errorCode, `no DynamoDB answer at all: ${r.stderr.trim()}`).toBeUndefined();
    expect(r.stderr).toMatch(/Could not connect to the endpoint URL|Connection was closed|EndpointConnectionError|Connection reset/);
  });

  it('TLS certificate resources: the CLI refuses a server whose certificate does not chain to the published CA (ca-bundle.crt of another CA)', async (ctx) => {
    needsCli(ctx);
    requirePromise(ctx, !servesNoTls(dc), `the endpoint serves no TLS (${dc.httpsUrl})`);
    const other = await createCA('alternator-e2e: a CA that signed nothing here');
    const r = await page().run(['dynamodb', 'list-tables'], { AWS_CA_BUNDLE: page().cli.file('other-ca-bundle.crt', other.certPem) }, { maxAttempts: 1 });
    show(ctx, r);
    expect(r.code).not.toBe(0);
    expect(r.errorCode, 'refused during the handshake, before any API answer').toBeUndefined();
    expect(r.stderr).toMatch(/SSL validation failed|CERTIFICATE_VERIFY_FAILED/);
  });
});
