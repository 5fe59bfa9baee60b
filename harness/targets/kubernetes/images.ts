// The images a run's ScyllaDB pods and operator run, named as the operator names them, so kind can be given them
// once from the host instead of every node pulling them from Docker Hub (anonymous pulls are rate-limited).
// ScyllaCluster defaults (scylla-operator v1.21.1 pkg/api/scylla/v1/types_cluster.go: repository
// "docker.io/scylladb/scylla", agentRepository "docker.io/scylladb/scylla-manager-agent"); the operator image also
// runs as the ScyllaDB pods' sidecar and init container; every such container is PullIfNotPresent
// (pkg/controller/scylladbdatacenter/resource.go), and so is the operator's own Deployment (deploy/operator.yaml),
// so an image loaded into the nodes is used as is.
import type { Variant } from '../../variant/model.ts';

export const SCYLLA_REPOSITORY = 'docker.io/scylladb/scylla';
export const AGENT_REPOSITORY = 'docker.io/scylladb/scylla-manager-agent';

/** ScyllaDB and the Manager agent (one per version the variants ask for), then `others` (the operator); no duplicates. */
export function runImages(variants: readonly Variant[], agentOf: (v: Variant) => string, others: readonly string[]): string[] {
  if (variants.length === 0) return [...others];
  const scylla = [...new Set(variants.map((v) => `${SCYLLA_REPOSITORY}:${v.versions.scylla}`))].sort();
  const agents = [...new Set(variants.map((v) => `${AGENT_REPOSITORY}:${agentOf(v)}`))].sort();
  return [...scylla, ...agents, ...others];
}
