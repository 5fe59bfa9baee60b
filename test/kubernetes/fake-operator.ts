// What scylla-operator v1.21.1's controllers make for one ScyllaCluster, rule by rule, each naming the upstream file
// it was read from (`git show v1.21.1:<path>` in scylladb/scylla-operator; HEAD agrees unless a rule says otherwise).
// The fake API server (fake-kube.ts) plays these rules and creates nothing else: what the operator would not make,
// the fake does not make either (the docs family's Step 4 on a UserManaged certificate depends on that).
// Paths below are relative to that repository; SDC = the ScyllaDBDatacenter the ScyllaCluster is migrated to, of
// the same name (pkg/controller/scyllacluster/migrate.go).
import type { KubeObject } from '../../harness/targets/kubernetes/kube-types.ts';
import type { Condition } from '../../harness/targets/kubernetes/kube-types.ts';
import { createCA, issueServingCertificate, type CertificateAuthority } from '../../harness/tls/ca.ts';

export const OPERATOR_RELEASE = 'scylladb/scylla-operator v1.21.1';

interface ScyllaClusterSpec {
  version?: string;
  datacenter: { name: string; racks: Array<{ name: string; members: number; scyllaConfig?: string }> };
  alternator?: {
    port?: number;
    insecureEnableHTTP?: boolean;
    servingCertificate?: { type: string; operatorManagedOptions?: { additionalDNSNames?: string[]; additionalIPAddresses?: string[] }; userManagedOptions?: { secretName: string } };
  };
  exposeOptions?: { nodeService?: { type?: string } };
}

export const specOf = (sc: KubeObject): ScyllaClusterSpec => sc.spec as ScyllaClusterSpec;

/** pkg/naming/labels.go ClusterLabels: `app`, `app.kubernetes.io/name` (scylla), `app.kubernetes.io/managed-by` and `scylla/cluster`. */
export function clusterLabels(sc: KubeObject): Record<string, string> {
  return { app: 'scylla', 'app.kubernetes.io/name': 'scylla', 'app.kubernetes.io/managed-by': 'scylla-operator', 'scylla/cluster': sc.metadata.name };
}

/** pkg/naming/names.go: StatefulSetNameForRackForScyllaCluster `<sc>-<dc>-<rack>`; member Services and pods add `-<ordinal>`. */
export const statefulSetName = (sc: KubeObject, rack: string): string => `${sc.metadata.name}-${specOf(sc).datacenter.name}-${rack}`;
export const memberNames = (sc: KubeObject): string[] =>
  specOf(sc).datacenter.racks.flatMap((r) => Array.from({ length: r.members }, (_, i) => `${statefulSetName(sc, r.name)}-${i}`));

/**
 * pkg/controller/scylladbdatacenter/resource.go getServicePorts: the 12 ScyllaDB/agent ports, 8043 when Alternator is
 * on, and the insecure port (8000, or the deprecated `port`) only when the migration annotations say HTTP is on
 * (pkg/controller/scyllacluster/migrate.go sets them from spec.alternator.port / insecureEnableHTTP).
 */
export function servicePorts(sc: KubeObject): Array<{ name: string; port: number }> {
  const base: Array<[string, number]> = [
    ['inter-node-communication', 7000], ['ssl-inter-node-communication', 7001], ['cql', 9042], ['cql-ssl', 9142],
    ['cql-shard-aware', 19042], ['cql-ssl-shard-aware', 19142], ['jmx-monitoring', 7199], ['agent-api', 10001],
    ['prometheus', 9180], ['agent-prometheus', 5090], ['node-exporter', 9100], ['thrift', 9160],
  ];
  const a = specOf(sc).alternator;
  if (a) {
    base.push(['alternator-tls', 8043]);
    if (a.port || a.insecureEnableHTTP) base.push(['alternator', a.port || 8000]);
  }
  return base.map(([name, port]) => ({ name, port }));
}

/**
 * The Services (pkg/controller/scylladbdatacenter/resource.go): IdentityService `<sc>-client`, always type ClusterIP
 * with an allocated address; MemberService per member, ClusterIP by default, `ClusterIP: None` for
 * exposeOptions.nodeService.type Headless, type LoadBalancer for LoadBalancer; member Services publish not-ready
 * addresses. `allocate` stands for the API server's ClusterIP allocator.
 */
export function operatorServices(sc: KubeObject, allocate: () => string): KubeObject[] {
  const ns = sc.metadata.namespace!;
  const ports = servicePorts(sc);
  const nodeType = specOf(sc).exposeOptions?.nodeService?.type ?? 'ClusterIP';
  const identity: KubeObject = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: `${sc.metadata.name}-client`, namespace: ns, labels: { ...clusterLabels(sc), 'scylla-operator.scylladb.com/scylla-service-type': 'identity' } },
    spec: { type: 'ClusterIP', clusterIP: allocate(), selector: clusterLabels(sc), ports },
  };
  const members = memberNames(sc).map(
    (name): KubeObject => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace: ns, labels: { ...clusterLabels(sc), 'scylla-operator.scylladb.com/scylla-service-type': 'member' } },
      spec: {
        type: nodeType === 'LoadBalancer' ? 'LoadBalancer' : 'ClusterIP',
        clusterIP: nodeType === 'Headless' ? 'None' : allocate(),
        selector: { 'statefulset.kubernetes.io/pod-name': name },
        ports,
        publishNotReadyAddresses: true,
      },
    }),
  );
  return [identity, ...members];
}

const isOperatorManaged = (sc: KubeObject): boolean => {
  const a = specOf(sc).alternator;
  return a !== undefined && (a.servingCertificate === undefined || a.servingCertificate.type === 'OperatorManaged');
};

/**
 * pkg/controller/scylladbdatacenter/sync_certs.go syncCerts (the feature gate AutomaticTLSCertificates is on by
 * default: pkg/features/features.go). ManageCertificates (pkg/kubecrypto) makes, per call, a CA Secret and a CA
 * bundle ConfigMap of the CA's name, and the certificates' Secrets. The Alternator call (~line 408) runs ONLY for an
 * OperatorManaged certificate (servingCertificate unset or type OperatorManaged): for UserManaged the operator makes
 * neither `<sc>-alternator-local-serving-ca` (ConfigMap, Secret) nor `<sc>-alternator-local-serving-certs`.
 */
export function certificateObjectNames(sc: KubeObject): { secrets: string[]; configMaps: string[] } {
  const n = sc.metadata.name;
  const secrets = [`${n}-local-client-ca`, `${n}-local-user-admin`, `${n}-local-serving-ca`, `${n}-local-serving-certs`, `${n}-local-cql-connection-configs-admin`];
  const configMaps = [`${n}-local-client-ca`, `${n}-local-serving-ca`];
  if (isOperatorManaged(sc)) {
    secrets.push(`${n}-alternator-local-serving-ca`, `${n}-alternator-local-serving-certs`);
    configMaps.push(`${n}-alternator-local-serving-ca`);
  }
  return { secrets, configMaps };
}

/**
 * The Alternator serving certificate's names (sync_certs.go syncCerts): DNS `<svc>.<ns>.svc` of the identity and
 * every member Service, plus additionalDNSNames; IPs: every non-headless Service's ClusterIP, the member pods' IPs
 * once they have one, plus additionalIPAddresses. Both sorted (DNS names with the additional ones appended).
 */
export function alternatorServingNames(sc: KubeObject, services: KubeObject[], podIPs: string[]): { dnsNames: string[]; ipAddresses: string[] } {
  const om = specOf(sc).alternator?.servingCertificate?.operatorManagedOptions;
  const ns = sc.metadata.namespace!;
  const clusterIPs = services.map((s) => (s.spec as { clusterIP?: string }).clusterIP).filter((ip): ip is string => !!ip && ip !== 'None');
  return {
    dnsNames: [...services.map((s) => `${s.metadata.name}.${ns}.svc`).sort(), ...(om?.additionalDNSNames ?? [])],
    ipAddresses: [...[...clusterIPs, ...podIPs].sort(), ...(om?.additionalIPAddresses ?? [])],
  };
}

const PLACEHOLDER_PEM = (what: string) => `-----BEGIN CERTIFICATE-----\n${Buffer.from(`placeholder of ${what}`).toString('base64')}\n-----END CERTIFICATE-----\n`;
const b64 = (s: string) => Buffer.from(s).toString('base64');

/**
 * The certificate objects of syncCerts for the Services and pod IPs of this sync. The Alternator CA (kept across
 * syncs: `ca`, 10 years) and serving certificate (re-issued with the names of now) are real (ECDSA; the operator
 * uses RSA) so that a test can check them as upstream's e2e does; the other certificates' contents are placeholders:
 * nothing here reads them.
 */
export async function certificateObjects(sc: KubeObject, services: KubeObject[], podIPs: string[], ca?: CertificateAuthority): Promise<{ objects: KubeObject[]; ca?: CertificateAuthority }> {
  const ns = sc.metadata.namespace!;
  const labels = clusterLabels(sc);
  const { secrets, configMaps } = certificateObjectNames(sc);
  const alternatorCA = `${sc.metadata.name}-alternator-local-serving-ca`;
  const alternatorCert = `${sc.metadata.name}-alternator-local-serving-certs`;
  const out: KubeObject[] = [];
  if (secrets.includes(alternatorCA)) {
    ca ??= await createCA(`${ns}-${alternatorCA}`);
    const names = alternatorServingNames(sc, services, podIPs);
    // sync_certs.go: Subject CommonName "" (the names are in the SANs only).
    const serving = await issueServingCertificate(ca, { commonName: '', ...names, validityDays: 30 });
    out.push(
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: alternatorCA, namespace: ns, labels }, type: 'kubernetes.io/tls', data: { 'tls.crt': b64(ca.certPem), 'tls.key': b64(ca.keyPem) } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: alternatorCA, namespace: ns, labels }, data: { 'ca-bundle.crt': ca.certPem } },
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: alternatorCert, namespace: ns, labels }, type: 'kubernetes.io/tls', data: { 'tls.crt': b64(serving.certPem), 'tls.key': b64(serving.keyPem) } },
    );
  }
  for (const name of configMaps.filter((n) => n !== alternatorCA))
    out.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns, labels }, data: { 'ca-bundle.crt': PLACEHOLDER_PEM(name) } });
  for (const name of secrets.filter((n) => n !== alternatorCA && n !== alternatorCert))
    out.push({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name, namespace: ns, labels },
      type: name.endsWith('-connection-configs-admin') ? 'Opaque' : 'kubernetes.io/tls',
      data: name.endsWith('-connection-configs-admin') ? { placeholder: b64(name) } : { 'tls.crt': b64(PLACEHOLDER_PEM(name)), 'tls.key': b64('placeholder') },
    });
  return { objects: out, ...(secrets.includes(alternatorCA) ? { ca } : {}) };
}

/**
 * resource.go StatefulSetForRack, the parts the harness and the kubelet rules read: replicas, the Secret volumes the
 * scylla pod mounts (`<sc>-local-serving-certs` and `<sc>-local-user-admin` with AutomaticTLSCertificates; the
 * Alternator serving certificate `<sc>-alternator-local-serving-certs`, Optional false, whenever Alternator is on and
 * whatever the certificate type: userManagedOptions.secretName is not read, scylladb/scylla-operator#2248), the init
 * container `sidecar-injection` (sysctl-buddy only with the sysctl annotation, the bootstrap barrier only with the
 * alpha gate BootstrapSynchronisation), terminationGracePeriodSeconds 900 and the preStop hook that drains and then
 * sleeps minTerminationGracePeriodSeconds (15 s: readiness period 10 s + kube-proxy sync 5 s; 60 s for LoadBalancer
 * node Services). `secretName` overrides the Alternator Secret for a test of a future operator that reads the field.
 */
export function statefulSetFor(sc: KubeObject, rack: { name: string; members: number }, secretName?: string): KubeObject {
  const n = sc.metadata.name;
  const volumes: Array<{ name: string; secret: { secretName: string; optional?: boolean } }> = [
    { name: 'scylladb-serving-certs', secret: { secretName: `${n}-local-serving-certs` } },
    { name: 'scylladb-user-admin', secret: { secretName: `${n}-local-user-admin` } },
  ];
  if (specOf(sc).alternator) volumes.push({ name: 'scylladb-alternator-serving-certs', secret: { secretName: secretName ?? `${n}-alternator-local-serving-certs`, optional: false } });
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: statefulSetName(sc, rack.name), namespace: sc.metadata.namespace!, labels: clusterLabels(sc) },
    spec: {
      replicas: rack.members,
      template: {
        spec: {
          volumes,
          initContainers: [{ name: 'sidecar-injection' }],
          containers: [{ name: 'scylla', lifecycle: { preStop: { exec: { command: ['/usr/bin/bash', '-c', `nodetool drain & sleep ${preStopSleepSeconds(sc)} & wait`] } } } }, { name: 'scylladb-api-status-probe' }, { name: 'scylla-manager-agent' }],
          terminationGracePeriodSeconds: 900,
        },
      },
    },
  };
}

/**
 * resource.go StatefulSetForRack minTerminationGracePeriodSeconds, what the preStop hook sleeps beside `nodetool
 * drain`: readiness period (10 s) + kube-proxy sync (5 s), or 60 s where node Services are LoadBalancers.
 */
export const PRESTOP_SLEEP_SECONDS = { default: 15, loadBalancer: 60 } as const;
export const preStopSleepSeconds = (sc: KubeObject): number =>
  specOf(sc).exposeOptions?.nodeService?.type === 'LoadBalancer' ? PRESTOP_SLEEP_SECONDS.loadBalancer : PRESTOP_SLEEP_SECONDS.default;

/** Secret volumes a pod of this StatefulSet cannot start without (Optional unset or false: the kubelet waits for them). */
export function requiredSecrets(sts: KubeObject): string[] {
  const volumes = (sts.spec as { template: { spec: { volumes: Array<{ secret?: { secretName: string; optional?: boolean } }> } } }).template.spec.volumes;
  return volumes.filter((v) => v.secret && v.secret.optional !== true).map((v) => v.secret!.secretName);
}

/**
 * The ScyllaCluster's conditions once rolled out, as upstream's e2e verifies them
 * (test/e2e/utils/verification/scyllacluster/verify.go VerifyWithOptions): the aggregated Available/Progressing/
 * Degraded and each controller's pair (pkg/controller/scylladbdatacenter/sync.go, conditions.go; pkg/controller/
 * scyllacluster/conditions.go), reason AsExpected, empty message, observedGeneration = generation; CertController
 * conditions whenever Alternator is on (or AutomaticTLSCertificates, on by default).
 */
export function rolledOutConditions(generation: number, at: string): Condition[] {
  const pairs = ['ServiceAccount', 'RoleBinding', 'AgentToken', 'StatefulSet', 'Service', 'PDB', 'Ingress', 'Job', 'Config', 'ScyllaDBDatacenter', 'ScyllaDBManagerTask', 'ScyllaDBDatacenterNodesStatusReport', 'Cert'];
  const c = (type: string, status: string): Condition => ({ type, status, reason: 'AsExpected', message: '', observedGeneration: generation, lastTransitionTime: at });
  return [
    c('Available', 'True'),
    c('Progressing', 'False'),
    c('Degraded', 'False'),
    c('StatefulSetControllerAvailable', 'True'),
    ...pairs.flatMap((p) => [c(`${p}ControllerProgressing`, 'False'), c(`${p}ControllerDegraded`, 'False')]),
  ];
}

/**
 * The same set while the rack's StatefulSet rolls out: StatefulSetControllerAvailable False "MembersNotReady"
 * (sync_statefulsets.go setStatefulSetsAvailableStatusCondition), StatefulSetControllerProgressing True
 * "WaitingForStatefulSetRollout" (sync_statefulsets.go), and the aggregates made of them
 * (pkg/controllerhelpers/core.go AggregateStatusConditions: the reasons joined, each message as "<type>: <message>").
 */
export function progressingConditions(generation: number, at: string, r: { statefulSet: string; ready: number; desired: number }): Condition[] {
  const available = `Only ${r.ready} out of ${r.desired} member(s) are ready`;
  const progressing = `Waiting for StatefulSet "${r.statefulSet}" to roll out.`;
  const set: Record<string, Pick<Condition, 'status' | 'reason' | 'message'>> = {
    StatefulSetControllerAvailable: { status: 'False', reason: 'MembersNotReady', message: available },
    Available: { status: 'False', reason: 'MembersNotReady', message: `StatefulSetControllerAvailable: ${available}` },
    StatefulSetControllerProgressing: { status: 'True', reason: 'WaitingForStatefulSetRollout', message: progressing },
    Progressing: { status: 'True', reason: 'WaitingForStatefulSetRollout', message: `StatefulSetControllerProgressing: ${progressing}` },
  };
  return rolledOutConditions(generation, at).map((c) => (set[c.type] ? { ...c, ...set[c.type] } : c));
}

/**
 * pkg/api/scylla/v1/types_cluster.go ScyllaClusterStatus, filled by pkg/controller/scyllacluster/status.go
 * calculateStatus (observedGeneration = the ScyllaCluster's generation) from the SDC's rack statuses.
 */
export function scyllaClusterStatus(sc: KubeObject, ready: number, conditions: Condition[]): Record<string, unknown> {
  const racks = specOf(sc).datacenter.racks;
  const members = racks.reduce((n, r) => n + r.members, 0);
  return {
    observedGeneration: sc.metadata.generation ?? 1,
    members,
    readyMembers: ready,
    availableMembers: ready,
    rackCount: racks.length,
    racks: Object.fromEntries(racks.map((r) => [r.name, { members: r.members, readyMembers: ready, availableMembers: ready, updatedMembers: r.members, stale: false }])),
    conditions,
  };
}

/**
 * The event the operator records for each object it creates (pkg/resourceapply/helpers.go reportEvent): Normal,
 * reason `<Kind>Created`, message `<Kind> <ns>/<name> created`, on the created object.
 */
export function createdEvent(o: KubeObject): { involvedObject: { kind: string; name: string; namespace?: string }; type: string; reason: string; message: string } {
  return {
    involvedObject: { kind: o.kind, name: o.metadata.name, ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}) },
    type: 'Normal',
    reason: `${o.kind}Created`,
    message: `${o.kind} ${o.metadata.namespace}/${o.metadata.name} created`,
  };
}
