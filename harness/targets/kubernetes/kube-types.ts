// Typed shapes of the Kubernetes objects this harness writes. Only the fields it sets or reads are typed;
// the operator's API (scylla.scylladb.com/v1 ScyllaCluster, v1alpha1 NodeConfig) is the reference.

export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  generation?: number;
  resourceVersion?: string;
  uid?: string;
  creationTimestamp?: string;
}

/** Any object the API server stores; the boundary passes these around untyped beyond the header. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

export interface ObjectRef {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
}

export const refOf = (o: KubeObject): ObjectRef => ({
  apiVersion: o.apiVersion,
  kind: o.kind,
  name: o.metadata.name,
  ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
});
export const describeRef = (r: ObjectRef): string => `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`;

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown' | string;
  reason?: string;
  message?: string;
  observedGeneration?: number;
  lastTransitionTime?: string;
}

export interface Namespace extends KubeObject {
  apiVersion: 'v1';
  kind: 'Namespace';
}

export interface ConfigMap extends KubeObject {
  apiVersion: 'v1';
  kind: 'ConfigMap';
  data: Record<string, string>;
}

export interface Secret extends KubeObject {
  apiVersion: 'v1';
  kind: 'Secret';
  type: string;
  /** base64 values. */
  data: Record<string, string>;
}

export interface Toleration {
  key: string;
  operator: 'Equal' | 'Exists';
  value?: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

export interface NodeAffinity {
  requiredDuringSchedulingIgnoredDuringExecution: {
    nodeSelectorTerms: Array<{ matchExpressions: Array<{ key: string; operator: 'In'; values: string[] }> }>;
  };
}

export interface ResourceRequirements {
  requests?: { cpu?: string; memory?: string };
  limits?: { cpu?: string; memory?: string };
}

export interface TLSCertificateSpec {
  type: string;
  operatorManagedOptions?: { additionalDNSNames?: string[]; additionalIPAddresses?: string[] };
  userManagedOptions?: { secretName: string };
}

export interface AlternatorSpecManifest {
  port?: number;
  writeIsolation?: string;
  insecureEnableHTTP?: boolean;
  insecureDisableAuthorization?: boolean;
  servingCertificate?: TLSCertificateSpec;
}

export interface RackSpec {
  name: string;
  members: number;
  storage: { capacity: string; storageClassName?: string };
  resources: ResourceRequirements;
  placement?: { nodeAffinity?: NodeAffinity; tolerations?: Toleration[] };
  scyllaConfig?: string;
}

export interface ExposeOptions {
  nodeService?: { type: string };
  broadcastOptions?: { nodes: { type: string }; clients: { type: string } };
}

export interface ScyllaClusterSpec {
  version: string;
  agentVersion?: string;
  repository?: string;
  developerMode?: boolean;
  scyllaArgs?: string;
  alternator?: AlternatorSpecManifest;
  datacenter: { name: string; racks: RackSpec[] };
  exposeOptions?: ExposeOptions;
  externalSeeds?: string[];
}

export interface ScyllaCluster extends KubeObject {
  apiVersion: 'scylla.scylladb.com/v1';
  kind: 'ScyllaCluster';
  spec: ScyllaClusterSpec;
  status?: {
    observedGeneration?: number;
    members?: number;
    readyMembers?: number;
    availableMembers?: number;
    conditions?: Condition[];
  };
}

export interface NodeConfig extends KubeObject {
  apiVersion: 'scylla.scylladb.com/v1alpha1';
  kind: 'NodeConfig';
  spec: {
    disableOptimizations?: boolean;
    placement: { nodeSelector: Record<string, string>; tolerations?: Toleration[] };
    sysctls?: Array<{ name: string; value: string }>;
  };
}

export const isScyllaCluster = (o: KubeObject): o is ScyllaCluster => o.apiVersion === 'scylla.scylladb.com/v1' && o.kind === 'ScyllaCluster';
