// The operator page's kubectl steps (fake kubectl) and how the real AWS CLI reaches a Service address that is only
// forwarded here: through the harness's CONNECT tunnel, with the CLI still verifying the name in its URL. The server
// is a small TLS server whose certificate names only in-cluster addresses, as the operator's does.
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { createCA, issueServingCertificate, type CertificateAuthority } from '../../harness/tls/ca.ts';
import { findAwsCli, type AwsCli } from '../../harness/client/aws-cli.ts';
import { KubectlSteps, openPageSession, seaMonstersCreateTable } from '../../harness/suite-kit/operator-page.ts';
import type { DatacenterEndpoint, OperatorPageAccess } from '../../harness/endpoint/contract.ts';
import { fakeKubectl } from './fake-programs.ts';

const SVC = 'basic-client.e2e-basic.svc';
const CLUSTER_IP = '10.96.7.7';
const HASH = '$6$saltsalt$' + 'h'.repeat(86);
const access: OperatorPageAccess = { kubeconfigFile: '/tmp/alte2e-test/kubeconfig', context: 'kind-ae2e', namespace: 'e2e-basic', clusterName: 'basic', cqlUser: 'cassandra', cqlPassword: 'pw-only-on-stdin', httpsPort: 8043 };

let ca: CertificateAuthority;
let server: https.Server;
let port: number;
const seen: Array<{ host?: string; target?: string }> = [];
let cli: AwsCli | undefined;
let noCli = '';

beforeAll(async () => {
  ca = await createCA('test: alternator-local-serving-ca');
  const serving = await issueServingCertificate(ca, { commonName: 'basic-alternator', dnsNames: [SVC], ipAddresses: [CLUSTER_IP] });
  server = https.createServer({ key: serving.keyPem, cert: serving.certPem }, (req, res) => {
    req.resume();
    req.on('end', () => {
      seen.push({ host: req.headers.host, target: String(req.headers['x-amz-target']) });
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' }).end(JSON.stringify({ TableNames: ['SeaMonsters_fake'] }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
  const found = await findAwsCli();
  if ('missing' in found) noCli = found.missing;
  else cli = found;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const needsCli = (ctx: TestContext) => {
  if (!cli) ctx.skip(`skipped: ${noCli}`);
};

function datacenter(over: Partial<DatacenterEndpoint> = {}): DatacenterEndpoint {
  return {
    datacenter: 'dc1',
    httpsUrl: `https://127.0.0.1:${port}`,
    tlsServerName: SVC,
    caBundlePem: ca.certPem,
    credentials: { accessKeyId: 'cassandra', secretAccessKey: HASH },
    clientNames: { dnsNames: [SVC], ipAddresses: [CLUSTER_IP] },
    ...over,
  };
}

describe("the page's kubectl steps (fake kubectl)", () => {
  it('run the commands of Steps 1, 3 and 4 against the named cluster, answer cqlsh on stdin, and keep line 4 of its output', async () => {
    const k = fakeKubectl({ clusterIP: CLUSTER_IP, ports: [8043, 8000], saltedHash: HASH, caPem: ca.certPem, password: 'pw-only-on-stdin' });
    const steps = new KubectlSteps(k.path, access);
    expect(await steps.serviceAddress()).toBe(CLUSTER_IP);
    expect(await steps.servicePorts()).toEqual([8043, 8000]);
    expect(await steps.secretAccessKey()).toBe(HASH);
    expect(await steps.caBundle()).toBe(ca.certPem);
    const pre = ['--kubeconfig', access.kubeconfigFile, '--context', 'kind-ae2e', '--namespace', 'e2e-basic'];
    expect(k.calls().map((c) => c.argv)).toEqual([
      [...pre, 'get', 'service/basic-client', '-o=jsonpath={.spec.clusterIP}'],
      [...pre, 'get', 'service/basic-client', '-o=jsonpath={.spec.ports[*].port}'],
      [...pre, 'exec', '-i', 'service/basic-client', '-c', 'scylla', '--', 'cqlsh', '--user', 'cassandra', '--no-color', '-e', "SELECT salted_hash from system.roles WHERE role = 'cassandra';"],
      [...pre, 'get', 'configmap/basic-alternator-local-serving-ca', '--template={{ index .data "ca-bundle.crt" }}'],
    ]);
    // The password only on stdin, never on a command line.
    expect(k.calls()[2]!.stdin).toBe('pw-only-on-stdin\n');
    expect(k.calls().flatMap((c) => c.argv).join(' ')).not.toContain(access.cqlPassword);
  });

  it('a failing kubectl names the step and its error, never the password', async () => {
    const k = fakeKubectl({ clusterIP: CLUSTER_IP, ports: [8043], saltedHash: HASH, caPem: ca.certPem, password: 'another' });
    const e = await new KubectlSteps(k.path, access).secretAccessKey().catch((x: Error) => x);
    expect(e).toBeInstanceOf(Error);
    expect((e as Error).message).toMatch(/`kubectl exec -i …` failed \(exit 1\): .*Bad credentials/);
    expect((e as Error).message).not.toContain(access.cqlPassword);
  });
});

describe('the real AWS CLI through the tunnel (certificate verified against the URL the page builds)', () => {
  it("Kubernetes target with kubectl: Step 1's https://<clusterIP>:8043, the CLI verifies the clusterIP, the page's create-table and list-tables go through", async (ctx) => {
    needsCli(ctx);
    const k = fakeKubectl({ clusterIP: CLUSTER_IP, ports: [8043], saltedHash: HASH, caPem: ca.certPem, password: 'pw-only-on-stdin' });
    const s = await openPageSession(datacenter({ caBundlePem: 'not what kubectl reads', operatorPage: access }), { cli: cli!, region: 'us-east-1', kubectl: k.path });
    try {
      expect(s.variables.AWS_ENDPOINT_URL_DYNAMODB).toBe(`https://${CLUSTER_IP}:8043`);
      expect(s.variables.AWS_SECRET_ACCESS_KEY).toBe(HASH);
      expect(s.servicePorts).toEqual([8043]);
      expect(s.provenance.join('\n')).toMatch(/Steps 1, 3, 4 ran with kubectl/);
      seen.length = 0;
      const r = await s.run(['dynamodb', 'list-tables']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.json).toEqual({ TableNames: ['SeaMonsters_fake'] });
      expect(s.tunnel!.requests).toEqual([`${CLUSTER_IP}:8043`]);
      expect(seen).toEqual([{ host: `${CLUSTER_IP}:8043`, target: 'DynamoDB_20120810.ListTables' }]);
      const c = await s.run(seaMonstersCreateTable('SeaMonsters_x'));
      expect(c.code, c.stderr).toBe(0);
      expect(seen.at(-1)!.target).toBe('DynamoDB_20120810.CreateTable');
    } finally {
      await s.close();
    }
  });

  it('a Service address the certificate does not name is refused by the CLI (the tunnel relaxes nothing)', async (ctx) => {
    needsCli(ctx);
    const k = fakeKubectl({ clusterIP: '10.96.9.9', ports: [8043], saltedHash: HASH, caPem: ca.certPem, password: 'pw-only-on-stdin' });
    const s = await openPageSession(datacenter({ operatorPage: access }), { cli: cli!, region: 'us-east-1', kubectl: k.path });
    try {
      seen.length = 0;
      const r = await s.run(['dynamodb', 'list-tables'], {}, { maxAttempts: 1 });
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/SSL validation failed|CERTIFICATE_VERIFY_FAILED|doesn't match/);
      expect(seen).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('without kubectl: the page URL from the endpoint contract (clusterIP and port 8043), values from the target', async (ctx) => {
    needsCli(ctx);
    const s = await openPageSession(datacenter({ operatorPage: access }), { cli: cli!, region: 'us-east-1' });
    try {
      expect(s.variables.AWS_ENDPOINT_URL_DYNAMODB).toBe(`https://${CLUSTER_IP}:8043`);
      expect(s.provenance.join('\n')).toMatch(/kubectl is not on PATH/);
      expect((await s.run(['dynamodb', 'list-tables'])).code).toBe(0);
    } finally {
      await s.close();
    }
  });

  it('an endpoint whose certificate does not name the forwarded address: the URL names tlsServerName, reached through the tunnel', async (ctx) => {
    needsCli(ctx);
    const s = await openPageSession(datacenter(), { cli: cli!, region: 'us-east-1' });
    try {
      expect(s.variables.AWS_ENDPOINT_URL_DYNAMODB).toBe(`https://${SVC}:${port}`);
      const r = await s.run(['dynamodb', 'list-tables']);
      expect(r.code, r.stderr).toBe(0);
      expect(s.tunnel!.requests).toEqual([`${SVC}:${port}`]);
      // Another URL (a closed port) does not go through the tunnel: the CLI's own "Could not connect".
      const closed = await s.run(['dynamodb', 'list-tables'], { AWS_ENDPOINT_URL_DYNAMODB: 'https://127.0.0.1:9' }, { maxAttempts: 1 });
      expect(closed.stderr).toMatch(/Could not connect to the endpoint URL/);
      expect(s.tunnel!.requests).toHaveLength(1);
    } finally {
      await s.close();
    }
  });

  it('an endpoint whose certificate names the forwarded address (the local target: IP SAN 127.0.0.1) is used directly', async (ctx) => {
    needsCli(ctx);
    const direct = await issueServingCertificate(ca, { commonName: 'local', dnsNames: [SVC], ipAddresses: ['127.0.0.1'] });
    const local = https.createServer({ key: direct.keyPem, cert: direct.certPem }, (req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' }).end('{"TableNames":[]}'));
    });
    await new Promise<void>((r) => local.listen(0, '127.0.0.1', r));
    const s = await openPageSession(datacenter({ httpsUrl: `https://127.0.0.1:${(local.address() as AddressInfo).port}` }), { cli: cli!, region: 'us-east-1' });
    try {
      expect(s.tunnel).toBeUndefined();
      expect((await s.run(['dynamodb', 'list-tables'])).code).toBe(0);
    } finally {
      await s.close();
      await new Promise<void>((r) => local.close(() => r()));
    }
  });
});
