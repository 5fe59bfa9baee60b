// Every Kubernetes object the harness applies, generated from the Variant model as typed objects (never text
// templates), in this one module. Shapes follow the operator's e2e fixture for kind
// (test/e2e/fixture/scylla/scyllacluster.yaml.tmpl) and its multi-DC guide.
import { ALTERNATOR_SCYLLA_CONFIG, experimentalFeaturesSetting } from '../alternator-settings.ts';
import { createHash } from 'node:crypto';
import { stringify } from 'yaml';
import { SUPERUSER } from './credentials.ts';
import type { Variant, Datacenter } from '../../variant/model.ts';
import { clusterName, namespaceFor, clientServiceDNS, memberServiceName, alternatorServingCertSecretName, DEFAULT_RACK } from '../../variant/naming.ts';
import type { ConfigMap, KubeObject, Namespace, NodeConfig, RackSpec, ScyllaCluster, Secret, Toleration, AlternatorSpecManifest } from './kube-types.ts';
import { SCYLLA_NODE_LABEL, SCYLLA_NODE_TAINT } from './options.ts';
import { operatorRelease } from '../../variant/support-matrix.ts';
import { MEMBER } from './resources.ts';

export const MANAGED_BY = 'alternator-e2e';
export const LABELS = {
  managedBy: 'app.kubernetes.io/managed-by',
  runId: 'alternator-e2e.scylladb.com/run-id',
  variant: 'alternator-e2e.scylladb.com/variant',
  datacenter: 'alternator-e2e.scylladb.com/datacenter',
} as const;
/** ConfigMap with the scylla.yaml fragment that turns on CQL authentication, referenced by every rack. */
export const SCYLLA_CONFIG_MAP = 'scylladb-config';
export const NODE_CONFIG_NAME = 'alternator-e2e';
/** Stands in the plan for values only known at deploy time. Never applied. */
export const DEPLOY_TIME = (what: string) => `<resolved at deploy time: ${what}>`;
export const isDeployTimePlaceholder = (s: string): boolean => /^<resolved at deploy time: .*>$/.test(s);

export interface ManifestSettings {
  runId: string;
  /** Overrides every variant's agent (see agentVersionOf). */
  agentVersion?: string;
  storageClassName?: string;
  dedicatedScyllaNodes: boolean;
  nodeSysctls: Record<string, string>;
  /** NodeConfig: let the operator tune the nodes (else disableOptimizations: true). */
  nodeTuning?: boolean;
  /** ScyllaCluster spec.scyllaArgs (kind: --reactor-backend=io_uring, as upstream's kind CI). */
  scyllaArgs?: string;
}

/** One ScyllaCluster of a variant: a datacenter in its own namespace. */
export interface DatacenterUnit {
  variant: Variant;
  dc: Datacenter;
  index: number;
  namespace: string;
  scName: string;
  rack: string;
}

/**
 * The run id's random part (`<timestamp>-<4 hex>` from newRunId; a short hash of any other id): namespaces carry
 * it, so a run never applies into a namespace an earlier run on the same cluster is still deleting.
 */
export function runSuffix(runId: string): string {
  const m = /-([a-z0-9]{1,8})$/.exec(runId.toLowerCase());
  return m ? m[1]! : createHash('sha256').update(runId).digest('hex').slice(0, 6);
}

/** The namespace of one datacenter of a variant in one run: `e2e-<variant>[-<dc>]-<run suffix>`, at most 63 characters. */
export function namespaceOf(v: Variant, dc: string, runId: string): string {
  const suffix = `-${runSuffix(runId)}`;
  return `${namespaceFor(v, dc).slice(0, 63 - suffix.length).replace(/-+$/, '')}${suffix}`;
}

export function datacenterUnits(v: Variant, runId: string): DatacenterUnit[] {
  return v.topology.datacenters.map((dc, index) => ({
    variant: v,
    dc,
    index,
    namespace: namespaceOf(v, dc.name, runId),
    scName: clusterName(v),
    rack: DEFAULT_RACK,
  }));
}

function labels(u: DatacenterUnit, runId: string): Record<string, string> {
  return { [LABELS.managedBy]: MANAGED_BY, [LABELS.runId]: runId, [LABELS.variant]: u.variant.name, [LABELS.datacenter]: u.dc.name };
}

export function namespaceManifest(u: DatacenterUnit, runId: string): Namespace {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name: u.namespace, labels: labels(u, runId) } };
}

/**
 * Alternator authorization needs CQL password authentication, which the operator does not enable by default.
 * From ScyllaDB 2026.2.0 no default superuser is created (c7d3f80863, scylladb PR #27215), so the superuser is
 * named explicitly (auth_superuser_name / auth_superuser_salted_password, docs "Create a superuser using scylla.yaml").
 * That salted hash IS the role's Alternator secret: it is made at deploy time and never written to a plan.
 */
export function scyllaConfigMap(u: DatacenterUnit, runId: string, superuserSaltedPassword?: string): ConfigMap {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: SCYLLA_CONFIG_MAP, namespace: u.namespace, labels: labels(u, runId) },
    data: {
      'scylla.yaml': stringify({
        authenticator: 'PasswordAuthenticator',
        authorizer: 'CassandraAuthorizer',
        auth_superuser_name: SUPERUSER.role,
        auth_superuser_salted_password: superuserSaltedPassword ?? DEPLOY_TIME('salted hash of the superuser password, never written to reports'),
        // What suites/api/ttl-expiry and suites/api/streams need to observe (harness/targets/alternator-settings.ts).
        alternator_ttl_period_in_seconds: ALTERNATOR_SCYLLA_CONFIG.ttlScanPeriodSeconds,
        alternator_streams_increased_compatibility: ALTERNATOR_SCYLLA_CONFIG.streamsIncreasedCompatibility,
        ...experimentalFeaturesSetting(u.variant.versions.scylla),
      }),
    },
  };
}

/** Names the UserManaged serving certificate must cover: what clients (and this harness's TLS check) use. */
export function userManagedDnsNames(u: DatacenterUnit): string[] {
  const members = Array.from({ length: u.dc.members }, (_, i) => `${memberServiceName(u.scName, u.dc.name, u.rack, i)}.${u.namespace}.svc`);
  return [clientServiceDNS(u.scName, u.namespace), `${clientServiceDNS(u.scName, u.namespace)}.cluster.local`, ...members];
}

/**
 * The kubernetes.io/tls Secret of a UserManaged variant; `pem` undefined writes placeholders (plan). It is created
 * under the name the operator mounts: v1.21.1 and HEAD ignore userManagedOptions.secretName and always mount
 * `<cluster>-alternator-local-serving-certs`, not optional (pkg/controller/scylladbdatacenter/resource.go
 * StatefulSetForRack), and create it only for OperatorManaged (sync_certs.go syncCerts): scylladb/scylla-operator#2248.
 * Variants naming another Secret are "not applicable" (KubernetesTarget.supports).
 */
export function userManagedSecret(u: DatacenterUnit, runId: string, pem?: { certPem: string; keyPem: string }): Secret | undefined {
  const cert = u.variant.alternator.servingCertificate;
  if (cert?.type !== 'UserManaged') return undefined;
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: alternatorServingCertSecretName(u.scName), namespace: u.namespace, labels: labels(u, runId) },
    type: 'kubernetes.io/tls',
    data: pem
      ? { 'tls.crt': b64(pem.certPem), 'tls.key': b64(pem.keyPem) }
      : { 'tls.crt': DEPLOY_TIME('serving certificate signed by the run CA'), 'tls.key': DEPLOY_TIME('private key, never written to reports') },
  };
}

/** spec.alternator exactly as the variant says (the variant's field names are the operator's). */
function alternatorSpec(v: Variant): AlternatorSpecManifest {
  const a = v.alternator;
  const spec: AlternatorSpecManifest = {};
  if (a.port !== undefined) spec.port = a.port;
  if (a.writeIsolation !== undefined) spec.writeIsolation = a.writeIsolation;
  if (a.insecureEnableHTTP !== undefined) spec.insecureEnableHTTP = a.insecureEnableHTTP;
  if (a.insecureDisableAuthorization !== undefined) spec.insecureDisableAuthorization = a.insecureDisableAuthorization;
  if (a.servingCertificate) spec.servingCertificate = structuredClone(a.servingCertificate);
  return spec;
}

const toleration: Toleration = { key: SCYLLA_NODE_TAINT.key, operator: 'Equal', value: SCYLLA_NODE_TAINT.value, effect: SCYLLA_NODE_TAINT.effect };

/**
 * `externalSeeds`: for every datacenter after the first, the first datacenter's pod IPs (the operator's
 * multi-DC guide); known only once that datacenter runs, so the plan shows a placeholder.
 */
export function scyllaClusterManifest(u: DatacenterUnit, s: ManifestSettings, externalSeeds?: string[]): ScyllaCluster {
  const multiDC = u.variant.topology.datacenters.length > 1;
  return {
    apiVersion: 'scylla.scylladb.com/v1',
    kind: 'ScyllaCluster',
    metadata: { name: u.scName, namespace: u.namespace, labels: labels(u, s.runId) },
    spec: {
      version: u.variant.versions.scylla,
      agentVersion: agentVersionOf(u.variant, s),
      developerMode: true,
      ...(s.scyllaArgs ? { scyllaArgs: s.scyllaArgs } : {}),
      alternator: alternatorSpec(u.variant),
      datacenter: {
        name: u.dc.name,
        racks: [{ ...rackSpec(u.rack, u.dc.members, s), scyllaConfig: SCYLLA_CONFIG_MAP }],
      },
      // Pod IPs are routable across namespaces of one cluster; node Services stay headless (multi-DC guide).
      ...(multiDC
        ? { exposeOptions: { nodeService: { type: 'Headless' }, broadcastOptions: { nodes: { type: 'PodIP' }, clients: { type: 'PodIP' } } } }
        : {}),
      ...(u.index > 0 ? { externalSeeds: externalSeeds ?? [DEPLOY_TIME(`pod IPs of datacenter ${u.variant.topology.datacenters[0]!.name}`)] } : {}),
    },
  };
}

/**
 * spec.agentVersion: the run's override, else the variant's versions.agent, else what its operator release deploys
 * by default (its config.yaml, pinned by digest; harness/variant/support-matrix.ts).
 */
export function agentVersionOf(v: Variant, s: Pick<ManifestSettings, 'agentVersion'>): string {
  return s.agentVersion ?? v.versions.agent ?? operatorRelease(v.versions.operator).defaults.agent;
}

/** Storage, resources and placement of a rack, as the operator's e2e fixture for kind has them. */
function rackSpec(name: string, members: number, s: ManifestSettings): RackSpec {
  return {
    name,
    members,
    storage: { capacity: '1Gi', ...(s.storageClassName ? { storageClassName: s.storageClassName } : {}) },
    // resources.ts MEMBER: upstream's kind requests, a limit Seastar can use (with --memory in spec.scyllaArgs).
    resources: { requests: { cpu: MEMBER.cpuRequest, memory: MEMBER.memoryRequest }, limits: { cpu: MEMBER.cpuLimit, memory: MEMBER.memoryLimit } },
    ...(s.dedicatedScyllaNodes
      ? {
          placement: {
            nodeAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: {
                nodeSelectorTerms: [{ matchExpressions: [{ key: SCYLLA_NODE_LABEL.key, operator: 'In', values: [SCYLLA_NODE_LABEL.value] }] }],
              },
            },
            tolerations: [toleration],
          },
        }
      : {}),
  };
}

/** Name of the zero-member ScyllaCluster that shows which Secret the operator mounts for a UserManaged certificate. */
export const SECRET_NAME_PROBE = 'ae2e-secret-name-probe';
/** The Secret that probe asks for; never created (with no member there is no pod to mount it). */
export const SECRET_NAME_PROBE_REQUESTED = 'ae2e-probe-requested-serving-cert';

/**
 * A ScyllaCluster with no member and a UserManaged certificate naming SECRET_NAME_PROBE_REQUESTED, in the first
 * datacenter's namespace of a UserManaged variant. The operator still renders the rack's StatefulSet
 * (sync_statefulsets.go createMissingStatefulSets, StatefulSetForRack): its pod template says which Secret a member
 * would mount, the default name today (scylladb/scylla-operator#2248) or the requested one once the field is honoured.
 * No pod, no volume, no resources are used.
 */
export function secretNameProbeManifest(u: DatacenterUnit, s: ManifestSettings): ScyllaCluster {
  return {
    apiVersion: 'scylla.scylladb.com/v1',
    kind: 'ScyllaCluster',
    metadata: { name: SECRET_NAME_PROBE, namespace: u.namespace, labels: { [LABELS.managedBy]: MANAGED_BY, [LABELS.runId]: s.runId } },
    spec: {
      version: u.variant.versions.scylla,
      agentVersion: agentVersionOf(u.variant, s),
      developerMode: true,
      alternator: { servingCertificate: { type: 'UserManaged', userManagedOptions: { secretName: SECRET_NAME_PROBE_REQUESTED } } },
      datacenter: { name: u.dc.name, racks: [rackSpec(u.rack, 0, s)] },
    },
  };
}

/**
 * A NodeConfig for the ScyllaDB nodes (applyNodeConfig only; upstream's kind CI applies none). Tuning stays off
 * (disableOptimizations: true) unless asked: with it, the operator runs a privileged perftune Job per node that
 * writes the host's /sys/class and /sys/devices and is retried forever (pkg/controller/nodetune/resource.go
 * makePerftuneJobForNode), and every ScyllaDB pod on the node waits for it (nodeconfigpod/sync_configmaps.go).
 */
export function nodeConfigManifest(s: Pick<ManifestSettings, 'dedicatedScyllaNodes' | 'nodeSysctls' | 'nodeTuning'>): NodeConfig {
  const sysctls = Object.entries(s.nodeSysctls).map(([name, value]) => ({ name, value }));
  return {
    apiVersion: 'scylla.scylladb.com/v1alpha1',
    kind: 'NodeConfig',
    metadata: { name: NODE_CONFIG_NAME, labels: { [LABELS.managedBy]: MANAGED_BY } },
    spec: {
      ...(s.nodeTuning ? {} : { disableOptimizations: true }),
      placement: s.dedicatedScyllaNodes
        ? { nodeSelector: { [SCYLLA_NODE_LABEL.key]: SCYLLA_NODE_LABEL.value }, tolerations: [toleration] }
        : { nodeSelector: {} },
      ...(sysctls.length ? { sysctls } : {}),
    },
  };
}

/** A dry-run of this Issuer succeeds only once cert-manager's webhook serves (how upstream waits for it). */
export function certManagerProbeIssuer(): KubeObject {
  return {
    apiVersion: 'cert-manager.io/v1',
    kind: 'Issuer',
    metadata: { name: 'alternator-e2e-webhook-probe', namespace: 'default' },
    spec: { selfSigned: {} },
  };
}

export interface VariantManifestInputs {
  /** Seeds per datacenter index (> 0); absent = placeholder. */
  seeds?: (index: number) => string[] | undefined;
  /** UserManaged certificate per datacenter index; absent = placeholder. */
  tls?: (index: number) => { certPem: string; keyPem: string } | undefined;
  /** sha512-crypt of the superuser password (secret); absent = placeholder. */
  superuserSaltedPassword?: string;
}

/** Everything one variant applies, in apply order, grouped by datacenter. */
export function variantManifests(v: Variant, s: ManifestSettings, inputs: VariantManifestInputs = {}): Array<{ unit: DatacenterUnit; objects: KubeObject[] }> {
  return datacenterUnits(v, s.runId).map((u) => {
    const secret = userManagedSecret(u, s.runId, inputs.tls?.(u.index));
    return {
      unit: u,
      objects: [namespaceManifest(u, s.runId), scyllaConfigMap(u, s.runId, inputs.superuserSaltedPassword), ...(secret ? [secret] : []), scyllaClusterManifest(u, s, inputs.seeds?.(u.index))],
    };
  });
}

export const toYaml = (objects: readonly KubeObject[]): string => objects.map((o) => stringify(o, { lineWidth: 0 })).join('---\n');
