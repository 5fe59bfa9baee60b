// What the Kubernetes targets tell suites/docs so the operator page's own kubectl steps can run (against the
// scripted fake API: nothing of kubectl or a cluster runs here): the kubeconfig file of THIS cluster (never the
// user's current context), namespace, ScyllaCluster, CQL role, port 8043; the password never in a report.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakes, kindTarget, kubeconfigTarget, variant } from './helpers.ts';
import { redactEndpoint } from '../../harness/endpoint/contract.ts';
import { expectNoSecret } from '../helpers/secrets.ts';

/** `<sc>-client.<namespace>.svc` → namespace. */
const namespaceOf = (serviceDns: string) => serviceDns.split('.')[1];

describe('operatorPage on the endpoint of the Kubernetes targets', () => {
  it("kind: a private copy of the cluster's kubeconfig (mode 0600), removed at teardown", async () => {
    const h = fakes();
    const t = kindTarget(h);
    await t.setUp(h.ctx);
    const d = await t.deploy(variant('basic'), h.ctx);
    const dc = d.endpoint.datacenters[0]!;
    const page = dc.operatorPage!;
    // The namespace the variant was deployed in (the one its client Service name carries).
    expect(page).toMatchObject({ namespace: namespaceOf(dc.tlsServerName!), clusterName: 'basic', cqlUser: 'cassandra', httpsPort: 8043 });
    expect(page.namespace).toMatch(/^e2e-basic/);
    expect(page.context).toBeUndefined();
    expect(readFileSync(page.kubeconfigFile, 'utf8')).toBe(await h.provider.kubeconfig('ae2e-run-1'));
    expect(statSync(page.kubeconfigFile).mode & 0o777).toBe(0o600);
    expectNoSecret(JSON.stringify(redactEndpoint(d.endpoint)), `"cqlPassword":"${page.cqlPassword}"`, 'the redacted endpoint');
    expect(redactEndpoint(d.endpoint).datacenters[0]!.operatorPage!.cqlPassword).toBe('<redacted>');
    await d.stop();
    await t.tearDown(h.ctx);
    expect(existsSync(page.kubeconfigFile)).toBe(false);
  });

  it('kubeconfig: the kubeconfig file and context the run was given', async () => {
    const h = fakes();
    const file = join(h.reportsDir, 'kubeconfig');
    writeFileSync(file, 'apiVersion: v1\n');
    const t = kubeconfigTarget(h, { installOperator: true, context: 'staging' });
    await t.setUp(h.ctx);
    const d = await t.deploy(variant('kc'), h.ctx);
    const dc = d.endpoint.datacenters[0]!;
    expect(dc.operatorPage).toMatchObject({ kubeconfigFile: file, context: 'staging', namespace: namespaceOf(dc.tlsServerName!), clusterName: 'kc', httpsPort: 8043 });
    await d.stop();
    await t.tearDown(h.ctx);
    expect(existsSync(file)).toBe(true);
  });
});
