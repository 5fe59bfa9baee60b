// Client-side validation rejects what the operator would, with messages naming the object, field and fix.
import { describe, expect, it } from 'vitest';
import { variantManifests, type ManifestSettings } from '../../harness/targets/kubernetes/manifests.ts';
import { validateManifests, assertValid, type ValidationIssue } from '../../harness/targets/kubernetes/validate.ts';
import type { KubeObject, ScyllaCluster } from '../../harness/targets/kubernetes/kube-types.ts';
import { ConfigError } from '../../harness/util/errors.ts';
import { fakes, kindTarget, variant } from './helpers.ts';

const settings: ManifestSettings = { runId: 'run-1', agentVersion: '3.10.1', storageClassName: 'standard', dedicatedScyllaNodes: true, nodeSysctls: {} };

/** Valid manifests of a variant, with `edit` applied to its (first) ScyllaCluster. */
function withEdit(edit: (sc: ScyllaCluster) => void, v = variant('base')): KubeObject[] {
  const objs = variantManifests(v, settings, { seeds: () => ['10.244.1.10'] }).flatMap((g) => g.objects);
  edit(objs.find((o): o is ScyllaCluster => o.kind === 'ScyllaCluster')!);
  return objs;
}
const fields = (issues: ValidationIssue[]) => issues.map((i) => `${i.field}: ${i.message}`);

describe('manifest validation', () => {
  it('accepts the generated manifests', () => {
    expect(validateManifests(withEdit(() => undefined))).toEqual([]);
  });

  it.each([
    ['a missing version', (sc: ScyllaCluster) => delete (sc.spec as Partial<ScyllaCluster['spec']>).version, /spec.version: is required/],
    ['a missing datacenter name', (sc: ScyllaCluster) => (sc.spec.datacenter.name = ''), /spec.datacenter.name: is required/],
    ['no racks', (sc: ScyllaCluster) => (sc.spec.datacenter.racks = []), /spec.datacenter.racks: needs at least one rack/],
    ['a missing storage capacity', (sc: ScyllaCluster) => (sc.spec.datacenter.racks[0]!.storage.capacity = ''), /storage.capacity: is required and must be a quantity/],
    ['no resource limits (webhook)', (sc: ScyllaCluster) => (sc.spec.datacenter.racks[0]!.resources = { requests: { cpu: '1' } }), /resources.limits: cpu and memory limits are required/],
    ['an unknown certificate type', (sc: ScyllaCluster) => (sc.spec.alternator = { servingCertificate: { type: 'SelfSigned' } }), /servingCertificate.type: "SelfSigned" is not supported; allowed: OperatorManaged, UserManaged/],
    ['UserManaged without userManagedOptions', (sc: ScyllaCluster) => (sc.spec.alternator = { servingCertificate: { type: 'UserManaged' } }), /servingCertificate.userManagedOptions: is required when type is UserManaged/],
    ['a UserManaged Secret that is not created', (sc: ScyllaCluster) => (sc.spec.alternator = { servingCertificate: { type: 'UserManaged', userManagedOptions: { secretName: 'absent' } } }), /Secret "absent" is not among the manifests of namespace e2e-base/],
    ['an additional IP that is not an IP', (sc: ScyllaCluster) => (sc.spec.alternator = { servingCertificate: { type: 'OperatorManaged', operatorManagedOptions: { additionalIPAddresses: ['42.42.42'] } } }), /additionalIPAddresses\[0\]: "42.42.42" must be an IP address/],
    ['the CEL rule: port with insecureEnableHTTP false', (sc: ScyllaCluster) => (sc.spec.alternator = { port: 8000, insecureEnableHTTP: false }), /insecureEnableHTTP: insecureEnableHTTP can't be false when using \(insecure\) port\./],
    ['the webhook rule: port with insecureEnableHTTP true', (sc: ScyllaCluster) => (sc.spec.alternator = { port: 8000, insecureEnableHTTP: true }), /spec.alternator.port: deprecated port is not allowed to be specified when insecureEnableHTTP is true/],
    ['a write isolation the webhook rejects', (sc: ScyllaCluster) => (sc.spec.alternator = { writeIsolation: 'unsafe_rmw' }), /writeIsolation: "unsafe_rmw" is not accepted by the operator's webhook; allowed: always, forbid_rmw, only_rmw_uses_lwt/],
    ['a broadcast type its node Service cannot provide', (sc: ScyllaCluster) => (sc.spec.exposeOptions = { nodeService: { type: 'Headless' }, broadcastOptions: { nodes: { type: 'ServiceClusterIP' }, clients: { type: 'PodIP' } } }), /broadcastOptions.nodes.type: ServiceClusterIP cannot be broadcast with node Service type Headless/],
    ['a missing scylla.yaml ConfigMap', (sc: ScyllaCluster) => (sc.spec.datacenter.racks[0]!.scyllaConfig = 'other'), /scyllaConfig: references ConfigMap "other", which is not among the manifests/],
  ])('rejects %s', (_what, edit, message) => {
    expect(fields(validateManifests(withEdit(edit))).join('\n')).toMatch(message);
  });

  it('the CEL rule does not fire without a port, nor with a port and insecureEnableHTTP unset', () => {
    expect(validateManifests(withEdit((sc) => (sc.spec.alternator = { insecureEnableHTTP: false })))).toEqual([]);
    expect(validateManifests(withEdit((sc) => (sc.spec.alternator = { port: 8000 })))).toEqual([]);
  });

  it('rejects names that do not fit what the operator derives from them', () => {
    const long = variant('a-variant-name-long-enough-to-overflow-statefulset', {}, [{ name: 'datacenter-one' }]);
    expect(fields(validateManifests(withEdit(() => undefined, long))).join('\n')).toMatch(/StatefulSet name "a-variant-name-long-enough-to-overflow-statefulset-datacenter-one-a" is 67 characters; at most 52/);
    expect(fields(validateManifests(withEdit(() => undefined, variant('9lives')))).join('\n')).toMatch(/"9lives" must start with a letter/);
  });

  it('multi-DC: one cluster name, unique datacenter names, seeds after the first datacenter', () => {
    const v = variant('multi', {}, [{ name: 'dc1' }, { name: 'dc2' }]);
    const objs = variantManifests(v, settings, { seeds: () => ['10.244.1.10'] }).flatMap((g) => g.objects);
    const scs = objs.filter((o): o is ScyllaCluster => o.kind === 'ScyllaCluster');
    scs[1]!.spec.datacenter.name = 'dc1';
    scs[1]!.metadata.name = 'other';
    delete scs[1]!.spec.externalSeeds;
    const msgs = fields(validateManifests(objs)).join('\n');
    expect(msgs).toMatch(/must share metadata.name \(the ScyllaDB cluster name\); got multi, other/);
    expect(msgs).toMatch(/datacenter name "dc1" is used twice/);
    expect(msgs).toMatch(/a datacenter after the first needs externalSeeds/);
  });

  it('placeholders for deploy-time values pass only in a plan', () => {
    const objs = variantManifests(variant('multi', {}, [{ name: 'dc1' }, { name: 'dc2' }]), settings).flatMap((g) => g.objects);
    expect(validateManifests(objs, { allowPlaceholders: true })).toEqual([]);
    expect(fields(validateManifests(objs)).join('\n')).toMatch(/externalSeeds\[0\]: "<resolved at deploy time: pod IPs of datacenter dc1>" must be an IP address or a DNS name/);
  });

  it('assertValid throws one ConfigError listing every problem with the object it is in', () => {
    const objs = withEdit((sc) => {
      sc.spec.alternator = { port: 8000, insecureEnableHTTP: false, servingCertificate: { type: 'Nope' } };
    });
    expect(() => assertValid(objs)).toThrow(ConfigError);
    expect(() => assertValid(objs)).toThrow(/2 manifest problem\(s\):\n {2}- ScyllaCluster e2e-base-1\/base: spec.alternator.insecureEnableHTTP: .*\n {2}- ScyllaCluster e2e-base-1\/base: spec.alternator.servingCertificate.type/);
  });

  it('supports() reports a variant the operator would reject as not applicable, with the reason', () => {
    const t = kindTarget(fakes());
    expect(t.supports(variant('ok', { writeIsolation: 'only_rmw_uses_lwt' }))).toEqual({ ok: true });
    const r = t.supports(variant('lwt', { writeIsolation: 'always_use_lwt' }));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/the operator would reject it: spec.alternator.writeIsolation: "always_use_lwt" is not accepted/);
    const other = t.supports({ ...variant('v'), versions: { scylla: '2026.2.4', operator: 'v1.20.0' } });
    expect(!other.ok && other.reason).toBe('needs operator v1.20.0; this run installs v1.21.1');
  });

  it('supports(): a UserManaged variant naming another Secret than the one the operator mounts is not applicable (scylladb/scylla-operator#2248)', () => {
    const t = kindTarget(fakes());
    const um = (secretName: string, writeIsolation?: string) => variant('um', { ...(writeIsolation ? { writeIsolation } : {}), servingCertificate: { type: 'UserManaged', userManagedOptions: { secretName } } });
    expect(t.supports(um('um-alternator-local-serving-certs'))).toEqual({ ok: true });
    const other = t.supports(um('alternator-user-serving-cert'));
    expect(other.ok).toBe(false);
    expect(!other.ok && other.reason).toBe(
      'userManagedOptions.secretName "alternator-user-serving-cert": the operator (v1.21.1 and HEAD) ignores it and always mounts Secret "um-alternator-local-serving-certs" (pkg/controller/scylladbdatacenter/resource.go StatefulSetForRack; scylladb/scylla-operator#2248); name that Secret to deploy a UserManaged certificate',
    );
    // Both reasons when there are two; never a duplicate "Secret not among the manifests" one.
    const both = t.supports(um('x', 'unsafe_rmw'));
    expect(!both.ok && both.reason).toMatch(/scylla-operator#2248.*; the operator would reject it: spec.alternator.writeIsolation: "unsafe_rmw"/);
    expect(!both.ok && both.reason).not.toMatch(/not among the manifests/);
  });
});
