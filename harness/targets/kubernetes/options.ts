// Options of the Kubernetes targets (kind and kubeconfig), validated with field names a user can act on.
// Versions are pinned here and overridable; see fixtures/kind/README.md for how they were chosen.
import { z } from 'zod';
import { ConfigError } from '../../util/errors.ts';

/**
 * Pinned by digest as upstream pins it (scylla-operator HEAD assets/config/config.yaml, operatorTests.kindNodeImage;
 * v1.21.1's kind scripts pass no --image). It is the default node image of kind v0.32.0
 * (kubernetes-sigs/kind pkg/apis/config/defaults/image.go at that tag): KIND_RELEASE below.
 */
export const DEFAULT_NODE_IMAGE = 'kindest/node:v1.36.1@sha256:3489c7674813ba5d8b1a9977baea8a6e553784dab7b84759d1014dbd78f7ebd5';
/** The kind release DEFAULT_NODE_IMAGE was released with: kind supports a node image with its own release only. */
export const KIND_RELEASE = 'v0.32.0';
/**
 * ScyllaDB arguments on kind, as upstream's kind CI (hack/kind/run-e2e-tests.sh SO_SCYLLACLUSTER_REACTOR_BACKEND,
 * passed as ScyllaCluster spec.scyllaArgs by test/e2e/framework/testcontext.go ScyllaArgs): the io_uring reactor
 * backend needs no raised fs.aio-max-nr, a sysctl kind nodes share with the host. No NodeConfig is applied there.
 */
export const KIND_SCYLLA_ARGS = '--reactor-backend=io_uring';
export const DEFAULT_CERT_MANAGER_VERSION = 'v1.21.1';
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
    /** hack/ci-deploy.sh: `kubectl rollout status --timeout=5m` for the operator and its webhook. */
    operator: seconds(300),
    /** hack/ci-deploy.sh: `kubectl wait --for='condition=Reconciled' --timeout=10m` of a NodeConfig. */
    nodeConfig: seconds(600),
    /**
     * One datacenter's ScyllaCluster rollout. Unset: as long as the operator's e2e waits
     * (test/e2e/utils/helpers.go RolloutTimeoutForScyllaCluster), see rolloutTimeoutSeconds.
     */
    rollout: z.number().int().positive().optional(),
    /**
     * A pod whose volume cannot be mounted (FailedMount) for this long, naming a Secret or ConfigMap that still does
     * not exist and that the operator does not create, will not start by waiting: fail the variant. The kubelet has
     * retried the mount five times by then (exponential backoff from 0.5 s). Objects the operator creates get
     * `failedMountOperatorObject`.
     */
    failedMount: seconds(45),
    /**
     * The same for an object the operator creates (`<cluster>-...`): its sync may lag on a busy machine (upstream's
     * e2e allows a sync loop 2 minutes, test/e2e/utils/config.go SyncTimeout, "one cert can easily take over 30s").
     * Per cluster rolling out at once: that many mint their RSA keys on the same cores (resources.ts).
     */
    failedMountOperatorObject: seconds(180),
    /**
     * A ScyllaDB pod blocked on node tuning (a NodeConfig that has not tuned its node) for this long fails the variant.
     * Unset: 45 s on kind without nodeTuning (a NodeConfig the run did not ask for: on kind its perftune Job retunes
     * the host and is retried forever), else the NodeConfig wait (nodeConfig).
     */
    blockedOnTuning: z.number().int().positive().optional(),
    /**
     * A pod the scheduler cannot place (PodScheduled=False, reason Unschedulable, with its FailedScheduling events)
     * for this long fails the variant: no node has room or matches its placement, and waiting out the rollout timeout
     * (over 10 minutes per datacenter) changes nothing. Unset: 180 s on kind (no node will be added), 600 s on
     * kubeconfig (a cluster autoscaler may be adding one); see failedSchedulingSeconds.
     */
    failedScheduling: z.number().int().positive().optional(),
    /** CA bundle, credentials (cqlsh) and port-forwards of one datacenter. */
    endpoint: seconds(300),
    /** Deleting namespaces (until they are gone) and the kind cluster. */
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
  /**
   * Overrides the ScyllaDB Manager agent of every ScyllaCluster (spec.agentVersion). Unset: each variant's
   * versions.agent, else its operator release's default (harness/variant/support-matrix.ts).
   */
  agentVersion: z.string().min(1).optional(),
  /** Variants rolling out at once; default on kind from the host's memory and CPUs (resources.ts). */
  parallelism: z.number().int().min(1).max(64).optional(),
  /**
   * The host the resources are chosen for (resources.ts); default: this machine. `plan --host` sets it to plan for
   * another machine, e.g. a CI runner (harness/ci/workflow-timeouts.ts).
   */
  host: z.strictObject({ cpus: z.number().int().min(1), memoryBytes: z.number().positive() }).optional(),
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
  /**
   * Apply a NodeConfig on the ScyllaDB nodes (off by default: upstream's kind CI applies none, and the harness does
   * not retune someone else's nodes). Its node sysctls are not namespaced: on kind they change the HOST's values.
   */
  applyNodeConfig: z.boolean().default(false),
  /**
   * With applyNodeConfig: let the operator tune the nodes (perftune.py --tune=system --tune-clock in a privileged
   * Job, pkg/controller/nodetune/resource.go); false sets disableOptimizations: true.
   */
  nodeTuning: z.boolean().default(false),
  /** Sysctls the NodeConfig sets (applyNodeConfig only). */
  nodeSysctls: z.record(z.string().regex(/^[a-z0-9_.\-/]+$/), z.string()).default({}),
  /** ScyllaCluster spec.scyllaArgs of every datacenter (kind: KIND_SCYLLA_ARGS). */
  scyllaArgs: z
    .string()
    .regex(/^[A-Za-z0-9_\-=.,:/ ]*$/, 'must be ScyllaDB command-line flags such as --reactor-backend=io_uring')
    .optional(),
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
  scyllaArgs: common.scyllaArgs.unwrap().default(KIND_SCYLLA_ARGS),
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

/**
 * How long one datacenter's rollout may take: the operator's e2e budget (test/e2e/utils/helpers.go with
 * utils/config.go). The first datacenter: RolloutTimeoutForScyllaCluster, SyncTimeout 2 min + per member (30 s +
 * 4 min image pull + 3 min join) + cleanup Job 1 min, i.e. 10.5 min for one member. A datacenter joining through
 * externalSeeds: RolloutTimeoutForMultiDatacenterScyllaCluster, 15 min more per member for the repair on bootstrap
 * across datacenters, as test/e2e/set/scyllacluster/multidatacenter/scyllacluster_external_seeds.go waits.
 */
export function rolloutTimeoutSeconds(members: number, override?: number, joinsOtherDatacenter = false): number {
  return override ?? 120 + members * (30 + 240 + 180 + (joinsOtherDatacenter ? 900 : 0)) + 60;
}

