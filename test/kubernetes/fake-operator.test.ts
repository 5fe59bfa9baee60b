// The fake API server against what scylla-operator v1.21.1's own e2e tests assert about a rolled-out ScyllaCluster
// (test/e2e/set/scyllacluster/scyllacluster_alternator.go, test/e2e/utils/verification/scyllacluster/verify.go),
// and the objects its controllers make or do not make (fake-operator.ts cites each rule's file).
import { describe, expect, it } from 'vitest';
import { certificateFacts, splitPemBundle } from '../../harness/tls/ca.ts';
import type { KubeObject } from '../../harness/targets/kubernetes/kube-types.ts';
import { fakes, kindTarget, variant, type Harness } from './helpers.ts';
import { PRESTOP_SLEEP_SECONDS } from './fake-operator.ts';

const get = (h: Harness, kind: string, namespace: string, name: string) =>
  h.kube.get({ apiVersion: kind === 'StatefulSet' ? 'apps/v1' : kind === 'ScyllaCluster' ? 'scylla.scylladb.com/v1' : 'v1', kind, namespace, name });
const decode = (s: KubeObject, k: string) => Buffer.from((s.data as Record<string, string>)[k]!, 'base64').toString('utf8');

async function deployed(v: ReturnType<typeof variant>) {
  const h = fakes();
  const t = kindTarget(h);
  await t.setUp(h.ctx);
  const d = await t.deploy(v, h.ctx);
  return { h, t, d, ns: d.endpoint.datacenters[0]!.operatorPage!.namespace };
}

describe('the fake operator makes what v1.21.1 makes, and no more', () => {
  it('UserManaged: no configmap/<sc>-alternator-local-serving-ca (nor its CA Secret, nor a serving Secret of the operator): sync_certs.go makes them only for OperatorManaged', async () => {
    const { h, ns } = await deployed(variant('um', { servingCertificate: { type: 'UserManaged', userManagedOptions: { secretName: 'um-alternator-local-serving-certs' } } }));
    expect(await get(h, 'ConfigMap', ns, 'um-alternator-local-serving-ca')).toBeUndefined();
    expect(await get(h, 'Secret', ns, 'um-alternator-local-serving-ca')).toBeUndefined();
    // The serving Secret the pods mount exists: the harness applied it (the user's), not the operator.
    const applied = h.kube.calls.filter((c) => c === 'apply Secret ' + `${ns}/um-alternator-local-serving-certs`);
    expect(applied).toHaveLength(1);
    // The operator's other certificates (AutomaticTLSCertificates) are there whatever the Alternator certificate.
    for (const name of ['um-local-serving-ca', 'um-local-client-ca']) expect(await get(h, 'ConfigMap', ns, name), name).toBeDefined();
  });

  it('OperatorManaged (upstream scyllacluster_alternator.go): the serving certificate is no CA, KeyEncipherment|DigitalSignature, DNS = client + member Services + additionalDNSNames, IPs include the client ClusterIP and additionalIPAddresses; the CA bundle holds one certificate, its issuer', async () => {
    const { h, ns } = await deployed(variant('om', { servingCertificate: { type: 'OperatorManaged', operatorManagedOptions: { additionalDNSNames: ['scylla.operator.rocks'], additionalIPAddresses: ['42.42.42.42'] } } }));
    const secret = (await get(h, 'Secret', ns, 'om-alternator-local-serving-certs'))!;
    expect(secret.type).toBe('kubernetes.io/tls');
    const certs = splitPemBundle(decode(secret, 'tls.crt'));
    expect(certs).toHaveLength(1);
    const f = certificateFacts(certs[0]!);
    expect(f.isCA).toBe(false);
    expect(f.keyUsage.sort()).toEqual(['digitalSignature', 'keyEncipherment']);
    expect(f.dnsNames.sort()).toEqual([`om-client.${ns}.svc`, `om-dc1-a-0.${ns}.svc`, 'scylla.operator.rocks'].sort());
    const svcIP = ((await get(h, 'Service', ns, 'om-client'))!.spec as { clusterIP: string }).clusterIP;
    expect(f.ipAddresses).toEqual(expect.arrayContaining([svcIP, '42.42.42.42']));
    const bundle = (await get(h, 'ConfigMap', ns, 'om-alternator-local-serving-ca'))!.data as Record<string, string>;
    const cas = splitPemBundle(bundle['ca-bundle.crt']!);
    expect(cas).toHaveLength(1);
    expect(f.issuer).toBe(certificateFacts(cas[0]!).subject);
  });

  it('rolled out (upstream verify.go VerifyWithOptions): observedGeneration >= generation, exactly its conditions (AsExpected, empty message, observedGeneration), rack status ready and not stale', async () => {
    const { h, ns } = await deployed(variant('st'));
    const sc = (await get(h, 'ScyllaCluster', ns, 'st'))!;
    const status = sc.status as { observedGeneration: number; racks: Record<string, { readyMembers: number; stale: boolean; updatedMembers: number }>; conditions: Array<{ type: string; status: string; reason: string; message: string; observedGeneration: number }> };
    expect(status.observedGeneration).toBeGreaterThanOrEqual(sc.metadata.generation!);
    const want: Array<[string, string]> = [
      ['Available', 'True'], ['Progressing', 'False'], ['Degraded', 'False'], ['StatefulSetControllerAvailable', 'True'],
      ...['ServiceAccount', 'RoleBinding', 'AgentToken', 'StatefulSet', 'Service', 'PDB', 'Ingress', 'Job', 'Config', 'ScyllaDBDatacenter', 'ScyllaDBManagerTask', 'ScyllaDBDatacenterNodesStatusReport', 'Cert'].flatMap(
        (p): Array<[string, string]> => [[`${p}ControllerProgressing`, 'False'], [`${p}ControllerDegraded`, 'False']],
      ),
    ];
    expect(status.conditions.map(({ type, status: s, reason, message, observedGeneration }) => ({ type, status: s, reason, message, observedGeneration }))).toEqual(
      expect.arrayContaining(want.map(([type, s]) => ({ type, status: s, reason: 'AsExpected', message: '', observedGeneration: sc.metadata.generation }))),
    );
    expect(status.conditions).toHaveLength(want.length);
    expect(status.racks.a).toMatchObject({ readyMembers: 1, stale: false, updatedMembers: 1 });
    // HEAD's verify.go also counts the member Services: exactly one per member.
    const members = (await h.kube.list('v1', 'Service', { namespace: ns })).filter((s) => s.metadata.labels?.['scylla-operator.scylladb.com/scylla-service-type'] === 'member');
    expect(members.map((s) => s.metadata.name)).toEqual(['st-dc1-a-0']);
  });

  it('Services per exposeOptions: the client Service is ClusterIP with an address; member Services headless (ClusterIP None) with nodeService Headless; 8043 always, 8000 only with HTTP on', async () => {
    const { h, ns } = await deployed(variant('mdc', { insecureEnableHTTP: true }, [{ name: 'dc1' }, { name: 'dc2' }]));
    const client = (await get(h, 'Service', ns, 'mdc-client'))!.spec as { type: string; clusterIP: string; ports: Array<{ port: number }> };
    expect(client.type).toBe('ClusterIP');
    expect(client.clusterIP).toMatch(/^10\.96\.\d+\.\d+$/);
    expect(client.ports.map((p) => p.port)).toEqual(expect.arrayContaining([8043, 8000]));
    const member = (await get(h, 'Service', ns, 'mdc-dc1-a-0'))!.spec as { clusterIP: string; publishNotReadyAddresses: boolean };
    expect(member).toMatchObject({ clusterIP: 'None', publishNotReadyAddresses: true });
    const { h: h2, ns: ns2 } = await deployed(variant('plain'));
    const ports = ((await get(h2, 'Service', ns2, 'plain-client'))!.spec as { ports: Array<{ port: number }> }).ports.map((p) => p.port);
    expect(ports).toContain(8043);
    expect(ports).not.toContain(8000);
  });

  it('pods go through the init container before scylla runs, and a missing required Secret keeps them ContainerCreating with one FailedMount event whose count grows', async () => {
    const h = fakes();
    const t = kindTarget(h, { timeouts: { rollout: 60, failedMount: 600 } });
    await t.setUp(h.ctx);
    // A UserManaged ScyllaCluster applied without the Secret its pods mount (as a user who forgot it).
    const sc = { apiVersion: 'scylla.scylladb.com/v1', kind: 'ScyllaCluster', metadata: { name: 'x', namespace: 'default', generation: 0 }, spec: { datacenter: { name: 'dc1', racks: [{ name: 'a', members: 1 }] }, alternator: { servingCertificate: { type: 'UserManaged' } } } };
    await h.kube.apply(sc);
    const [initial] = await h.kube.listPods('default', 'scylla/cluster=x');
    expect(initial!.status).toMatchObject({ phase: 'Pending', initContainerStatuses: [{ name: 'sidecar-injection', state: { running: {} } }] });
    for (let i = 0; i < 3; i++) await h.kube.get({ apiVersion: sc.apiVersion, kind: sc.kind, namespace: 'default', name: 'x' });
    const [pod] = await h.kube.listPods('default', 'scylla/cluster=x');
    expect(pod!.status!.containerStatuses!.find((c) => c.name === 'scylla')!.state).toEqual({ waiting: { reason: 'ContainerCreating' } });
    const mounts = (await h.kube.listEvents('default')).filter((e) => e.reason === 'FailedMount');
    expect(mounts.map((e) => [e.message, e.count])).toEqual([['MountVolume.SetUp failed for volume "scylladb-alternator-serving-certs" : secret "x-alternator-local-serving-certs" not found', 3]]);
    // The Secret appears: the kubelet mounts it on its next retry, the rollout goes on.
    await h.kube.apply({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x-alternator-local-serving-certs', namespace: 'default' }, type: 'kubernetes.io/tls', data: {} });
    let ready = false;
    for (let i = 0; i < 3 && !ready; i++) {
      await h.kube.get({ apiVersion: sc.apiVersion, kind: sc.kind, namespace: 'default', name: 'x' });
      ready = (await h.kube.listPods('default', 'scylla/cluster=x'))[0]!.status!.conditions!.some((c) => c.type === 'Ready' && c.status === 'True');
    }
    expect(ready).toBe(true);
    // The operator's own events for what it created (resourceapply reportEvent): reason <Kind>Created.
    expect((await h.kube.listEvents('default')).map((e) => e.reason)).toEqual(expect.arrayContaining(['ServiceCreated', 'StatefulSetCreated', 'SecretCreated', 'ConfigMapCreated']));
  });

  it('namespace deletion: the running scylla pods drain first (preStop: nodetool drain, sleep 15 s), so the namespace outlives them', async () => {
    const { h, d, ns } = await deployed(variant('td'));
    const t0 = h.clock.now();
    await d.stop();
    expect(await h.kube.get({ apiVersion: 'v1', kind: 'Namespace', name: ns })).toBeUndefined();
    expect(h.clock.now() - t0).toBeGreaterThanOrEqual(PRESTOP_SLEEP_SECONDS.default * 1000);
  });
});
