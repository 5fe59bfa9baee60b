// Every manifest generated for every variant of every profile validates against the operator's rules, and
// carries exactly what the variant says.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { listProfiles, loadProfile, parseProfile, type Profile } from '../../harness/variant/profile.ts';
import { variantManifests, nodeConfigManifest, secretNameProbeManifest, datacenterUnits, namespaceOf, runSuffix, type ManifestSettings } from '../../harness/targets/kubernetes/manifests.ts';
import { validateManifests } from '../../harness/targets/kubernetes/validate.ts';
import type { ScyllaCluster, ConfigMap, KubeObject } from '../../harness/targets/kubernetes/kube-types.ts';
import { loadKindConfig } from '../../harness/targets/kind/kind-config.ts';
import { ConfigError } from '../../harness/util/errors.ts';
import { fakes, kindTarget, variant } from './helpers.ts';
import { Variant } from '../../harness/variant/model.ts';

const settings: ManifestSettings = { runId: 'run-1', storageClassName: 'standard', dedicatedScyllaNodes: true, nodeSysctls: {}, scyllaArgs: '--reactor-backend=io_uring' };

/** Covers the whole option matrix and multi-DC, whether or not the lead's profiles exist yet. */
const TEST_PROFILE = `
name: k8s-test-matrix
versions: { scylla: 2026.1.3, operator: v1.21.1 }
suites: [api]
variants:
  - name: defaults
  - name: op-always
    alternator: { writeIsolation: always, insecureEnableHTTP: true }
  - name: legacy-port
    alternator: { port: 8000 }
  - name: legacy-port-auth
    alternator: { port: 8000, insecureDisableAuthorization: false }
  - name: mdc
    topology: { datacenters: [{ name: dc1, members: 2 }, { name: dc2, members: 1 }] }
  - name: mdc-um
    alternator: { servingCertificate: { type: UserManaged, userManagedOptions: { secretName: mdc-cert } } }
    topology: { datacenters: [{ name: dc1 }, { name: dc2 }, { name: dc3 }] }
matrix:
  expand: full
  options:
    writeIsolation: [always_use_lwt, only_rmw_uses_lwt, forbid_rmw, unsafe_rmw]
    insecureEnableHTTP: [true, false]
    insecureDisableAuthorization: [true, false]
    servingCertificate: [OperatorManaged, OperatorManagedAdditionalNames, UserManaged]
`;

function profiles(): Profile[] {
  const dir = mkdtempSync(join(tmpdir(), 'ae2e-profiles-'));
  writeFileSync(join(dir, 'k8s-test-matrix.yaml'), TEST_PROFILE);
  return [...listProfiles().map((p) => loadProfile(p)), parseProfile(TEST_PROFILE, join(dir, 'k8s-test-matrix.yaml'))];
}

const scOf = (objs: KubeObject[]) => objs.filter((o): o is ScyllaCluster => o.kind === 'ScyllaCluster');

describe('generated manifests for every variant of every profile', () => {
  const h = fakes();
  const target = kindTarget(h);
  for (const p of profiles())
    it(`profile ${p.name}: ${p.variants.length} variant(s) validate, or are reported not applicable with the operator's reason`, () => {
      let supported = 0;
      for (const v of p.variants) {
        const support = target.supports(v);
        if (!support.ok) {
          // The only variants the kind target declines: those the operator's webhook would reject, and UserManaged
          // ones naming a Secret the operator does not mount (scylladb/scylla-operator#2248).
          expect(support.reason, v.name).toMatch(/writeIsolation|port|secretName .*scylladb\/scylla-operator#2248/);
          continue;
        }
        // Every UserManaged variant the profiles ship names the Secret the operator mounts.
        const cert = v.alternator.servingCertificate;
        if (cert?.type === 'UserManaged') expect(cert.userManagedOptions.secretName, v.name).toBe(`${v.name}-alternator-local-serving-certs`);
        supported++;
        const planned = variantManifests(v, settings).flatMap((g) => g.objects);
        expect(validateManifests(planned, { allowPlaceholders: true }), v.name).toEqual([]);
        const deployed = variantManifests(v, settings, { seeds: () => ['10.244.1.10', '10.244.1.11'], tls: () => ({ certPem: 'CERT', keyPem: 'KEY' }) }).flatMap((g) => g.objects);
        expect(validateManifests(deployed), v.name).toEqual([]);
        for (const sc of scOf(deployed)) expect(sc.spec.alternator, v.name).toEqual(v.alternator);
      }
      expect(supported).toBeGreaterThan(0);
    });
});

describe('ScyllaCluster shape', () => {
  it('scylla.yaml turns experimental_features: [alternator-streams] on for a ScyllaDB before 2026.2.0 only (Streams graduated in bdd0b764db)', () => {
    const yamlOf = (scylla: string) => {
      const v = Variant.parse({ name: 'streams', versions: { scylla, operator: 'v1.21.1' } });
      const cm = variantManifests(v, settings)[0]!.objects[1] as ConfigMap;
      return parse(cm.data['scylla.yaml']!);
    };
    expect(yamlOf('2025.1.4').experimental_features).toEqual(['alternator-streams']);
    expect(yamlOf('2026.1.3').experimental_features).toEqual(['alternator-streams']);
    expect(yamlOf('2026.2.4').experimental_features).toBeUndefined();
  });

  it('single datacenter: developer mode, versions, one rack of 1Gi standard, small resources, dedicated nodes, password authentication', () => {
    const v = variant('shape', { insecureEnableHTTP: true, servingCertificate: { type: 'OperatorManaged', operatorManagedOptions: { additionalDNSNames: ['scylla.operator.rocks'] } } });
    const [group] = variantManifests(v, settings);
    const [ns, cm, sc] = group!.objects as [KubeObject, ConfigMap, ScyllaCluster];
    expect(ns).toMatchObject({ kind: 'Namespace', metadata: { name: 'e2e-shape-1' } });
    const yaml = parse(cm.data['scylla.yaml']!);
    expect(yaml).toMatchObject({ authenticator: 'PasswordAuthenticator', authorizer: 'CassandraAuthorizer', auth_superuser_name: 'cassandra' });
    // ScyllaDB 2026.x creates no default superuser; its salted password is the Alternator secret: a placeholder here.
    expect(yaml.auth_superuser_salted_password).toMatch(/never written to reports/);
    expect(sc.metadata).toMatchObject({ name: 'shape', namespace: 'e2e-shape-1' });
    // As upstream's kind CI: the io_uring reactor backend, so no host sysctl has to change.
    // No agent named anywhere: the operator release's own default, pinned by digest (v1.21.1 assets/config/config.yaml line 8).
    expect(sc.spec).toMatchObject({ version: '2026.1.3', agentVersion: '3.10.1@sha256:aa85a3da293d0e5ca29214a575efe79b352d6678343d2f6d9aee711ac339f903', developerMode: true, scyllaArgs: '--reactor-backend=io_uring', alternator: v.alternator });
    expect(sc.spec.datacenter.racks).toHaveLength(1);
    expect(sc.spec.datacenter.racks[0]).toEqual({
      name: 'a',
      members: 1,
      storage: { capacity: '1Gi', storageClassName: 'standard' },
      resources: { requests: { cpu: '10m', memory: '100Mi' }, limits: { cpu: '1', memory: '2Gi' } }, // resources.ts MEMBER: a limit Seastar can use with its --memory
      placement: {
        nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'scylla.scylladb.com/node-type', operator: 'In', values: ['scylla'] }] }] } },
        tolerations: [{ key: 'scylla-operator.scylladb.com/dedicated', operator: 'Equal', value: 'scyllaclusters', effect: 'NoSchedule' }],
      },
      scyllaConfig: 'scylladb-config',
    });
    expect(sc.spec.exposeOptions).toBeUndefined();
    expect(sc.spec.externalSeeds).toBeUndefined();
  });

  it('multi-DC: same cluster name, unique datacenters, a namespace each, headless node Services with PodIP broadcast, seeds after the first', () => {
    const v = variant('multi', {}, [{ name: 'dc1' }, { name: 'dc2' }]);
    const scs = variantManifests(v, settings, { seeds: () => ['10.244.1.10'] }).flatMap((g) => scOf(g.objects));
    expect(scs.map((s) => [s.metadata.name, s.metadata.namespace, s.spec.datacenter.name])).toEqual([
      ['multi', 'e2e-multi-dc1-1', 'dc1'],
      ['multi', 'e2e-multi-dc2-1', 'dc2'],
    ]);
    for (const s of scs) expect(s.spec.exposeOptions).toEqual({ nodeService: { type: 'Headless' }, broadcastOptions: { nodes: { type: 'PodIP' }, clients: { type: 'PodIP' } } });
    expect(scs[0]!.spec.externalSeeds).toBeUndefined();
    expect(scs[1]!.spec.externalSeeds).toEqual(['10.244.1.10']);
  });

  it('UserManaged: a kubernetes.io/tls Secret under the name the operator mounts, named in secretName too, in each datacenter namespace', () => {
    const v = variant('um', { servingCertificate: { type: 'UserManaged', userManagedOptions: { secretName: 'um-alternator-local-serving-certs' } } }, [{ name: 'dc1' }, { name: 'dc2' }]);
    const groups = variantManifests(v, settings, { seeds: () => ['10.0.0.1'], tls: () => ({ certPem: 'C', keyPem: 'K' }) });
    for (const g of groups) {
      const secret = g.objects.find((o) => o.kind === 'Secret')!;
      expect(secret).toMatchObject({ type: 'kubernetes.io/tls', metadata: { name: 'um-alternator-local-serving-certs', namespace: g.unit.namespace }, data: { 'tls.crt': 'Qw==', 'tls.key': 'Sw==' } });
      expect(scOf(g.objects)[0]!.spec.alternator?.servingCertificate?.userManagedOptions?.secretName).toBe('um-alternator-local-serving-certs');
    }
    // The plan never holds key material.
    const planned = variantManifests(v, settings)[0]!.objects.find((o) => o.kind === 'Secret')!;
    expect(JSON.stringify(planned)).toContain('never written to reports');
  });

  it('NodeConfig (only when asked): on the ScyllaDB nodes, tolerating their taint, tuning off unless asked', () => {
    const asked = { ...settings, nodeSysctls: { 'fs.aio-max-nr': '30000000' } };
    expect(nodeConfigManifest(asked)).toMatchObject({
      apiVersion: 'scylla.scylladb.com/v1alpha1',
      kind: 'NodeConfig',
      spec: {
        disableOptimizations: true,
        placement: { nodeSelector: { 'scylla.scylladb.com/node-type': 'scylla' }, tolerations: [{ key: 'scylla-operator.scylladb.com/dedicated', value: 'scyllaclusters' }] },
        sysctls: [{ name: 'fs.aio-max-nr', value: '30000000' }],
      },
    });
    expect(nodeConfigManifest({ ...asked, nodeTuning: true }).spec.disableOptimizations).toBeUndefined();
    expect(validateManifests([nodeConfigManifest(asked)])).toEqual([]);
  });

  it('the secret-name probe: a zero-member ScyllaCluster asking for another Secret, valid, outside the variant', () => {
    const v = variant('um', { servingCertificate: { type: 'UserManaged', userManagedOptions: { secretName: 'um-alternator-local-serving-certs' } } });
    const probe = secretNameProbeManifest(datacenterUnits(v, 'run-1')[0]!, settings);
    expect(probe.metadata).toMatchObject({ name: 'ae2e-secret-name-probe', namespace: 'e2e-um-1' });
    expect(probe.metadata.labels).not.toHaveProperty('alternator-e2e.scylladb.com/variant');
    expect(probe.spec.datacenter.racks[0]!.members).toBe(0);
    expect(probe.spec.alternator).toEqual({ servingCertificate: { type: 'UserManaged', userManagedOptions: { secretName: 'ae2e-probe-requested-serving-cert' } } });
    // Its Secret is deliberately never created: no member, no pod to mount it.
    expect(validateManifests([probe])).toEqual([expect.objectContaining({ message: expect.stringContaining('ae2e-probe-requested-serving-cert') })]);
    expect(validateManifests([probe], { allowAbsentUserSecret: true })).toEqual([]);
  });

  it('namespaces carry the run id\'s random suffix and stay DNS labels', () => {
    expect(runSuffix('20261202T101010Z-a1b2')).toBe('a1b2');
    expect(runSuffix('run-1')).toBe('1');
    expect(runSuffix('Weird_ID')).toMatch(/^[0-9a-f]{6}$/);
    const long = variant('a'.repeat(60));
    const ns = namespaceOf(long, 'dc1', '20261202T101010Z-a1b2');
    expect(ns).toHaveLength(63);
    expect(ns).toMatch(/^e2e-a+-a1b2$/);
    expect(namespaceOf(variant('v'), 'dc1', '20261202T101010Z-a1b2')).not.toBe(namespaceOf(variant('v'), 'dc1', '20261202T111111Z-c3d4'));
  });
});

describe('kind cluster configuration', () => {
  it('fixtures/kind/cluster-v1.yaml has two labelled and tainted ScyllaDB workers and one infra worker', () => {
    expect(loadKindConfig()).toMatchObject({ scyllaNodes: 2, otherWorkers: 1 });
  });

  it('rejects a configuration whose ScyllaDB workers are not tainted', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ae2e-kind-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n- role: worker\n  labels: { scylla.scylladb.com/node-type: scylla }\n- role: worker\n');
    expect(() => loadKindConfig(file)).toThrow(ConfigError);
    expect(() => loadKindConfig(file)).toThrow(/must be tainted scylla-operator.scylladb.com\/dedicated=scyllaclusters:NoSchedule/);
  });
});
