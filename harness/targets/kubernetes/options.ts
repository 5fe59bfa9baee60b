// Options of the Kubernetes targets (kind and kubeconfig), validated with field names a user can act on.
// Versions are pinned here and overridable; see fixtures/kind/README.md for how they were chosen.
import { totalmem } from 'node:os';
import { z } from 'zod';
import { ConfigError } from '../../util/errors.ts';

export const DEFAULT_NODE_IMAGE = 'kindest/node:v1.36.1';
export const DEFAULT_CERT_MANAGER_VERSION = 'v1.21.1';
export const DEFAULT_AGENT_VERSION = '3.12.0';
/**
 * Image of the load pods (`--workers N`): this project with its node_modules, WORKDIR at the project root,
 * readable by uid 65532. Not published: build it from the checkout (README, "Load"). On kind a local image
 * (no `/`, or `localhost/...`, like this one) is `kind load docker-image`d first; others are pulled by the nodes.
 */
export const DEFAULT_LOAD_IMAGE = 'localhost/alternator-e2e:dev';
/** Where ScyllaDB pods go on kind (fixtures/kind/cluster-v1.yaml labels and taints two workers so). */
export const SCYLLA_NODE_LABEL = { key: 'scylla.scylladb.com/node-type', value: 'scylla' } as const;
export const SCYLLA_NODE_TAINT = { key: 'scylla-operator.scylladb.com/dedicated', value: 'scyllaclusters', effect: 'NoSchedule' } as const;

const seconds = (d: number) => z.number().int().positive().default(d);

export const Timeouts = z
  .strictObject({
    /** `kind create cluster` including its own `--wait` for the control plane. */
    clusterCreate: seconds(600),
    certManager: seconds(300),
    operator: seconds(300),
    nodeConfig: seconds(300),
    /** One datacenter's ScyllaCluster rollout (image pull included the first time). */
    rollout: seconds(900),
    /** CA bundle, credentials (cqlsh) and port-forwards of one datacenter. */
    endpoint: seconds(300),
    /** Deleting namespaces and the kind cluster. */
    teardown: seconds(300),
  })
  .prefault({});
export type Timeouts = z.infer<typeof Timeouts>;

const image = z.string().regex(/^[\w.\-/:@]+$/, 'must be a container image reference such as docker.io/scylladb/scylla-operator:1.21.1');
const version = z.string().regex(/^v\d+\.\d+\.\d+(-[\w.]+)?$/, 'must look like v1.21.1');

export const OperatorOptions = z
  .strictObject({
    /** Operator release whose manifests (deploy/operator.yaml) are applied; default: the variants' versions.operator. */
    version: version.optional(),
    /** A locally built operator image: loaded into kind, and substituted for the released image in the manifests. */
    image: image.optional(),
    /** Overrides where the operator manifests come from (URL, or a local file path). */
    manifests: z.string().min(1).optional(),
    certManagerVersion: version.default(DEFAULT_CERT_MANAGER_VERSION),
    /** Overrides where the cert-manager manifest comes from (URL, or a local file path). */
    certManagerManifests: z.string().min(1).optional(),
  })
  .prefault({});
export type OperatorOptions = z.infer<typeof OperatorOptions>;

const common = {
  operator: OperatorOptions,
  /** ScyllaDB Manager agent version of every ScyllaCluster (spec.agentVersion). */
  agentVersion: z.string().min(1).default(DEFAULT_AGENT_VERSION),
  /** Variants rolling out at once; default from host memory on kind (about 1.5 GiB per ScyllaDB member). */
  parallelism: z.number().int().min(1).max(64).optional(),
  /** Keep what the run created (cluster, namespaces) for inspection. */
  keep: z.boolean().default(false),
  timeouts: Timeouts,
  pollIntervalMs: z.number().int().min(1).default(2000),
  /** Attempts for infrastructure steps (apply while a webhook is not ready yet...). */
  applyAttempts: z.number().int().min(1).max(100).default(30),
  retryDelayMs: z.number().int().min(1).default(2000),
  /** Container restarts after which a pod counts as crashing (fail now, not at the timeout). */
  maxRestarts: z.number().int().min(0).default(3),
  /** StorageClass of ScyllaDB volumes; unset = the cluster's default. */
  storageClassName: z.string().min(1).optional(),
  /** Schedule ScyllaDB only on nodes labelled/tainted as in the operator's docs (see SCYLLA_NODE_LABEL/TAINT). */
  dedicatedScyllaNodes: z.boolean(),
  /** Apply a NodeConfig (node tuning + these sysctls) on the ScyllaDB nodes. */
  applyNodeConfig: z.boolean(),
  /**
   * Sysctls the NodeConfig sets. On kind, `fs.aio-max-nr` is not namespaced: it changes the HOST kernel value
   * (upstream's kind CI does the same). Set to {} to leave the host alone.
   */
  nodeSysctls: z.record(z.string().regex(/^[a-z0-9_.\-/]+$/), z.string()).default({ 'fs.aio-max-nr': '30000000' }),
  fieldManager: z.string().min(1).default('alternator-e2e'),
  /** Image of the load worker pods (`--workers N`); see DEFAULT_LOAD_IMAGE. */
  loadImage: image.default(DEFAULT_LOAD_IMAGE),
};

export const KindOptions = z.strictObject({
  ...common,
  /** Name of the cluster to create (default ae2e-<run id>, see defaultClusterName). */
  clusterName: z.string().regex(/^[a-z0-9][a-z0-9-]{0,40}$/, 'must be a lowercase name of at most 41 characters').optional(),
  /** Use this existing kind cluster: never created nor deleted by the run. */
  reuse: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be the name of an existing kind cluster').optional(),
  nodeImage: image.default(DEFAULT_NODE_IMAGE),
  /** kind cluster configuration (default fixtures/kind/cluster-v1.yaml). */
  kindConfigFile: z.string().min(1).optional(),
  kindBinary: z.string().min(1).default('kind'),
  storageClassName: z.string().min(1).default('standard'),
  dedicatedScyllaNodes: z.boolean().default(true),
  applyNodeConfig: z.boolean().default(true),
});
export type KindOptions = z.infer<typeof KindOptions>;
export type KindOptionsInput = z.input<typeof KindOptions>;

export const KubeconfigOptions = z.strictObject({
  ...common,
  /** Default: $KUBECONFIG, else ~/.kube/config. */
  kubeconfigPath: z.string().min(1).optional(),
  /** Default: the kubeconfig's current context. */
  context: z.string().min(1).optional(),
  /** Install cert-manager and the operator too (by default the cluster must already run them). */
  installOperator: z.boolean().default(false),
  dedicatedScyllaNodes: z.boolean().default(false),
  applyNodeConfig: z.boolean().default(false),
});
export type KubeconfigOptions = z.infer<typeof KubeconfigOptions>;
export type KubeconfigOptionsInput = z.input<typeof KubeconfigOptions>;

const CommonSchema = z.strictObject(common);
/** What the shared orchestration reads; both targets' options satisfy it. */
export type CommonOptions = z.infer<typeof CommonSchema>;

export function parseOptions<S extends z.ZodType>(schema: S, input: unknown, flagPrefix: string): z.infer<S> {
  const r = schema.safeParse(input ?? {});
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = `${flagPrefix}.${issue.path.map(String).join('.') || '(options)'}`;
  if (issue.code === 'unrecognized_keys')
    throw new ConfigError(`unknown option(s) ${issue.keys.join(', ')}`, { field, fix: 'see the options documented in harness/targets/kubernetes/options.ts' });
  throw new ConfigError(issue.message, { field });
}

/** Variants rolling out at once on a kind host: ScyllaDB members need about 1.5 GiB each, kind itself about 3 GiB. */
export function defaultParallelism(totalBytes = totalmem()): number {
  const GiB = 1024 ** 3;
  return Math.max(1, Math.min(4, Math.floor((totalBytes - 3 * GiB) / (1.5 * GiB))));
}
